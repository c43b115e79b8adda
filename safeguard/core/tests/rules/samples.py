"""Shared test data for the core rules: real bank holidays and a realistic school year.

The school calendar is modelled on a typical English local authority's published term
dates for the spring and summer terms of 2025/26 and the whole of 2026/27. It is test data
only; real term dates come from each school or local authority.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import settings

from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.calendar import LONDON, SchoolCalendar
from safeguard.core.rules.periods import DatePeriod

# Property tests must not write a .hypothesis directory into the checkout.
PROPERTY_SETTINGS = settings(database=None, max_examples=200)

BANK_HOLIDAYS = england_and_wales_bank_holidays(years=range(2024, 2031))

TERMS_2025_26_TO_2026_27 = (
    # 2025/26, spring and summer terms
    DatePeriod(starts_on=date(2026, 1, 5), ends_on=date(2026, 2, 13)),
    # February half-term: 16-20 February 2026
    DatePeriod(starts_on=date(2026, 2, 23), ends_on=date(2026, 3, 27)),
    # Easter holidays: 30 March - 10 April 2026 (Good Friday 3 April, Easter Monday 6 April)
    DatePeriod(starts_on=date(2026, 4, 13), ends_on=date(2026, 5, 22)),
    # May half-term: 25-29 May 2026 (spring bank holiday 25 May)
    DatePeriod(starts_on=date(2026, 6, 1), ends_on=date(2026, 7, 21)),
    # Summer holidays: 22 July - 1 September 2026
    # 2026/27
    DatePeriod(starts_on=date(2026, 9, 2), ends_on=date(2026, 10, 23)),
    # October half-term: 26-30 October 2026 (clocks go back on Sunday 25 October)
    DatePeriod(starts_on=date(2026, 11, 2), ends_on=date(2026, 12, 18)),
    # Christmas holidays: 21 December 2026 - 1 January 2027
    DatePeriod(starts_on=date(2027, 1, 4), ends_on=date(2027, 2, 12)),
    # February half-term: 15-19 February 2027
    DatePeriod(starts_on=date(2027, 2, 22), ends_on=date(2027, 3, 25)),
    # Easter holidays: 26 March - 9 April 2027 (Good Friday 26 March, clocks go forward 28 March)
    DatePeriod(starts_on=date(2027, 4, 12), ends_on=date(2027, 5, 28)),
    # May half-term: 31 May - 4 June 2027 (spring bank holiday 31 May)
    DatePeriod(starts_on=date(2027, 6, 7), ends_on=date(2027, 7, 21)),
)

# Staff training (INSET) days: inside a term, but no pupils in school.
INSET_DAYS = frozenset(
    {
        date(2026, 9, 2),
        date(2026, 9, 3),
        date(2026, 10, 23),
        date(2027, 1, 4),
    }
)

SCHOOL_CALENDAR = SchoolCalendar(
    terms=TERMS_2025_26_TO_2026_27, closures=INSET_DAYS, day_starts_at=time(8, 30)
)

# The range of incident times for which SCHOOL_CALENDAR always has a next school day.
# Hypothesis wants naive bounds; it attaches a time zone to each datetime it draws.
PROPERTY_RANGE_STARTS_AT = datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None)
PROPERTY_RANGE_ENDS_AT = datetime(2027, 7, 20, tzinfo=UTC).replace(tzinfo=None)


def london(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0
) -> datetime:
    """Build an aware datetime from a Europe/London wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON, fold=fold)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Build an aware datetime in UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
