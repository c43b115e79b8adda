from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.test import override_settings

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.audit.services import Subject
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.people.tests.factories import make_person
from safeguard.risk import policies
from safeguard.risk.models import RiskAssessment
from safeguard.risk.services import RiskAssessmentInvalid, risk_assessment_record
from safeguard.risk.tests.factories import (
    LOWERING_RATIONALE,
    PPN_AMBER_ANSWERS,
    PPN_GREEN_ANSWERS,
    PPN_RED_ANSWERS,
    THRIVE_ANSWERS,
)

pytestmark = pytest.mark.django_db


def record(actor, subject, **overrides):
    arguments = {"instrument_code": "PPN_RAG", "answers": PPN_AMBER_ANSWERS} | overrides
    return risk_assessment_record(actor=actor, subject=subject, **arguments)


def assert_nothing_recorded() -> None:
    assert not RiskAssessment.objects.exists()
    assert not AuditEvent.objects.filter(event_type="risk_assessment.recorded").exists()


class TestRiskAssessmentRecord:
    @pytest.mark.parametrize(
        ("answers", "level"),
        [(PPN_GREEN_ANSWERS, "GREEN"), (PPN_AMBER_ANSWERS, "AMBER"), (PPN_RED_ANSWERS, "RED")],
    )
    def test_scores_the_answers_and_writes_a_collection_event(
        self, make_user, child_subject, answers, level
    ) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        # when
        assessment = record(officer, child_subject, answers=answers)
        # then the level is computed and stands, with the instrument version stored
        stored = RiskAssessment.objects.get(pk=assessment.pk)
        assert (stored.computed_level, stored.officer_level, stored.final_level) == (
            level,
            "",
            level,
        )
        assert (stored.instrument_code, stored.instrument_version) == ("PPN_RAG", 1)
        assert (stored.subject_type, stored.subject_id) == (child_subject.type, child_subject.id)
        assert stored.answers == answers
        assert stored.level_change == "NONE"
        assert stored.assessed_by == officer
        assert stored.current_level == level
        assert not stored.is_reviewed
        # and the collection is audited against the assessment and its subject
        event = AuditEvent.objects.get(event_type="risk_assessment.recorded")
        assert event.operation == "collection"
        assert event.subjects == [
            {"type": "risk.riskassessment", "id": str(assessment.pk)},
            {"type": child_subject.type, "id": child_subject.id},
        ]
        assert event.changes["new"]["computed_level"] == level
        assert event.changes["new"]["answers"] == answers

    def test_stores_answers_trimmed(self, make_user, child_subject) -> None:
        answers = PPN_GREEN_ANSWERS | {"NEGLECT_SIGNS": " NO ", "CHILD_VOICE": "  Waved.  "}
        assessment = record(make_user(Role.RESPONSE_OFFICER), child_subject, answers=answers)
        assert assessment.answers["NEGLECT_SIGNS"] == "NO"
        assert assessment.answers["CHILD_VOICE"] == "Waved."

    def test_an_officer_may_raise_the_level_with_a_rationale(
        self, make_user, child_subject
    ) -> None:
        assessment = record(
            make_user(Role.RESPONSE_OFFICER),
            child_subject,
            officer_level="RED",
            rationale="  Third call this week.  ",
        )
        assert (assessment.computed_level, assessment.final_level) == ("AMBER", "RED")
        assert assessment.level_change == "RAISED"
        assert assessment.rationale == "Third call this week."

    def test_an_officer_may_lower_the_level_only_with_a_full_rationale(
        self, make_user, child_subject
    ) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        with pytest.raises(RiskAssessmentInvalid) as raised:
            record(officer, child_subject, officer_level="GREEN", rationale="Fine now")
        assert list(raised.value.errors) == ["rationale"]
        assert_nothing_recorded()
        assessment = record(
            officer, child_subject, officer_level="GREEN", rationale=LOWERING_RATIONALE
        )
        assert (assessment.final_level, assessment.level_change) == ("GREEN", "LOWERED")

    def test_choosing_the_computed_level_is_not_a_change(self, make_user, child_subject) -> None:
        assessment = record(make_user(Role.RESPONSE_OFFICER), child_subject, officer_level="AMBER")
        assert (assessment.officer_level, assessment.final_level) == ("AMBER", "AMBER")
        assert assessment.level_change == "NONE"

    def test_the_minimum_lowering_rationale_is_force_policy(self, make_user, child_subject) -> None:
        lenient = {**settings.SAFEGUARD, "RISK_LOWERING_RATIONALE_MIN_LENGTH": 5}
        with override_settings(SAFEGUARD=lenient):
            assessment = record(
                make_user(Role.RESPONSE_OFFICER),
                child_subject,
                officer_level="GREEN",
                rationale="Fine now",
            )
        assert assessment.level_change == "LOWERED"

    @pytest.mark.parametrize(
        ("overrides", "fields"),
        [
            pytest.param({"instrument_code": "NOPE"}, {"instrument_code"}, id="unknown instrument"),
            pytest.param(
                {"instrument_code": "PPN_RAG", "instrument_version": 9},
                {"instrument_code"},
                id="unknown version",
            ),
            pytest.param(
                {"answers": {}},
                {f"answers.{code}" for code in PPN_GREEN_ANSWERS},
                id="no answers",
            ),
            pytest.param(
                {"answers": PPN_GREEN_ANSWERS | {"NEGLECT_SIGNS": "MAYBE", "SHOE_SIZE": "4"}},
                {"answers.NEGLECT_SIGNS", "answers.SHOE_SIZE"},
                id="bad choice and unknown question",
            ),
            pytest.param({"officer_level": "PURPLE"}, {"officer_level"}, id="unknown RAG value"),
            pytest.param(
                {"answers": {}, "officer_level": "PURPLE"},
                {f"answers.{code}" for code in PPN_GREEN_ANSWERS} | {"officer_level"},
                id="every error at once",
            ),
            pytest.param(
                {"officer_level": "RED", "rationale": ""}, {"rationale"}, id="raise unexplained"
            ),
        ],
    )
    def test_refuses_bad_input_with_field_errors_and_records_nothing(
        self, make_user, child_subject, overrides, fields
    ) -> None:
        with pytest.raises(RiskAssessmentInvalid) as raised:
            record(make_user(Role.RESPONSE_OFFICER), child_subject, **overrides)
        assert set(raised.value.errors) == fields
        assert_nothing_recorded()

    @pytest.mark.parametrize(
        ("subject", "fields"),
        [
            (Subject("", "x"), {"subject_type"}),
            (Subject("people.person", ""), {"subject_id"}),
            (Subject("p" * 101, "x" * 65), {"subject_type", "subject_id"}),
        ],
    )
    def test_refuses_a_malformed_subject(self, make_user, subject, fields) -> None:
        with pytest.raises(RiskAssessmentInvalid) as raised:
            record(make_user(Role.RESPONSE_OFFICER), subject)
        assert set(raised.value.errors) == fields

    @pytest.mark.parametrize(
        "subject",
        [
            pytest.param(Subject("people.person", str(uuid.uuid4())), id="missing person"),
            pytest.param(Subject("people.person", "not-a-uuid"), id="malformed id"),
            pytest.param(Subject("referrals.childconcern", str(uuid.uuid4())), id="unregistered"),
        ],
    )
    def test_a_subject_the_actor_cannot_see_is_not_found(self, make_user, subject) -> None:
        with pytest.raises(NotFoundOrForbidden):
            record(make_user(Role.RESPONSE_OFFICER), subject)
        assert_nothing_recorded()

    def test_a_restricted_person_in_another_team_is_not_found(self, make_user, other_team) -> None:
        hidden = make_person(owning_team=other_team, is_restricted=True)
        with pytest.raises(NotFoundOrForbidden):
            record(make_user(Role.RESPONSE_OFFICER), Subject.of(hidden))

    def test_a_registered_subject_type_uses_its_apps_scope_check(
        self, make_user, monkeypatch
    ) -> None:
        # given an app above risk that registered its own records' scope
        seen: list[str] = []

        def concern_in_scope(actor, subject_id):
            seen.append(subject_id)
            if subject_id != "visible":
                raise NotFoundOrForbidden()

        monkeypatch.setitem(
            policies._subject_scope_checks, "referrals.childconcern", concern_in_scope
        )
        officer = make_user(Role.RESPONSE_OFFICER)
        # when / then
        record(officer, Subject("referrals.childconcern", "visible"))
        with pytest.raises(NotFoundOrForbidden):
            record(officer, Subject("referrals.childconcern", "hidden"))
        assert seen == ["visible", "hidden"]

    @pytest.mark.parametrize(
        "role", [Role.SCHOOL_DSL, Role.AUDITOR, Role.PERFORMANCE_LEAD, Role.ON_CALL_SENIOR_OFFICER]
    )
    def test_refuses_roles_that_do_not_assess_risk(self, make_user, child_subject, role) -> None:
        with pytest.raises(CapabilityMissing):
            record(make_user(role), child_subject)

    def test_records_thrive_plus_as_the_force_configures_it(self, make_user, child_subject) -> None:
        force = {
            **settings.SAFEGUARD,
            "RISK_THRIVE_PLUS_VERSIONS": [
                {
                    "version": 3,
                    "questions": [
                        {"code": "SCENE_PRESERVATION", "kind": "graded", "text": "Scene"},
                    ],
                }
            ],
        }
        with override_settings(SAFEGUARD=force):
            assessment = record(
                make_user(Role.INVESTIGATOR),
                child_subject,
                instrument_code="THRIVE_PLUS",
                answers=THRIVE_ANSWERS | {"SCENE_PRESERVATION": "HIGH"},
            )
        assert (assessment.instrument_version, assessment.computed_level) == (3, "HIGH")

    def test_a_pinned_version_is_used_even_when_a_newer_one_exists(
        self, make_user, child_subject
    ) -> None:
        force = {
            **settings.SAFEGUARD,
            "RISK_PPN_RAG_VERSIONS": [
                {
                    "version": 2,
                    "questions": [
                        {"code": "HURT", "kind": "yes_no", "text": "Hurt?", "indicates": "RED"}
                    ],
                }
            ],
        }
        officer = make_user(Role.RESPONSE_OFFICER)
        with override_settings(SAFEGUARD=force):
            pinned = record(officer, child_subject, instrument_version=1)
            latest = record(officer, child_subject, answers={"HURT": "YES"})
        assert (pinned.instrument_version, pinned.final_level) == (1, "AMBER")
        assert (latest.instrument_version, latest.final_level) == (2, "RED")
