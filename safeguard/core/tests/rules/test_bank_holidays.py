from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.tests.rules.samples import PROPERTY_SETTINGS


def _library_dates(*, subdiv: str, years: range) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=subdiv, years=list(years)))


class TestEnglandAndWalesBankHolidays:
    @pytest.mark.parametrize(
        "day",
        [
            pytest.param(date(2025, 1, 1), id="New Year's Day 2025"),
            pytest.param(date(2025, 4, 18), id="Good Friday 2025"),
            pytest.param(date(2025, 4, 21), id="Easter Monday 2025"),
            pytest.param(date(2025, 5, 5), id="Early May bank holiday 2025"),
            pytest.param(date(2025, 5, 26), id="Spring bank holiday 2025"),
            pytest.param(date(2025, 8, 25), id="Summer bank holiday 2025"),
            pytest.param(date(2025, 12, 25), id="Christmas Day 2025"),
            pytest.param(date(2025, 12, 26), id="Boxing Day 2025"),
            pytest.param(date(2026, 1, 1), id="New Year's Day 2026"),
            pytest.param(date(2026, 4, 3), id="Good Friday 2026"),
            pytest.param(date(2026, 4, 6), id="Easter Monday 2026"),
            pytest.param(date(2026, 5, 4), id="Early May bank holiday 2026"),
            pytest.param(date(2026, 5, 25), id="Spring bank holiday 2026"),
            pytest.param(date(2026, 8, 31), id="Summer bank holiday 2026"),
            pytest.param(date(2026, 12, 25), id="Christmas Day 2026 (Friday)"),
            pytest.param(date(2026, 12, 28), id="Boxing Day 2026 substitute (Monday)"),
            pytest.param(date(2027, 1, 1), id="New Year's Day 2027"),
            pytest.param(date(2027, 3, 26), id="Good Friday 2027"),
            pytest.param(date(2027, 3, 29), id="Easter Monday 2027"),
            pytest.param(date(2027, 5, 3), id="Early May bank holiday 2027"),
            pytest.param(date(2027, 5, 31), id="Spring bank holiday 2027"),
            pytest.param(date(2027, 8, 30), id="Summer bank holiday 2027"),
            pytest.param(date(2027, 12, 27), id="Christmas Day 2027 substitute (Monday)"),
            pytest.param(date(2027, 12, 28), id="Boxing Day 2027 substitute (Tuesday)"),
        ],
    )
    def test_includes_the_published_bank_holidays_for_2025_to_2027(self, day: date) -> None:
        assert day in england_and_wales_bank_holidays(years=[2025, 2026, 2027])

    @pytest.mark.parametrize(
        "day",
        [
            pytest.param(date(2026, 12, 26), id="Boxing Day 2026 itself, a Saturday"),
            pytest.param(date(2027, 12, 25), id="Christmas Day 2027 itself, a Saturday"),
            pytest.param(date(2027, 12, 26), id="Boxing Day 2027 itself, a Sunday"),
            pytest.param(date(2026, 1, 2), id="2 January, Scotland only"),
            pytest.param(date(2026, 8, 3), id="Summer bank holiday in Scotland only"),
            pytest.param(date(2026, 11, 30), id="St Andrew's Day, Scotland only"),
            pytest.param(date(2026, 3, 17), id="St Patrick's Day, Northern Ireland only"),
            pytest.param(date(2026, 7, 13), id="Battle of the Boyne, Northern Ireland only"),
            pytest.param(date(2026, 12, 24), id="Christmas Eve, not a bank holiday"),
            pytest.param(date(2026, 12, 29), id="the working day after the substitute"),
        ],
    )
    def test_excludes_weekend_dates_and_other_nations_days(self, day: date) -> None:
        assert day not in england_and_wales_bank_holidays(years=[2026, 2027])

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2020, 5, 8), True, id="VE Day 2020 (May Day moved)"),
            pytest.param(date(2020, 5, 4), False, id="the usual first Monday in May 2020"),
            pytest.param(date(2022, 6, 3), True, id="Platinum Jubilee 2022"),
            pytest.param(date(2022, 5, 30), False, id="the usual last Monday in May 2022"),
            pytest.param(date(2022, 9, 19), True, id="State Funeral of Queen Elizabeth II"),
            pytest.param(date(2023, 5, 8), True, id="Coronation of Charles III"),
        ],
    )
    def test_follows_one_off_and_moved_bank_holidays(self, day: date, expected: bool) -> None:
        assert (day in england_and_wales_bank_holidays(years=[day.year])) is expected

    @pytest.mark.parametrize("year", [2025, 2026, 2027])
    def test_gives_eight_bank_holidays_in_an_ordinary_year(self, year: int) -> None:
        bank_holidays = england_and_wales_bank_holidays(years=[year])

        assert len(bank_holidays) == 8
        assert {day.year for day in bank_holidays} == {year}

    def test_gives_the_same_days_as_the_library_gives_for_wales(self) -> None:
        years = range(1950, 2100)

        # England and Wales share bank holidays: check the library agrees, so that a
        # library release that parts them fails here rather than in a deadline.
        assert _library_dates(subdiv="ENG", years=years) == _library_dates(
            subdiv="WLS", years=years
        )
        assert england_and_wales_bank_holidays(years=years) == frozenset(
            day for day in _library_dates(subdiv="WLS", years=years) if day.weekday() < 5
        )

    def test_loses_no_day_off_by_leaving_out_weekend_dates(self) -> None:
        years = range(1975, 2100)
        library = holidays.country_holidays("GB", subdiv="ENG", years=list(years))
        bank_holidays = england_and_wales_bank_holidays(years=years)

        weekend_dates = [day for day in library if day.weekday() >= 5]

        assert weekend_dates, "the library should list some weekend dates"
        for weekend_date in weekend_dates:
            substitutes = [
                weekend_date + timedelta(days=n)
                for n in (1, 2, 3)
                if weekend_date + timedelta(days=n) in bank_holidays
                and "observed" in library[weekend_date + timedelta(days=n)].lower()
            ]
            assert substitutes, f"no weekday substitute for {weekend_date}"

    def test_gives_nothing_for_no_years(self) -> None:
        assert england_and_wales_bank_holidays(years=[]) == frozenset()

    def test_accepts_any_iterable_of_years(self) -> None:
        from_generator = england_and_wales_bank_holidays(years=(y for y in (2026, 2027)))

        assert from_generator == england_and_wales_bank_holidays(years=[2026, 2027])
        assert isinstance(from_generator, frozenset)

    @PROPERTY_SETTINGS
    @given(years=st.lists(st.integers(min_value=1975, max_value=2099), min_size=1, max_size=4))
    def test_gives_the_union_of_each_year_on_its_own_and_only_weekdays(
        self, years: list[int]
    ) -> None:
        together = england_and_wales_bank_holidays(years=years)

        assert together == frozenset().union(
            *(england_and_wales_bank_holidays(years=[year]) for year in years)
        )
        assert all(day.weekday() < 5 and day.year in years for day in together)
