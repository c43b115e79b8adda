"""The justification a consultation needs (DPA 2018 s.62(2); DOMAIN.md §9.3 [P-copy])."""

from __future__ import annotations

from safeguard.core.exceptions import DomainError

MIN_PURPOSE_LENGTH = 5


class PurposeRequired(DomainError):
    """A record was opened without a stated purpose."""


def require_purpose(purpose: str, *, what: str = "this record") -> str:
    """Return the stated purpose, trimmed.

    :raises PurposeRequired: no purpose, or one too short to mean anything
    """
    cleaned = purpose.strip()
    if len(cleaned) < MIN_PURPOSE_LENGTH:
        raise PurposeRequired(f"State why you are opening {what}.")
    return cleaned
