from __future__ import annotations

import uuid

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.people.tests.factories import make_person
from safeguard.risk.models import RiskAssessment
from safeguard.risk.services import (
    RiskAssessmentAlreadyReviewed,
    RiskAssessmentInvalid,
    RiskAssessmentSelfReview,
    risk_assessment_review,
)
from safeguard.risk.tests.factories import LOWERING_RATIONALE, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(make_user, child_subject) -> RiskAssessment:
    return make_assessment(
        assessed_by=make_user(Role.RESPONSE_OFFICER),
        subject_type=child_subject.type,
        subject_id=child_subject.id,
    )


class TestRiskAssessmentReview:
    def test_a_supervisor_agrees_and_the_alteration_is_audited(
        self, make_user, assessment, child_subject
    ) -> None:
        supervisor = make_user(Role.SUPERVISOR)
        # when
        reviewed = risk_assessment_review(
            actor=supervisor, assessment_id=assessment.pk, agreed=True, note=" Agree. "
        )
        # then
        stored = RiskAssessment.objects.get(pk=assessment.pk)
        assert stored.reviewed_by == supervisor
        assert stored.reviewed_at is not None
        assert (stored.review_outcome, stored.reviewed_level, stored.review_note) == (
            "AGREED",
            "AMBER",
            "Agree.",
        )
        assert reviewed.current_level == "AMBER"
        event = AuditEvent.objects.get(event_type="risk_assessment.reviewed")
        assert event.operation == "alteration"
        assert event.subjects == [
            {"type": "risk.riskassessment", "id": str(assessment.pk)},
            {"type": child_subject.type, "id": child_subject.id},
        ]
        assert event.changes["level"] == {"old": "AMBER", "new": "AMBER"}

    def test_a_supervisor_changes_the_level_with_a_note(self, make_user, assessment) -> None:
        reviewed = risk_assessment_review(
            actor=make_user(Role.SUPERVISOR),
            assessment_id=assessment.pk,
            agreed=False,
            level="RED",
            note="Repeat victim; see previous PPNs.",
        )
        assert (reviewed.review_outcome, reviewed.reviewed_level) == ("CHANGED", "RED")
        assert (reviewed.final_level, reviewed.current_level) == ("AMBER", "RED")
        event = AuditEvent.objects.get(event_type="risk_assessment.reviewed")
        assert event.changes["level"] == {"old": "AMBER", "new": "RED"}
        assert event.changes["review_outcome"] == "CHANGED"

    def test_lowering_at_review_needs_the_full_rationale(self, make_user, assessment) -> None:
        supervisor = make_user(Role.SUPERVISOR)
        with pytest.raises(RiskAssessmentInvalid) as raised:
            risk_assessment_review(
                actor=supervisor,
                assessment_id=assessment.pk,
                agreed=False,
                level="GREEN",
                note="No",
            )
        assert list(raised.value.errors) == ["note"]
        assert not RiskAssessment.objects.get(pk=assessment.pk).is_reviewed
        assert not AuditEvent.objects.filter(event_type="risk_assessment.reviewed").exists()
        reviewed = risk_assessment_review(
            actor=supervisor,
            assessment_id=assessment.pk,
            agreed=False,
            level="GREEN",
            note=LOWERING_RATIONALE,
        )
        assert reviewed.current_level == "GREEN"

    def test_an_on_call_senior_officer_may_review_without_assessing(
        self, make_user, assessment
    ) -> None:
        reviewed = risk_assessment_review(
            actor=make_user(Role.ON_CALL_SENIOR_OFFICER), assessment_id=assessment.pk, agreed=True
        )
        assert reviewed.review_outcome == "AGREED"

    def test_nobody_reviews_their_own_assessment(self, make_user, child_subject) -> None:
        supervisor = make_user(Role.SUPERVISOR)
        own = make_assessment(
            assessed_by=supervisor, subject_type=child_subject.type, subject_id=child_subject.id
        )
        with pytest.raises(RiskAssessmentSelfReview):
            risk_assessment_review(actor=supervisor, assessment_id=own.pk, agreed=True)

    def test_an_assessment_is_reviewed_once_only(self, make_user, assessment) -> None:
        risk_assessment_review(
            actor=make_user(Role.SUPERVISOR), assessment_id=assessment.pk, agreed=True
        )
        with pytest.raises(RiskAssessmentAlreadyReviewed):
            risk_assessment_review(
                actor=make_user(Role.SUPERVISOR),
                assessment_id=assessment.pk,
                agreed=False,
                level="RED",
                note="Second opinion",
            )
        assert AuditEvent.objects.filter(event_type="risk_assessment.reviewed").count() == 1

    def test_a_missing_assessment_is_not_found(self, make_user) -> None:
        with pytest.raises(NotFoundOrForbidden):
            risk_assessment_review(
                actor=make_user(Role.SUPERVISOR), assessment_id=uuid.uuid4(), agreed=True
            )

    def test_an_assessment_of_a_hidden_subject_is_not_found(self, make_user, other_team) -> None:
        hidden = make_person(owning_team=other_team, is_restricted=True)
        assessment = make_assessment(
            assessed_by=make_user(Role.RESPONSE_OFFICER, user_team=other_team),
            subject_type="people.person",
            subject_id=str(hidden.pk),
        )
        with pytest.raises(NotFoundOrForbidden):
            risk_assessment_review(
                actor=make_user(Role.SUPERVISOR), assessment_id=assessment.pk, agreed=True
            )

    @pytest.mark.parametrize("role", [Role.RESPONSE_OFFICER, Role.INVESTIGATOR, Role.AUDITOR])
    def test_refuses_roles_that_do_not_review(self, make_user, assessment, role) -> None:
        with pytest.raises(CapabilityMissing):
            risk_assessment_review(actor=make_user(role), assessment_id=assessment.pk, agreed=True)

    def test_an_instrument_version_no_longer_configured_is_a_clear_error(
        self, make_user, child_subject
    ) -> None:
        orphan = make_assessment(
            assessed_by=make_user(Role.RESPONSE_OFFICER),
            subject_type=child_subject.type,
            subject_id=child_subject.id,
            instrument_code="THRIVE_PLUS",
            instrument_version=7,
            answers={},
            computed_level="LOW",
            final_level="LOW",
        )
        with pytest.raises(RiskAssessmentInvalid) as raised:
            risk_assessment_review(
                actor=make_user(Role.SUPERVISOR), assessment_id=orphan.pk, agreed=True
            )
        assert list(raised.value.errors) == ["non_field_errors"]
