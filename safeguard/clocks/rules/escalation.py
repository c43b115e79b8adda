"""Who hears about a clock at each escalation step, and the force's default ladder.

Pure: imports only the standard library and this package, and never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from safeguard.clocks.rules.status import check_escalation_steps

DEFAULT_ESCALATION_STEPS: tuple[timedelta, ...] = (
    timedelta(0),
    timedelta(hours=2),
    timedelta(hours=8),
)
"""Force policy default: at the deadline, 2 hours after it, 8 hours after it.

No national guidance sets escalation times; MASH timescales are local (DOMAIN.md §4.3 [U]).
A force changes them in ``settings.SAFEGUARD["CLOCK_ESCALATION_STEPS_HOURS"]``.
"""

DEFAULT_DUE_SOON_WINDOW = timedelta(hours=2)
"""Force policy default: a running clock shows as due soon this long before its deadline [U].

A force changes it in ``settings.SAFEGUARD["CLOCK_DUE_SOON_HOURS"]``.
"""


class EscalationTarget(StrEnum):
    """A group of people told about a clock at an escalation step."""

    OWNER = "OWNER"
    """The owning officer, or the owning team's queue when no officer owns the clock."""

    OWNER_TEAM_SUPERVISORS = "OWNER_TEAM_SUPERVISORS"
    """The supervisors (sergeants, inspectors) of the owning team."""

    PARTNER_MANAGER = "PARTNER_MANAGER"
    """The partner organisation the clock waits on (for example children's social care)."""

    ON_CALL_SENIOR_OFFICERS = "ON_CALL_SENIOR_OFFICERS"
    """The force's on-call senior officers."""


_REMINDER_STEP = 1
_SUPERVISOR_STEP = 2


def escalation_targets(*, step: int, waits_on_partner: bool) -> tuple[EscalationTarget, ...]:
    """Return who is told when escalation step ``step`` (counting from 1) falls due.

    Step 1 reminds the owner. Step 2 escalates to the owning team's supervisors and, when
    the clock waits on a partner organisation, to that partner's manager, because a
    referral is a closed loop "escalated when unanswered" (DESIGN.md, referrals). Every
    later step escalates to the on-call senior officers, who cover the force out of hours
    (DESIGN.md "Who uses it"). The ladder is force policy: no national escalation route was
    confirmed (DOMAIN.md §4.3 [U]).

    :raises ValueError: if ``step`` is less than 1
    """
    if step < _REMINDER_STEP:
        raise ValueError(f"Escalation steps count from 1, not {step}.")
    if step == _REMINDER_STEP:
        return (EscalationTarget.OWNER,)
    if step == _SUPERVISOR_STEP:
        if waits_on_partner:
            return (EscalationTarget.OWNER_TEAM_SUPERVISORS, EscalationTarget.PARTNER_MANAGER)
        return (EscalationTarget.OWNER_TEAM_SUPERVISORS,)
    return (EscalationTarget.ON_CALL_SENIOR_OFFICERS,)


@dataclass(frozen=True)
class ClockPolicy:
    """The force's choices for every statutory clock (force policy, DOMAIN.md §4.3 [U]).

    ``escalation_steps`` are offsets after the deadline, earliest first (see
    :func:`safeguard.clocks.rules.status.escalation_step`); ``due_soon_window`` is how long
    before its deadline a running clock shows as due soon.

    :raises InvalidEscalationSteps: if the steps are empty, negative or out of order
    :raises ValueError: if the due-soon window is negative
    """

    escalation_steps: tuple[timedelta, ...] = field(default=DEFAULT_ESCALATION_STEPS)
    due_soon_window: timedelta = field(default=DEFAULT_DUE_SOON_WINDOW)

    def __post_init__(self) -> None:
        check_escalation_steps(self.escalation_steps)
        if self.due_soon_window < timedelta(0):
            raise ValueError(f"due_soon_window must not be negative, not {self.due_soon_window}.")


def clock_policy_from_hours(
    *, escalation_steps_hours: tuple[float, ...] | None, due_soon_hours: float | None
) -> ClockPolicy:
    """Return the policy from settings values in hours, taking the default for each one unset.

    :raises InvalidEscalationSteps: if the steps are empty, negative or out of order
    :raises ValueError: if the due-soon window is negative
    """
    steps = (
        DEFAULT_ESCALATION_STEPS
        if escalation_steps_hours is None
        else tuple(timedelta(hours=h) for h in escalation_steps_hours)
    )
    window = DEFAULT_DUE_SOON_WINDOW if due_soon_hours is None else timedelta(hours=due_soon_hours)
    return ClockPolicy(escalation_steps=steps, due_soon_window=window)
