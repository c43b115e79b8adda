"""Writes for the referral engine: record a concern, triage it, refer, and the partner's reply.

Every step is audited in its own transaction; sending a referral is a *disclosure* naming
its recipients; the social-care decision runs on a stored clock (DOMAIN.md §4.2 [S]).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import transaction

from safeguard.access.policies import has_capability, require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind, Team, User
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.selectors import clock_list_for_subject
from safeguard.clocks.services import (
    BreachReasonRequired,
    ClockInvalid,
    ClockNotRunning,
    clock_reassign,
    clock_start,
    clock_stop,
)
from safeguard.core import clock
from safeguard.core.exceptions import DomainError
from safeguard.core.policy import force_policy
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.deadlines import hours_deadline, working_days_deadline
from safeguard.core.services import reference_issue
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.incidents.services import InvolvementDetails, OccurrenceDetails, occurrence_record
from safeguard.people.policies import person_in_scope
from safeguard.referrals.models import (
    ChildConcern,
    PoliceProtection,
    ProtectionNoticeGiven,
    Referral,
    StrategyDiscussion,
)
from safeguard.referrals.policies import concern_in_scope, protection_in_scope, referral_in_scope
from safeguard.referrals.rules.codes import (
    SECTION_47_OUTCOMES,
    ConcernStatus,
    ProtectionNotice,
    ReferralMethod,
    ReferralStatus,
    SocialCareDecision,
    StrategyOutcome,
    TriageDecision,
)
from safeguard.referrals.rules.limits import DEFAULT_LIMITS
from safeguard.referrals.rules.workflow import can_move
from safeguard.referrals.selectors import concern_ppn_prefill
from safeguard.risk.policy import ppn_escalation_check
from safeguard.risk.rules.ppn_rag import PPN_RAG_CODE
from safeguard.risk.services import RiskAssessmentInvalid, risk_assessment_record

DECISION_CLOCK = "referral.decision"
TRIAGE_CLOCK = "concern.triage"
DECISION_RULE = "Working Together 2023: acknowledge and decide within one working day"
DECISION_RULE_SOURCE = "DOMAIN.md §4.2 [S]"
DECISION_RULE_VERSION = "wt2023-v1"
LONDON = ZoneInfo("Europe/London")


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
    mash = mash_team() or actor.team
    concern = ChildConcern.objects.create(
        reference=reference_issue(prefix="CON", year=now.year)[0],
        child=child,
        occurrence=occurrence,
        summary=details.summary,
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
    _stop_clock(actor, Subject.of(concern), TRIAGE_CLOCK, stopped_at=now, delay_reason=delay_reason)
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


def _stop_clock(
    actor: User, subject: Subject, kind: str, *, stopped_at: dt.datetime, delay_reason: str
) -> None:
    """Stop a step's clock; a late stop needs the delay reason as a field error.

    A record with no running clock of that kind (loaded from another system, say) still
    completes its step: the clock is what measures the step, not what permits it.
    """
    try:
        clock_stop(
            actor=actor,
            subject=subject,
            kind=kind,
            stopped_at=stopped_at,
            breach_reason=delay_reason,
        )
    except BreachReasonRequired as exc:
        raise ReferralInvalid({"delay_reason": [str(exc)]}) from exc
    except ClockNotRunning:
        return


def mash_team() -> Team | None:
    """Return the force's MASH team (force policy ``MASH_TEAM_CODE``), if it exists."""
    return Team.objects.filter(code=force_policy("MASH_TEAM_CODE")).first()


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
    _stop_clock(
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


# --- strategy discussions and conferences (DOMAIN.md §4.2 [S]) ---------------------------

CONFERENCE_CLOCK = "child_protection_conference.initial"
PROTECTION_CLOCK = "police_protection.limit"


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


# --- police protection (Children Act 1989 s.46) -------------------------------------------


@transaction.atomic
def police_protection_start(
    *, actor: User, child_id: UUID, starts_at: dt.datetime, reason: str, accommodation: str
) -> PoliceProtection:
    """Record that a child was taken into police protection; the 72-hour clock starts, urgent.

    :raises NotFoundOrForbidden: the child is not in scope
    :raises ReferralInvalid: time, reason or accommodation are wrong
    """
    require_capability(actor, Capability.POLICE_PROTECTION_RECORD)
    child = person_in_scope(actor, child_id)
    now = clock.now()
    errors: dict[str, list[str]] = {}
    if starts_at.tzinfo is None or starts_at > now:
        errors["starts_at"] = ["Give when the child was taken into police protection"]
    if len(reason.strip()) < 10:
        errors["reason"] = [
            "Say why the child would otherwise be likely to suffer significant harm"
        ]
    if not accommodation.strip():
        errors["accommodation"] = ["Say where the child is being kept"]
    if errors:
        raise ReferralInvalid(errors)
    protection = PoliceProtection.objects.create(
        reference=reference_issue(prefix="PP", year=now.year)[0],
        child=child,
        starts_at=starts_at,
        reason=reason.strip(),
        accommodation=accommodation.strip(),
        owning_team_id=actor.team_id,
        recorded_by=actor,
        created_at=now,
        updated_at=now,
    )
    assert actor.team is not None
    clock_start(
        subject=Subject.of(protection),
        kind=PROTECTION_CLOCK,
        label="Police protection ends (72 hours)",
        started_at=starts_at,
        due_at=hours_deadline(starts_at=starts_at, hours=DEFAULT_LIMITS.police_protection_hours),
        rule="No child may be kept in police protection for more than 72 hours",
        rule_source="Children Act 1989 s.46(6); DOMAIN.md §4.2 [S]",
        rule_version=DEFAULT_LIMITS.version,
        owner_team=actor.team,
        owner_user=actor,
        urgent=True,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="police_protection.started",
        subjects=[Subject.of(protection), Subject.of(child)],
        changes={"reference": protection.reference, "starts_at": starts_at.isoformat()},
    )
    return protection


@transaction.atomic
def police_protection_notice_record(
    *, actor: User, protection_id: UUID, notice: str, given_at: dt.datetime, detail: str = ""
) -> ProtectionNoticeGiven:
    """Record one of the notices s.46 requires (local authority, child, parents, designated officer).

    :raises NotFoundOrForbidden: no such police protection in scope
    :raises ReferralInvalid: unknown notice, already recorded, or an impossible time
    """
    require_capability(actor, Capability.POLICE_PROTECTION_RECORD)
    protection = protection_in_scope(actor, protection_id)
    errors: dict[str, list[str]] = {}
    if notice not in {n.value for n in ProtectionNotice}:
        errors["notice"] = ["Choose who was told"]
    elif protection.notices.filter(notice=notice).exists():
        errors["notice"] = ["This notice is already recorded"]
    if given_at.tzinfo is None or given_at > clock.now() or given_at < protection.starts_at:
        errors["given_at"] = ["Give a time after the child was taken into police protection"]
    if errors:
        raise ReferralInvalid(errors)
    given = ProtectionNoticeGiven.objects.create(
        protection=protection,
        notice=notice,
        given_at=given_at,
        detail=detail.strip(),
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="police_protection.notice_given",
        subjects=[Subject.of(protection), Subject("people.person", str(protection.child_id))],
        justification="Children Act 1989 s.46 notice",
        recipients=[notice],
        changes={"notice": notice, "given_at": given_at.isoformat()},
    )
    return given


@transaction.atomic
def police_protection_end(
    *,
    actor: User,
    protection_id: UUID,
    ends_at: dt.datetime,
    end_reason: str,
    delay_reason: str = "",
) -> PoliceProtection:
    """End police protection; stops the 72-hour clock (a late end needs a reason).

    :raises NotFoundOrForbidden: no such police protection in scope
    :raises ReferralInvalid: already ended, no reason, an impossible time, or late without a reason
    """
    require_capability(actor, Capability.POLICE_PROTECTION_RECORD)
    protection = protection_in_scope(actor, protection_id)
    errors: dict[str, list[str]] = {}
    if protection.ends_at is not None:
        errors["ends_at"] = ["Police protection has already ended"]
    elif ends_at.tzinfo is None or ends_at < protection.starts_at or ends_at > clock.now():
        errors["ends_at"] = ["Give when police protection ended"]
    if len(end_reason.strip()) < 5:
        errors["end_reason"] = ["Say how it ended (returned home, emergency protection order...)"]
    if errors:
        raise ReferralInvalid(errors)
    protection.ends_at = ends_at
    protection.end_reason = end_reason.strip()
    protection.updated_at = clock.now()
    protection.save(update_fields=["ends_at", "end_reason", "updated_at"])
    _stop_clock(
        actor,
        Subject.of(protection),
        PROTECTION_CLOCK,
        stopped_at=ends_at,
        delay_reason=delay_reason,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="police_protection.ended",
        subjects=[Subject.of(protection)],
        changes={"ends_at": ends_at.isoformat()},
    )
    return protection
