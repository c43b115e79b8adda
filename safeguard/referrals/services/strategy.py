"""Strategy discussions and the initial child protection conference clock (DOMAIN.md §4.2 [S])."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import User
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.selectors import clock_list_for_subject
from safeguard.clocks.services import (
    BreachReasonRequired,
    ClockInvalid,
    ClockNotRunning,
    clock_start,
    clock_stop,
)
from safeguard.core import clock
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.deadlines import working_days_deadline
from safeguard.referrals.models import (
    Referral,
    StrategyDiscussion,
)
from safeguard.referrals.policies import referral_in_scope
from safeguard.referrals.rules.codes import (
    SECTION_47_OUTCOMES,
    StrategyOutcome,
)
from safeguard.referrals.rules.limits import DEFAULT_LIMITS
from safeguard.referrals.services.common import ReferralInvalid

CONFERENCE_CLOCK = "child_protection_conference.initial"


@dataclass(frozen=True)
class Attendee:
    name: str
    agency: str


@transaction.atomic
def strategy_discussion_record(
    *,
    actor: User,
    referral_id: UUID,
    held_at: dt.datetime,
    attendees: list[Attendee],
    police_actions: str,
    outcome: str,
) -> StrategyDiscussion:
    """Record a strategy discussion; section 47 outcomes start the conference clock.

    The initial child protection conference is due within 15 working days of the strategy
    discussion, or of the last one if there were several (DOMAIN.md §4.2 [S]): a later s.47
    discussion restarts the clock.

    :raises NotFoundOrForbidden: no such referral in scope
    :raises ReferralInvalid: time, attendees, actions or outcome are wrong
    """
    require_capability(actor, Capability.STRATEGY_RECORD)
    referral = referral_in_scope(actor, referral_id)
    now = clock.now()
    errors: dict[str, list[str]] = {}
    if held_at.tzinfo is None or held_at > now:
        errors["held_at"] = ["Give when it was held; it cannot be in the future"]
    elif held_at < referral.sent_at:
        errors["held_at"] = ["A strategy discussion follows the referral it is about"]
    if not attendees or any(not a.name.strip() or not a.agency.strip() for a in attendees):
        errors["attendees"] = ["Name each attendee and their agency"]
    if len(police_actions.strip()) < 5:
        errors["police_actions"] = ["Record the police actions agreed (or 'none')"]
    if outcome not in {o.value for o in StrategyOutcome}:
        errors["outcome"] = ["Choose the outcome"]
    if errors:
        raise ReferralInvalid(errors)
    discussion = StrategyDiscussion.objects.create(
        referral=referral,
        held_at=held_at,
        police_actions=police_actions.strip(),
        outcome=outcome,
        attendees=[{"name": a.name.strip(), "agency": a.agency.strip()} for a in attendees],
        recorded_by=actor,
        created_at=now,
        updated_at=now,
    )
    if StrategyOutcome(outcome) in SECTION_47_OUTCOMES:
        _restart_conference_clock(actor, referral, held_at)
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="strategy_discussion.recorded",
        subjects=[Subject.of(referral), Subject("people.person", str(referral.child_id))],
        changes={"outcome": outcome, "held_at": held_at.isoformat()},
    )
    return discussion


def _restart_conference_clock(actor: User, referral: Referral, held_at: dt.datetime) -> None:
    subject = Subject.of(referral)
    running = clock_list_for_subject(subject=subject)
    if any(c.clock.kind == CONFERENCE_CLOCK and c.clock.stopped_at is None for c in running):
        clock_stop(
            actor=actor,
            subject=subject,
            kind=CONFERENCE_CLOCK,
            stopped_at=held_at,
            breach_reason="Superseded by a later strategy discussion",
        )
    holidays = england_and_wales_bank_holidays(years=[held_at.year, held_at.year + 1])
    assert actor.team is not None
    clock_start(
        subject=subject,
        kind=CONFERENCE_CLOCK,
        label="Initial child protection conference",
        started_at=held_at,
        due_at=working_days_deadline(
            received_at=held_at,
            working_days=DEFAULT_LIMITS.icpc_working_days,
            bank_holidays=holidays,
        ),
        rule="Initial child protection conference within 15 working days of the strategy discussion",
        rule_source="DOMAIN.md §4.2 [S]",
        rule_version=DEFAULT_LIMITS.version,
        owner_team=actor.team,
        owner_user=actor,
        partner_organisation=referral.recipient_organisation,
    )


@transaction.atomic
def conference_held_record(
    *, actor: User, referral_id: UUID, held_at: dt.datetime, delay_reason: str = ""
) -> None:
    """Record that the initial child protection conference took place; stops its clock.

    :raises NotFoundOrForbidden: no such referral in scope
    :raises ReferralInvalid: no conference clock running, or late without a reason
    """
    require_capability(actor, Capability.STRATEGY_RECORD)
    referral = referral_in_scope(actor, referral_id)
    try:
        clock_stop(
            actor=actor,
            subject=Subject.of(referral),
            kind=CONFERENCE_CLOCK,
            stopped_at=held_at,
            breach_reason=delay_reason,
        )
    except BreachReasonRequired as exc:
        raise ReferralInvalid({"delay_reason": [str(exc)]}) from exc
    except (ClockNotRunning, ClockInvalid) as exc:
        raise ReferralInvalid({"held_at": [str(exc)]}) from exc
