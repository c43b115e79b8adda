"""Working an online CSEA referral (issue 7, DOMAIN.md §6.2, §6.3): grade it with KIRAT,
decide for each child around the suspect, and move it through its stages on time.

Re-grading needs a reason and moves the action deadline to the new level's time, still from
receipt. Reaching enforcement stops the action clock (met, or breached with the reason).
Each stage with a time of its own runs a stage clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import (
    BreachReasonRequired,
    ClockNotRunning,
    clock_redate,
    clock_start,
    clock_stop,
)
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.online_abuse import policy
from safeguard.online_abuse.models import ChildAroundSuspect, OnlineReferral, StageEvent
from safeguard.online_abuse.policies import referral_in_scope
from safeguard.online_abuse.rules.codes import ChildDecision, Stage
from safeguard.online_abuse.rules.times import ACTED_ON, action_due, next_stage_refusal, stage_due
from safeguard.online_abuse.services.intake import ACTION_CLOCK
from safeguard.referrals.services import ConcernDetails, concern_record
from safeguard.risk.models import RiskAssessment
from safeguard.risk.rules.kirat import KIRAT_CODE, KiratLevel
from safeguard.risk.services import risk_assessment_record

if TYPE_CHECKING:
    from safeguard.accounts.models import User

STAGE_CLOCK = "online.stage"
STAGE_RULE = "Each stage of an online referral has its own time (force policy)"
STAGE_RULE_SOURCE = "DOMAIN.md §6.3 [P] (stage times [U])"
STAGE_RULE_VERSION = "online-stages-v1"
MIN_REASON = 10
URGENT_LEVELS = {KiratLevel.VERY_HIGH, KiratLevel.HIGH}


class CaseworkRefused(DomainError):
    """The step breaks a rule; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(" ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def _locked(actor: User, referral_id: UUID) -> OnlineReferral:
    require_capability(actor, Capability.ONLINE_REFERRAL_RECORD)
    referral_in_scope(actor, referral_id)
    return OnlineReferral.objects.select_for_update(of=("self",)).get(pk=referral_id)


def _level_label(level: str) -> str:
    return level.replace("_", " ").lower()


@transaction.atomic
def referral_grade(
    *,
    actor: User,
    referral_id: UUID,
    answers: Mapping[str, object],
    officer_level: str | None = None,
    rationale: str = "",
) -> RiskAssessment:
    """Grade (or re-grade) the referral with KIRAT and move the action deadline to its level.

    :raises NotFoundOrForbidden: no such referral the actor may see
    :raises RiskAssessmentInvalid: answers, level or rationale refused by the framework
    :raises CaseworkRefused: a re-grade without a reason
    """
    referral = _locked(actor, referral_id)
    previous = referral.kirat_level
    assessment = risk_assessment_record(
        actor=actor,
        subject=Subject.of(referral),
        instrument_code=KIRAT_CODE,
        answers=answers,
        officer_level=officer_level,
        rationale=rationale,
    )
    level = assessment.final_level
    if previous and previous != level and len(rationale.strip()) < MIN_REASON:
        raise CaseworkRefused(
            {"rationale": ["Say why the grade changes (at least 10 characters)."]}
        )
    referral.kirat_level = level
    referral.updated_at = clock.now()
    referral.save(update_fields=["kirat_level", "updated_at"])
    note = (
        f"Graded {_level_label(level)}"
        if not previous
        else f"Re-graded from {_level_label(previous)} to {_level_label(level)}: {rationale.strip()}"
    )
    StageEvent.objects.create(
        referral=referral,
        stage=referral.stage,
        occurred_at=assessment.assessed_at,
        recorded_by=actor,
        note=note,
    )
    if referral.stage not in ACTED_ON:
        with contextlib.suppress(ClockNotRunning):
            clock_redate(
                actor=actor,
                subject=Subject.of(referral),
                kind=ACTION_CLOCK,
                due_at=action_due(
                    level=level, received_at=referral.received_at, hours=policy.action_hours()
                ),
                label=f"Act on the online referral (KIRAT {_level_label(level)})",
                reason=note,
                urgent=level in URGENT_LEVELS,
            )
    return assessment


def _children_at_risk(referral: OnlineReferral) -> bool:
    return referral.children.filter(decision="").exists()


def _stage_clock(
    actor: User, referral: OnlineReferral, stage: Stage, at: dt.datetime, note: str
) -> None:
    subject = Subject.of(referral)
    with contextlib.suppress(ClockNotRunning):
        clock_stop(
            actor=actor, subject=subject, kind=STAGE_CLOCK, stopped_at=at, breach_reason=note
        )
    due = stage_due(stage=stage, entered_at=at, hours=policy.stage_hours())
    if due is not None and referral.owning_team is not None:
        clock_start(
            subject=subject,
            kind=STAGE_CLOCK,
            label=f"Online referral: {stage.value.replace('_', ' ').lower()}",
            started_at=at,
            due_at=due,
            rule=STAGE_RULE,
            rule_source=STAGE_RULE_SOURCE,
            rule_version=STAGE_RULE_VERSION,
            owner_team=referral.owning_team,
            owner_user=actor,
            urgent=referral.kirat_level in URGENT_LEVELS,
        )


@transaction.atomic
def referral_advance(
    *,
    actor: User,
    referral_id: UUID,
    stage: Stage,
    occurred_at: dt.datetime | None = None,
    note: str = "",
) -> OnlineReferral:
    """Move the referral to ``stage`` (forward only), stopping and starting its clocks.

    A late step needs the reason in ``note``; closing needs the outcome in ``note``.

    :raises NotFoundOrForbidden: no such referral the actor may see
    :raises CaseworkRefused: backwards, closed, partner referral skipped while children are
        undecided, not graded before enforcement, a time in the future or before receipt,
        a late step without a reason, or closing without the outcome
    """
    referral = _locked(actor, referral_id)
    now = clock.now()
    at = occurred_at or now
    errors: dict[str, list[str]] = {}
    refusal = next_stage_refusal(
        Stage(referral.stage), stage, children_at_risk=_children_at_risk(referral)
    )
    if refusal:
        errors["stage"] = [refusal]
    if stage in ACTED_ON and not referral.kirat_level:
        errors.setdefault("stage", []).append("Grade the referral with KIRAT first.")
    if at > now or at < referral.received_at:
        errors["occurred_at"] = ["Give a time between receipt and now."]
    if stage is Stage.CLOSED and len(note.strip()) < MIN_REASON:
        errors["note"] = ["Record the outcome (at least 10 characters)."]
    if errors:
        raise CaseworkRefused(errors)
    try:
        if stage in ACTED_ON and referral.stage not in ACTED_ON:
            clock_stop(
                actor=actor,
                subject=Subject.of(referral),
                kind=ACTION_CLOCK,
                stopped_at=at,
                breach_reason=note,
            )
        _stage_clock(actor, referral, stage, at, note)
    except BreachReasonRequired as exc:
        raise CaseworkRefused({"note": [str(exc)]}) from exc
    except ClockNotRunning:
        pass
    referral.stage = stage
    if stage is Stage.CLOSED:
        referral.outcome, referral.closed_at = note.strip(), at
    referral.updated_at = now
    referral.save(update_fields=["stage", "outcome", "closed_at", "updated_at"])
    StageEvent.objects.create(
        referral=referral, stage=stage, occurred_at=at, recorded_by=actor, note=note.strip()
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="online_referral.stage",
        subjects=[Subject.of(referral)],
        changes={"stage": stage.value, "occurred_at": at.isoformat()},
    )
    return referral


@transaction.atomic
def child_decide(
    *, actor: User, child_row_id: UUID, decision: ChildDecision, reason: str
) -> ChildAroundSuspect:
    """Record the safeguarding decision for a child around the suspect.

    "Refer" records a concern for the child for MASH triage (the referrals pathway), linked
    to this decision.

    :raises NotFoundOrForbidden: no such child row on a referral the actor may see
    :raises CaseworkRefused: no reason, or a decision already made
    """
    require_capability(actor, Capability.ONLINE_REFERRAL_RECORD)
    row = (
        ChildAroundSuspect.objects.select_for_update(of=("self",))
        .select_related("referral", "child")
        .filter(pk=child_row_id)
        .first()
    )
    if row is None:
        raise NotFoundOrForbidden()
    referral_in_scope(actor, row.referral_id)
    if row.decision:
        raise CaseworkRefused({"decision": ["A decision for this child is already recorded."]})
    if len(reason.strip()) < MIN_REASON:
        raise CaseworkRefused({"reason": ["Give the reason (at least 10 characters)."]})
    now = clock.now()
    if decision is ChildDecision.REFER:
        row.concern = concern_record(
            actor=actor,
            details=ConcernDetails(
                child_id=row.child_id,
                occurred_at=row.referral.received_at,
                location=f"Online referral {row.referral.reference}",
                summary=f"Child living at or linked to the address of a suspect in online "
                f"referral {row.referral.reference}. {reason.strip()}",
                voice=VoiceOfChild(
                    seen=False,
                    spoken_to=False,
                    reason_not_seen_or_spoken_to="Identified from an online referral; "
                    "to be seen at the safeguarding visit",
                ),
            ),
        )
    row.decision, row.reason, row.decided_by, row.decided_at = decision, reason.strip(), actor, now
    row.save(update_fields=["decision", "reason", "decided_by", "decided_at", "concern"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="online_referral.child_decided",
        subjects=[Subject.of(row.referral), Subject.of(row.child)],
        justification=reason.strip(),
        changes={"decision": decision.value},
    )
    return row
