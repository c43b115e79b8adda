from __future__ import annotations

import datetime as dt

import pytest

from safeguard.chronology.rules.timeline import (
    ENTRY_KIND_LABELS,
    Entry,
    EntryKind,
    instant_of,
    timeline_order,
)
from safeguard.core.rules.calendar import LONDON

UTC = dt.UTC


def entry(when: dt.datetime | dt.date, name: str = "") -> Entry:
    return Entry(
        when=when, kind=EntryKind.OCCURRENCE, summary=name, person_id="p", person_reference="R"
    )


class TestInstantOf:
    @pytest.mark.parametrize(
        ("when", "expected"),
        [
            # An aware datetime is its own instant.
            (
                dt.datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
                dt.datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
            ),
            # A winter date: the start of the day in London is midnight UTC.
            (dt.date(2026, 1, 5), dt.datetime(2026, 1, 5, 0, 0, tzinfo=UTC)),
            # A summer date: the start of the day in London (BST) is 23:00 UTC the day before.
            (dt.date(2026, 7, 1), dt.datetime(2026, 6, 30, 23, 0, tzinfo=UTC)),
            # The day the clocks go forward still starts at midnight London time.
            (dt.date(2026, 3, 29), dt.datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
        ],
    )
    def test_places_dates_at_the_start_of_the_london_day(self, when, expected) -> None:
        assert instant_of(when) == expected

    def test_refuses_a_naive_datetime(self) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            instant_of(dt.datetime(2026, 1, 5, 9, 30))  # noqa: DTZ001 - the naive value is the point


class TestTimelineOrder:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ([], []),
            (
                [
                    entry(dt.datetime(2026, 1, 1, 10, tzinfo=UTC), "old"),
                    entry(dt.datetime(2026, 3, 1, 10, tzinfo=UTC), "new"),
                    entry(dt.datetime(2026, 2, 1, 10, tzinfo=UTC), "middle"),
                ],
                ["new", "middle", "old"],
            ),
            # A date sorts as the start of its London day: below any time later that day...
            (
                [
                    entry(dt.date(2026, 7, 1), "dated"),
                    entry(dt.datetime(2026, 7, 1, 8, tzinfo=LONDON), "timed"),
                ],
                ["timed", "dated"],
            ),
            # ...and above the evening before (23:30 BST on 30 June is 22:30 UTC).
            (
                [
                    entry(dt.datetime(2026, 6, 30, 23, 30, tzinfo=LONDON), "evening before"),
                    entry(dt.date(2026, 7, 1), "dated"),
                ],
                ["dated", "evening before"],
            ),
            # Ties keep the order given (stable), for the same instant in two time zones too.
            (
                [
                    entry(dt.datetime(2026, 7, 1, 9, tzinfo=UTC), "first"),
                    entry(dt.datetime(2026, 7, 1, 10, tzinfo=LONDON), "second"),
                    entry(dt.date(2026, 7, 1), "third"),
                    entry(dt.date(2026, 7, 1), "fourth"),
                ],
                ["first", "second", "third", "fourth"],
            ),
        ],
    )
    def test_orders_newest_first_and_stable(self, given, expected) -> None:
        assert [e.summary for e in timeline_order(given)] == expected


class TestEntry:
    @pytest.mark.parametrize(
        ("when", "has_time"),
        [(dt.datetime(2026, 1, 1, tzinfo=UTC), True), (dt.date(2026, 1, 1), False)],
    )
    def test_says_whether_it_has_a_time(self, when, has_time) -> None:
        assert entry(when).has_time is has_time

    def test_every_kind_has_a_label(self) -> None:
        assert set(ENTRY_KIND_LABELS) == set(EntryKind)
        assert entry(dt.date(2026, 1, 1)).label == "Occurrence"
