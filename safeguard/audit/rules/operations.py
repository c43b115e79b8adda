"""The six processing operations that DPA 2018 s.62(1) requires logs for (DOMAIN.md §9.3 [P])."""

from __future__ import annotations

from enum import StrEnum


class Operation(StrEnum):
    COLLECTION = "collection"
    ALTERATION = "alteration"
    CONSULTATION = "consultation"
    DISCLOSURE = "disclosure"
    COMBINATION = "combination"
    ERASURE = "erasure"


class MissingJustification(ValueError):
    """s.62(2)/(3): consultation and disclosure logs must establish the justification."""


class MissingRecipients(ValueError):
    """s.62(3)(b)(ii): a disclosure log must identify the recipients."""


def check_event(*, operation: Operation, justification: str, recipients: tuple[str, ...]) -> None:
    """Refuse an event that s.62 would find incomplete.

    :raises MissingJustification: consultation or disclosure without a justification
    :raises MissingRecipients: disclosure without recipients
    """
    needs_justification = operation in {Operation.CONSULTATION, Operation.DISCLOSURE}
    if needs_justification and not justification.strip():
        raise MissingJustification(f"a {operation} needs a justification (DPA 2018 s.62)")
    if operation is Operation.DISCLOSURE and not recipients:
        raise MissingRecipients("a disclosure needs its recipients (DPA 2018 s.62(3))")
