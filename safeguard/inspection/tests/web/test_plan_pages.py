"""The findings register, action plan and self-assessment pages."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.inspection.models import Action, Finding, InspectionReport, SelfAssessment

pytestmark = pytest.mark.django_db

PLAN = reverse("inspection:plan")
SELF = reverse("inspection:self-assessment")


@pytest.fixture(autouse=True)
def _clock():
    with use_clock(FixedClock(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))):
        yield


def page(response: Any) -> str:
    return str(html.unescape(response.content.decode()))


def test_the_lead_records_a_report_a_finding_and_an_action(client_for) -> None:
    client, lead = client_for(Role.PERFORMANCE_LEAD)
    assert (
        client.post(
            PLAN, {"form": "report", "title": "NCPI (fictional)", "published_on": "2026-10-01"}
        ).status_code
        == 302
    )
    report = InspectionReport.objects.get()
    response = client.post(
        PLAN,
        {
            "form": "finding",
            "report": str(report.pk),
            "kind": "AREA_FOR_IMPROVEMENT",
            "area": "DATA_QUALITY",
            "text": "Ethnicity is not recorded for many children",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    response = client.post(
        PLAN,
        {
            "form": "action",
            "finding": str(finding.pk),
            "description": "Retrain the contact centre",
            "owner": lead.username,
            "due_on": "2026-12-01",
        },
    )
    assert response.status_code == 302
    body = page(client.get(PLAN))
    assert "action plan due 26 November 2026" in body
    assert "Retrain the contact centre" in body
    assert "Amber" in body
    action = Action.objects.get()
    response = client.post(
        PLAN, {"form": "update", "action": str(action.pk), "status": "COMPLETE", "evidence": ""}
    )
    assert response.status_code == 400
    assert "Say what shows the action is complete" in page(response)


@pytest.mark.parametrize(
    "data",
    [
        {"form": "report", "title": "", "published_on": "2026-10-01"},
        {"form": "report", "title": "Future", "published_on": "2027-10-01"},
        {
            "form": "finding",
            "report": "not-an-id",
            "kind": "RECOMMENDATION",
            "area": "LEADERSHIP",
            "text": "long enough text",
        },
        {"form": "nonsense"},
    ],
)
def test_bad_input_is_refused_without_a_500(client_for, data: dict[str, str]) -> None:
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    assert client.post(PLAN, data).status_code in {400, 404}
    assert not InspectionReport.objects.exists()


def test_a_supervisor_reads_but_only_the_lead_writes(client_for) -> None:
    supervisor, _ = client_for(Role.SUPERVISOR)
    assert supervisor.get(PLAN).status_code == 200
    response = supervisor.post(
        PLAN, {"form": "report", "title": "NCPI", "published_on": "2026-10-01"}
    )
    assert response.status_code == 404
    partner, _ = client_for(Role.SCHOOL_DSL)
    assert partner.get(PLAN).status_code == 404
    assert partner.get(SELF).status_code == 404


def test_self_assessment(client_for) -> None:
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    assert "Not assessed" in page(client.get(SELF))
    assert (
        client.post(SELF, {"area": "PARTNERSHIP", "grade": "GOOD", "evidence": ""}).status_code
        == 400
    )
    response = client.post(
        SELF,
        {
            "area": "PARTNERSHIP",
            "grade": "GOOD",
            "evidence": "Encompass on time 97% for six months",
        },
    )
    assert response.status_code == 302
    assert SelfAssessment.objects.get().grade == "GOOD"
    assert "Encompass on time 97%" in page(client.get(SELF))
