"""No child missed: every child the system finds must be recorded or dismissed with a reason.

Issue 4 ("finding every child"): a domestic-abuse incident cannot be submitted while a
detected child is neither recorded nor dismissed. Children who see, hear or experience the
effects of the abuse are victims in their own right (Domestic Abuse Act 2021 s.3,
DOMAIN.md §3.1 [S]); a child missed at the scene gets no notification to their school and no
referral. The finding itself happens elsewhere (known people in the services, mentions in
:mod:`safeguard.domestic.rules.narrative`); this module decides when the officer has dealt
with each one. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safeguard.domestic.rules.codes import DetectionSource, Resolution

MIN_DISMISSAL_REASON = 10


@dataclass(frozen=True)
class DetectedChild:
    """A child the officer has not yet accounted for.

    ``person_id`` is set for a child already known to the force (at the address, or related
    to a party); ``count`` is how many children a narrative phrase implies.
    """

    key: str
    source: DetectionSource
    description: str
    person_id: str | None = None
    count: int = 1
    count_stated: bool = False


@dataclass(frozen=True)
class ResolutionChoice:
    """The officer's answer for one detected child.

    ``child_indexes`` name rows of the incident's children list ("this is the child I
    recorded"); ``dismissed_reason`` says why it is not a child of this household.
    """

    key: str
    child_indexes: tuple[int, ...] = ()
    dismissed_reason: str = ""


@dataclass(frozen=True)
class Outcome:
    detected: DetectedChild
    resolution: Resolution
    reason: str
    child_indexes: tuple[int, ...]


def _recorded_indexes(
    detected: DetectedChild, recorded_person_ids: list[str | None]
) -> tuple[int, ...]:
    if detected.person_id is None:
        return ()
    return tuple(i for i, pid in enumerate(recorded_person_ids) if pid == detected.person_id)


def _indexes_error(detected: DetectedChild, indexes: tuple[int, ...], children: int) -> str | None:
    if any(i < 0 or i >= children for i in indexes):
        return f"{detected.description}: choose a child from the children recorded"
    if detected.count_stated and len(set(indexes)) < detected.count:
        return (
            f"{detected.description}: {detected.count} children are mentioned and "
            f"{len(set(indexes))} chosen; record the others or dismiss it with a reason"
        )
    return None


def _choice_error(
    detected: DetectedChild, choice: ResolutionChoice | None, children: int
) -> str | None:
    if choice is None or (not choice.child_indexes and not choice.dismissed_reason.strip()):
        return f"{detected.description}: record this child or dismiss it with a reason"
    if choice.child_indexes and choice.dismissed_reason.strip():
        return f"{detected.description}: either choose the recorded child or dismiss it, not both"
    if choice.child_indexes:
        return _indexes_error(detected, choice.child_indexes, children)
    if len(choice.dismissed_reason.strip()) < MIN_DISMISSAL_REASON:
        return (
            f"{detected.description}: give a reason of at least {MIN_DISMISSAL_REASON} "
            "characters for dismissing it"
        )
    return None


def resolve_detected(
    *,
    detected: Iterable[DetectedChild],
    recorded_person_ids: list[str | None],
    choices: Mapping[str, ResolutionChoice],
) -> tuple[list[Outcome], dict[str, str]]:
    """Return each detected child's outcome, and an error per child not yet dealt with.

    ``recorded_person_ids`` lists the children rows in order (None for a child being
    recorded for the first time). A known child whose record is among the rows is recorded
    without any choice. Choices for keys no longer detected (the narrative was edited) are
    ignored. The incident may be submitted only when the error dict is empty.
    """
    outcomes: list[Outcome] = []
    errors: dict[str, str] = {}
    for item in detected:
        already = _recorded_indexes(item, recorded_person_ids)
        if already:
            outcomes.append(Outcome(item, Resolution.RECORDED, "", already))
            continue
        choice = choices.get(item.key)
        error = _choice_error(item, choice, len(recorded_person_ids))
        if error is not None:
            errors[item.key] = error
            continue
        assert choice is not None
        if choice.child_indexes:
            indexes = tuple(sorted(set(choice.child_indexes)))
            outcomes.append(Outcome(item, Resolution.RECORDED, "", indexes))
        else:
            reason = choice.dismissed_reason.strip()
            outcomes.append(Outcome(item, Resolution.DISMISSED, reason, ()))
    return outcomes, errors
