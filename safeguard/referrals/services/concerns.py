"""Child concerns (PPN): record one with the child's voice, allocate it, triage it with the PPN RAG."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import has_capability, require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import User
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import (
    ClockNotRunning,
    clock_reassign,
    clock_start,
)
from safeguard.core import clock
from safeguard.core.policy import force_policy
from safeguard.core.rules.calendar import LONDON
from safeguard.core.rules.deadlines import hours_deadline
from safeguard.core.services import reference_issue
from safeguard.incidents.models import Occurrence
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.incidents.services import InvolvementDetails, OccurrenceDetails, occurrence_record
from safeguard.people.models import Person
from safeguard.people.policies import person_in_scope
from safeguard.referrals.models import (
    ChildConcern,
)
from safeguard.referrals.policies import concern_in_scope
from safeguard.referrals.rules.codes import (
    ConcernStatus,
    TriageDecision,
)
from safeguard.referrals.selectors import concern_ppn_prefill
from safeguard.referrals.services.common import ReferralInvalid, mash_team, step_clock_stop
from safeguard.risk.policy import ppn_escalation_check
from safeguard.risk.rules.ppn_rag import PPN_RAG_CODE
from safeguard.risk.services import RiskAssessmentInvalid, risk_assessment_record

TRIAGE_CLOCK = "concern.triage"


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
    return _concern_create(
        actor=actor, child=child, occurrence=occurrence, summary=details.summary, key=key
    )


@transaction.atomic
def concern_raise_for_occurrence(
    *, actor: User, occurrence: Occurrence, child: Person, summary: str
) -> ChildConcern:
    """Raise a concern for a child already recorded in ``occurrence`` (a domestic-abuse
    incident, say), for MASH triage and the referral loop; the voice was taken there.

    :raises CapabilityMissing: the actor cannot record concerns
    """
    require_capability(actor, Capability.CONCERN_RECORD)
    return _concern_create(actor=actor, child=child, occurrence=occurrence, summary=summary, key="")


def _concern_create(
    *, actor: User, child: Person, occurrence: Occurrence, summary: str, key: str
) -> ChildConcern:
    now = clock.now()
    mash = mash_team() or actor.team
    concern = ChildConcern.objects.create(
        reference=reference_issue(prefix="CON", year=now.year)[0],
        child=child,
        occurrence=occurrence,
        summary=summary,
        owning_team=mash,
        recorded_by=actor,
        idempotency_key=key,
        created_at=now,
        updated_at=now,
    )
    assert mash is not None
    hours = int(force_policy("TRIAGE_HOURS"))
    clock_start(
        subject=Subject.of(concern),
        kind=TRIAGE_CLOCK,
        label="MASH triage",
        started_at=now,
        due_at=hours_deadline(starts_at=now, hours=hours),
        rule=f"Force policy: every child concern triaged by the MASH within {hours} hours",
        rule_source="DOMAIN.md §4.3 [U] (MASH timescales are local)",
        rule_version=f"mash-triage-{hours}h-v1",
        owner_team=mash,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="concern.recorded",
        subjects=[Subject.of(concern), Subject.of(child)],
        changes={"reference": concern.reference, "occurrence": occurrence.reference},
    )
    return concern


def _previous_grades(concern: ChildConcern) -> list[tuple[dt.date, str]]:
    earlier = (
        ChildConcern.objects.filter(child_id=concern.child_id, triaged_at__isnull=False)
        .exclude(pk=concern.pk)
        .values_list("triaged_at", "rag")
    )
    return [(at.astimezone(LONDON).date(), rag) for at, rag in earlier if at is not None and rag]


@transaction.atomic
def concern_triage(
    *,
    actor: User,
    concern_id: UUID,
    research_notes: str,
    answers: Mapping[str, object],
    decision: str,
    rationale: str,
    officer_level: str | None = None,
    level_rationale: str = "",
    delay_reason: str = "",
) -> ChildConcern:
    """Grade a concern with the PPN RAG instrument and record the MASH decision.

    The grade is a versioned risk assessment (the officer may raise, never silently lower,
    the computed level). Red, amber, or a third green within three months must be referred
    to children's social care (DOMAIN.md §3.4 [S]; window and count are force policy).

    :raises NotFoundOrForbidden: no such concern in scope
    :raises ReferralInvalid: answers, level, decision or rationale are wrong, or already triaged
    """
    require_capability(actor, Capability.TRIAGE_WORK)
    concern = concern_in_scope(actor, concern_id)
    errors: dict[str, list[str]] = {}
    if decision not in {d.value for d in TriageDecision}:
        errors["decision"] = ["Choose what happens next"]
    if len(rationale.strip()) < 10:
        errors["rationale"] = ["Explain the decision"]
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        errors["decision"] = ["This concern has already been triaged"]
    try:
        assessment = risk_assessment_record(
            actor=actor,
            subject=Subject.of(concern),
            instrument_code=PPN_RAG_CODE,
            answers={**concern_ppn_prefill(concern), **answers},
            officer_level=officer_level or None,
            rationale=level_rationale,
        )
    except RiskAssessmentInvalid as exc:
        errors.update(
            {("level_rationale" if k == "rationale" else k): v for k, v in exc.errors.items()}
        )
        raise ReferralInvalid(errors) from exc
    rag = assessment.final_level
    today = clock.today_in_london()
    must_refer = ppn_escalation_check(level=rag, previous=_previous_grades(concern), on=today)
    if must_refer and decision != TriageDecision.REFER_TO_SOCIAL_CARE:
        errors["decision"] = [
            "Red, amber, or a third green within three months must be referred to children's social care"
        ]
    if errors:
        raise ReferralInvalid(errors)
    now = clock.now()
    concern.research_notes = research_notes.strip()
    concern.rag = rag
    concern.risk_assessment_id = assessment.pk
    concern.triage_decision = decision
    concern.triage_rationale = rationale.strip()
    concern.triaged_by = actor
    concern.triaged_at = now
    closing = decision == TriageDecision.NO_FURTHER_ACTION
    concern.status = ConcernStatus.CLOSED if closing else ConcernStatus.TRIAGED
    concern.updated_at = now
    concern.save()
    step_clock_stop(
        actor, Subject.of(concern), TRIAGE_CLOCK, stopped_at=now, delay_reason=delay_reason
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="concern.triaged",
        subjects=[Subject.of(concern), Subject("people.person", str(concern.child_id))],
        changes={
            "rag": rag,
            "decision": decision,
            "must_refer": must_refer,
            "risk_assessment": str(assessment.pk),
        },
    )
    return concern


@transaction.atomic
def concern_allocate(*, actor: User, concern_id: UUID, officer_id: UUID) -> ChildConcern:
    """Allocate a concern awaiting triage to an officer; the triage clock follows them.

    :raises CapabilityMissing: the actor does not allocate work
    :raises NotFoundOrForbidden: no such concern in scope
    :raises ReferralInvalid: the officer cannot triage, or the concern is already triaged
    """
    require_capability(actor, Capability.WORK_ALLOCATE)
    concern = concern_in_scope(actor, concern_id)
    officer = User.objects.filter(pk=officer_id, is_active=True, organisation__isnull=True).first()
    if officer is None or not has_capability(officer, Capability.TRIAGE_WORK):
        raise ReferralInvalid({"officer": ["Choose an officer who triages concerns"]})
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        raise ReferralInvalid({"officer": ["This concern has already been triaged"]})
    concern.allocated_to = officer
    concern.updated_at = clock.now()
    concern.save(update_fields=["allocated_to", "updated_at"])
    with contextlib.suppress(ClockNotRunning):
        clock_reassign(
            actor=actor, subject=Subject.of(concern), kind=TRIAGE_CLOCK, owner_user=officer
        )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="concern.allocated",
        subjects=[Subject.of(concern)],
        changes={"allocated_to": officer.get_username()},
    )
    return concern
