from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from safeguard.online_abuse.rules.codes import Stage
from safeguard.online_abuse.rules.times import (
    ACTED_ON,
    DEFAULT_ACTION_HOURS,
    ORDER,
    UNGRADED,
    acted_on_in_time,
    action_due,
    next_stage_refusal,
    stage_due,
)
from safeguard.risk.rules.kirat import KiratLevel

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("level", "after"),
    [
        (KiratLevel.VERY_HIGH, DAY),
        (KiratLevel.HIGH, 7 * DAY),
        (KiratLevel.MEDIUM, 14 * DAY),
        (KiratLevel.LOW, 30 * DAY),
        ("HIGH", 7 * DAY),  # the level as stored text
        (None, DAY),  # ungraded is held to the very-high time
        ("", DAY),
    ],
)
def test_action_is_due_the_levels_time_after_receipt(
    level: str | None, after: dt.timedelta
) -> None:
    assert action_due(level=level, received_at=NOW, hours=DEFAULT_ACTION_HOURS) == NOW + after


def test_ungraded_is_very_high() -> None:
    assert UNGRADED is KiratLevel.VERY_HIGH


def test_the_forces_own_hours_are_used() -> None:
    hours = {**DEFAULT_ACTION_HOURS, KiratLevel.VERY_HIGH: 12}
    assert action_due(level=None, received_at=NOW, hours=hours) == NOW + dt.timedelta(hours=12)
    assert action_due(level="HIGH", received_at=NOW, hours=hours) == NOW + 7 * DAY


def test_a_level_the_force_has_no_time_for_is_an_error() -> None:
    with pytest.raises(KeyError):
        action_due(level="EXTREME", received_at=NOW, hours=DEFAULT_ACTION_HOURS)


STAGE_HOURS = {Stage.RESEARCH: 48, "WARRANT": 72, Stage.OUTCOME: 0}


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (Stage.RESEARCH, NOW + 2 * DAY),
        (Stage.WARRANT, NOW + 3 * DAY),  # hours keyed by the stage's stored text
        (Stage.RECEIVED, None),  # no time of its own
        (Stage.OUTCOME, None),  # zero hours is no time
    ],
)
def test_a_stage_is_due_its_hours_after_entering_it(
    stage: Stage, expected: dt.datetime | None
) -> None:
    assert stage_due(stage=stage, entered_at=NOW, hours=STAGE_HOURS) == expected


def test_no_stage_hours_means_no_stage_is_due() -> None:
    assert all(stage_due(stage=stage, entered_at=NOW, hours={}) is None for stage in Stage)


CLOSED = "The referral is closed."
BACKWARDS = "A referral moves forward through its stages, not back."
PARTNER_FIRST = (
    "Children around the suspect need a safeguarding decision and a partner referral first."
)


@pytest.mark.parametrize(
    ("current", "wanted", "children_at_risk", "refusal"),
    [
        # Closed is the end, whatever is wanted.
        (Stage.CLOSED, Stage.CLOSED, False, CLOSED),
        (Stage.CLOSED, Stage.RESEARCH, True, CLOSED),
        # Never back, never standing still.
        (Stage.WARRANT, Stage.RESEARCH, False, BACKWARDS),
        (Stage.OUTCOME, Stage.RECEIVED, True, BACKWARDS),
        (Stage.RESEARCH, Stage.RESEARCH, False, BACKWARDS),
        (Stage.PARTNER_REFERRAL, Stage.PARTNER_REFERRAL, True, BACKWARDS),
        # The partner referral cannot be skipped while a child is at risk...
        (Stage.RESEARCH, Stage.WARRANT, True, PARTNER_FIRST),
        (Stage.RECEIVED, Stage.ENFORCEMENT, True, PARTNER_FIRST),
        (Stage.RECEIVED, Stage.CLOSED, True, PARTNER_FIRST),
        # ...but can be when none is.
        (Stage.RESEARCH, Stage.WARRANT, False, None),
        (Stage.RECEIVED, Stage.CLOSED, False, None),
        # Going to it, or on from it, is never skipping it.
        (Stage.RESEARCH, Stage.PARTNER_REFERRAL, True, None),
        (Stage.RECEIVED, Stage.PARTNER_REFERRAL, True, None),
        (Stage.PARTNER_REFERRAL, Stage.WARRANT, True, None),
        (Stage.PARTNER_REFERRAL, Stage.OUTCOME, True, None),
        # Other stages may be skipped when they do not apply.
        (Stage.WARRANT, Stage.SAFEGUARDING_VISIT, True, None),
        (Stage.OUTCOME, Stage.CLOSED, True, None),
        (Stage.RECEIVED, Stage.RESEARCH, False, None),
    ],
)
def test_next_stage_refusal(
    current: Stage, wanted: Stage, children_at_risk: bool, refusal: str | None
) -> None:
    assert next_stage_refusal(current, wanted, children_at_risk=children_at_risk) == refusal


def test_every_forward_step_of_one_stage_is_allowed() -> None:
    for current, wanted in pairwise(ORDER):
        assert next_stage_refusal(current, wanted, children_at_risk=True) is None


def test_the_order_holds_every_stage_once_ending_closed() -> None:
    assert sorted(ORDER) == sorted(Stage)
    assert ORDER[0] is Stage.RECEIVED
    assert ORDER[-1] is Stage.CLOSED


def test_acted_on_is_enforcement_or_after() -> None:
    after = ORDER[ORDER.index(Stage.ENFORCEMENT) :]
    assert frozenset(after) == ACTED_ON


@pytest.mark.parametrize(
    ("acted_at", "expected"),
    [
        (None, False),  # not acted on yet
        (NOW - dt.timedelta(hours=5), True),
        (NOW, True),  # exactly at the due time is in time
        (NOW + dt.timedelta(seconds=1), False),
        (NOW + DAY, False),
    ],
)
def test_acted_on_in_time(acted_at: dt.datetime | None, expected: bool) -> None:
    assert acted_on_in_time(acted_at=acted_at, due_at=NOW) is expected
