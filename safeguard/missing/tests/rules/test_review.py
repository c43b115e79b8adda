from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from safeguard.missing.rules.review import (
    DEFAULT_REVIEW_HOURS,
    review_due,
    review_hours_errors,
)
from safeguard.risk.rules.missing_person import LEVELS

LONDON = ZoneInfo("Europe/London")
DECIDED = dt.datetime(2026, 6, 10, 9, 15, tzinfo=dt.UTC)
ORDER_ERROR = "A higher risk level must not wait longer for its review than a lower one"


class TestDefaults:
    def test_every_level_has_a_default_and_the_defaults_are_usable(self) -> None:
        assert set(DEFAULT_REVIEW_HOURS) == set(LEVELS)
        assert review_hours_errors(DEFAULT_REVIEW_HOURS) == []

    def test_the_higher_the_risk_the_sooner_the_review(self) -> None:
        hours = [DEFAULT_REVIEW_HOURS[level] for level in LEVELS]
        assert hours == sorted(hours, reverse=True)
        assert len(set(hours)) == len(hours)


class TestReviewDue:
    @pytest.mark.parametrize(
        ("level", "expected"),
        [
            ("HIGH", dt.datetime(2026, 6, 10, 11, 15, tzinfo=dt.UTC)),
            ("MEDIUM", dt.datetime(2026, 6, 10, 15, 15, tzinfo=dt.UTC)),
            ("LOW", dt.datetime(2026, 6, 10, 21, 15, tzinfo=dt.UTC)),
            ("VERY_LOW", dt.datetime(2026, 6, 11, 9, 15, tzinfo=dt.UTC)),
        ],
    )
    def test_default_interval_per_level(self, level: str, expected: dt.datetime) -> None:
        due = review_due(level=level, decided_at=DECIDED, hours=DEFAULT_REVIEW_HOURS)
        assert due == expected
        assert due.tzinfo is dt.UTC

    def test_uses_the_force_intervals_given(self) -> None:
        hours = {**DEFAULT_REVIEW_HOURS, "HIGH": 1.5}
        assert review_due(level="HIGH", decided_at=DECIDED, hours=hours) == DECIDED + dt.timedelta(
            minutes=90
        )

    def test_crosses_midnight_into_the_next_day(self) -> None:
        decided = dt.datetime(2026, 6, 10, 23, 30, tzinfo=LONDON)  # 22:30 UTC, BST
        due = review_due(level="HIGH", decided_at=decided, hours=DEFAULT_REVIEW_HOURS)
        assert due == dt.datetime(2026, 6, 11, 0, 30, tzinfo=dt.UTC)
        local = due.astimezone(LONDON)
        assert (local.date(), local.hour, local.minute) == (dt.date(2026, 6, 11), 1, 30)

    def test_crosses_the_year_end(self) -> None:
        decided = dt.datetime(2026, 12, 31, 20, 0, tzinfo=LONDON)
        due = review_due(level="VERY_LOW", decided_at=decided, hours=DEFAULT_REVIEW_HOURS)
        assert due == dt.datetime(2027, 1, 1, 20, 0, tzinfo=dt.UTC)

    def test_a_local_time_gives_the_same_instant_as_its_utc_time(self) -> None:
        local = DECIDED.astimezone(LONDON)
        assert review_due(level="MEDIUM", decided_at=local, hours=DEFAULT_REVIEW_HOURS) == (
            review_due(level="MEDIUM", decided_at=DECIDED, hours=DEFAULT_REVIEW_HOURS)
        )

    @pytest.mark.parametrize(
        ("decided_local", "level", "due_utc", "due_local_wall"),
        [
            # Spring forward: 2027-03-28 01:00 UTC the clocks go from 01:00 GMT to 02:00 BST.
            (
                dt.datetime(2027, 3, 28, 0, 30, tzinfo=LONDON),
                "HIGH",
                dt.datetime(2027, 3, 28, 2, 30, tzinfo=dt.UTC),
                (3, 30),
            ),
            (
                dt.datetime(2027, 3, 27, 22, 0, tzinfo=LONDON),
                "MEDIUM",
                dt.datetime(2027, 3, 28, 4, 0, tzinfo=dt.UTC),
                (5, 0),
            ),
            # Fall back: 2026-10-25 01:00 UTC the clocks go from 02:00 BST to 01:00 GMT.
            (
                dt.datetime(2026, 10, 25, 0, 30, tzinfo=LONDON),
                "HIGH",
                dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),
                (1, 30),
            ),
            (
                dt.datetime(2026, 10, 24, 22, 0, tzinfo=LONDON),
                "MEDIUM",
                dt.datetime(2026, 10, 25, 3, 0, tzinfo=dt.UTC),
                (3, 0),
            ),
        ],
    )
    def test_elapsed_hours_across_a_clock_change(
        self,
        decided_local: dt.datetime,
        level: str,
        due_utc: dt.datetime,
        due_local_wall: tuple[int, int],
    ) -> None:
        due = review_due(level=level, decided_at=decided_local, hours=DEFAULT_REVIEW_HOURS)
        assert due == due_utc
        assert due - decided_local == dt.timedelta(hours=DEFAULT_REVIEW_HOURS[level])
        local = due.astimezone(LONDON)
        assert (local.hour, local.minute) == due_local_wall

    def test_spring_forward_wall_clock_shows_three_hours_for_two_elapsed(self) -> None:
        decided = dt.datetime(2027, 3, 28, 0, 30, tzinfo=LONDON)
        due = review_due(level="HIGH", decided_at=decided, hours=DEFAULT_REVIEW_HOURS)
        assert decided.utcoffset() == dt.timedelta(0)
        assert due.astimezone(LONDON).utcoffset() == dt.timedelta(hours=1)
        assert due.astimezone(LONDON).replace(tzinfo=None) - decided.replace(
            tzinfo=None
        ) == dt.timedelta(hours=3)

    def test_fall_back_wall_clock_shows_one_hour_for_two_elapsed(self) -> None:
        decided = dt.datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)
        due = review_due(level="HIGH", decided_at=decided, hours=DEFAULT_REVIEW_HOURS)
        assert decided.utcoffset() == dt.timedelta(hours=1)
        assert due.astimezone(LONDON).utcoffset() == dt.timedelta(0)
        assert due.astimezone(LONDON).replace(tzinfo=None) - decided.replace(
            tzinfo=None
        ) == dt.timedelta(hours=1)

    def test_naive_datetime_raises(self) -> None:
        naive = dt.datetime(2026, 6, 10, 9, 15)  # noqa: DTZ001 - the point of the test
        with pytest.raises(ValueError, match="timezone-aware"):
            review_due(level="HIGH", decided_at=naive, hours=DEFAULT_REVIEW_HOURS)

    @pytest.mark.parametrize("level", ["ABSENT", "high", "", "CRITICAL"])
    def test_unknown_level_raises_key_error(self, level: str) -> None:
        with pytest.raises(KeyError):
            review_due(level=level, decided_at=DECIDED, hours=DEFAULT_REVIEW_HOURS)

    def test_level_without_a_force_interval_raises_key_error(self) -> None:
        hours = {k: v for k, v in DEFAULT_REVIEW_HOURS.items() if k != "LOW"}
        with pytest.raises(KeyError):
            review_due(level="LOW", decided_at=DECIDED, hours=hours)


def _with(**changes: object) -> dict[str, object]:
    return {**DEFAULT_REVIEW_HOURS, **changes}


def _without(level: str) -> dict[str, object]:
    return {k: v for k, v in DEFAULT_REVIEW_HOURS.items() if k != level}


class TestReviewHoursErrors:
    @pytest.mark.parametrize(
        "hours",
        [
            dict(DEFAULT_REVIEW_HOURS),
            {"HIGH": 1, "MEDIUM": 1, "LOW": 1, "VERY_LOW": 1},
            {"HIGH": 0.5, "MEDIUM": 4, "LOW": 8.25, "VERY_LOW": 48},
            {"HIGH": 2, "MEDIUM": 6, "LOW": 6, "VERY_LOW": 24},
        ],
    )
    def test_usable_intervals(self, hours: dict[str, object]) -> None:
        assert review_hours_errors(hours) == []

    @pytest.mark.parametrize(
        ("hours", "expected"),
        [
            (_with(HIGH=0), ["HIGH: give a positive number of hours, at most 672"]),
            (_with(MEDIUM=-6), ["MEDIUM: give a positive number of hours, at most 672"]),
            (_with(LOW=-0.5), ["LOW: give a positive number of hours, at most 672"]),
            (_with(VERY_LOW=0.0), ["VERY_LOW: give a positive number of hours, at most 672"]),
            (_with(HIGH=True), ["HIGH: give a positive number of hours, at most 672"]),
            (_with(VERY_LOW=False), ["VERY_LOW: give a positive number of hours, at most 672"]),
            (_with(MEDIUM="6"), ["MEDIUM: give a positive number of hours, at most 672"]),
            (_with(LOW=None), ["LOW: give a positive number of hours, at most 672"]),
            (_without("HIGH"), ["HIGH: give a positive number of hours, at most 672"]),
            (_without("VERY_LOW"), ["VERY_LOW: give a positive number of hours, at most 672"]),
            (
                {},
                [f"{level}: give a positive number of hours, at most 672" for level in LEVELS],
            ),
            (
                _with(HIGH=0, LOW="x"),
                [
                    "LOW: give a positive number of hours, at most 672",
                    "HIGH: give a positive number of hours, at most 672",
                ],
            ),
        ],
    )
    def test_every_level_needs_positive_hours(
        self, hours: dict[str, object], expected: list[str]
    ) -> None:
        assert review_hours_errors(hours) == expected

    @pytest.mark.parametrize(
        "hours",
        [
            _with(HIGH=7),
            _with(MEDIUM=13),
            _with(LOW=25),
            {"HIGH": 24, "MEDIUM": 12, "LOW": 6, "VERY_LOW": 2},
            {"HIGH": 2, "MEDIUM": 6, "LOW": 12, "VERY_LOW": 11.5},
        ],
    )
    def test_a_higher_level_must_not_wait_longer(self, hours: dict[str, object]) -> None:
        assert review_hours_errors(hours) == [ORDER_ERROR]

    @pytest.mark.parametrize(
        ("extra", "expected"),
        [
            ({"ABSENT": 48}, ["Unknown levels: ABSENT"]),
            ({"high": 2, "ABSENT": 48}, ["Unknown levels: ABSENT, high"]),
        ],
    )
    def test_unknown_level_names_are_reported(
        self, extra: dict[str, object], expected: list[str]
    ) -> None:
        assert review_hours_errors({**DEFAULT_REVIEW_HOURS, **extra}) == expected

    def test_misordered_and_unknown_are_both_reported(self) -> None:
        hours = {**_with(HIGH=12, MEDIUM=2), "URGENT": 1}
        assert review_hours_errors(hours) == [ORDER_ERROR, "Unknown levels: URGENT"]

    @pytest.mark.parametrize(
        ("level", "value"),
        [("HIGH", float("nan")), ("VERY_LOW", float("nan")), ("VERY_LOW", float("inf"))],
    )
    def test_a_value_that_cannot_time_a_review_is_refused(self, level: str, value: float) -> None:
        # NaN and infinity are not a usable number of hours: review_due cannot add them to a
        # time (ValueError / OverflowError), so the policy check must refuse them up front.
        hours = _with(**{level: value})
        with pytest.raises((ValueError, OverflowError)):
            review_due(level=level, decided_at=DECIDED, hours=hours)  # type: ignore[arg-type]
        errors = review_hours_errors(hours)
        assert errors != []
        assert any(error.startswith(f"{level}:") for error in errors)
