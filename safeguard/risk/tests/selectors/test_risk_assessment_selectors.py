from __future__ import annotations

import datetime as dt
import uuid

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.audit.purpose import PurposeRequired
from safeguard.audit.services import Subject
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.people.tests.factories import make_person
from safeguard.risk.selectors import risk_assessment_get, risk_assessment_list_for
from safeguard.risk.tests.factories import make_assessment

pytestmark = pytest.mark.django_db
EARLIER = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class TestRiskAssessmentListFor:
    def test_returns_the_subjects_assessments_newest_first(
        self, make_user, child, child_subject
    ) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        first = make_assessment(
            assessed_by=officer,
            subject_type="people.person",
            subject_id=str(child.pk),
            assessed_at=EARLIER,
        )
        second = make_assessment(
            assessed_by=officer,
            subject_type="people.person",
            subject_id=str(child.pk),
            assessed_at=LATER,
        )
        other = make_person()
        make_assessment(assessed_by=officer, subject_type="people.person", subject_id=str(other.pk))
        assert risk_assessment_list_for(actor=officer, subject=child_subject) == [second, first]

    @pytest.mark.parametrize("role", [Role.RESPONSE_OFFICER, Role.ON_CALL_SENIOR_OFFICER])
    def test_assessors_and_reviewers_may_read(self, make_user, child_subject, role) -> None:
        assert risk_assessment_list_for(actor=make_user(role), subject=child_subject) == []

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.AUDITOR, Role.SOCIAL_CARE_USER])
    def test_refuses_roles_that_neither_assess_nor_review(
        self, make_user, child_subject, role
    ) -> None:
        with pytest.raises(CapabilityMissing):
            risk_assessment_list_for(actor=make_user(role), subject=child_subject)

    def test_refuses_a_subject_out_of_scope(self, make_user) -> None:
        with pytest.raises(NotFoundOrForbidden):
            risk_assessment_list_for(
                actor=make_user(Role.RESPONSE_OFFICER),
                subject=Subject("referrals.childconcern", str(uuid.uuid4())),
            )


class TestRiskAssessmentGet:
    def test_returns_the_assessment_and_logs_the_consultation(
        self, make_user, child, child_subject
    ) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        assessment = make_assessment(
            assessed_by=officer, subject_type="people.person", subject_id=str(child.pk)
        )
        reader = make_user(Role.ON_CALL_SENIOR_OFFICER)
        found = risk_assessment_get(
            actor=reader, assessment_id=assessment.pk, purpose=" Supervision or review "
        )
        assert found == assessment
        event = AuditEvent.objects.get(event_type="risk_assessment.consulted")
        assert (event.operation, event.justification) == ("consultation", "Supervision or review")
        assert event.subjects == [
            {"type": "risk.riskassessment", "id": str(assessment.pk)},
            {"type": child_subject.type, "id": child_subject.id},
        ]

    @pytest.mark.parametrize("purpose", ["", "   ", "why"])
    def test_needs_a_purpose(self, make_user, child, purpose) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        assessment = make_assessment(
            assessed_by=officer, subject_type="people.person", subject_id=str(child.pk)
        )
        with pytest.raises(PurposeRequired):
            risk_assessment_get(actor=officer, assessment_id=assessment.pk, purpose=purpose)
        assert not AuditEvent.objects.filter(event_type="risk_assessment.consulted").exists()

    def test_missing_and_hidden_assessments_get_the_same_answer(
        self, make_user, other_team
    ) -> None:
        hidden_person = make_person(owning_team=other_team, is_restricted=True)
        hidden = make_assessment(
            assessed_by=make_user(Role.RESPONSE_OFFICER, user_team=other_team),
            subject_type="people.person",
            subject_id=str(hidden_person.pk),
        )
        officer = make_user(Role.RESPONSE_OFFICER)
        for assessment_id in (hidden.pk, uuid.uuid4()):
            with pytest.raises(NotFoundOrForbidden):
                risk_assessment_get(
                    actor=officer, assessment_id=assessment_id, purpose="Investigation"
                )
        assert not AuditEvent.objects.filter(event_type="risk_assessment.consulted").exists()

    def test_refuses_roles_that_neither_assess_nor_review(self, make_user) -> None:
        with pytest.raises(CapabilityMissing):
            risk_assessment_get(
                actor=make_user(Role.AUDITOR), assessment_id=uuid.uuid4(), purpose="Curious"
            )
