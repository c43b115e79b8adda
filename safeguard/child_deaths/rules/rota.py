"""Who is on call, trained, at a given moment; where trained cover is missing (DOMAIN.md §5.2).

Shifts are periods between aware instants, so a shift across midnight or across a clock
change is simply a period: 22:00 Saturday to 08:00 Sunday lasts 10 hours, or 9 or 11 on
the night the clocks change, and a lookup at any instant inside it finds it. An officer
counts as trained on a day when a child-death course was completed on or before it and
expires after it. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from safeguard.child_deaths.rules.codes import Duty
from safeguard.core.rules.calendar import LONDON


@dataclass(frozen=True)
class Shift:
    officer: Hashable
    duty: Duty
    starts_at: dt.datetime
    ends_at: dt.datetime
    rank: int = 1  # 1 is called first; then 2, and so on


@dataclass(frozen=True)
class Training:
    officer: Hashable
    completed_on: dt.date
    expires_on: dt.date


@dataclass(frozen=True)
class Gap:
    duty: Duty
    starts_at: dt.datetime
    ends_at: dt.datetime


def is_trained(officer: Hashable, on: dt.date, training: Iterable[Training]) -> bool:
    """Trained on ``on``: a course completed on or before it that expires after it."""
    return any(t.officer == officer and t.completed_on <= on < t.expires_on for t in training)


def on_call(
    shifts: Iterable[Shift], training: Sequence[Training], *, at: dt.datetime, duty: Duty
) -> list[Shift]:
    """The trained officers on call for ``duty`` at ``at``, in the order they are called.

    Training runs by calendar day in London, so it is checked on the London date at ``at``.
    """
    local_date = at.astimezone(LONDON).date()
    at = at.astimezone(dt.UTC)  # compare instants, never London wall clocks (fold)
    found = [
        s
        for s in shifts
        if s.duty == duty
        and s.starts_at.astimezone(dt.UTC) <= at < s.ends_at.astimezone(dt.UTC)
        and is_trained(s.officer, local_date, training)
    ]
    return sorted(found, key=lambda s: (s.rank, s.starts_at, str(s.officer)))


def overlap_errors(new: Shift, existing: Iterable[Shift]) -> list[str]:
    """Why ``new`` cannot be added: it ends before it starts, or the officer is already on."""
    errors: list[str] = []
    if new.ends_at <= new.starts_at:
        errors.append("A shift must end after it starts.")
    for shift in existing:
        if (
            shift.officer == new.officer
            and shift.starts_at < new.ends_at
            and new.starts_at < shift.ends_at
        ):
            errors.append(
                "The officer is already on call from "
                f"{shift.starts_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} "
                f"to {shift.ends_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC."
            )
    return errors


def cover_gaps(
    shifts: Sequence[Shift],
    training: Sequence[Training],
    *,
    start: dt.datetime,
    end: dt.datetime,
    step: dt.timedelta = dt.timedelta(minutes=30),
) -> list[Gap]:
    """The periods from ``start`` to ``end`` with no trained officer on call, per duty.

    Checked every ``step`` (half an hour by default: shifts start and end on the half hour);
    consecutive uncovered steps join into one gap.
    """
    gaps: list[Gap] = []
    for duty in Duty:
        opened: dt.datetime | None = None
        at = start
        while at < end:
            covered = bool(on_call(shifts, training, at=at, duty=duty))
            if not covered and opened is None:
                opened = at
            if covered and opened is not None:
                gaps.append(Gap(duty, opened, at))
                opened = None
            at += step
        if opened is not None:
            gaps.append(Gap(duty, opened, end))
    return gaps
