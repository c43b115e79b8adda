"""Writes for risk: record an assessment, review one. Each in one transaction with its audit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.models import SUBJECT_ID_LENGTH, SUBJECT_TYPE_LENGTH, RiskAssessment
from safeguard.risk.policies import subject_require_in_scope
from safeguard.risk.policy import lowering_rationale_min_length
from safeguard.risk.rules.instruments import (
    UnknownInstrument,
    answers_cleaned,
    answers_errors,
    risk_level,
)
from safeguard.risk.rules.judgement import (
    ReviewOutcome,
    final_level,
    level_change,
    officer_level_errors,
    review_errors,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import User

ANSWER_ERROR_PREFIX = "answers."


class RiskAssessmentInvalid(DomainError):
    """The assessment cannot be recorded or reviewed as given.

    ``errors`` maps each field to its messages. Errors about an answer are keyed
    ``"answers.<QUESTION_CODE>"``; the others are keyed by argument name
    (``instrument_code``, ``officer_level``, ``rationale``, ``level``, ``note``).
    """

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("The risk assessment has errors.")
        self.errors = errors


class RiskAssessmentAlreadyReviewed(DomainError):
    """An assessment is reviewed once; a later change is a new assessment."""

    def __init__(self) -> None:
        super().__init__("This risk assessment has already been reviewed.")


class RiskAssessmentSelfReview(DomainError):
    """A supervisor cannot review their own assessment."""

    def __init__(self) -> None:
        super().__init__("You cannot review your own risk assessment.")


def _snapshot(assessment: RiskAssessment) -> dict[str, Any]:
    return {
        "subject": {"type": assessment.subject_type, "id": assessment.subject_id},
        "instrument": {
            "code": assessment.instrument_code,
            "version": assessment.instrument_version,
        },
        "answers": dict(assessment.answers),
        "computed_level": assessment.computed_level,
        "officer_level": assessment.officer_level,
        "final_level": assessment.final_level,
        "level_change": assessment.level_change,
        "rationale": assessment.rationale,
    }


def _subject_errors(subject: Subject) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not subject.type or len(subject.type) > SUBJECT_TYPE_LENGTH:
        errors["subject_type"] = ["Name the record being assessed, like 'people.person'"]
    if not subject.id or len(subject.id) > SUBJECT_ID_LENGTH:
        errors["subject_id"] = ["Give the ID of the record being assessed"]
    return errors


@transaction.atomic
def risk_assessment_record(
    *,
    actor: User,
    subject: Subject,
    instrument_code: str,
    answers: Mapping[str, object],
    officer_level: str | None = None,
    rationale: str = "",
    instrument_version: int | None = None,
) -> RiskAssessment:
    """Score the answers, apply the officer's judgement and record the assessment.

    A *collection* under s.62. The level computed from the answers stands unless the
    officer gives their own: raising it needs a rationale, lowering it a longer one (force
    policy) or is refused by instruments that never allow it (DOMAIN.md §3.3 [S]).
    ``instrument_version`` None uses the latest version; pass the version the form was
    built from to refuse answers to questions that have since changed.

    :raises CapabilityMissing: the actor cannot assess risk
    :raises NotFoundOrForbidden: the subject is not one the actor may see
    :raises RiskAssessmentInvalid: an unknown instrument, answers with errors, or a level
        or rationale the judgement rule refuses
    """
    require_capability(actor, Capability.RISK_ASSESS)
    errors = _subject_errors(subject)
    if errors:
        raise RiskAssessmentInvalid(errors)
    subject_require_in_scope(actor, subject)
    try:
        instrument = instrument_get(instrument_code, instrument_version)
    except UnknownInstrument as exc:
        raise RiskAssessmentInvalid({"instrument_code": [str(exc)]}) from exc
    errors = {
        f"{ANSWER_ERROR_PREFIX}{code}": messages
        for code, messages in answers_errors(instrument, answers).items()
    }
    cleaned = answers_cleaned(instrument, answers)
    computed = None if errors else risk_level(instrument, cleaned)
    officer = (officer_level or "").strip()
    errors.update(
        officer_level_errors(
            instrument,
            computed=computed,
            officer_level=officer,
            rationale=rationale,
            lowering_rationale_min_length=lowering_rationale_min_length(),
        )
    )
    if errors or computed is None:
        raise RiskAssessmentInvalid(errors)
    now = clock.now()
    assessment = RiskAssessment.objects.create(
        subject_type=subject.type,
        subject_id=subject.id,
        instrument_code=instrument.code,
        instrument_version=instrument.version,
        answers=cleaned,
        computed_level=computed,
        officer_level=officer,
        final_level=final_level(computed, officer),
        level_change=level_change(instrument, computed, officer).value,
        rationale=rationale.strip(),
        assessed_by=actor,
        assessed_at=now,
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="risk_assessment.recorded",
        subjects=[Subject.of(assessment), subject],
        changes={"new": _snapshot(assessment)},
    )
    return assessment


@transaction.atomic
def risk_assessment_review(
    *,
    actor: User,
    assessment_id: UUID,
    agreed: bool,
    level: str | None = None,
    note: str = "",
) -> RiskAssessment:
    """Record a supervisor's review: agree with the level, or change it with a note.

    An *alteration* under s.62. Once only, and never of the supervisor's own assessment.
    A changed level below the computed one follows the lowering rule.

    :raises CapabilityMissing: the actor cannot review risk
    :raises NotFoundOrForbidden: no such assessment, or its subject is out of scope
    :raises RiskAssessmentSelfReview: the actor made the assessment
    :raises RiskAssessmentAlreadyReviewed: it has been reviewed already
    :raises RiskAssessmentInvalid: the level or note is refused
    """
    require_capability(actor, Capability.RISK_REVIEW)
    assessment = RiskAssessment.objects.select_for_update().filter(pk=assessment_id).first()
    if assessment is None:
        raise NotFoundOrForbidden()
    subject = Subject(assessment.subject_type, assessment.subject_id)
    subject_require_in_scope(actor, subject)
    if assessment.assessed_by_id == actor.pk:
        raise RiskAssessmentSelfReview()
    if assessment.reviewed_at is not None:
        raise RiskAssessmentAlreadyReviewed()
    try:
        instrument = instrument_get(assessment.instrument_code, assessment.instrument_version)
    except UnknownInstrument as exc:
        # Versions are append-only force policy (risk.policy); this is a configuration fault.
        raise RiskAssessmentInvalid({"non_field_errors": [str(exc)]}) from exc
    chosen = (level or "").strip()
    errors = review_errors(
        instrument,
        computed=assessment.computed_level,
        final=assessment.final_level,
        agreed=agreed,
        level=chosen,
        note=note,
        lowering_rationale_min_length=lowering_rationale_min_length(),
    )
    if errors:
        raise RiskAssessmentInvalid(errors)
    now = clock.now()
    assessment.reviewed_by = actor
    assessment.reviewed_at = now
    assessment.review_outcome = (ReviewOutcome.AGREED if agreed else ReviewOutcome.CHANGED).value
    assessment.review_note = note.strip()
    assessment.reviewed_level = assessment.final_level if agreed else chosen
    assessment.updated_at = now
    assessment.save(
        update_fields=[
            "reviewed_by",
            "reviewed_at",
            "review_outcome",
            "review_note",
            "reviewed_level",
            "updated_at",
        ]
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="risk_assessment.reviewed",
        subjects=[Subject.of(assessment), subject],
        changes={
            "review_outcome": assessment.review_outcome,
            "level": {"old": assessment.final_level, "new": assessment.reviewed_level},
            "review_note": assessment.review_note,
        },
    )
    return assessment
