"""Drilling from "DA incidents with children notified to school on time" to the late ones."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent, AuditSubject
from safeguard.core.clock import FixedClock, use_clock
from safeguard.domestic.tests.factories import london

pytestmark = pytest.mark.django_db

URL = reverse("inspection:drill-down", kwargs={"code": "encompass_on_time"})


def test_the_late_incident_is_listed_after_the_purpose(client_for, incidents) -> None:
    on_time, late = incidents
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    with use_clock(FixedClock(london(2027, 3, 2, 9, 0))):
        dashboard = html.unescape(
            client.get(reverse("inspection:dashboard"), {"months": "3"}).content.decode()
        )
        assert URL in dashboard  # the title links to the late ones
        assert "1 of 2" in dashboard
        asked = client.get(URL, {"months": "3"})
        assert "Why are you opening these records?" in asked.content.decode()
        assert client.get(URL, {"months": "3", "purpose": ""}).status_code == 400
        response = client.get(
            URL, {"months": "3", "purpose": "Supervision or review", "detail": "NCPI prep"}
        )
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert late.occurrence.reference in body
    assert on_time.occurrence.reference not in body
    event = AuditEvent.objects.get(event_type="inspection.drill_down")
    assert event.justification == "Supervision or review: NCPI prep"
    assert set(AuditSubject.objects.filter(event=event).values_list("subject_id", flat=True)) == {
        str(late.pk)
    }


def test_an_indicator_without_a_drill_down_is_not_found(client_for) -> None:
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    url = reverse("inspection:drill-down", kwargs={"code": "caseload"})
    assert client.get(url, {"purpose": "Supervision or review"}).status_code == 404
    assert (
        client.get(
            reverse("inspection:drill-down", kwargs={"code": "nope"}),
            {"purpose": "Supervision or review"},
        ).status_code
        == 404
    )
