"""The single place the application reads "now".

Rules never read the clock; services and interfaces call :func:`now`. Tests replace the
clock with :class:`FixedClock` through :func:`use_clock` so that deadlines, weekends, bank
holidays and clock changes can be tested at any instant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(tz=dt.UTC)


class FixedClock:
    """A clock that stands still until moved; for tests and reproducible demos."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def now(self) -> dt.datetime:
        return self._at


class OffsetClock:
    """The system clock moved so that it read ``starts_at`` when made, then runs on.

    For the demo and browser journeys only (``SAFEGUARD_CLOCK_START`` in local settings):
    a journey can be set on a Friday night before half-term and still see time pass.
    """

    def __init__(self, starts_at: dt.datetime) -> None:
        if starts_at.tzinfo is None:
            raise ValueError("OffsetClock needs an aware datetime")
        self._offset = starts_at - SystemClock().now()

    def now(self) -> dt.datetime:
        return SystemClock().now() + self._offset


_clock: Clock = SystemClock()


def now() -> dt.datetime:
    """Return the current instant as an aware UTC datetime from the installed clock."""
    return _clock.now().astimezone(dt.UTC)


def today_in_london() -> dt.date:
    """Return today's date in Europe/London, the calendar every rule is written in."""
    from zoneinfo import ZoneInfo

    return now().astimezone(ZoneInfo("Europe/London")).date()


def install(clock: Clock) -> None:
    """Install ``clock`` for the rest of the process (the demo's moved clock, at start-up)."""
    global _clock
    _clock = clock


@contextmanager
def use_clock(clock: Clock) -> Iterator[Clock]:
    """Install ``clock`` for the duration of the block."""
    global _clock
    previous = _clock
    _clock = clock
    try:
        yield clock
    finally:
        _clock = previous
