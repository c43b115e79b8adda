"""Dates of birth for record linkage (issue 6): parsing, day and month swapped, estimated ages.

Pure: the standard library only.
"""

from __future__ import annotations

import datetime as dt
import re

FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d")


class BadDate(ValueError):
    """The text is not a date in any accepted format."""


def parse_date_of_birth(text: str, *, today: dt.date) -> dt.date | None:
    """Return the date in ``text`` (ISO or UK day-first), None if blank.

    :raises BadDate: not a date, or a date after ``today`` or before 1900
    """
    value = text.strip()
    if not value:
        return None
    for fmt in FORMATS:
        if fmt == "%Y%m%d" and not re.fullmatch(r"\d{8}", value):
            continue  # "201411" is not 1 January 2014: a compact date needs all 8 digits
        try:
            parsed = dt.datetime.strptime(value, fmt).replace(tzinfo=dt.UTC).date()
        except ValueError:
            continue
        if parsed > today:
            raise BadDate(f"{value!r} is in the future")
        if parsed.year < 1900:
            raise BadDate(f"{value!r} is before 1900")
        return parsed
    raise BadDate(f"{value[:20]!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def swapped(date: dt.date) -> dt.date | None:
    """Return the date with day and month exchanged, if that is a different valid date."""
    if date.day > 12 or date.day == date.month:
        return None
    return date.replace(day=date.month, month=date.day)


def dob_keys(date: dt.date | None) -> tuple[str, str, str]:
    """Return (ISO date, day and month sorted with the year, year) for comparing and blocking.

    The middle key is equal for a date and its day-month swap: 2014-03-07 and 2014-07-03 both
    give "2014-03-07" there, so a swapped entry still blocks and compares as close.
    """
    if date is None:
        return "", "", ""
    low, high = sorted((date.day, date.month))
    return date.isoformat(), f"{date.year:04d}-{low:02d}-{high:02d}", f"{date.year:04d}"


def birth_year_from_estimate(estimated_age: int | None, estimated_on: dt.date | None) -> int | None:
    """Return the likely year of birth from an estimated age (the year it was estimated, less
    the age), or None."""
    if estimated_age is None or estimated_on is None:
        return None
    return estimated_on.year - estimated_age
