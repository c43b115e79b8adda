from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from safeguard.missing.rules.times import (
    DEFAULT_PREVENTION_INTERVIEW_HOURS,
    RETURN_INTERVIEW_HOURS,
    found_time_errors,
    report_time_errors,
    return_interview_due,
    within,
)

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
SECOND = dt.timedelta(seconds=1)

SEEN_FUTURE = "The time last seen cannot be in the future"
REPORTED_FUTURE = "The time reported cannot be in the future"
REPORTED_BEFORE_SEEN = (
    "The child was reported missing before the time they were last seen: check both times"
)
FOUND_FUTURE = "The time found cannot be in the future"


def test_force_policy_defaults() -> None:
    assert RETURN_INTERVIEW_HOURS == 72
    assert DEFAULT_PREVENTION_INTERVIEW_HOURS == 24


class TestReportTimeErrors:
    @pytest.mark.parametrize(
        ("last_seen_at", "reported_at", "expected"),
        [
            (NOW - 3 * HOUR, NOW - HOUR, {}),
            (NOW - HOUR, NOW - HOUR, {}),
            (NOW, NOW, {}),
            (None, None, {}),
            (NOW - HOUR, None, {}),
            (None, NOW - HOUR, {}),
            (NOW + SECOND, None, {"last_seen_at": [SEEN_FUTURE]}),
            (None, NOW + SECOND, {"reported_at": [REPORTED_FUTURE]}),
            (NOW + HOUR, NOW - HOUR, {"last_seen_at": [SEEN_FUTURE]}),
            (NOW - HOUR, NOW + HOUR, {"reported_at": [REPORTED_FUTURE]}),
            (
                NOW + 2 * HOUR,
                NOW + HOUR,
                {"last_seen_at": [SEEN_FUTURE], "reported_at": [REPORTED_FUTURE]},
            ),
            (NOW - HOUR, NOW - 2 * HOUR, {"reported_at": [REPORTED_BEFORE_SEEN]}),
            (NOW - HOUR, NOW - HOUR - SECOND, {"reported_at": [REPORTED_BEFORE_SEEN]}),
        ],
    )
    def test_table(
        self,
        last_seen_at: dt.datetime | None,
        reported_at: dt.datetime | None,
        expected: dict[str, list[str]],
    ) -> None:
        assert (
            report_time_errors(last_seen_at=last_seen_at, reported_at=reported_at, now=NOW)
            == expected
        )

    def test_compares_instants_not_wall_clocks(self) -> None:
        # 12:30 BST is 11:30 UTC: reported after last seen, though its wall clock is earlier.
        last_seen = dt.datetime(2026, 7, 1, 11, 0, tzinfo=dt.UTC)
        reported = dt.datetime(2026, 7, 1, 12, 30, tzinfo=LONDON)
        assert report_time_errors(last_seen_at=last_seen, reported_at=reported, now=NOW) == {}
        reported_earlier = dt.datetime(2026, 7, 1, 11, 30, tzinfo=LONDON)  # 10:30 UTC
        assert report_time_errors(
            last_seen_at=last_seen, reported_at=reported_earlier, now=NOW
        ) == {"reported_at": [REPORTED_BEFORE_SEEN]}


class TestFoundTimeErrors:
    LAST_SEEN = dt.datetime(2026, 7, 1, 9, 5, tzinfo=dt.UTC)  # 10:05 BST

    def test_found_after_last_seen_is_fine(self) -> None:
        assert found_time_errors(last_seen_at=self.LAST_SEEN, found_at=NOW, now=NOW) == []

    def test_found_exactly_at_last_seen_is_fine(self) -> None:
        found = self.LAST_SEEN.astimezone(LONDON)
        assert found_time_errors(last_seen_at=self.LAST_SEEN, found_at=found, now=NOW) == []

    def test_found_in_the_future(self) -> None:
        assert found_time_errors(last_seen_at=self.LAST_SEEN, found_at=NOW + SECOND, now=NOW) == [
            FOUND_FUTURE
        ]

    def test_found_before_last_seen_names_last_seen_in_london_time(self) -> None:
        errors = found_time_errors(
            last_seen_at=self.LAST_SEEN, found_at=self.LAST_SEEN - SECOND, now=NOW
        )
        assert errors == [
            "The time found is before the child went missing (last seen 01/07/2026 10:05): "
            "check the time"
        ]

    def test_found_before_last_seen_in_winter_shows_gmt(self) -> None:
        last_seen = dt.datetime(2026, 12, 24, 23, 45, tzinfo=dt.UTC)
        errors = found_time_errors(
            last_seen_at=last_seen,
            found_at=last_seen - HOUR,
            now=dt.datetime(2027, 1, 2, tzinfo=dt.UTC),
        )
        assert len(errors) == 1
        assert "(last seen 24/12/2026 23:45)" in errors[0]

    def test_found_before_last_seen_across_midnight_shows_the_london_date(self) -> None:
        last_seen = dt.datetime(2026, 6, 30, 23, 20, tzinfo=dt.UTC)  # 00:20 BST on 1 July
        errors = found_time_errors(last_seen_at=last_seen, found_at=last_seen - HOUR, now=NOW)
        assert len(errors) == 1
        assert "(last seen 01/07/2026 00:20)" in errors[0]

    def test_future_is_reported_before_order(self) -> None:
        # Found in the future and last seen further still in the future: one error only.
        errors = found_time_errors(last_seen_at=NOW + 2 * HOUR, found_at=NOW + HOUR, now=NOW)
        assert errors == [FOUND_FUTURE]

    def test_found_exactly_now_is_fine(self) -> None:
        assert found_time_errors(last_seen_at=self.LAST_SEEN, found_at=NOW, now=NOW) == []


class TestReturnInterviewDue:
    def test_seventy_two_hours_after_return(self) -> None:
        found = dt.datetime(2026, 7, 1, 18, 40, tzinfo=dt.UTC)
        due = return_interview_due(found_at=found)
        assert due == dt.datetime(2026, 7, 4, 18, 40, tzinfo=dt.UTC)
        assert due.tzinfo is dt.UTC

    @pytest.mark.parametrize(
        ("found_local", "due_utc", "due_local_wall"),
        [
            # Autumn: found 12:00 BST on Saturday 24 October 2026; clocks fall back on the 25th.
            (
                dt.datetime(2026, 10, 24, 12, 0, tzinfo=LONDON),
                dt.datetime(2026, 10, 27, 11, 0, tzinfo=dt.UTC),
                (27, 11, 0),
            ),
            # Spring: found 12:00 GMT on Friday 26 March 2027; clocks go forward on the 28th.
            (
                dt.datetime(2027, 3, 26, 12, 0, tzinfo=LONDON),
                dt.datetime(2027, 3, 29, 12, 0, tzinfo=dt.UTC),
                (29, 13, 0),
            ),
        ],
    )
    def test_elapsed_hours_across_a_clock_change(
        self,
        found_local: dt.datetime,
        due_utc: dt.datetime,
        due_local_wall: tuple[int, int, int],
    ) -> None:
        due = return_interview_due(found_at=found_local)
        assert due == due_utc
        assert due - found_local == dt.timedelta(hours=72)
        local = due.astimezone(LONDON)
        assert (local.day, local.hour, local.minute) == due_local_wall

    def test_force_hours(self) -> None:
        found = dt.datetime(2026, 7, 1, 18, 40, tzinfo=dt.UTC)
        assert return_interview_due(found_at=found, hours=48) == found + dt.timedelta(hours=48)

    def test_naive_datetime_raises(self) -> None:
        naive = dt.datetime(2026, 7, 1, 18, 40)  # noqa: DTZ001 - the point of the test
        with pytest.raises(ValueError, match="timezone-aware"):
            return_interview_due(found_at=naive)


class TestWithin:
    DUE = dt.datetime(2026, 7, 4, 18, 40, tzinfo=dt.UTC)

    @pytest.mark.parametrize(
        ("done_at", "expected"),
        [
            (None, False),
            (DUE - HOUR, True),
            (DUE, True),
            (DUE + SECOND, False),
            (DUE.astimezone(LONDON), True),
            (dt.datetime(2026, 7, 4, 19, 40, tzinfo=LONDON), True),  # 18:40 UTC
            (dt.datetime(2026, 7, 4, 19, 41, tzinfo=LONDON), False),
        ],
    )
    def test_done_at_or_before_due(self, done_at: dt.datetime | None, expected: bool) -> None:
        assert within(done_at=done_at, due_at=self.DUE) is expected
