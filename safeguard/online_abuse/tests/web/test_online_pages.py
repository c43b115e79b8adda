"""The online referral pages: queue, import, record, the referral with its grading,
children and stages; partners never see any of it."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.online_abuse.models import ChildAroundSuspect, OnlineReferral
from safeguard.online_abuse.tests.support import RECEIVED, household, package
from safeguard.risk.rules.kirat import KIRAT_V2

pytestmark = pytest.mark.django_db

QUEUE = reverse("online_abuse:queue")
IMPORT = reverse("online_abuse:import")
CREATE = reverse("online_abuse:referral-create")
NOW = RECEIVED + dt.timedelta(hours=2)


@pytest.fixture(autouse=True)
def _clock():
    with use_clock(FixedClock(NOW)):
        yield


def page(response: Any) -> str:
    return str(html.unescape(response.content.decode()))


@pytest.fixture
def investigator(client_for):
    return client_for(Role.INVESTIGATOR)[0]


def _upload(client, packages: Any):
    upload = SimpleUploadedFile("packages.json", json.dumps(packages).encode(), "application/json")
    return client.post(IMPORT, {"file": upload})


def _open(client, referral: OnlineReferral) -> str:
    url = reverse("online_abuse:referral-detail", kwargs={"referral_id": referral.pk})
    client.post(url, {"purpose": "Investigation", "detail": "Online referral"})
    response = client.get(url)
    assert response.status_code == 200
    return page(response)


@pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER, Role.SOCIAL_CARE_USER])
def test_partners_get_not_found_everywhere(client_for, role: Role) -> None:
    household()
    staff, _ = client_for(Role.INVESTIGATOR)
    _upload(staff, [package()])
    referral = OnlineReferral.objects.get()
    client, _ = client_for(role)
    for url in (
        QUEUE,
        IMPORT,
        CREATE,
        reverse("online_abuse:referral-detail", kwargs={"referral_id": referral.pk}),
    ):
        assert client.get(url).status_code == 404


def test_an_import_records_the_good_and_reports_the_rest(investigator) -> None:
    household()
    response = _upload(investigator, [package(), {"source": "NCA_CEOP"}, package()])
    body = page(response)
    assert response.status_code == 200
    assert "1 recorded, 1 received before, 1 refused" in body
    assert "Package 2 refused" in body
    assert "received_at: required" in body
    assert "Package 3: received before" in body
    queue = page(investigator.get(QUEUE))
    assert OnlineReferral.objects.get().reference in queue
    assert "Not graded" in queue


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{broken", "not JSON"), (b"\xff\xfe\x00", "not UTF-8"), (b"[]", "no packages")],
)
def test_a_bad_file_is_refused_with_a_clear_error(
    investigator, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile("packages.json", content, "application/json")
    response = investigator.post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert message in page(response)


def test_a_referral_typed_in_is_checked_and_recorded(investigator) -> None:
    form = {
        "source": "PUBLIC",
        "reference": "",
        "platform": "FictionalChat",
        "received_at": "2026-11-20T08:00",
        "summary": "A parent reported messages to their child",
        "emails": "not-an-email",
        "phones": "",
        "accounts": "FictionalChat: someone",
        "ip_addresses": "",
    }
    response = investigator.post(CREATE, form)
    assert response.status_code == 400
    assert "suspect.emails[0]" in page(response)
    response = investigator.post(CREATE, {**form, "emails": "someone@example.invalid"})
    assert response.status_code == 302
    referral = OnlineReferral.objects.get()
    assert {i.normalised for i in referral.identifiers.all()} == {
        "someone@example.invalid",
        "fictionalchat:someone",
    }


def test_the_referral_page_shows_suspect_children_and_grades(investigator) -> None:
    suspect, children, _ = household()
    _upload(investigator, [package()])
    referral = OnlineReferral.objects.get()
    body = _open(investigator, referral)
    assert suspect.full_name in body
    for child in children:
        assert child.full_name in body
    assert "Not graded (held to the very-high time)" in body
    answers = {f"kirat-{q.code}": "NO" for q in KIRAT_V2.questions}
    answers["kirat-CHILDREN_IN_HOUSEHOLD"] = "YES"
    grade = reverse("online_abuse:referral-grade", kwargs={"referral_id": referral.pk})
    response = investigator.post(grade, {**answers, "kirat-instrument_version": "2"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.kirat_level == "HIGH"
    row = ChildAroundSuspect.objects.filter(referral=referral).first()
    assert row is not None
    decide = reverse(
        "online_abuse:child-decide", kwargs={"referral_id": referral.pk, "row_id": row.pk}
    )
    assert investigator.post(decide, {"decision": "REFER", "reason": ""}).status_code == 400
    response = investigator.post(
        decide, {"decision": "REFER", "reason": "Lives with the suspect; refer now"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.concern is not None
    advance = reverse("online_abuse:referral-advance", kwargs={"referral_id": referral.pk})
    response = investigator.post(advance, {"stage": "ENFORCEMENT", "note": ""})
    assert response.status_code == 400
    assert "partner referral" in page(response)


def test_the_page_asks_why_before_opening(investigator) -> None:
    _upload(investigator, [package()])
    referral = OnlineReferral.objects.get()
    url = reverse("online_abuse:referral-detail", kwargs={"referral_id": referral.pk})
    body = page(investigator.get(url))
    assert "Why are you opening this referral?" in body
    assert investigator.post(url, {"purpose": ""}).status_code == 400
