from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from safeguard.core.rules.calendar import (
    LONDON,
    SchoolCalendar,
    is_school_day,
    is_working_day,
)
from safeguard.core.rules.deadlines import (
    NaiveDatetimeError,
    NoSchoolDayFound,
    hours_deadline,
    next_school_day_start,
    working_days_deadline,
)
from safeguard.core.rules.periods import DatePeriod
from safeguard.core.tests.rules.samples import (
    BANK_HOLIDAYS,
    PROPERTY_RANGE_ENDS_AT,
    PROPERTY_RANGE_STARTS_AT,
    PROPERTY_SETTINGS,
    SCHOOL_CALENDAR,
    london,
    utc,
)

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
INDIA = timezone(timedelta(hours=5, minutes=30))
MINUS_FIVE = timezone(timedelta(hours=-5))


class _NoOffset(tzinfo):
    """A tzinfo that gives no offset: a datetime carrying it is still naive."""

    def utcoffset(self, _dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, _dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, _dt: datetime | None) -> str | None:
        return None


# Hypothesis wants naive bounds; it attaches a time zone to each datetime it draws.
INSTANTS_FROM = utc(2025, 1, 1).replace(tzinfo=None)
INSTANTS_TO = utc(2027, 12, 1).replace(tzinfo=None)


def aware_instants(
    *, min_value: datetime = INSTANTS_FROM, max_value: datetime = INSTANTS_TO
) -> st.SearchStrategy[datetime]:
    """Aware datetimes in several time zones, including Europe/London's gaps and folds."""
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=st.sampled_from([UTC, LONDON, NEW_YORK, TOKYO, INDIA]),
    )


def _london_day(instant: datetime) -> date:
    return instant.astimezone(LONDON).date()


class TestWorkingDaysDeadline:
    @pytest.mark.parametrize(
        ("received_at", "working_days", "expected"),
        [
            # Weekdays and weekends, in winter (GMT, so local midnight is 00:00 UTC).
            pytest.param(london(2026, 1, 15, 9), 1, utc(2026, 1, 17), id="Thu -> end of Fri"),
            pytest.param(london(2026, 1, 16, 17), 1, utc(2026, 1, 20), id="Fri 17:00 -> Mon"),
            pytest.param(london(2026, 1, 17, 10), 1, utc(2026, 1, 20), id="Sat -> end of Mon"),
            pytest.param(london(2026, 1, 18, 23, 59), 1, utc(2026, 1, 20), id="Sun -> Mon"),
            pytest.param(london(2026, 1, 16, 17), 2, utc(2026, 1, 21), id="Fri, 2 -> Tue"),
            # Midnight exactly: the day of receipt never counts, however early.
            pytest.param(london(2026, 1, 19, 0, 0), 1, utc(2026, 1, 21), id="Mon 00:00 -> Tue"),
            pytest.param(
                datetime(2026, 1, 18, 23, 59, 59, 999999, tzinfo=LONDON),
                1,
                utc(2026, 1, 20),
                id="last microsecond of Sunday -> Mon",
            ),
            # Bank holidays (summer, BST: local midnight is 23:00 UTC the day before).
            pytest.param(
                london(2026, 5, 22, 17), 1, utc(2026, 5, 26, 23), id="Fri before spring BH -> Tue"
            ),
            pytest.param(
                london(2026, 4, 2, 17), 1, utc(2026, 4, 7, 23), id="Thu before Easter -> Tue"
            ),
            pytest.param(
                london(2026, 8, 28, 17), 1, utc(2026, 9, 1, 23), id="Fri before August BH -> Tue"
            ),
            pytest.param(
                london(2026, 12, 24, 10), 1, utc(2026, 12, 30), id="Christmas Eve 2026 -> Tue 29"
            ),
            pytest.param(
                london(2026, 12, 23, 10), 2, utc(2026, 12, 30), id="23 Dec 2026, 2 -> Tue 29"
            ),
            pytest.param(
                london(2027, 12, 24, 10), 1, utc(2027, 12, 30), id="Christmas Eve 2027 -> Wed 29"
            ),
            pytest.param(
                london(2026, 12, 31, 12), 1, utc(2027, 1, 5), id="New Year's Eve 2026 -> Mon 4"
            ),
            # Spring clock change, Sunday 29 March 2026.
            pytest.param(
                london(2026, 3, 26, 12), 1, utc(2026, 3, 28, 0), id="before spring change: GMT"
            ),
            pytest.param(
                london(2026, 3, 27, 12), 1, utc(2026, 3, 30, 23), id="across spring change: BST"
            ),
            pytest.param(
                utc(2026, 3, 29, 1, 30), 1, utc(2026, 3, 30, 23), id="on the spring change day"
            ),
            # Autumn clock change, Sunday 25 October 2026.
            pytest.param(
                london(2026, 10, 22, 12), 1, utc(2026, 10, 23, 23), id="before autumn change: BST"
            ),
            pytest.param(
                london(2026, 10, 23, 12), 1, utc(2026, 10, 27, 0), id="across autumn change: GMT"
            ),
            pytest.param(
                london(2026, 10, 25, 1, 30, fold=0),
                1,
                utc(2026, 10, 27, 0),
                id="first 01:30 of the autumn change day",
            ),
            pytest.param(
                london(2026, 10, 25, 1, 30, fold=1),
                1,
                utc(2026, 10, 27, 0),
                id="second 01:30 of the autumn change day",
            ),
            # The London calendar day decides, not the UTC one or the sender's.
            pytest.param(
                utc(2026, 6, 14, 22, 59), 1, utc(2026, 6, 15, 23), id="Sun 23:59 BST given in UTC"
            ),
            pytest.param(
                utc(2026, 6, 14, 23, 0), 1, utc(2026, 6, 16, 23), id="Mon 00:00 BST given in UTC"
            ),
            pytest.param(
                datetime(2026, 1, 15, 20, 0, tzinfo=MINUS_FIVE),
                1,
                utc(2026, 1, 20),
                id="Thu 20:00 -05:00 is Fri in London",
            ),
            pytest.param(
                datetime(2026, 1, 20, 8, 0, tzinfo=TOKYO),
                1,
                utc(2026, 1, 21),
                id="Tue 08:00 Tokyo is Mon in London",
            ),
            # Longer Working Together limits.
            pytest.param(
                london(2026, 3, 16, 10), 15, utc(2026, 4, 8, 23), id="15 days across Easter 2026"
            ),
            pytest.param(london(2026, 6, 1, 10), 45, utc(2026, 8, 3, 23), id="45-day assessment"),
            pytest.param(
                london(2026, 12, 18, 10), 10, utc(2027, 1, 7), id="10 days across Christmas"
            ),
        ],
    )
    def test_ends_at_london_midnight_after_the_nth_working_day(
        self, received_at: datetime, working_days: int, expected: datetime
    ) -> None:
        deadline = working_days_deadline(
            received_at=received_at, working_days=working_days, bank_holidays=BANK_HOLIDAYS
        )

        assert deadline == expected
        assert deadline.tzinfo is UTC
        assert deadline.astimezone(LONDON).time() == time(0, 0)

    def test_moves_the_deadline_when_monday_is_a_bank_holiday(self) -> None:
        friday_evening = london(2026, 1, 16, 17)
        monday = date(2026, 1, 19)

        ordinary = working_days_deadline(
            received_at=friday_evening, working_days=1, bank_holidays=frozenset()
        )
        with_holiday = working_days_deadline(
            received_at=friday_evening, working_days=1, bank_holidays=frozenset({monday})
        )

        assert ordinary == utc(2026, 1, 20)
        assert with_holiday == utc(2026, 1, 21)

    @pytest.mark.parametrize(
        "received_at",
        [
            pytest.param(utc(2026, 1, 16, 17).replace(tzinfo=None), id="no tzinfo"),
            pytest.param(datetime(2026, 1, 16, 17, 0, tzinfo=_NoOffset()), id="tzinfo, no offset"),
        ],
    )
    def test_refuses_a_naive_receipt_time(self, received_at: datetime) -> None:
        with pytest.raises(NaiveDatetimeError, match="received_at must be timezone-aware"):
            working_days_deadline(
                received_at=received_at, working_days=1, bank_holidays=BANK_HOLIDAYS
            )

    def test_reports_a_naive_time_as_a_value_error(self) -> None:
        naive = utc(2026, 1, 16).replace(tzinfo=None)

        with pytest.raises(ValueError, match="timezone-aware"):
            working_days_deadline(received_at=naive, working_days=1, bank_holidays=BANK_HOLIDAYS)

    @pytest.mark.parametrize("working_days", [0, -1, -45])
    def test_refuses_fewer_than_one_working_day(self, working_days: int) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            working_days_deadline(
                received_at=london(2026, 1, 16, 17),
                working_days=working_days,
                bank_holidays=BANK_HOLIDAYS,
            )

    @PROPERTY_SETTINGS
    @given(received_at=aware_instants(), working_days=st.integers(min_value=1, max_value=60))
    def test_ends_after_exactly_n_working_days_following_the_day_of_receipt(
        self, received_at: datetime, working_days: int
    ) -> None:
        deadline = working_days_deadline(
            received_at=received_at, working_days=working_days, bank_holidays=BANK_HOLIDAYS
        )

        # then: an aware UTC instant, later than receipt, at London midnight
        assert deadline.tzinfo is UTC
        assert deadline > received_at
        local_deadline = deadline.astimezone(LONDON)
        assert local_deadline.time() == time(0, 0)
        # and the last day allowed is a working day, with exactly N of them counted
        last_day = local_deadline.date() - timedelta(days=1)
        assert is_working_day(day=last_day, bank_holidays=BANK_HOLIDAYS)
        receipt_day = _london_day(received_at)
        counted = [
            receipt_day + timedelta(days=n)
            for n in range(1, (last_day - receipt_day).days + 1)
            if is_working_day(day=receipt_day + timedelta(days=n), bank_holidays=BANK_HOLIDAYS)
        ]
        assert len(counted) == working_days

    @PROPERTY_SETTINGS
    @given(
        first=aware_instants(),
        second=aware_instants(),
        working_days=st.integers(min_value=1, max_value=20),
    )
    def test_never_gives_an_earlier_deadline_for_a_later_receipt(
        self, first: datetime, second: datetime, working_days: int
    ) -> None:
        earlier, later = sorted([first, second])

        assert working_days_deadline(
            received_at=earlier, working_days=working_days, bank_holidays=BANK_HOLIDAYS
        ) <= working_days_deadline(
            received_at=later, working_days=working_days, bank_holidays=BANK_HOLIDAYS
        )

    @PROPERTY_SETTINGS
    @given(received_at=aware_instants(), working_days=st.integers(min_value=1, max_value=30))
    def test_gives_a_later_deadline_for_more_working_days(
        self, received_at: datetime, working_days: int
    ) -> None:
        assert working_days_deadline(
            received_at=received_at, working_days=working_days, bank_holidays=BANK_HOLIDAYS
        ) < working_days_deadline(
            received_at=received_at, working_days=working_days + 1, bank_holidays=BANK_HOLIDAYS
        )

    @PROPERTY_SETTINGS
    @given(
        received_at=aware_instants(),
        zone=st.sampled_from([UTC, LONDON, NEW_YORK, TOKYO, INDIA]),
    )
    def test_depends_only_on_the_instant_not_on_the_time_zone_it_is_given_in(
        self, received_at: datetime, zone: tzinfo
    ) -> None:
        assert working_days_deadline(
            received_at=received_at, working_days=1, bank_holidays=BANK_HOLIDAYS
        ) == working_days_deadline(
            received_at=received_at.astimezone(zone), working_days=1, bank_holidays=BANK_HOLIDAYS
        )


# Schools in term across a clock-change weekend, to see the UTC hour of the start move.
TERM_ACROSS_SPRING_CHANGE = SchoolCalendar(
    terms=(DatePeriod(starts_on=date(2026, 3, 23), ends_on=date(2026, 4, 2)),)
)
TERM_ACROSS_AUTUMN_CHANGE = SchoolCalendar(
    terms=(DatePeriod(starts_on=date(2026, 10, 19), ends_on=date(2026, 10, 30)),)
)


class TestNextSchoolDayStart:
    @pytest.mark.parametrize(
        ("after", "expected"),
        [
            # Within a summer-term week (BST: 08:30 local is 07:30 UTC).
            pytest.param(london(2026, 6, 16, 2), utc(2026, 6, 16, 7, 30), id="Tue 02:00 -> Tue"),
            pytest.param(london(2026, 6, 16, 0), utc(2026, 6, 16, 7, 30), id="Tue 00:00 -> Tue"),
            pytest.param(
                datetime(2026, 6, 16, 8, 29, 59, 999999, tzinfo=LONDON),
                utc(2026, 6, 16, 7, 30),
                id="a microsecond before the start -> Tue",
            ),
            pytest.param(
                london(2026, 6, 16, 8, 30), utc(2026, 6, 17, 7, 30), id="Tue 08:30 exactly -> Wed"
            ),
            pytest.param(london(2026, 6, 16, 10), utc(2026, 6, 17, 7, 30), id="Tue 10:00 -> Wed"),
            pytest.param(london(2026, 6, 19, 16), utc(2026, 6, 22, 7, 30), id="Fri 16:00 -> Mon"),
            pytest.param(london(2026, 6, 20, 12), utc(2026, 6, 22, 7, 30), id="Sat -> Mon"),
            pytest.param(london(2026, 6, 21, 23, 59), utc(2026, 6, 22, 7, 30), id="Sun -> Mon"),
            # Winter (GMT: 08:30 local is 08:30 UTC).
            pytest.param(london(2026, 1, 13, 8), utc(2026, 1, 13, 8, 30), id="winter Tue 08:00"),
            # Half-terms and holidays.
            pytest.param(
                london(2026, 5, 22, 16), utc(2026, 6, 1, 7, 30), id="Fri before May half-term"
            ),
            pytest.param(
                london(2026, 5, 25, 9), utc(2026, 6, 1, 7, 30), id="bank holiday in half-term"
            ),
            pytest.param(
                london(2027, 2, 12, 16), utc(2027, 2, 22, 8, 30), id="Fri before Feb half-term"
            ),
            pytest.param(london(2026, 7, 21, 16), utc(2026, 9, 4, 7, 30), id="end of summer term"),
            pytest.param(
                london(2026, 8, 12, 14), utc(2026, 9, 4, 7, 30), id="middle of summer holidays"
            ),
            pytest.param(london(2026, 12, 18, 16), utc(2027, 1, 5, 8, 30), id="end of autumn term"),
            # A bank holiday and an INSET day inside a term.
            pytest.param(
                london(2027, 4, 30, 16), utc(2027, 5, 4, 7, 30), id="Fri before May Day -> Tue"
            ),
            # Clock changes falling in a holiday.
            pytest.param(
                london(2026, 3, 27, 16), utc(2026, 4, 13, 7, 30), id="spring change, Easter 2026"
            ),
            pytest.param(
                london(2027, 3, 25, 16), utc(2027, 4, 12, 7, 30), id="spring change, Easter 2027"
            ),
            pytest.param(
                london(2026, 10, 22, 16), utc(2026, 11, 2, 8, 30), id="autumn change, half-term"
            ),
            pytest.param(
                london(2026, 10, 25, 1, 30, fold=0),
                utc(2026, 11, 2, 8, 30),
                id="first 01:30 on autumn change day",
            ),
            pytest.param(
                london(2026, 10, 25, 1, 30, fold=1),
                utc(2026, 11, 2, 8, 30),
                id="second 01:30 on autumn change day",
            ),
            # Inputs in other time zones: the London wall clock decides.
            pytest.param(utc(2026, 6, 16, 7, 29), utc(2026, 6, 16, 7, 30), id="07:29 UTC (BST)"),
            pytest.param(utc(2026, 6, 16, 7, 30), utc(2026, 6, 17, 7, 30), id="07:30 UTC (BST)"),
            pytest.param(
                datetime(2026, 6, 16, 3, 0, tzinfo=NEW_YORK),
                utc(2026, 6, 16, 7, 30),
                id="03:00 New York is 08:00 London",
            ),
            pytest.param(
                datetime(2026, 6, 16, 13, 0, tzinfo=INDIA),
                utc(2026, 6, 17, 7, 30),
                id="13:00 +05:30 is 08:30 London exactly",
            ),
        ],
    )
    def test_gives_the_first_school_day_start_strictly_after_the_incident(
        self, after: datetime, expected: datetime
    ) -> None:
        starts_at = next_school_day_start(
            after=after, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
        )

        assert starts_at == expected
        assert starts_at.tzinfo is UTC

    @pytest.mark.parametrize(
        ("calendar", "after", "expected"),
        [
            pytest.param(
                TERM_ACROSS_SPRING_CHANGE,
                london(2026, 3, 27, 16),
                utc(2026, 3, 30, 7, 30),
                id="Fri GMT -> Mon 08:30 BST",
            ),
            pytest.param(
                TERM_ACROSS_SPRING_CHANGE,
                utc(2026, 3, 29, 0, 30),
                utc(2026, 3, 30, 7, 30),
                id="Sun before the change -> Mon 08:30 BST",
            ),
            pytest.param(
                TERM_ACROSS_AUTUMN_CHANGE,
                london(2026, 10, 23, 16),
                utc(2026, 10, 26, 8, 30),
                id="Fri BST -> Mon 08:30 GMT",
            ),
        ],
    )
    def test_starts_at_local_wall_time_across_a_clock_change(
        self, calendar: SchoolCalendar, after: datetime, expected: datetime
    ) -> None:
        starts_at = next_school_day_start(
            after=after, calendar=calendar, bank_holidays=BANK_HOLIDAYS
        )

        assert starts_at == expected
        assert starts_at.astimezone(LONDON).time() == time(8, 30)

    @pytest.mark.parametrize(
        ("day_starts_at", "after", "expected"),
        [
            pytest.param(time(8, 45), london(2026, 6, 16, 8, 40), utc(2026, 6, 16, 7, 45)),
            pytest.param(time(8, 45), london(2026, 6, 16, 8, 45), utc(2026, 6, 17, 7, 45)),
            pytest.param(time(9, 0), london(2026, 1, 13, 8, 59), utc(2026, 1, 13, 9, 0)),
        ],
    )
    def test_uses_the_school_day_start_time_of_the_calendar(
        self, day_starts_at: time, after: datetime, expected: datetime
    ) -> None:
        calendar = SchoolCalendar(
            terms=SCHOOL_CALENDAR.terms,
            closures=SCHOOL_CALENDAR.closures,
            day_starts_at=day_starts_at,
        )

        assert (
            next_school_day_start(after=after, calendar=calendar, bank_holidays=BANK_HOLIDAYS)
            == expected
        )

    def test_uses_only_the_bank_holidays_it_is_given(self) -> None:
        friday_before_may_day = london(2027, 4, 30, 16)

        assert next_school_day_start(
            after=friday_before_may_day, calendar=SCHOOL_CALENDAR, bank_holidays=frozenset()
        ) == utc(2027, 5, 3, 7, 30)

    @pytest.mark.parametrize(
        ("after", "search_limit_days", "finds_monday"),
        [
            pytest.param(london(2026, 6, 19, 16), 3, True, id="Fri: Monday is 3 days on"),
            pytest.param(london(2026, 6, 19, 16), 2, False, id="Fri: 2 days reach Sunday"),
            pytest.param(
                london(2026, 6, 20, 0, 30), 2, True, id="Sat 00:30 BST: counts from the London day"
            ),
            pytest.param(london(2026, 6, 20, 0, 30), 1, False, id="Sat 00:30 BST: 1 day"),
        ],
    )
    def test_searches_the_day_of_the_incident_and_the_limit_of_days_after_it(
        self, after: datetime, search_limit_days: int, finds_monday: bool
    ) -> None:
        if finds_monday:
            assert next_school_day_start(
                after=after,
                calendar=SCHOOL_CALENDAR,
                bank_holidays=BANK_HOLIDAYS,
                search_limit_days=search_limit_days,
            ) == utc(2026, 6, 22, 7, 30)
        else:
            with pytest.raises(NoSchoolDayFound):
                next_school_day_start(
                    after=after,
                    calendar=SCHOOL_CALENDAR,
                    bank_holidays=BANK_HOLIDAYS,
                    search_limit_days=search_limit_days,
                )

    @pytest.mark.parametrize(
        ("calendar", "after", "search_limit_days"),
        [
            pytest.param(SchoolCalendar(terms=()), london(2026, 6, 16, 10), 400, id="no terms"),
            pytest.param(
                SchoolCalendar(
                    terms=(DatePeriod(starts_on=date(2025, 9, 3), ends_on=date(2025, 12, 19)),)
                ),
                london(2026, 6, 16, 10),
                400,
                id="only past terms",
            ),
            pytest.param(
                SCHOOL_CALENDAR, london(2026, 7, 21, 16), 30, id="summer holidays past limit"
            ),
            pytest.param(
                SCHOOL_CALENDAR, london(2027, 7, 21, 16), 400, id="after the last term entered"
            ),
        ],
    )
    def test_raises_no_school_day_found_when_the_search_runs_out(
        self, calendar: SchoolCalendar, after: datetime, search_limit_days: int
    ) -> None:
        with pytest.raises(NoSchoolDayFound, match="term dates") as raised:
            next_school_day_start(
                after=after,
                calendar=calendar,
                bank_holidays=BANK_HOLIDAYS,
                search_limit_days=search_limit_days,
            )

        assert isinstance(raised.value, ValueError)

    @pytest.mark.parametrize("search_limit_days", [0, -1])
    def test_refuses_a_search_limit_below_one_day(self, search_limit_days: int) -> None:
        with pytest.raises(ValueError, match="search_limit_days must be at least 1") as raised:
            next_school_day_start(
                after=london(2026, 6, 16, 2),
                calendar=SCHOOL_CALENDAR,
                bank_holidays=BANK_HOLIDAYS,
                search_limit_days=search_limit_days,
            )

        assert not isinstance(raised.value, NoSchoolDayFound)

    @pytest.mark.parametrize(
        "after",
        [
            pytest.param(utc(2026, 6, 16, 2).replace(tzinfo=None), id="no tzinfo"),
            pytest.param(datetime(2026, 6, 16, 2, 0, tzinfo=_NoOffset()), id="tzinfo, no offset"),
        ],
    )
    def test_refuses_a_naive_incident_time(self, after: datetime) -> None:
        with pytest.raises(NaiveDatetimeError, match="after must be timezone-aware"):
            next_school_day_start(
                after=after, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
            )

    @PROPERTY_SETTINGS
    @given(
        after=aware_instants(min_value=PROPERTY_RANGE_STARTS_AT, max_value=PROPERTY_RANGE_ENDS_AT)
    )
    def test_is_always_later_and_is_the_start_of_the_first_school_day_after(
        self, after: datetime
    ) -> None:
        starts_at = next_school_day_start(
            after=after, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
        )

        # then: strictly later, aware UTC, at 08:30 London time on a school day
        assert starts_at > after
        assert starts_at.tzinfo is UTC
        local_start = starts_at.astimezone(LONDON)
        assert local_start.time() == SCHOOL_CALENDAR.day_starts_at
        assert is_school_day(
            day=local_start.date(), calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
        )
        # and no school day starts between the incident and the result
        first_day = _london_day(after)
        for offset in range((local_start.date() - first_day).days):
            day = first_day + timedelta(days=offset)
            if is_school_day(day=day, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS):
                earlier_start = datetime.combine(day, time(8, 30), tzinfo=LONDON)
                assert earlier_start <= after

    @PROPERTY_SETTINGS
    @given(
        first=aware_instants(min_value=PROPERTY_RANGE_STARTS_AT, max_value=PROPERTY_RANGE_ENDS_AT),
        second=aware_instants(min_value=PROPERTY_RANGE_STARTS_AT, max_value=PROPERTY_RANGE_ENDS_AT),
    )
    def test_never_gives_an_earlier_start_for_a_later_incident(
        self, first: datetime, second: datetime
    ) -> None:
        earlier, later = sorted([first, second])

        assert next_school_day_start(
            after=earlier, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
        ) <= next_school_day_start(
            after=later, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
        )

    @PROPERTY_SETTINGS
    @given(
        after=aware_instants(min_value=PROPERTY_RANGE_STARTS_AT, max_value=PROPERTY_RANGE_ENDS_AT)
    )
    def test_gives_the_next_start_again_when_asked_from_a_start(self, after: datetime) -> None:
        starts_at = next_school_day_start(
            after=after, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
        )
        assume(starts_at < datetime(2027, 7, 21, tzinfo=LONDON))

        following = next_school_day_start(
            after=starts_at, calendar=SCHOOL_CALENDAR, bank_holidays=BANK_HOLIDAYS
        )

        assert following > starts_at
        assert following.astimezone(LONDON).date() > starts_at.astimezone(LONDON).date()


class TestHoursDeadline:
    @pytest.mark.parametrize(
        ("starts_at", "hours", "expected"),
        [
            pytest.param(utc(2026, 1, 10, 12), 72, utc(2026, 1, 13, 12), id="72 hours, winter"),
            pytest.param(utc(2026, 1, 10, 12), 1, utc(2026, 1, 10, 13), id="one hour"),
            pytest.param(
                london(2026, 3, 27, 12), 72, utc(2026, 3, 30, 12), id="72 hours across spring"
            ),
            pytest.param(
                london(2026, 10, 23, 12), 72, utc(2026, 10, 26, 11), id="72 hours across autumn"
            ),
            pytest.param(
                london(2026, 3, 29, 0), 24, utc(2026, 3, 30, 0), id="24 hours over the short day"
            ),
            pytest.param(
                london(2026, 10, 25, 0), 24, utc(2026, 10, 25, 23), id="24 hours over the long day"
            ),
            pytest.param(
                datetime(2026, 6, 1, 9, 0, tzinfo=INDIA), 1, utc(2026, 6, 1, 4, 30), id="+05:30"
            ),
        ],
    )
    def test_adds_elapsed_hours_and_returns_utc(
        self, starts_at: datetime, hours: int, expected: datetime
    ) -> None:
        deadline = hours_deadline(starts_at=starts_at, hours=hours)

        assert deadline == expected
        assert deadline.tzinfo is UTC

    @pytest.mark.parametrize(
        ("starts_at", "expected_wall_time"),
        [
            pytest.param(london(2026, 3, 27, 12), time(13, 0), id="spring: an hour later"),
            pytest.param(london(2026, 10, 23, 12), time(11, 0), id="autumn: an hour earlier"),
        ],
    )
    def test_moves_the_london_wall_time_when_the_clocks_change(
        self, starts_at: datetime, expected_wall_time: time
    ) -> None:
        deadline = hours_deadline(starts_at=starts_at, hours=72)

        assert deadline.astimezone(LONDON).time() == expected_wall_time

    @pytest.mark.parametrize(
        "starts_at",
        [
            pytest.param(utc(2026, 1, 10, 12).replace(tzinfo=None), id="no tzinfo"),
            pytest.param(datetime(2026, 1, 10, 12, tzinfo=_NoOffset()), id="tzinfo, no offset"),
        ],
    )
    def test_refuses_a_naive_start(self, starts_at: datetime) -> None:
        with pytest.raises(NaiveDatetimeError, match="starts_at must be timezone-aware"):
            hours_deadline(starts_at=starts_at, hours=72)

    @pytest.mark.parametrize("hours", [0, -1, -72])
    def test_refuses_fewer_than_one_hour(self, hours: int) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            hours_deadline(starts_at=utc(2026, 1, 10, 12), hours=hours)

    @PROPERTY_SETTINGS
    @given(starts_at=aware_instants(), hours=st.integers(min_value=1, max_value=24 * 400))
    def test_is_always_exactly_that_many_real_hours_later(
        self, starts_at: datetime, hours: int
    ) -> None:
        deadline = hours_deadline(starts_at=starts_at, hours=hours)

        assert deadline.tzinfo is UTC
        assert deadline - starts_at == timedelta(hours=hours)
