"""Monthly snapshots keep each indicator's figures for the trend (issue 9 item 1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.inspection.indicators import INDICATORS
from safeguard.inspection.models import IndicatorSnapshot
from safeguard.inspection.selectors import indicator_trends
from safeguard.inspection.services import snapshots_take
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_a_month_is_kept_once_and_read_back_as_a_trend(make_user) -> None:
    with use_clock(FixedClock(dt.datetime(2026, 10, 3, 9, 0, tzinfo=dt.UTC))):
        make_person(self_defined_ethnicity="W1")
        make_person(self_defined_ethnicity="NOT_ASKED")
    assert snapshots_take(month=dt.date(2026, 10, 1)) == len(INDICATORS)
    snapshots_take(month=dt.date(2026, 10, 15))  # the same month again replaces it
    kept = IndicatorSnapshot.objects.get(code="ethnicity_recorded")
    assert (kept.month, kept.numerator, kept.denominator) == (dt.date(2026, 10, 1), 1, 2)
    assert IndicatorSnapshot.objects.count() == len(INDICATORS)
    trends = indicator_trends(
        actor=make_user(Role.PERFORMANCE_LEAD), start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 27)
    )
    points = trends["ethnicity_recorded"]
    assert [p.value for p in points] == [None, 0.5, None]  # September and November: no data
    assert points[1].label.startswith("Oct")


def test_the_command(capsys) -> None:
    with use_clock(FixedClock(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))):
        call_command("inspection_snapshot", "--month", "previous")
        assert "kept for October 2026" in capsys.readouterr().out
        with pytest.raises(CommandError, match="YYYY-MM"):
            call_command("inspection_snapshot", "--month", "last year")
        with pytest.raises(CommandError, match="not begun"):
            call_command("inspection_snapshot", "--month", "2027-01")
