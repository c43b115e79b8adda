from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured

from safeguard.access.rules.capabilities import Role
from safeguard.audit.services import Subject
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.risk import policies
from safeguard.risk.policies import (
    can_read_risk_assessments,
    can_review_risk_assessment,
    subject_require_in_scope,
    subject_scope_register,
)
from safeguard.risk.tests.factories import make_assessment

pytestmark = pytest.mark.django_db


def allow_everything(actor, subject_id):
    return None


class TestSubjectScopeRegister:
    def test_registers_once_and_tolerates_the_same_check_again(
        self, make_user, monkeypatch
    ) -> None:
        monkeypatch.setattr(policies, "_subject_scope_checks", dict(policies._subject_scope_checks))
        subject_scope_register("tests.fictionalrecord", allow_everything)
        subject_scope_register("tests.fictionalrecord", allow_everything)
        subject_require_in_scope(
            make_user(Role.RESPONSE_OFFICER), Subject("tests.fictionalrecord", "any")
        )

    def test_refuses_a_second_different_check(self, monkeypatch) -> None:
        monkeypatch.setattr(policies, "_subject_scope_checks", dict(policies._subject_scope_checks))
        subject_scope_register("tests.fictionalrecord", allow_everything)
        with pytest.raises(ImproperlyConfigured):
            subject_scope_register("tests.fictionalrecord", lambda actor, subject_id: None)


class TestSubjectRequireInScope:
    def test_people_are_scoped_by_the_people_rules(self, make_user, child_subject) -> None:
        subject_require_in_scope(make_user(Role.RESPONSE_OFFICER), child_subject)
        with pytest.raises(NotFoundOrForbidden):
            subject_require_in_scope(make_user(Role.SCHOOL_DSL), child_subject)

    @pytest.mark.parametrize(
        "subject",
        [Subject("people.person", "nonsense"), Subject("unknown.thing", str(uuid.uuid4()))],
    )
    def test_unknown_ids_and_unregistered_types_are_not_found(self, make_user, subject) -> None:
        with pytest.raises(NotFoundOrForbidden):
            subject_require_in_scope(make_user(Role.SUPERVISOR), subject)


class TestCanReviewRiskAssessment:
    @pytest.mark.parametrize(
        ("role", "situation", "expected"),
        [
            (Role.SUPERVISOR, "someone else's", True),
            (Role.ON_CALL_SENIOR_OFFICER, "someone else's", True),
            (Role.SUPERVISOR, "own", False),
            (Role.SUPERVISOR, "reviewed", False),
            (Role.RESPONSE_OFFICER, "someone else's", False),
            (Role.AUDITOR, "someone else's", False),
        ],
    )
    def test_needs_the_capability_someone_elses_assessment_and_no_review_yet(
        self, make_user, child_subject, role, situation, expected
    ) -> None:
        actor = make_user(role)
        assessor = actor if situation == "own" else make_user(Role.RESPONSE_OFFICER)
        assessment = make_assessment(
            assessed_by=assessor, subject_type=child_subject.type, subject_id=child_subject.id
        )
        if situation == "reviewed":
            assessment.reviewed_at = assessment.assessed_at
        assert can_review_risk_assessment(actor, assessment) is expected


class TestCanReadRiskAssessments:
    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            (Role.RESPONSE_OFFICER, True),
            (Role.SUPERVISOR, True),
            (Role.ON_CALL_SENIOR_OFFICER, True),
            (Role.AUDITOR, False),
            (Role.SCHOOL_DSL, False),
        ],
    )
    def test_assessors_and_reviewers_read(self, make_user, role, expected) -> None:
        assert can_read_risk_assessments(make_user(role)) is expected
