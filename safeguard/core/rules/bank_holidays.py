"""Bank holidays in England and Wales, taken from the ``holidays`` library.

Pure: imports only the standard library and ``holidays``, and never reads the clock. The
caller says which years it needs, so the same input always gives the same answer.

England and Wales share one list of bank holidays. This was checked against the library
(``holidays`` 0.109): ``subdiv="ENG"`` and ``subdiv="WLS"`` give identical dates for every
year from 1950 to 2099, including one-off days such as the State Funeral of Queen
Elizabeth II (19 September 2022) and the Coronation of Charles III (8 May 2023).
``safeguard/core/tests/rules/test_bank_holidays.py`` repeats the check, so a library
upgrade that parts the two will fail the tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import holidays

_SATURDAY = 5


def england_and_wales_bank_holidays(*, years: Iterable[int]) -> frozenset[date]:
    """Return the bank holidays in England and Wales for ``years``.

    The dates are the days on which the bank holiday is taken, as gov.uk publishes them.
    When Christmas Day, Boxing Day or New Year's Day falls at a weekend, the library lists
    both the weekend date and the weekday substitute (Boxing Day 2026 is Saturday
    26 December; its substitute is Monday 28 December). Only the substitute is a day off,
    so weekend dates are left out. A weekend is never a working day or a school day, so
    leaving them out changes no deadline; it keeps the set equal to the official list.

    Which days are bank holidays is fixed by the Banking and Financial Dealings Act 1971
    and royal proclamation, not by DOMAIN.md; DOMAIN.md §4.2 [S] ("within one working
    day") is the rule that needs them.

    Years the library does not cover give no dates, so pass every year a deadline may
    reach (the year of receipt and the next one are enough for the limits in use).
    """
    england = holidays.country_holidays("GB", subdiv="ENG", years=list(years))
    return frozenset(day for day in england if day.weekday() < _SATURDAY)
