from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.risk.models import RiskAssessment
from safeguard.risk.tests.factories import (
    LOWERING_RATIONALE,
    PPN_AMBER_ANSWERS,
    PPN_GREEN_ANSWERS,
    THRIVE_ANSWERS,
    make_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("safeguard.risk.tests.api.urls")]


def instruments_url() -> str:
    return reverse("risk-api:instrument-list")


def record_url() -> str:
    return reverse("risk-api:assessment-record")


def review_url(assessment_id: object) -> str:
    return reverse("risk-api:assessment-review", kwargs={"assessment_id": assessment_id})


def post_json(client: Client, url: str, body: object):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def body(child, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "subject_type": "people.person",
        "subject_id": str(child.pk),
        "instrument_code": "PPN_RAG",
        "answers": PPN_AMBER_ANSWERS,
    }
    values.update(overrides)
    return values


class TestRiskInstrumentListApi:
    def test_lists_each_instrument_with_its_questions_and_levels(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.get(instruments_url())
        assert response.status_code == 200
        by_code = {i["code"]: i for i in response.json()}
        assert set(by_code) == {
            "DARA",
            "DASH",
            "DA_CHILD",
            "KIRAT",
            "MISSING_APP",
            "PPN_RAG",
            "THRIVE",
            "THRIVE_PLUS",
        }
        ppn = by_code["PPN_RAG"]
        assert ppn["version"] == 1
        assert ppn["levels"] == [
            {"value": "GREEN", "text": "Low"},
            {"value": "AMBER", "text": "Medium"},
            {"value": "RED", "text": "High"},
        ]
        first = ppn["questions"][0]
        assert first["code"] == "SIGNIFICANT_HARM"
        assert first["kind"] == "yes_no"
        assert first["answer_required"] is True
        assert first["choices"] == [{"value": "NO", "text": "No"}, {"value": "YES", "text": "Yes"}]
        assert "§3.4" in ppn["citation"]

    @pytest.mark.parametrize("role", [Role.AUDITOR, Role.SCHOOL_DSL, Role.ON_CALL_SENIOR_OFFICER])
    def test_is_not_found_for_roles_that_do_not_assess(self, client_for, role) -> None:
        client, _ = client_for(role)
        assert client.get(instruments_url()).status_code == 404

    def test_needs_a_signed_in_user(self) -> None:
        assert Client().get(instruments_url()).status_code in {401, 403}


class TestRiskAssessmentRecordApi:
    def test_records_and_returns_the_assessment(self, client_for, child) -> None:
        client, officer = client_for(Role.RESPONSE_OFFICER)
        response = post_json(
            client, record_url(), body(child, officer_level="RED", rationale="Weapon in the house")
        )
        assert response.status_code == 201, response.content
        data = response.json()
        assert (data["computed_level"], data["final_level"], data["current_level"]) == (
            "AMBER",
            "RED",
            "RED",
        )
        assert data["level_change"] == "RAISED"
        assert data["instrument_version"] == 1
        assert RiskAssessment.objects.get(pk=data["id"]).assessed_by == officer
        assert AuditEvent.objects.filter(event_type="risk_assessment.recorded").exists()

    def test_token_authentication_works(self, make_user, child) -> None:
        token = Token.objects.create(user=make_user(Role.INVESTIGATOR))
        response = Client().post(
            record_url(),
            data=json.dumps(body(child, instrument_code="THRIVE", answers=THRIVE_ANSWERS)),
            content_type="application/json",
            headers={"Authorization": f"Token {token.key}"},
        )
        assert response.status_code == 201, response.content
        assert response.json()["computed_level"] == "MEDIUM"

    @pytest.mark.parametrize(
        ("overrides", "errors"),
        [
            pytest.param(
                {"instrument_code": "NO_SUCH_TOOL"}, {"instrument_code"}, id="unknown instrument"
            ),
            pytest.param(
                {"instrument_version": 99}, {"instrument_code"}, id="unknown instrument version"
            ),
            pytest.param({"instrument_version": 0}, {"instrument_version"}, id="version zero"),
            pytest.param({"officer_level": "PURPLE"}, {"officer_level"}, id="unknown RAG value"),
            pytest.param(
                {"officer_level": "GREEN", "rationale": ""},
                {"rationale"},
                id="lowering unexplained",
            ),
            pytest.param(
                {"officer_level": "GREEN", "rationale": "Fine"},
                {"rationale"},
                id="lowering too briefly",
            ),
            pytest.param({"answers": {}}, {"answers"}, id="missing answers"),
            pytest.param({"answers": ["YES"]}, {"answers"}, id="answers not an object"),
            pytest.param(
                {"answers": PPN_GREEN_ANSWERS | {"NEGLECT_SIGNS": True}},
                {"answers"},
                id="answer not text",
            ),
            pytest.param(
                {"answers": PPN_GREEN_ANSWERS | {"NEGLECT_SIGNS": None}},
                {"answers"},
                id="answer null",
            ),
            pytest.param(
                {"answers": PPN_GREEN_ANSWERS | {"NEGLECT_SIGNS": {"x": 1}}},
                {"answers"},
                id="answer nested",
            ),
            pytest.param({"subject_type": "People Person"}, {"subject_type"}, id="bad subject"),
            pytest.param({"subject_id": ""}, {"subject_id"}, id="blank subject id"),
            pytest.param({"rationale": "x" * 5000}, {"rationale"}, id="overlong rationale"),
        ],
    )
    def test_bad_input_gets_field_errors_never_a_server_error(
        self, client_for, child, overrides, errors
    ) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = post_json(client, record_url(), body(child, **overrides))
        assert response.status_code == 400, response.content
        assert set(response.json()["errors"]) == errors
        assert not RiskAssessment.objects.exists()

    def test_answer_errors_are_nested_by_question(self, client_for, child) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        answers = dict(PPN_GREEN_ANSWERS)
        del answers["CHILD_VOICE"]
        answers["NEGLECT_SIGNS"] = "MAYBE"
        answers["rationale"] = "smuggled"
        response = post_json(client, record_url(), body(child, answers=answers))
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "answers": {
                "rationale": ["This is not a question of Child concern (PPN) RAG version 1"],
                "CHILD_VOICE": ["Answer this question"],
                "NEGLECT_SIGNS": ["'MAYBE' is not one of: NO, YES"],
            }
        }

    def test_malformed_json_is_a_clear_400(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.post(record_url(), data="{", content_type="application/json")
        assert response.status_code == 400
        assert response.json()["detail"] == "The request body is not valid JSON."

    @pytest.mark.parametrize(
        "subject",
        [
            {"subject_type": "people.person", "subject_id": str(uuid.uuid4())},
            {"subject_type": "referrals.childconcern", "subject_id": str(uuid.uuid4())},
        ],
    )
    def test_a_subject_out_of_reach_is_not_found(self, client_for, child, subject) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = post_json(client, record_url(), body(child, **subject))
        assert response.status_code == 404

    @pytest.mark.parametrize(
        "role", [Role.AUDITOR, Role.HOTEL_REPORTER, Role.ON_CALL_SENIOR_OFFICER]
    )
    def test_roles_that_do_not_assess_get_404(self, client_for, child, role) -> None:
        client, _ = client_for(role)
        assert post_json(client, record_url(), body(child)).status_code == 404


class TestRiskAssessmentReviewApi:
    @pytest.fixture
    def assessment(self, make_user, child):
        return make_assessment(
            assessed_by=make_user(Role.RESPONSE_OFFICER),
            subject_type="people.person",
            subject_id=str(child.pk),
        )

    def test_a_supervisor_agrees(self, client_for, assessment) -> None:
        client, supervisor = client_for(Role.SUPERVISOR)
        response = post_json(client, review_url(assessment.pk), {"agreed": True})
        assert response.status_code == 200, response.content
        assert response.json()["review_outcome"] == "AGREED"
        assert response.json()["reviewed_by"] == str(supervisor.pk)

    def test_a_supervisor_lowers_with_a_full_note(self, client_for, assessment) -> None:
        client, _ = client_for(Role.SUPERVISOR)
        response = post_json(
            client,
            review_url(assessment.pk),
            {"agreed": False, "level": "GREEN", "note": LOWERING_RATIONALE},
        )
        assert response.status_code == 200, response.content
        assert response.json()["current_level"] == "GREEN"

    @pytest.mark.parametrize(
        ("payload", "errors"),
        [
            ({}, {"agreed"}),
            ({"agreed": "perhaps"}, {"agreed"}),
            ({"agreed": False, "level": "PURPLE", "note": "Hmm"}, {"level"}),
            ({"agreed": False, "level": "GREEN", "note": "Fine"}, {"note"}),
            ({"agreed": False}, {"level", "note"}),
        ],
    )
    def test_bad_input_gets_field_errors(self, client_for, assessment, payload, errors) -> None:
        client, _ = client_for(Role.SUPERVISOR)
        response = post_json(client, review_url(assessment.pk), payload)
        assert response.status_code == 400, response.content
        assert set(response.json()["errors"]) == errors

    def test_a_second_review_is_refused(self, client_for, assessment) -> None:
        first, _ = client_for(Role.SUPERVISOR)
        second, _ = client_for(Role.SUPERVISOR)
        assert post_json(first, review_url(assessment.pk), {"agreed": True}).status_code == 200
        response = post_json(second, review_url(assessment.pk), {"agreed": True})
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "non_field_errors": ["This risk assessment has already been reviewed."]
        }

    def test_reviewing_your_own_assessment_is_refused(self, client_for, child) -> None:
        client, supervisor = client_for(Role.SUPERVISOR)
        own = make_assessment(
            assessed_by=supervisor, subject_type="people.person", subject_id=str(child.pk)
        )
        response = post_json(client, review_url(own.pk), {"agreed": True})
        assert response.status_code == 400
        assert "own" in response.json()["detail"]

    def test_missing_and_forbidden_are_both_404(self, client_for, assessment) -> None:
        supervisor, _ = client_for(Role.SUPERVISOR)
        officer, _ = client_for(Role.RESPONSE_OFFICER)
        assert post_json(supervisor, review_url(uuid.uuid4()), {"agreed": True}).status_code == 404
        assert post_json(officer, review_url(assessment.pk), {"agreed": True}).status_code == 404
