"""Online referrals over the API: receive, repeat, import, read with a purpose, grade,
children and stages; partners get 404."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.online_abuse.models import OnlineReferral
from safeguard.online_abuse.tests.support import RECEIVED, household, package
from safeguard.risk.rules.kirat import KIRAT_V2

pytestmark = pytest.mark.django_db

LIST = reverse("online_abuse-api:referral-list")
IMPORT = reverse("online_abuse-api:referral-import")


@pytest.fixture(autouse=True)
def _clock():
    with use_clock(FixedClock(RECEIVED + dt.timedelta(hours=2))):
        yield


def post_json(client: Client, url: str, body: object):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def investigator(client_for) -> Client:
    client: Client = client_for(Role.INVESTIGATOR)[0]
    return client


def test_receive_then_repeat_then_read(investigator: Client) -> None:
    suspect, children, _ = household()
    response = post_json(investigator, LIST, package())
    assert response.status_code == 201
    referral_id = response.json()["id"]
    again = post_json(investigator, LIST, package())
    assert again.status_code == 409
    assert again.json()["reference"] == response.json()["reference"]
    detail = reverse("online_abuse-api:referral-detail", kwargs={"referral_id": referral_id})
    assert investigator.get(detail).status_code == 400  # no purpose
    body = investigator.get(detail, {"purpose": "Investigation"}).json()
    assert body["suspect_id"] == str(suspect.pk)
    assert {c["child_id"] for c in body["children"]} == {str(c.pk) for c in children}
    assert body["clocks"][0]["kind"] == "online.action"
    assert [r["reference"] for r in investigator.get(LIST).json()] == [response.json()["reference"]]


def test_a_bad_package_answers_every_problem(investigator: Client) -> None:
    response = post_json(investigator, LIST, {"source": "NOPE", "suspect": {"emails": ["x"]}})
    assert response.status_code == 400
    errors = " ".join(response.json()["errors"]["package"])
    assert "source" in errors
    assert "suspect.emails[0]" in errors
    assert post_json(investigator, LIST, ["not", "an", "object"]).status_code == 400


def test_import_reports_each_package(investigator: Client) -> None:
    response = post_json(investigator, IMPORT, [package(), {"source": "IWF"}, package()])
    assert response.status_code == 200
    report = response.json()
    assert len(report["recorded"]) == 1
    assert report["refused"][0]["position"] == 2
    assert report["duplicates"] == [["3", report["recorded"][0]]]
    assert post_json(investigator, IMPORT, []).status_code == 400


def test_grade_decide_and_advance(investigator: Client) -> None:
    household()
    referral_id = post_json(investigator, LIST, package()).json()["id"]
    grade = reverse("online_abuse-api:referral-grade", kwargs={"referral_id": referral_id})
    answers = {q.code: "NO" for q in KIRAT_V2.questions} | {"CHILDREN_IN_HOUSEHOLD": "YES"}
    assert post_json(investigator, grade, {"answers": {"bad key": "YES"}}).status_code == 400
    response = post_json(investigator, grade, {"answers": answers})
    assert response.status_code == 200
    assert response.json()["kirat_level"] == "HIGH"
    advance = reverse("online_abuse-api:referral-advance", kwargs={"referral_id": referral_id})
    refused = post_json(investigator, advance, {"stage": "ENFORCEMENT"})
    assert refused.status_code == 400
    for row in OnlineReferral.objects.get(pk=referral_id).children.all():
        decide = reverse("online_abuse-api:child-decide", kwargs={"row_id": row.pk})
        assert (
            post_json(investigator, decide, {"decision": "REFER", "reason": ""}).status_code == 400
        )
        response = post_json(
            investigator, decide, {"decision": "REFER", "reason": "Lives with the suspect"}
        )
        assert response.status_code == 200
        assert response.json()["concern_id"]
    response = post_json(investigator, advance, {"stage": "RESEARCH"})
    assert response.status_code == 200
    assert response.json()["stage"] == "RESEARCH"


@pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.SOCIAL_CARE_USER, Role.CARER])
def test_partners_get_not_found(client_for, investigator: Client, role: Role) -> None:
    referral_id = post_json(investigator, LIST, package()).json()["id"]
    client, _ = client_for(role)
    detail = reverse("online_abuse-api:referral-detail", kwargs={"referral_id": referral_id})
    assert client.get(LIST).status_code == 404
    assert client.get(detail, {"purpose": "Investigation"}).status_code == 404
    assert post_json(client, LIST, package(reference="NCA-OTHER")).status_code == 404
