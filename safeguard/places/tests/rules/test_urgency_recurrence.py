"""The urgency of a concern and the recurrence rule that flags a place."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.places.rules.recurrence import recurrence_reason
from safeguard.places.rules.urgency import ON_SITE_CLOCK, TRIAGE_CLOCK, concern_urgency

NOW = dt.datetime(2026, 11, 27, 23, 30, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


class TestConcernUrgency:
    @pytest.mark.parametrize(
        ("on_site", "urgent", "kind", "after", "version"),
        [
            (True, True, ON_SITE_CLOCK, dt.timedelta(minutes=30), "makesafe-on-site-30m-v1"),
            (False, False, TRIAGE_CLOCK, dt.timedelta(hours=24), "makesafe-triage-24h-v1"),
        ],
    )
    def test_clock(
        self, on_site: bool, urgent: bool, kind: str, after: dt.timedelta, version: str
    ) -> None:
        urgency = concern_urgency(
            still_on_site=on_site, received_at=NOW, on_site_minutes=30, triage_hours=24
        )
        assert (urgency.urgent, urgency.clock_kind, urgency.due_at, urgency.rule_version) == (
            urgent,
            kind,
            NOW + after,
            version,
        )
        assert urgency.label
        assert urgency.rule

    def test_the_forces_times_are_used(self) -> None:
        urgency = concern_urgency(
            still_on_site=True, received_at=NOW, on_site_minutes=15, triage_hours=24
        )
        assert urgency.due_at == NOW + dt.timedelta(minutes=15)
        assert "15 minutes" in urgency.rule


class TestRecurrence:
    @pytest.mark.parametrize(
        ("ages", "count", "days", "raised"),
        [
            ([], 2, 90, False),
            ([DAY], 2, 90, False),
            ([DAY, 10 * DAY], 2, 90, True),
            ([DAY, 91 * DAY], 2, 90, False),  # the older one is outside the window
            ([DAY, 90 * DAY], 2, 90, True),  # the window's edge counts
            ([DAY, 10 * DAY], 3, 90, False),
            ([DAY, 10 * DAY, 20 * DAY], 3, 90, True),
            ([DAY, -DAY], 2, 90, False),  # a record dated in the future does not count
            ([DAY, 10 * DAY], 2, 5, False),
        ],
    )
    def test_flag(self, ages: list[dt.timedelta], count: int, days: int, raised: bool) -> None:
        reason = recurrence_reason(
            occurred=[NOW - age for age in ages], now=NOW, count=count, days=days
        )
        assert (reason is not None) is raised

    def test_the_reason_says_how_many_and_the_policy(self) -> None:
        reason = recurrence_reason(occurred=[NOW, NOW - DAY, NOW], now=NOW, count=2, days=90)
        assert reason == (
            "3 concerns or linked records at this place in the last 90 days "
            "(force policy: 2 in 90 days raise the flag)."
        )
