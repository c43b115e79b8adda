"""Age from a date of birth or an estimate; child means under 18 (Children Act 1989 s.105)."""

from __future__ import annotations

import datetime as dt

ADULT_AGE = 18


def age_on(
    *,
    on: dt.date,
    date_of_birth: dt.date | None,
    estimated_age: int | None = None,
    estimated_on: dt.date | None = None,
) -> int | None:
    """Return the age in whole years on ``on``, from the date of birth or else the estimate.

    An estimate made on ``estimated_on`` ages with the calendar; None if neither is known.
    """
    if date_of_birth is not None:
        had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
        return on.year - date_of_birth.year - (0 if had_birthday else 1)
    if estimated_age is not None:
        years_since = 0 if estimated_on is None else max(0, (on - estimated_on).days // 365)
        return estimated_age + years_since
    return None


def is_child(*, age: int | None) -> bool:
    """Tell whether a person of ``age`` is a child; unknown age is not assumed to be a child."""
    return age is not None and age < ADULT_AGE
