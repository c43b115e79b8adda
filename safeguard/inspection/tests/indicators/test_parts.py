"""Every indicator's records add up to its headline, on the synthetic force (issue 9 item 1).

The breakdowns and the drill-down use each record's own part of the figure; if a part were
computed differently from the headline the tables would disagree with the dashboard.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.rules.indicators import Share
from safeguard.inspection.indicators import INDICATORS, Period
from safeguard.inspection.records import records_of
from safeguard.inspection.rules.breakdowns import Dimension, total
from safeguard.inspection.selectors import indicator_breakdowns, indicator_drill_down

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
SINCE = NOW - dt.timedelta(days=365)


@pytest.fixture
def seeded(db: object) -> None:
    with use_clock(FixedClock(NOW)):
        call_command("seed_demo", size="tiny", seed=1, stdout=io.StringIO(), stderr=io.StringIO())


def test_parts_add_up_to_the_headline_and_every_record_is_found(seeded: None, make_user) -> None:
    lead = make_user(Role.PERFORMANCE_LEAD)
    period = Period(SINCE, NOW)
    with_data = set()
    with use_clock(FixedClock(NOW)):
        for indicator in INDICATORS:
            if indicator.parts is None:
                assert indicator.kind == "count", indicator.code
                continue
            found = indicator.parts(period)
            assert total(found) == indicator.compute(period).share, indicator.code
            records = records_of(indicator.records, [p.subject_id for p in found])
            assert set(records) == {p.subject_id for p in found}, indicator.code
            if found:
                with_data.add(indicator.code)
            drill = indicator_breakdowns(actor=lead, code=indicator.code, since=SINCE, until=NOW)
            assert [d for d, _, _ in drill.breakdowns] == list(Dimension)
            team = dict(drill.breakdowns[0][2])
            assert total_of(team.values()) == total(found), indicator.code
    # The demo force has casework on these pathways, so the check above was not empty.
    assert {
        "business_concerns_actioned",
        "clocks_met",
        "da_children_recorded",
        "encompass_on_time",
        "missing_core_complete",
        "missing_reviews_on_time",
        "online_acted_in_time",
        "online_children_referred",
        "repeat_missing_strategy",
        "return_interviews",
    } <= with_data, sorted(with_data)


def total_of(shares) -> Share:
    return Share(sum(s.numerator for s in shares), sum(s.denominator for s in shares))


def test_the_drill_down_names_only_the_records_that_missed(seeded: None, make_user) -> None:
    lead = make_user(Role.PERFORMANCE_LEAD)
    with use_clock(FixedClock(NOW)):
        drill = indicator_drill_down(
            actor=lead,
            code="clocks_met",
            since=SINCE,
            until=NOW,
            purpose="Supervision or review",
        )
    share = drill.result.share
    assert share is not None
    assert drill.missed == share.denominator - share.numerator > 0
    assert all(getattr(r.instance, "outcome", None) == "BREACHED" for r in drill.records)
    event = AuditEvent.objects.get(event_type="inspection.drill_down")
    assert event.operation == "consultation"
    assert len(event.subjects) == len(drill.records)
