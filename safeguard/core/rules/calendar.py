"""Working days and school days, in the Europe/London calendar.

Pure: imports only the standard library, ``zoneinfo`` and :mod:`safeguard.core.rules`, and
never reads the clock. Bank holidays, term dates and closures are passed in as data; this
module never looks them up (see :mod:`safeguard.core.rules.bank_holidays`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from safeguard.core.rules.periods import DatePeriod

LONDON = ZoneInfo("Europe/London")
"""The time zone every calendar rule is read in (GMT in winter, BST in summer)."""

_SATURDAY = 5


def _is_weekday(day: date) -> bool:
    return day.weekday() < _SATURDAY


def is_working_day(*, day: date, bank_holidays: frozenset[date]) -> bool:
    """Say whether ``day`` is a working day.

    A working day is Monday to Friday and not one of ``bank_holidays``.

    "Working day" is the unit of the Working Together time limits (DOMAIN.md §4.2 [S]): the
    one-working-day referral decision, 15 working days to an initial child protection
    conference, 45 working days for an assessment. The local procedures quoted there
    do not define the term; Monday to Friday less bank holidays is the usual reading.
    """
    return _is_weekday(day) and day not in bank_holidays


@dataclass(frozen=True)
class SchoolCalendar:
    """The dates on which one school (or one local authority's schools) is open.

    ``terms`` are the term periods, each inclusive at both ends; half-terms and holidays
    are the gaps between them. ``closures`` are further days the school is shut inside a
    term (INSET days, snow days, polling days). ``day_starts_at`` is the Europe/London wall
    time at which the school day starts; it must carry no time zone.

    Term dates and start times vary by school and by local authority, so they are data
    for the caller to supply, never constants (DOMAIN.md §3.2 [S]).
    """

    terms: tuple[DatePeriod, ...]
    closures: frozenset[date] = frozenset()
    day_starts_at: time = time(8, 30)

    def __post_init__(self) -> None:
        """Refuse a start time that carries a time zone.

        :raises ValueError: if ``day_starts_at`` has a ``tzinfo``
        """
        if self.day_starts_at.tzinfo is not None:
            raise ValueError(
                "day_starts_at is a Europe/London wall time and must not carry a time zone."
            )


def is_school_day(*, day: date, calendar: SchoolCalendar, bank_holidays: frozenset[date]) -> bool:
    """Say whether ``day`` is a school day in ``calendar``.

    A school day is a weekday that falls inside a term, is not one of the calendar's
    closures and is not a bank holiday. It is the unit of the Operation Encompass
    standard, notification "before the start of the next school day" (DOMAIN.md §3.2 [S]).
    """
    return (
        _is_weekday(day)
        and day not in bank_holidays
        and day not in calendar.closures
        and any(term.contains(day) for term in calendar.terms)
    )
