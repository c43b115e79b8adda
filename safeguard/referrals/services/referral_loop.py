"""Referral to children's social care as a closed loop: sent, acknowledged, decided on a clock."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind, User
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import (
    clock_start,
)
from safeguard.core import clock
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.deadlines import working_days_deadline
from safeguard.core.services import reference_issue
from safeguard.referrals.models import (
    Referral,
)
from safeguard.referrals.policies import concern_in_scope, referral_in_scope
from safeguard.referrals.rules.codes import (
    ConcernStatus,
    ReferralMethod,
    ReferralStatus,
    SocialCareDecision,
    TriageDecision,
)
from safeguard.referrals.rules.workflow import can_move
from safeguard.referrals.services.common import ReferralInvalid, step_clock_stop

DECISION_CLOCK = "referral.decision"
DECISION_RULE = "Working Together 2023: acknowledge and decide within one working day"
DECISION_RULE_SOURCE = "DOMAIN.md §4.2 [S]"
DECISION_RULE_VERSION = "wt2023-v1"


@dataclass(frozen=True)
class ReferralDetails:
    recipient_organisation_id: UUID
    method: str
    reason: str
    recipient_name: str = ""


@transaction.atomic
def referral_send(*, actor: User, concern_id: UUID, details: ReferralDetails) -> Referral:
    """Send a referral to children's social care and start its decision clock.

    A *disclosure* naming the organisation and person it went to (DPA 2018 s.62(3)).

    :raises NotFoundOrForbidden: no such concern in scope
    :raises ReferralInvalid: the concern was not triaged for referral, or the details are wrong
    """
    require_capability(actor, Capability.REFERRAL_SEND)
    concern = concern_in_scope(actor, concern_id)
    errors: dict[str, list[str]] = {}
    recipient = Organisation.objects.filter(
        pk=details.recipient_organisation_id, kind=OrganisationKind.CHILDRENS_SOCIAL_CARE
    ).first()
    if recipient is None:
        errors["recipient_organisation_id"] = ["Choose a children's social care team"]
    if details.method not in {m.value for m in ReferralMethod}:
        errors["method"] = ["Choose how the referral was sent"]
    if len(details.reason.strip()) < 10:
        errors["reason"] = ["Say why the child is referred"]
    refer = concern.status == ConcernStatus.TRIAGED
    if not refer or concern.triage_decision != TriageDecision.REFER_TO_SOCIAL_CARE:
        errors["concern"] = [
            "Triage the concern with a decision to refer before sending a referral"
        ]
    if errors:
        raise ReferralInvalid(errors)
    assert recipient is not None
    now = clock.now()
    referral = Referral.objects.create(
        reference=reference_issue(prefix="REF", year=now.year)[0],
        concern=concern,
        child_id=concern.child_id,
        recipient_organisation=recipient,
        recipient_name=details.recipient_name.strip(),
        method=details.method,
        reason=details.reason.strip(),
        owning_team_id=actor.team_id,
        sent_by=actor,
        sent_at=now,
        created_at=now,
        updated_at=now,
    )
    concern.status = ConcernStatus.REFERRED
    concern.updated_at = now
    concern.save(update_fields=["status", "updated_at"])
    holidays = england_and_wales_bank_holidays(years=[now.year, now.year + 1])
    assert actor.team is not None
    clock_start(
        subject=Subject.of(referral),
        kind=DECISION_CLOCK,
        label="Social care acknowledgement and decision",
        started_at=now,
        due_at=working_days_deadline(received_at=now, working_days=1, bank_holidays=holidays),
        rule=DECISION_RULE,
        rule_source=DECISION_RULE_SOURCE,
        rule_version=DECISION_RULE_VERSION,
        owner_team=actor.team,
        owner_user=actor,
        partner_organisation=recipient,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="referral.sent",
        subjects=[Subject.of(referral), Subject("people.person", str(concern.child_id))],
        justification=f"Referral to children's social care: {referral.reason}",
        recipients=[
            recipient.name,
            *([referral.recipient_name] if referral.recipient_name else []),
        ],
        changes={"reference": referral.reference, "method": referral.method},
    )
    return referral


def _move(referral: Referral, to: ReferralStatus) -> None:
    if not can_move(current=ReferralStatus(referral.status), to=to):
        raise ReferralInvalid({"status": [f"This referral is already {referral.status.lower()}"]})


@transaction.atomic
def referral_acknowledge(*, actor: User, referral_id: UUID) -> Referral:
    """Record that social care has received the referral.

    :raises NotFoundOrForbidden: not sent to the actor's organisation
    :raises ReferralInvalid: already acknowledged or decided
    """
    require_capability(actor, Capability.REFERRAL_RESPOND)
    referral = referral_in_scope(actor, referral_id)
    _move(referral, ReferralStatus.ACKNOWLEDGED)
    now = clock.now()
    referral.status = ReferralStatus.ACKNOWLEDGED
    referral.acknowledged_at = now
    referral.acknowledged_by = actor
    referral.updated_at = now
    referral.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="referral.acknowledged",
        subjects=[Subject.of(referral)],
    )
    return referral


@transaction.atomic
def referral_decide(
    *, actor: User, referral_id: UUID, decision: str, note: str, delay_reason: str = ""
) -> Referral:
    """Record social care's decision; it stops the decision clock (met, or breached with a reason).

    :raises NotFoundOrForbidden: not sent to the actor's organisation
    :raises ReferralInvalid: unknown decision, already decided, or late without a reason
    """
    require_capability(actor, Capability.REFERRAL_RESPOND)
    referral = referral_in_scope(actor, referral_id)
    if decision not in {d.value for d in SocialCareDecision}:
        raise ReferralInvalid({"decision": ["Choose the decision"]})
    _move(referral, ReferralStatus.DECIDED)
    now = clock.now()
    referral.status = ReferralStatus.DECIDED
    referral.decision = decision
    referral.decision_note = note.strip()
    referral.decided_at = now
    referral.decided_by = actor
    referral.acknowledged_at = referral.acknowledged_at or now
    referral.acknowledged_by = referral.acknowledged_by or actor
    referral.updated_at = now
    referral.save()
    step_clock_stop(
        actor, Subject.of(referral), DECISION_CLOCK, stopped_at=now, delay_reason=delay_reason
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="referral.decided",
        subjects=[Subject.of(referral)],
        changes={"decision": decision},
    )
    return referral
