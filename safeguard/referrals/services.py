"""Writes for the referral engine: record a concern, triage it, refer, and the partner's reply.

Every step is audited in its own transaction; sending a referral is a *disclosure* naming
its recipients; the social-care decision runs on a stored clock (DOMAIN.md §4.2 [S]).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import BreachReasonRequired, clock_start, clock_stop
from safeguard.core import clock
from safeguard.core.exceptions import DomainError
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.deadlines import working_days_deadline
from safeguard.core.services import reference_issue
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.incidents.services import InvolvementDetails, OccurrenceDetails, occurrence_record
from safeguard.people.policies import person_in_scope
from safeguard.referrals.models import ChildConcern, Referral
from safeguard.referrals.policies import concern_in_scope, referral_in_scope
from safeguard.referrals.rules.codes import (
    ConcernStatus,
    ReferralMethod,
    ReferralStatus,
    SocialCareDecision,
    TriageDecision,
)
from safeguard.referrals.rules.workflow import can_move

if TYPE_CHECKING:
    from safeguard.accounts.models import User

DECISION_CLOCK = "referral.decision"
DECISION_RULE = "Working Together 2023: acknowledge and decide within one working day"
DECISION_RULE_SOURCE = "DOMAIN.md §4.2 [S]"
DECISION_RULE_VERSION = "wt2023-v1"
RAG_VALUES = frozenset({"GREEN", "AMBER", "RED"})


class ReferralInvalid(DomainError):
    """Field errors; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("There are errors.")
        self.errors = errors


@dataclass(frozen=True)
class ConcernDetails:
    child_id: UUID
    occurred_at: dt.datetime
    location: str
    summary: str
    voice: VoiceOfChild | None
    postcode: str = ""


@transaction.atomic
def concern_record(
    *, actor: User, details: ConcernDetails, idempotency_key: str = ""
) -> ChildConcern:
    """Record a concern for a child with the child's voice, for MASH triage.

    The same ``idempotency_key`` from the same officer returns the first concern unchanged.

    :raises CapabilityMissing: the actor cannot record concerns
    :raises OccurrenceInvalid: details or the voice of the child are incomplete
    """
    require_capability(actor, Capability.CONCERN_RECORD)
    key = idempotency_key.strip()[:100]
    if key:
        existing = ChildConcern.objects.filter(recorded_by=actor, idempotency_key=key).first()
        if existing is not None:
            return existing
    occurrence = occurrence_record(
        actor=actor,
        details=OccurrenceDetails(
            occurrence_type="CHILD_CONCERN",
            occurred_at=details.occurred_at,
            location=details.location,
            postcode=details.postcode,
            narrative=details.summary,
        ),
        involvements=[
            InvolvementDetails(person_id=details.child_id, role="VICTIM", voice=details.voice)
        ],
    )
    child = person_in_scope(actor, details.child_id)
    now = clock.now()
    concern = ChildConcern.objects.create(
        reference=reference_issue(prefix="CON", year=now.year)[0],
        child=child,
        occurrence=occurrence,
        summary=details.summary,
        owning_team_id=actor.team_id,
        recorded_by=actor,
        idempotency_key=key,
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="concern.recorded",
        subjects=[Subject.of(concern), Subject.of(child)],
        changes={"reference": concern.reference, "occurrence": occurrence.reference},
    )
    return concern


@transaction.atomic
def concern_triage(
    *, actor: User, concern_id: UUID, research_notes: str, rag: str, decision: str, rationale: str
) -> ChildConcern:
    """Record the MASH researcher's research, RAG grade and decision on a concern.

    :raises NotFoundOrForbidden: no such concern in scope
    :raises ReferralInvalid: unknown RAG or decision, no rationale, or already triaged
    """
    require_capability(actor, Capability.TRIAGE_WORK)
    concern = concern_in_scope(actor, concern_id)
    errors: dict[str, list[str]] = {}
    if rag not in RAG_VALUES:
        errors["rag"] = ["Choose red, amber or green"]
    if decision not in {d.value for d in TriageDecision}:
        errors["decision"] = ["Choose what happens next"]
    if len(rationale.strip()) < 10:
        errors["rationale"] = ["Explain the decision"]
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        errors["decision"] = ["This concern has already been triaged"]
    if errors:
        raise ReferralInvalid(errors)
    now = clock.now()
    concern.research_notes = research_notes.strip()
    concern.rag = rag
    concern.triage_decision = decision
    concern.triage_rationale = rationale.strip()
    concern.triaged_by = actor
    concern.triaged_at = now
    closing = decision == TriageDecision.NO_FURTHER_ACTION
    concern.status = ConcernStatus.CLOSED if closing else ConcernStatus.TRIAGED
    concern.updated_at = now
    concern.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="concern.triaged",
        subjects=[Subject.of(concern), Subject("people.person", str(concern.child_id))],
        changes={"rag": rag, "decision": decision},
    )
    return concern


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
    try:
        clock_stop(
            actor=actor,
            subject=Subject.of(referral),
            kind=DECISION_CLOCK,
            stopped_at=now,
            breach_reason=delay_reason,
        )
    except BreachReasonRequired as exc:
        raise ReferralInvalid({"delay_reason": [str(exc)]}) from exc
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="referral.decided",
        subjects=[Subject.of(referral)],
        changes={"decision": decision},
    )
    return referral
