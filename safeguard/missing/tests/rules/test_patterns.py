from __future__ import annotations

import datetime as dt

import pytest

from safeguard.missing.rules.codes import ExploitationIndicator
from safeguard.missing.rules.patterns import (
    DEFAULT_REPEAT_THRESHOLD,
    DEFAULT_REPEAT_WINDOW_DAYS,
    episodes_in_window,
    is_repeat_missing,
    screening_reasons,
)

ON = dt.date(2026, 7, 1)


def days_before(*days: int) -> list[dt.date]:
    return [ON - dt.timedelta(days=d) for d in days]


def test_force_policy_defaults_are_three_in_ninety_days() -> None:
    assert (DEFAULT_REPEAT_THRESHOLD, DEFAULT_REPEAT_WINDOW_DAYS) == (3, 90)


class TestEpisodesInWindow:
    @pytest.mark.parametrize(
        ("days", "expected"),
        [
            ((), 0),
            ((0,), 1),
            ((89,), 1),
            ((90,), 0),
            ((91,), 0),
            ((-1,), 0),
            ((-30,), 0),
            ((0, 45, 89, 90, -1), 3),
            ((0, 0), 2),
        ],
    )
    def test_ninety_day_window_boundaries(self, days: tuple[int, ...], expected: int) -> None:
        assert episodes_in_window(days_before(*days), on=ON, window_days=90) == expected

    @pytest.mark.parametrize(
        ("window_days", "days", "expected"),
        [
            (1, (0,), 1),
            (1, (1,), 0),
            (30, (29,), 1),
            (30, (30,), 0),
            (30, (0, 10, 29, 30, 60), 3),
        ],
    )
    def test_custom_window(self, window_days: int, days: tuple[int, ...], expected: int) -> None:
        assert episodes_in_window(days_before(*days), on=ON, window_days=window_days) == expected

    def test_window_crosses_a_year_and_a_leap_day(self) -> None:
        on = dt.date(2028, 3, 1)  # 2028 is a leap year
        starts = [dt.date(2028, 2, 29), dt.date(2027, 12, 3), dt.date(2027, 12, 2)]
        # 1 March 2028 back to 3 December 2027 is 89 days; 2 December is 90 days.
        assert (on - dt.date(2027, 12, 3)).days == 89
        assert episodes_in_window(starts, on=on, window_days=90) == 2

    def test_accepts_any_iterable(self) -> None:
        assert episodes_in_window(iter(days_before(0, 5)), on=ON, window_days=90) == 2

    @pytest.mark.parametrize("window_days", [0, -1, -90])
    def test_window_of_less_than_a_day_raises(self, window_days: int) -> None:
        with pytest.raises(ValueError, match="at least one day"):
            episodes_in_window(days_before(0), on=ON, window_days=window_days)


class TestIsRepeatMissing:
    @pytest.mark.parametrize(
        ("days", "expected"),
        [
            ((0, 30), False),
            ((0, 30, 60), True),
            ((0, 30, 89), True),
            ((0, 30, 90), False),
            ((0, 30, 60, 89), True),
            ((0, 30, -5), False),
            ((0, 0, 0), True),
        ],
    )
    def test_default_three_in_ninety(self, days: tuple[int, ...], expected: bool) -> None:
        result = is_repeat_missing(
            days_before(*days),
            on=ON,
            threshold=DEFAULT_REPEAT_THRESHOLD,
            window_days=DEFAULT_REPEAT_WINDOW_DAYS,
        )
        assert result is expected

    @pytest.mark.parametrize(
        ("days", "expected"),
        [
            ((0, 10, 29), True),
            ((0, 10, 30), False),
            ((0, 29), False),
            ((5, 15, 25), True),
        ],
    )
    def test_three_in_thirty(self, days: tuple[int, ...], expected: bool) -> None:
        assert is_repeat_missing(days_before(*days), on=ON, threshold=3, window_days=30) is expected

    @pytest.mark.parametrize(
        ("threshold", "count", "expected"),
        [(1, 0, False), (1, 1, True), (2, 1, False), (2, 2, True), (5, 4, False), (5, 5, True)],
    )
    def test_threshold_exactly_met(self, threshold: int, count: int, expected: bool) -> None:
        starts = days_before(*range(count))
        assert is_repeat_missing(starts, on=ON, threshold=threshold, window_days=90) is expected

    @pytest.mark.parametrize("threshold", [0, -1])
    def test_threshold_below_one_raises(self, threshold: int) -> None:
        with pytest.raises(ValueError, match="at least one episode"):
            is_repeat_missing(days_before(0, 1, 2), on=ON, threshold=threshold, window_days=90)

    def test_invalid_window_raises(self) -> None:
        with pytest.raises(ValueError, match="at least one day"):
            is_repeat_missing(days_before(0, 1, 2), on=ON, threshold=3, window_days=0)


class TestScreeningReasons:
    def test_none_given_is_no_screening(self) -> None:
        assert screening_reasons([]) == []

    def test_in_stable_order_whatever_the_input_order(self) -> None:
        given = ["UNEXPLAINED_INJURIES", "OLDER_ASSOCIATES", "TRAVEL_OUT_OF_AREA"]
        expected = [
            ExploitationIndicator.OLDER_ASSOCIATES,
            ExploitationIndicator.TRAVEL_OUT_OF_AREA,
            ExploitationIndicator.UNEXPLAINED_INJURIES,
        ]
        assert screening_reasons(given) == expected
        assert screening_reasons(reversed(given)) == expected

    def test_every_indicator_in_declaration_order_once(self) -> None:
        given = [i.value for i in reversed(ExploitationIndicator)] * 2
        assert screening_reasons(given) == list(ExploitationIndicator)

    @pytest.mark.parametrize("indicator", list(ExploitationIndicator))
    def test_any_one_indicator_is_a_reason(self, indicator: ExploitationIndicator) -> None:
        assert screening_reasons([indicator.value]) == [indicator]

    @pytest.mark.parametrize(
        ("given", "message"),
        [
            (["GANG_TATTOO"], "Unknown exploitation indicators: GANG_TATTOO"),
            (
                ["OLDER_ASSOCIATES", "zz", "AA"],
                "Unknown exploitation indicators: AA, zz",
            ),
            (["older_associates"], "Unknown exploitation indicators: older_associates"),
        ],
    )
    def test_unknown_indicator_raises(self, given: list[str], message: str) -> None:
        with pytest.raises(ValueError, match=f"^{message}$"):
            screening_reasons(given)
