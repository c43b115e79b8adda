"""Deadlines: working days, the next school day, and elapsed hours.

Pure: imports only the standard library, ``zoneinfo`` and :mod:`safeguard.core.rules`, and
never reads the clock. The instant a deadline runs from is always passed in.

Every datetime taken in must be timezone-aware; every datetime returned is aware and in
UTC (``datetime.UTC``, the same object as ``datetime.timezone.utc``), ready to store.
Calendar reasoning (which day it is, when a day ends, when school starts) is done in
Europe/London wall time, as STYLE.md §4.6 requires.

A returned deadline is an exclusive bound: the duty is met by any instant strictly
before it. "By the end of Monday" is returned as midnight at the start of Tuesday.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from safeguard.core.rules.calendar import (
    LONDON,
    SchoolCalendar,
    is_school_day,
    is_working_day,
)

_ONE_DAY = timedelta(days=1)


class NaiveDatetimeError(ValueError):
    """A datetime without a time zone was given where an instant is needed."""


class NoSchoolDayFound(ValueError):
    """No school day was found within the search limit (often: no term dates entered)."""


def _require_aware(value: datetime, *, name: str) -> None:
    # A datetime is aware only if it has a tzinfo AND that tzinfo gives an offset for it
    # (the definition in the datetime documentation).
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{name} must be timezone-aware; a naive datetime does not name an instant."
        )


def _end_of_london_day(day: date) -> datetime:
    # Midnight exists exactly once on every Europe/London day: the clocks change at
    # 01:00 GMT, never across midnight. So there is no gap or fold to choose between.
    next_midnight = datetime.combine(day + _ONE_DAY, time(0), tzinfo=LONDON)
    return next_midnight.astimezone(UTC)


def working_days_deadline(
    *, received_at: datetime, working_days: int, bank_holidays: frozenset[date]
) -> datetime:
    """Return when a "within N working days" limit runs out.

    Working Together 2023 sets limits in working days: a decision on a referral
    "within one working day", an initial child protection conference within 15 working
    days of the strategy discussion, an assessment within 45 working days
    (DOMAIN.md §4.2 [S]). Because the source is secondary, the number of days is an
    argument, to be taken from force policy, never a constant here.

    The count starts on the day after the Europe/London calendar day on which
    ``received_at`` falls, whatever the time of day; the day of receipt never counts.
    Days that are not working days (weekends and ``bank_holidays``) are skipped. The
    deadline is the end of the ``working_days``-th working day, returned as the exclusive
    bound midnight (Europe/London) at the start of the following day, in UTC. For
    example, a referral received on Friday at 17:00 with one working day is due by the
    end of Monday, or the end of Tuesday if Monday is a bank holiday.

    ``bank_holidays`` must cover every year the count can reach; a missing year makes its
    bank holidays count as working days.

    :raises NaiveDatetimeError: if ``received_at`` is naive (a ``ValueError``)
    :raises ValueError: if ``working_days`` is less than 1
    """
    _require_aware(received_at, name="received_at")
    if working_days < 1:
        raise ValueError(f"working_days must be at least 1, not {working_days}.")
    day = received_at.astimezone(LONDON).date()
    remaining = working_days
    while remaining:
        day += _ONE_DAY
        if is_working_day(day=day, bank_holidays=bank_holidays):
            remaining -= 1
    return _end_of_london_day(day)


def next_school_day_start(
    *,
    after: datetime,
    calendar: SchoolCalendar,
    bank_holidays: frozenset[date],
    search_limit_days: int = 400,
) -> datetime:
    """Return when the next school day starts, strictly after ``after``.

    The Operation Encompass standard is notification of the school's designated
    safeguarding lead "before the start of the next school day", including for incidents
    at weekends and in holidays (DOMAIN.md §3.2 [S]). The statute itself (Domestic Abuse
    Act 2021 s.49A) says only "as soon as is reasonably practicable" [S]; this function
    gives the latest acceptable time under the scheme standard, not the statutory one.

    The result is the first instant after ``after`` at which a school day in ``calendar``
    starts: ``calendar.day_starts_at`` in Europe/London wall time, on a day that
    :func:`~safeguard.core.rules.calendar.is_school_day` accepts. Weekends, bank
    holidays, half-terms, the holidays between terms and closures are skipped, so after
    the last day of the summer term the answer is the first day of the autumn term. An
    incident at the very moment school starts is due at the start of the next school day.
    The result is an exclusive bound, in UTC.

    The search looks at the Europe/London day of ``after`` and the ``search_limit_days``
    days that follow it.

    :raises NaiveDatetimeError: if ``after`` is naive (a ``ValueError``)
    :raises ValueError: if ``search_limit_days`` is less than 1
    :raises NoSchoolDayFound: if no school day starts within the search limit, for
        example because no term dates have been entered (a ``ValueError``)
    """
    _require_aware(after, name="after")
    if search_limit_days < 1:
        raise ValueError(f"search_limit_days must be at least 1, not {search_limit_days}.")
    first_day = after.astimezone(LONDON).date()
    for offset in range(search_limit_days + 1):
        day = first_day + timedelta(days=offset)
        if not is_school_day(day=day, calendar=calendar, bank_holidays=bank_holidays):
            continue
        # School days are weekdays and the UK clocks change on Sundays, so the start
        # time is never in a gap or a fold.
        starts_at = datetime.combine(day, calendar.day_starts_at, tzinfo=LONDON).astimezone(UTC)
        if starts_at > after:
            return starts_at
    raise NoSchoolDayFound(
        f"No school day starts within {search_limit_days} days after {after.isoformat()}; "
        "check that the school's term dates have been entered."
    )


def hours_deadline(*, starts_at: datetime, hours: int) -> datetime:
    """Return the instant ``hours`` elapsed hours after ``starts_at``.

    Limits stated in hours are elapsed time: 72 hours is 72 real hours whatever the clock
    on the wall says. Examples are the 72-hour maximum for police protection under
    Children Act 1989 s.46 (DOMAIN.md §4.2 [S]) and the return home interview within
    72 hours of a missing child's return (DOMAIN.md §2.2 [S]). Neither source discusses
    clock changes; reading hours as elapsed time is the plain meaning of the words [U].

    The hours are added in UTC, so a limit that spans a clock change ends an hour later
    (spring) or earlier (autumn) on the Europe/London wall clock than a naive reading
    would suggest: 72 hours from Friday 27 March 2026 12:00 GMT is Monday 30 March
    13:00 BST. The result is the instant the limit is reached, in UTC.

    :raises NaiveDatetimeError: if ``starts_at`` is naive (a ``ValueError``)
    :raises ValueError: if ``hours`` is less than 1
    """
    _require_aware(starts_at, name="starts_at")
    if hours < 1:
        raise ValueError(f"hours must be at least 1, not {hours}.")
    return starts_at.astimezone(UTC) + timedelta(hours=hours)
