from __future__ import annotations

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.domestic.rules.indicators import share_notified_on_time, share_referred
from safeguard.domestic.selectors import indicator_facts
from safeguard.domestic.services import da_incident_record, encompass_dispatch
from safeguard.domestic.tests.factories import a_school, details, household, london, new_child_row

pytestmark = pytest.mark.django_db


def test_facts_from_live_records_feed_the_indicators(make_user) -> None:
    officer = make_user(Role.RESPONSE_OFFICER)
    school = a_school()
    with use_clock(FixedClock(london(2027, 2, 12, 23, 55))):
        da_incident_record(
            actor=officer,
            details=details(household()),
            children=[new_child_row(school)],
            choices={},
        )
        da_incident_record(actor=officer, details=details(household()), children=[], choices={})
    with use_clock(FixedClock(london(2027, 2, 13, 7, 0))):
        encompass_dispatch(now=london(2027, 2, 13, 7, 0))
    facts = indicator_facts(since=london(2027, 2, 1, 0, 0), until=london(2027, 3, 1, 0, 0))
    assert len(facts) == 1  # the incident without a child is not counted
    assert facts[0].children_recorded == 1
    assert share_notified_on_time(facts).value == 1.0
    assert share_referred(facts).value == 0.0  # concern raised, not yet referred
