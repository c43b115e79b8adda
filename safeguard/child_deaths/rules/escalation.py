"""Finding a trained officer who accepts, at any hour (DOMAIN.md §5.2 out of hours). Pure.

The on-call trained detective for the moment is asked first. If they have not accepted
within the force's time (``CHILD_DEATH_ACCEPT_MINUTES`` [U]), the ask times out: the next
trained detective on the list is asked, and the on-call senior officer is told. When no
trained detective is on call at all, the senior officer is told at once. The decision is a
function of what has happened so far, so running the worker twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Asked:
    officer: Hashable
    offered_at: dt.datetime
    accepted: bool
    timed_out: bool


@dataclass(frozen=True)
class Next:
    """What to do now: time out these asks, ask this officer, tell the senior officer."""

    time_out: tuple[Hashable, ...] = ()
    ask: Hashable | None = None
    tell_senior: bool = False
    reasons: tuple[str, ...] = field(default=())


def next_step(
    *,
    asked: Sequence[Asked],
    candidates: Sequence[Hashable],
    senior_told: bool,
    now: dt.datetime,
    accept_within: dt.timedelta,
) -> Next:
    """What the escalation should do now, from the asks so far and the officers on call.

    ``candidates`` are the trained detectives on call now, in the order they are called.
    """
    if any(a.accepted for a in asked):
        return Next()
    late = tuple(
        a.officer for a in asked if not a.timed_out and now >= a.offered_at + accept_within
    )
    waiting = [a for a in asked if not a.timed_out and a.officer not in late]
    if waiting:
        return Next(time_out=late)
    already = {a.officer for a in asked}
    remaining = [c for c in candidates if c not in already]
    reasons: list[str] = []
    if late:
        reasons.append("No acceptance within the time allowed")
    if not remaining:
        reasons.append("No other trained officer is on call")
    tell = not senior_told and (bool(late) or not remaining)
    return Next(
        time_out=late,
        ask=remaining[0] if remaining else None,
        tell_senior=tell,
        reasons=tuple(reasons),
    )
