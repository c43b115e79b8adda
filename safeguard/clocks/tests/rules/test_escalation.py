from __future__ import annotations

from datetime import timedelta

import pytest

from safeguard.clocks.rules.escalation import (
    DEFAULT_DUE_SOON_WINDOW,
    DEFAULT_ESCALATION_STEPS,
    ClockPolicy,
    EscalationTarget,
    clock_policy_from_hours,
    escalation_targets,
)
from safeguard.clocks.rules.status import InvalidEscalationSteps

OWNER = EscalationTarget.OWNER
SUPERVISORS = EscalationTarget.OWNER_TEAM_SUPERVISORS
PARTNER = EscalationTarget.PARTNER_MANAGER
ON_CALL = EscalationTarget.ON_CALL_SENIOR_OFFICERS


class TestEscalationTargets:
    @pytest.mark.parametrize(
        ("step", "waits_on_partner", "expected"),
        [
            pytest.param(1, False, (OWNER,), id="reminder"),
            pytest.param(1, True, (OWNER,), id="reminder-partner-not-told-yet"),
            pytest.param(2, False, (SUPERVISORS,), id="supervisors"),
            pytest.param(2, True, (SUPERVISORS, PARTNER), id="supervisors-and-partner-manager"),
            pytest.param(3, False, (ON_CALL,), id="on-call"),
            pytest.param(3, True, (ON_CALL,), id="on-call-partner-already-told"),
            pytest.param(7, False, (ON_CALL,), id="every-later-step-on-call"),
        ],
    )
    def test_names_who_is_told(self, step, waits_on_partner, expected) -> None:
        assert escalation_targets(step=step, waits_on_partner=waits_on_partner) == expected

    @pytest.mark.parametrize("step", [0, -1])
    def test_refuses_a_step_below_one(self, step) -> None:
        with pytest.raises(ValueError, match="count from 1"):
            escalation_targets(step=step, waits_on_partner=False)


class TestClockPolicy:
    def test_defaults_to_the_documented_force_policy(self) -> None:
        policy = ClockPolicy()

        assert policy.escalation_steps == (
            timedelta(0),
            timedelta(hours=2),
            timedelta(hours=8),
        )
        assert policy.due_soon_window == timedelta(hours=2)

    def test_refuses_steps_out_of_order(self) -> None:
        with pytest.raises(InvalidEscalationSteps):
            ClockPolicy(escalation_steps=(timedelta(hours=2), timedelta(0)))

    def test_refuses_a_negative_window(self) -> None:
        with pytest.raises(ValueError, match="must not be negative"):
            ClockPolicy(due_soon_window=timedelta(minutes=-1))


class TestClockPolicyFromHours:
    def test_takes_the_defaults_for_unset_values(self) -> None:
        policy = clock_policy_from_hours(escalation_steps_hours=None, due_soon_hours=None)

        assert policy == ClockPolicy(
            escalation_steps=DEFAULT_ESCALATION_STEPS, due_soon_window=DEFAULT_DUE_SOON_WINDOW
        )

    def test_reads_hours(self) -> None:
        policy = clock_policy_from_hours(escalation_steps_hours=(0, 0.5, 4), due_soon_hours=1.5)

        assert policy.escalation_steps == (
            timedelta(0),
            timedelta(minutes=30),
            timedelta(hours=4),
        )
        assert policy.due_soon_window == timedelta(minutes=90)

    def test_refuses_an_empty_ladder(self) -> None:
        with pytest.raises(InvalidEscalationSteps):
            clock_policy_from_hours(escalation_steps_hours=(), due_soon_hours=None)
