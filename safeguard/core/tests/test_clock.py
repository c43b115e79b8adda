from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core import clock
from safeguard.core.clock import FixedClock, OffsetClock, SystemClock, install, use_clock

FRIDAY_NIGHT = dt.datetime(2027, 2, 12, 23, 45, tzinfo=dt.UTC)


def test_an_offset_clock_starts_at_the_instant_given_and_runs_on() -> None:
    moved = OffsetClock(FRIDAY_NIGHT)
    first = moved.now()
    assert abs(first - FRIDAY_NIGHT) < dt.timedelta(seconds=5)
    assert moved.now() >= first


def test_an_offset_clock_refuses_a_naive_start() -> None:
    with pytest.raises(ValueError, match="aware"):
        OffsetClock(dt.datetime(2027, 2, 12, 23, 45))  # noqa: DTZ001


def test_install_replaces_the_clock_until_replaced_again() -> None:
    try:
        install(FixedClock(FRIDAY_NIGHT))
        assert clock.now() == FRIDAY_NIGHT
        with use_clock(FixedClock(FRIDAY_NIGHT + dt.timedelta(hours=1))):
            assert clock.now() == FRIDAY_NIGHT + dt.timedelta(hours=1)
        assert clock.now() == FRIDAY_NIGHT
    finally:
        install(SystemClock())
    assert clock.now() != FRIDAY_NIGHT
