"""DASH or DARA on an incident, the MARAC referral it may call for, and the referral waiver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON
from safeguard.domestic.models import ChildVictim, DomesticAbuseIncident, MaracReferral
from safeguard.domestic.policies import incident_in_scope
from safeguard.domestic.rules.marac import marac_referral_reasons
from safeguard.domestic.services.encompass import NotificationInvalid
from safeguard.risk.models import RiskAssessment
from safeguard.risk.policy import marac_policy
from safeguard.risk.rules.da_child import DA_CHILD_CODE
from safeguard.risk.rules.judgement import LevelChange
from safeguard.risk.services import RiskAssessmentInvalid, risk_assessment_record

if TYPE_CHECKING:
    from safeguard.accounts.models import User

DA_INSTRUMENTS = ("DASH", "DARA")
MIN_WAIVER_REASON = 20


def _victim_incident_dates(incident: DomesticAbuseIncident) -> list[dt.date]:
    times = DomesticAbuseIncident.objects.filter(victim_id=incident.victim_id).values_list(
        "occurrence__occurred_at", flat=True
    )
    return [t.astimezone(LONDON).date() for t in times]


@transaction.atomic
def incident_risk_assess(
    *,
    actor: User,
    incident_id: UUID,
    instrument_code: str,
    answers: Mapping[str, object],
    officer_level: str | None = None,
    rationale: str = "",
    instrument_version: int | None = None,
) -> tuple[RiskAssessment, MaracReferral | None]:
    """Record a DASH or DARA about the incident and, if the criteria are met, a MARAC referral.

    MARAC criteria (DOMAIN.md §3.3 [S]): visible high risk; professional judgement (the
    officer raised the level); potential escalation (3 or more incidents in 12 months, force
    policy); a repeat referral within 12 months [U].

    :raises NotFoundOrForbidden: no such incident in scope
    :raises RiskAssessmentInvalid: not DASH or DARA, or answers with errors
    """
    incident = incident_in_scope(actor, incident_id)
    if instrument_code not in DA_INSTRUMENTS:
        raise RiskAssessmentInvalid({"instrument_code": ["Choose DASH or DARA"]})
    assessment = risk_assessment_record(
        actor=actor,
        subject=Subject.of(incident),
        instrument_code=instrument_code,
        answers=answers,
        officer_level=officer_level,
        rationale=rationale,
        instrument_version=instrument_version,
    )
    policy = marac_policy()
    on = incident.occurrence.occurred_at.astimezone(LONDON).date()
    previous = MaracReferral.objects.filter(victim_id=incident.victim_id).order_by("-created_at")
    last = previous.values_list("created_at", flat=True).first()
    reasons = marac_referral_reasons(
        risk_level=assessment.final_level,
        officer_raised=assessment.level_change == LevelChange.RAISED,
        incident_dates=_victim_incident_dates(incident),
        on=on,
        window_days=policy.escalation_window_days,
        escalation_incidents=policy.escalation_incidents,
        previous_marac_within_days=(on - last.astimezone(LONDON).date()).days if last else None,
    )
    if not reasons:
        return assessment, None
    now = clock.now()
    marac = MaracReferral.objects.create(
        incident=incident,
        victim_id=incident.victim_id,
        risk_assessment_id=assessment.pk,
        reasons=sorted(r.value for r in reasons),
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="marac.referral_required",
        subjects=[
            Subject.of(marac),
            Subject.of(incident),
            Subject("people.person", str(incident.victim_id)),
        ],
        changes={"reasons": marac.reasons},
    )
    return assessment, marac


@transaction.atomic
def child_risk_assess(
    *,
    actor: User,
    child_victim_id: UUID,
    answers: Mapping[str, object],
    officer_level: str | None = None,
    rationale: str = "",
    instrument_version: int | None = None,
) -> RiskAssessment:
    """Record a child's own risk in the household (DA_CHILD; DOMAIN.md §3.3 [P]).

    :raises NotFoundOrForbidden: the child record or its incident is not in scope
    :raises RiskAssessmentInvalid: answers with errors
    """
    victim = ChildVictim.objects.filter(pk=child_victim_id).first()
    if victim is None:
        raise NotFoundOrForbidden()
    incident_in_scope(actor, victim.incident_id)
    return risk_assessment_record(
        actor=actor,
        subject=Subject.of(victim),
        instrument_code=DA_CHILD_CODE,
        answers=answers,
        officer_level=officer_level,
        rationale=rationale,
        instrument_version=instrument_version,
    )


@transaction.atomic
def marac_referral_made(*, actor: User, marac_id: UUID) -> MaracReferral:
    """Record that the MARAC referral was made (once; again changes nothing).

    :raises NotFoundOrForbidden: its incident is not in scope
    """
    require_capability(actor, Capability.RISK_ASSESS)
    marac = MaracReferral.objects.select_for_update().get(pk=marac_id)
    incident_in_scope(actor, marac.incident_id)
    if marac.referred_at is None:
        marac.referred_at = clock.now()
        marac.referred_by = actor
        marac.updated_at = marac.referred_at
        marac.save(update_fields=["referred_at", "referred_by", "updated_at"])
        audit_event_record(
            actor=actor,
            operation=Operation.DISCLOSURE,
            event_type="marac.referred",
            subjects=[Subject.of(marac), Subject("people.person", str(marac.victim_id))],
            justification="Referral to the Multi-Agency Risk Assessment Conference (DOMAIN.md §3.3)",
            recipients=["MARAC"],
        )
    return marac


@transaction.atomic
def referral_waive(*, actor: User, incident_id: UUID, reason: str) -> DomesticAbuseIncident:
    """A supervisor records why the children of this incident are not referred to social care.

    :raises CapabilityMissing: not a supervisor
    :raises NotFoundOrForbidden: no such incident in scope
    :raises NotificationInvalid: the reason is too short or a waiver already stands
    """
    require_capability(actor, Capability.REFERRAL_WAIVE)
    incident = incident_in_scope(actor, incident_id)
    incident = DomesticAbuseIncident.objects.select_for_update().get(pk=incident.pk)
    if incident.referral_waived_at is not None:
        raise NotificationInvalid({"reason": ["A supervisor has already recorded a waiver"]})
    if len(reason.strip()) < MIN_WAIVER_REASON:
        raise NotificationInvalid(
            {"reason": [f"Give the reason in at least {MIN_WAIVER_REASON} characters"]}
        )
    now = clock.now()
    incident.referral_waiver_reason = reason.strip()
    incident.referral_waived_by = actor
    incident.referral_waived_at = now
    incident.updated_at = now
    incident.save(
        update_fields=[
            "referral_waiver_reason",
            "referral_waived_by",
            "referral_waived_at",
            "updated_at",
        ]
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="domestic_abuse.referral_waived",
        subjects=[Subject.of(incident)],
        changes={"reason": incident.referral_waiver_reason},
    )
    return incident
