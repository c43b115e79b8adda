"""Shared rows for the inspection pages' tests."""

from __future__ import annotations

from typing import Any

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.domestic.services import da_incident_record, encompass_dispatch
from safeguard.domestic.tests.factories import a_school, details, household, london, new_child_row


@pytest.fixture
def incidents(make_user: Any) -> tuple[Any, Any]:
    """Two DA incidents with a child in February 2027: one notified to school on time (the
    morning run after it), one late (recorded after the run, never sent)."""
    officer = make_user(Role.RESPONSE_OFFICER)
    school = a_school()
    with use_clock(FixedClock(london(2027, 2, 12, 23, 55))):
        on_time = da_incident_record(
            actor=officer,
            details=details(household()),
            children=[new_child_row(school)],
            choices={},
        )
    with use_clock(FixedClock(london(2027, 2, 13, 7, 0))):
        encompass_dispatch(now=london(2027, 2, 13, 7, 0))
    with use_clock(FixedClock(london(2027, 2, 13, 23, 50))):
        late = da_incident_record(
            actor=officer,
            details=details(household(postcode="ST16 8YY")),
            children=[new_child_row(school)],
            choices={},
        )
    return on_time, late
