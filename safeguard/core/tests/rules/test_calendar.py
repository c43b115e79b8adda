from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.rules.calendar import (
    LONDON,
    SchoolCalendar,
    is_school_day,
    is_working_day,
)
from safeguard.core.rules.periods import DatePeriod
from safeguard.core.tests.rules.samples import (
    BANK_HOLIDAYS,
    PROPERTY_SETTINGS,
    SCHOOL_CALENDAR,
)

NO_BANK_HOLIDAYS: frozenset[date] = frozenset()


class TestLondon:
    @pytest.mark.parametrize(
        ("instant", "expected_offset_hours"),
        [
            pytest.param(datetime(2026, 3, 29, 0, 59, tzinfo=UTC), 0, id="just before spring"),
            pytest.param(datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 1, id="spring change"),
            pytest.param(datetime(2026, 10, 25, 0, 59, tzinfo=UTC), 1, id="just before autumn"),
            pytest.param(datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 0, id="autumn change"),
        ],
    )
    def test_changes_between_gmt_and_bst_at_one_in_the_morning_utc(
        self, instant: datetime, expected_offset_hours: int
    ) -> None:
        assert instant.astimezone(LONDON).utcoffset() == timedelta(hours=expected_offset_hours)


class TestIsWorkingDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2026, 1, 19), True, id="Monday"),
            pytest.param(date(2026, 1, 23), True, id="Friday"),
            pytest.param(date(2026, 1, 24), False, id="Saturday"),
            pytest.param(date(2026, 1, 25), False, id="Sunday"),
            pytest.param(date(2026, 1, 1), False, id="New Year's Day (Thursday)"),
            pytest.param(date(2026, 1, 2), True, id="2 January (Scottish holiday only)"),
            pytest.param(date(2026, 4, 3), False, id="Good Friday"),
            pytest.param(date(2026, 4, 6), False, id="Easter Monday"),
            pytest.param(date(2026, 4, 7), True, id="Tuesday after Easter"),
            pytest.param(date(2026, 5, 25), False, id="Spring bank holiday"),
            pytest.param(date(2026, 8, 31), False, id="Summer bank holiday"),
            pytest.param(date(2026, 12, 24), True, id="Christmas Eve (Thursday)"),
            pytest.param(date(2026, 12, 25), False, id="Christmas Day (Friday)"),
            pytest.param(date(2026, 12, 26), False, id="Boxing Day (Saturday)"),
            pytest.param(date(2026, 12, 28), False, id="Boxing Day substitute (Monday)"),
            pytest.param(date(2026, 12, 29), True, id="Tuesday after Christmas 2026"),
            pytest.param(date(2027, 12, 27), False, id="Christmas Day 2027 substitute"),
            pytest.param(date(2027, 12, 28), False, id="Boxing Day 2027 substitute"),
            pytest.param(date(2027, 12, 29), True, id="Wednesday after Christmas 2027"),
        ],
    )
    def test_is_true_only_on_weekdays_that_are_not_bank_holidays(
        self, day: date, expected: bool
    ) -> None:
        assert is_working_day(day=day, bank_holidays=BANK_HOLIDAYS) is expected

    def test_uses_only_the_bank_holidays_it_is_given(self) -> None:
        christmas_2026 = date(2026, 12, 25)

        assert is_working_day(day=christmas_2026, bank_holidays=NO_BANK_HOLIDAYS)
        assert not is_working_day(day=christmas_2026, bank_holidays=frozenset({christmas_2026}))

    @PROPERTY_SETTINGS
    @given(day=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    def test_agrees_with_weekday_and_bank_holiday_membership(self, day: date) -> None:
        expected = day.weekday() < 5 and day not in BANK_HOLIDAYS

        assert is_working_day(day=day, bank_holidays=BANK_HOLIDAYS) is expected


class TestSchoolCalendar:
    def test_starts_the_school_day_at_half_past_eight_by_default(self) -> None:
        calendar = SchoolCalendar(terms=())

        assert calendar.day_starts_at == time(8, 30)
        assert calendar.closures == frozenset()

    @pytest.mark.parametrize(
        "zone",
        [
            pytest.param(UTC, id="UTC"),
            pytest.param(LONDON, id="Europe/London"),
            pytest.param(timezone(timedelta(hours=1)), id="fixed +01:00"),
        ],
    )
    def test_refuses_a_start_time_with_a_time_zone(self, zone: tzinfo) -> None:
        with pytest.raises(ValueError, match="wall time"):
            SchoolCalendar(terms=(), day_starts_at=time(8, 30, tzinfo=zone))


class TestIsSchoolDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2026, 6, 16), True, id="Tuesday in summer term"),
            pytest.param(date(2026, 6, 20), False, id="Saturday in summer term"),
            pytest.param(date(2026, 6, 21), False, id="Sunday in summer term"),
            pytest.param(date(2026, 1, 5), True, id="first day of spring term 2026"),
            pytest.param(date(2026, 1, 2), False, id="Friday before spring term 2026"),
            pytest.param(date(2026, 2, 13), True, id="last day before February half-term"),
            pytest.param(date(2026, 2, 18), False, id="February half-term"),
            pytest.param(date(2026, 3, 27), True, id="last day of spring term 2026"),
            pytest.param(date(2026, 4, 7), False, id="Easter holidays 2026"),
            pytest.param(date(2026, 5, 27), False, id="May half-term 2026"),
            pytest.param(date(2026, 7, 21), True, id="last day of summer term 2026"),
            pytest.param(date(2026, 7, 22), False, id="first day of summer holidays"),
            pytest.param(date(2026, 8, 12), False, id="summer holidays"),
            pytest.param(date(2026, 8, 31), False, id="summer bank holiday, outside term"),
            pytest.param(date(2026, 9, 2), False, id="INSET day at start of autumn term"),
            pytest.param(date(2026, 9, 3), False, id="second INSET day"),
            pytest.param(date(2026, 9, 4), True, id="first day pupils are in"),
            pytest.param(date(2026, 10, 22), True, id="Thursday before half-term"),
            pytest.param(date(2026, 10, 23), False, id="INSET day before October half-term"),
            pytest.param(date(2026, 10, 26), False, id="October half-term"),
            pytest.param(date(2026, 11, 2), True, id="first day after October half-term"),
            pytest.param(date(2026, 12, 18), True, id="last day of autumn term"),
            pytest.param(date(2026, 12, 28), False, id="Boxing Day substitute, holidays"),
            pytest.param(date(2027, 1, 4), False, id="INSET day at start of spring term"),
            pytest.param(date(2027, 1, 5), True, id="first day of spring term 2027"),
            pytest.param(date(2027, 5, 3), False, id="Early May bank holiday in term"),
            pytest.param(date(2027, 5, 4), True, id="Tuesday after May bank holiday"),
            pytest.param(date(2027, 7, 22), False, id="after the last term entered"),
        ],
    )
    def test_is_true_only_on_weekdays_in_term_that_are_not_closures_or_bank_holidays(
        self, day: date, expected: bool
    ) -> None:
        assert (
            is_school_day(day=day, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS)
            is expected
        )

    def test_uses_only_the_bank_holidays_it_is_given(self) -> None:
        may_day_2027 = date(2027, 5, 3)

        assert is_school_day(
            day=may_day_2027, calendar=SCHOOL_CALENDAR, bank_holidays=NO_BANK_HOLIDAYS
        )

    def test_is_never_true_when_no_terms_are_entered(self) -> None:
        calendar = SchoolCalendar(terms=())

        assert not is_school_day(
            day=date(2026, 6, 16), calendar=calendar, bank_holidays=NO_BANK_HOLIDAYS
        )

    def test_treats_a_closure_outside_every_term_as_no_school_day(self) -> None:
        calendar = SchoolCalendar(
            terms=(DatePeriod(starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30)),),
            closures=frozenset({date(2026, 8, 12)}),
        )

        assert not is_school_day(
            day=date(2026, 8, 12), calendar=calendar, bank_holidays=NO_BANK_HOLIDAYS
        )
        assert is_school_day(
            day=date(2026, 6, 30), calendar=calendar, bank_holidays=NO_BANK_HOLIDAYS
        )

    @PROPERTY_SETTINGS
    @given(day=st.dates(min_value=date(2025, 12, 1), max_value=date(2027, 8, 31)))
    def test_is_true_exactly_on_working_days_inside_a_term_that_are_not_closures(
        self, day: date
    ) -> None:
        expected = (
            is_working_day(day=day, bank_holidays=BANK_HOLIDAYS)
            and any(term.contains(day) for term in SCHOOL_CALENDAR.terms)
            and day not in SCHOOL_CALENDAR.closures
        )

        assert (
            is_school_day(day=day, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS)
            is expected
        )
