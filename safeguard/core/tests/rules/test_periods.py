from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.rules.periods import DatePeriod
from safeguard.core.tests.rules.samples import PROPERTY_SETTINGS

AUTUMN_TERM_2026 = DatePeriod(starts_on=date(2026, 9, 2), ends_on=date(2026, 10, 23))

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


class TestDatePeriod:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2026, 9, 1), False, id="day before the start"),
            pytest.param(date(2026, 9, 2), True, id="first day (inclusive)"),
            pytest.param(date(2026, 9, 30), True, id="a day in the middle"),
            pytest.param(date(2026, 10, 23), True, id="last day (inclusive)"),
            pytest.param(date(2026, 10, 24), False, id="day after the end"),
            pytest.param(date(2025, 9, 15), False, id="same dates a year earlier"),
        ],
    )
    def test_contains_days_from_start_to_end_inclusive(self, day: date, expected: bool) -> None:
        assert AUTUMN_TERM_2026.contains(day) is expected

    def test_allows_a_single_day_period(self) -> None:
        inset_day = DatePeriod(starts_on=date(2026, 9, 2), ends_on=date(2026, 9, 2))

        assert inset_day.contains(date(2026, 9, 2))
        assert not inset_day.contains(date(2026, 9, 1))
        assert not inset_day.contains(date(2026, 9, 3))

    def test_refuses_a_period_that_ends_before_it_starts(self) -> None:
        with pytest.raises(ValueError, match="cannot end"):
            DatePeriod(starts_on=date(2026, 9, 2), ends_on=date(2026, 9, 1))

    def test_cannot_be_changed_once_made(self) -> None:
        with pytest.raises(dataclasses.FrozenInstanceError):
            AUTUMN_TERM_2026.ends_on = date(2026, 12, 18)  # type: ignore[misc]  # frozen on purpose

    def test_is_equal_to_a_period_with_the_same_dates_and_hashable(self) -> None:
        same = DatePeriod(starts_on=date(2026, 9, 2), ends_on=date(2026, 10, 23))

        assert same == AUTUMN_TERM_2026
        assert len({same, AUTUMN_TERM_2026}) == 1

    @PROPERTY_SETTINGS
    @given(starts_on=days, length=st.integers(min_value=0, max_value=400))
    def test_always_contains_both_ends_and_nothing_just_outside(
        self, starts_on: date, length: int
    ) -> None:
        period = DatePeriod(starts_on=starts_on, ends_on=starts_on + timedelta(days=length))

        assert period.contains(period.starts_on)
        assert period.contains(period.ends_on)
        assert not period.contains(period.starts_on - timedelta(days=1))
        assert not period.contains(period.ends_on + timedelta(days=1))

    @PROPERTY_SETTINGS
    @given(first=days, second=days)
    def test_accepts_exactly_the_ordered_pairs_of_dates(self, first: date, second: date) -> None:
        if second >= first:
            assert DatePeriod(starts_on=first, ends_on=second).ends_on == second
        else:
            with pytest.raises(ValueError, match="cannot end"):
                DatePeriod(starts_on=first, ends_on=second)
