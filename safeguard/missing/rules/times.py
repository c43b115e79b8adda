"""Time checks for a missing episode and the return interview's 72 hours (DOMAIN.md §2.2)."""

from __future__ import annotations

import datetime as dt

from safeguard.core.rules.calendar import LONDON

RETURN_INTERVIEW_HOURS = 72
"""The statutory guidance: a return interview within 72 hours of return (DOMAIN.md §2.2 [S]).

Force policy ``MISSING_RETURN_INTERVIEW_HOURS``, default 72.
"""

DEFAULT_PREVENTION_INTERVIEW_HOURS = 24
"""The police prevention interview "as soon as possible" (DOMAIN.md §2.2 [S]); the hours are
force policy ``MISSING_PREVENTION_INTERVIEW_HOURS`` [U]."""


def report_time_errors(
    *, last_seen_at: dt.datetime | None, reported_at: dt.datetime | None, now: dt.datetime
) -> dict[str, list[str]]:
    """Return field errors for the times of a report: none in the future, seen before reported."""
    errors: dict[str, list[str]] = {}
    if last_seen_at is not None and last_seen_at > now:
        errors["last_seen_at"] = ["The time last seen cannot be in the future"]
    if reported_at is not None and reported_at > now:
        errors["reported_at"] = ["The time reported cannot be in the future"]
    if (
        last_seen_at is not None
        and reported_at is not None
        and reported_at < last_seen_at
        and not errors
    ):
        errors["reported_at"] = [
            "The child was reported missing before the time they were last seen: check both times"
        ]
    return errors


def found_time_errors(
    *, last_seen_at: dt.datetime, found_at: dt.datetime, now: dt.datetime
) -> list[str]:
    """Return what is wrong with a found time: in the future, or before the child went missing."""
    if found_at > now:
        return ["The time found cannot be in the future"]
    if found_at < last_seen_at:
        return [
            "The time found is before the child went missing (last seen "
            f"{last_seen_at.astimezone(LONDON):%d/%m/%Y %H:%M}): check the time"
        ]
    return []


def return_interview_due(
    *, found_at: dt.datetime, hours: int = RETURN_INTERVIEW_HOURS
) -> dt.datetime:
    """Return when the return interview falls due: ``hours`` elapsed hours after return."""
    if found_at.tzinfo is None:
        raise ValueError("found_at must be timezone-aware")
    return found_at.astimezone(dt.UTC) + dt.timedelta(hours=hours)


def within(*, done_at: dt.datetime | None, due_at: dt.datetime) -> bool:
    """Tell whether something was done at or before its due time."""
    return done_at is not None and done_at <= due_at
