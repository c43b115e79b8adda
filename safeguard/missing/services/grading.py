"""Grade a missing child's risk on the risk framework, review it, consider a Child Rescue Alert.

Every grading and every supervisor review is a decision that sets the time of the next
review (DOMAIN.md §2.1 [P]); the intervals per level are force policy [U].
"""

from __future__ import annotations

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
from safeguard.missing.models import MissingEpisode
from safeguard.missing.policies import police_episode_in_scope
from safeguard.missing.rules.codes import CraDecision
from safeguard.missing.services.common import EpisodeInvalid, review_clock_restart
from safeguard.risk.models import RiskAssessment
from safeguard.risk.rules.missing_person import MISSING_RISK_CODE
from safeguard.risk.services import risk_assessment_record, risk_assessment_review

if TYPE_CHECKING:
    from safeguard.accounts.models import User

MIN_CRA_REASON = 10


@transaction.atomic
def episode_grade(
    *,
    actor: User,
    episode_id: UUID,
    answers: Mapping[str, object],
    officer_level: str | None = None,
    rationale: str = "",
    delay_reason: str = "",
    instrument_version: int | None = None,
) -> RiskAssessment:
    """Grade (or re-grade) the child's risk and set the next review time.

    :raises NotFoundOrForbidden: no such episode in scope
    :raises RiskAssessmentInvalid: answers, level or rationale refused
    :raises EpisodeInvalid: the review was overdue and no delay reason was given
    """
    episode = police_episode_in_scope(actor, episode_id)
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    assessment = risk_assessment_record(
        actor=actor,
        subject=Subject.of(episode),
        instrument_code=MISSING_RISK_CODE,
        answers=answers,
        officer_level=officer_level,
        rationale=rationale,
        instrument_version=instrument_version,
    )
    review_clock_restart(
        actor=actor,
        episode=episode,
        level=assessment.final_level,
        decided_at=assessment.assessed_at,
        delay_reason=delay_reason,
    )
    return assessment


@transaction.atomic
def episode_review(
    *,
    actor: User,
    episode_id: UUID,
    assessment_id: UUID,
    agreed: bool,
    level: str | None = None,
    note: str = "",
    delay_reason: str = "",
) -> RiskAssessment:
    """A supervisor reviews the grading (agrees, or changes it with a note); the clock restarts.

    :raises CapabilityMissing: not a supervisor
    :raises NotFoundOrForbidden: no such episode or grading in scope
    :raises RiskAssessmentSelfReview, RiskAssessmentAlreadyReviewed, RiskAssessmentInvalid:
        as :func:`safeguard.risk.services.risk_assessment_review`
    :raises EpisodeInvalid: the review was overdue and no delay reason was given
    """
    require_capability(actor, Capability.RISK_REVIEW)
    episode = police_episode_in_scope(actor, episode_id)
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    belongs = RiskAssessment.objects.filter(
        pk=assessment_id, subject_type="missing.missingepisode", subject_id=str(episode.pk)
    ).exists()
    if not belongs:
        raise NotFoundOrForbidden()
    assessment = risk_assessment_review(
        actor=actor, assessment_id=assessment_id, agreed=agreed, level=level, note=note
    )
    assert assessment.reviewed_at is not None
    review_clock_restart(
        actor=actor,
        episode=episode,
        level=assessment.current_level,
        decided_at=assessment.reviewed_at,
        delay_reason=delay_reason,
    )
    return assessment


def current_grading(episode: MissingEpisode) -> RiskAssessment | None:
    """Return the latest grading of the episode, or None if it has not been graded."""
    return (
        RiskAssessment.objects.filter(
            subject_type="missing.missingepisode", subject_id=str(episode.pk)
        )
        .order_by("-assessed_at", "-created_at")
        .first()
    )


@transaction.atomic
def child_rescue_alert_record(
    *, actor: User, episode_id: UUID, decision: str, reason: str
) -> MissingEpisode:
    """Record that a Child Rescue Alert was considered: issued or not, and why (§2.1 [P]).

    :raises NotFoundOrForbidden: no such episode in scope
    :raises EpisodeInvalid: unknown decision or a reason too short
    """
    require_capability(actor, Capability.MISSING_RECORD)
    episode = police_episode_in_scope(actor, episode_id)
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    errors: dict[str, list[str]] = {}
    if decision not in {d.value for d in CraDecision}:
        errors["cra_decision"] = ["Choose whether a Child Rescue Alert was issued"]
    if len(reason.strip()) < MIN_CRA_REASON:
        errors["cra_reason"] = [f"Give the reason in at least {MIN_CRA_REASON} characters"]
    grading = current_grading(episode)
    if grading is None:
        errors["cra_decision"] = ["Grade the risk first"]
    if errors:
        raise EpisodeInvalid(errors)
    now = clock.now()
    episode.cra_decision = decision
    episode.cra_reason = reason.strip()
    episode.cra_decided_by = actor
    episode.cra_decided_at = now
    episode.updated_at = now
    episode.save(
        update_fields=[
            "cra_decision",
            "cra_reason",
            "cra_decided_by",
            "cra_decided_at",
            "updated_at",
        ]
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.child_rescue_alert_considered",
        subjects=[Subject.of(episode), Subject("people.person", str(episode.child_id))],
        changes={"decision": decision, "level": grading.current_level if grading else ""},
    )
    return episode
