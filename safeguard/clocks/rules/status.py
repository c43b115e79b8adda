"""Where a statutory clock stands, and how far its escalation has gone.

Pure: imports only the standard library and :mod:`safeguard.core.rules`, and never reads
the clock. ``now`` is always passed in.

Every instant taken in must be timezone-aware. Comparisons and arithmetic are done in
UTC, so an hour is an elapsed hour across the clock changes. (Python compares and adds
two datetimes that share a ``tzinfo`` by their wall time and ignores ``fold``: 01:30 BST
and 01:30 GMT on the night the clocks go back would compare equal.)

Meeting a deadline at the very instant it falls due counts as met, and a running clock
becomes overdue only after that instant. This is one instant more generous than the
exclusive bound that :mod:`safeguard.core.rules.deadlines` returns ("met by any instant
strictly before it"); the difference is a single microsecond and is chosen so that "at
the deadline" reads as "on time" to an officer, as "within 72 hours" does in law.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from safeguard.core.rules.deadlines import NaiveDatetimeError

_ZERO = timedelta(0)


class ClockStatus(StrEnum):
    """What an officer sees against a statutory clock."""

    RUNNING = "RUNNING"
    """Not stopped, and not yet within the due-soon window."""

    DUE_SOON = "DUE_SOON"
    """Not stopped, within the due-soon window before the deadline, or at the deadline."""

    OVERDUE = "OVERDUE"
    """Not stopped, and the deadline has passed: a breach in progress."""

    MET = "MET"
    """Stopped at or before the deadline."""

    BREACHED = "BREACHED"
    """Stopped after the deadline."""

    @property
    def is_breach(self) -> bool:
        """Say whether the status is a breach, finished or still in progress."""
        return self in {ClockStatus.OVERDUE, ClockStatus.BREACHED}


class InvalidEscalationSteps(ValueError):
    """The escalation offsets are negative, out of order or missing."""


def _utc(value: datetime, *, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{name} must be timezone-aware; a naive datetime does not name an instant."
        )
    return value.astimezone(UTC)


def clock_status(
    *,
    due_at: datetime,
    stopped_at: datetime | None,
    now: datetime,
    due_soon_window: timedelta,
) -> ClockStatus:
    """Return where a clock stands at ``now``.

    A stopped clock is MET if it stopped at or before ``due_at`` and BREACHED if it stopped
    after; ``now`` does not change a stopped clock's status. A running clock is OVERDUE
    once ``now`` is after ``due_at``, DUE_SOON from ``due_at - due_soon_window`` up to and
    including ``due_at``, and RUNNING before that. A zero window makes a clock DUE_SOON
    only at the instant it falls due.

    The deadline itself comes from the rule that started the clock (for example
    Working Together 2023's one working day, DOMAIN.md §4.2 [S]); the due-soon window is
    force policy, because no national guidance sets one [U].

    :raises NaiveDatetimeError: if any instant is naive (a ``ValueError``)
    :raises ValueError: if ``due_soon_window`` is negative
    """
    due = _utc(due_at, name="due_at")
    at = _utc(now, name="now")
    if due_soon_window < _ZERO:
        raise ValueError(f"due_soon_window must not be negative, not {due_soon_window}.")
    if stopped_at is not None:
        if _utc(stopped_at, name="stopped_at") <= due:
            return ClockStatus.MET
        return ClockStatus.BREACHED
    if at > due:
        return ClockStatus.OVERDUE
    if at >= due - due_soon_window:
        return ClockStatus.DUE_SOON
    return ClockStatus.RUNNING


def check_escalation_steps(steps: Sequence[timedelta]) -> None:
    """Refuse escalation offsets that cannot describe an escalation ladder.

    The offsets must be at least one, none negative, and in non-decreasing order (two
    equal offsets make two steps fall due together).

    :raises InvalidEscalationSteps: if they do not (a ``ValueError``)
    """
    if not steps:
        raise InvalidEscalationSteps("There must be at least one escalation step.")
    if any(step < _ZERO for step in steps):
        raise InvalidEscalationSteps(
            "Escalation steps are offsets after the deadline: none may be negative."
        )
    if any(later < earlier for earlier, later in pairwise(steps)):
        raise InvalidEscalationSteps("Escalation steps must be in order, earliest first.")


def escalation_step(
    *,
    due_at: datetime,
    now: datetime,
    stopped_at: datetime | None,
    steps: Sequence[timedelta],
) -> int:
    """Return how many escalation steps have fallen due.

    ``steps`` are offsets after the deadline, earliest first. Step *k* (counting from 1)
    falls due at ``due_at + steps[k - 1]``, and the result counts the steps that have
    fallen due, so it runs from 0 to ``len(steps)``. With the default ladder
    ``[0h, 2h, 8h]`` the result is 0 before the deadline, 1 at the deadline (reminder to the
    owner), 2 two hours after it (the supervisor and, where one is waited on, the
    partner's manager) and 3 eight hours after it (the on-call senior officer). The
    offsets are force policy: DOMAIN.md §4.3 says MASH timescales are set locally [U].

    Escalation stops when the clock stops: for a stopped clock the count is taken at
    ``stopped_at`` (or at ``now`` if that is earlier), so it never grows after the stop.
    The result never decreases as ``now`` moves forward.

    :raises NaiveDatetimeError: if any instant is naive (a ``ValueError``)
    :raises InvalidEscalationSteps: if the steps are empty, negative or out of order
    """
    due = _utc(due_at, name="due_at")
    at = _utc(now, name="now")
    check_escalation_steps(steps)
    if stopped_at is not None:
        at = min(at, _utc(stopped_at, name="stopped_at"))
    return sum(1 for offset in steps if at >= due + offset)
