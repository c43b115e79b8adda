"""Reads of risk assessments: capability first, then the subject's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.risk.models import RiskAssessment
from safeguard.risk.policies import require_risk_read, subject_require_in_scope

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def risk_assessment_list_for(*, actor: User, subject: Subject) -> list[RiskAssessment]:
    """Return the assessments of ``subject``, newest first.

    Writes no consultation event itself: the caller shows these on the subject's page,
    whose own read is logged with its purpose, and the request log is the safety net
    (STYLE.md §4.8).

    :raises CapabilityMissing: the actor neither assesses nor reviews risk
    :raises NotFoundOrForbidden: the subject is not one the actor may see
    """
    require_risk_read(actor)
    subject_require_in_scope(actor, subject)
    assessments = RiskAssessment.objects.filter(subject_type=subject.type, subject_id=subject.id)
    return list(assessments.select_related("assessed_by", "reviewed_by").order_by("-assessed_at"))


def risk_assessment_get(*, actor: User, assessment_id: UUID, purpose: str) -> RiskAssessment:
    """Return one assessment and log the consultation with its purpose (DPA 2018 s.62).

    :raises CapabilityMissing: the actor neither assesses nor reviews risk
    :raises PurposeRequired: no purpose was given
    :raises NotFoundOrForbidden: no such assessment, or its subject is out of scope
    """
    require_risk_read(actor)
    justification = require_purpose(purpose, what="this risk assessment")
    assessment = (
        RiskAssessment.objects.select_related("assessed_by", "reviewed_by")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        raise NotFoundOrForbidden()
    subject = Subject(assessment.subject_type, assessment.subject_id)
    subject_require_in_scope(actor, subject)
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="risk_assessment.consulted",
        subjects=[Subject.of(assessment), subject],
        justification=justification,
    )
    return assessment


def risk_assessment_list_awaiting_review(*, actor: User, limit: int = 100) -> list[RiskAssessment]:
    """Return assessments by others still awaiting a supervisor's review, oldest first.

    They carry no names (subject type and id, levels): the list links to each subject's page,
    whose own read is logged with its purpose.

    :raises CapabilityMissing: the actor cannot review risk
    """
    require_capability(actor, Capability.RISK_REVIEW)
    waiting = RiskAssessment.objects.filter(reviewed_at__isnull=True).exclude(assessed_by=actor)
    return list(waiting.select_related("assessed_by").order_by("assessed_at")[:limit])
