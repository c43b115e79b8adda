from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.domestic.models import DomesticAbuseIncident, EncompassNotification
from safeguard.domestic.services import encompass_dispatch
from safeguard.domestic.tests.factories import a_school, household, london

pytestmark = pytest.mark.django_db
RECORD = reverse("domestic-api:incident-record")


def post_json(client: Client, url: str, body: object, **headers: str):
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def body(parties, school, **extra):
    payload = {
        "occurred_at": "2026-11-20T23:40:00Z",
        "location": "Hallway",
        "narrative": "Shouting; the baby was asleep upstairs.",
        "relationship": "EX_INTIMATE_PARTNER",
        "victim_id": str(parties["victim"].pk),
        "suspect_id": str(parties["suspect"].pk),
        "circumstances_for_school": "Police attended an incident between the child's parents.",
        "children": [
            {
                "new_child": {
                    "given_name": "Amara",
                    "family_name": "Okafor-Fictional",
                    "estimated_age": 6,
                },
                "present": False,
                "saw": False,
                "heard": False,
                "experienced_effects": True,
                "related_to": "BOTH",
                "education_setting_id": str(school.pk),
                "voice_of_child": {
                    "seen": False,
                    "spoken_to": False,
                    "reason_not_seen_or_spoken_to": "Staying with grandparents",
                },
            }
        ],
    }
    payload.update(extra)
    return payload


class TestRecordApi:
    def test_detected_children_come_back_then_the_incident_is_recorded_once(
        self, client_for
    ) -> None:
        school = a_school()
        client, _ = client_for(Role.RESPONSE_OFFICER)
        parties = household()
        first = post_json(client, RECORD, body(parties, school))
        assert first.status_code == 400
        answer = first.json()
        assert answer["unresolved"] == [d["key"] for d in answer["detected_children"]]
        key = answer["unresolved"][0]
        resolved = body(
            parties,
            school,
            resolutions=[
                {"key": key, "dismissed_reason": "The baby is the neighbour's, visiting earlier"}
            ],
        )
        made = post_json(client, RECORD, resolved, **{"Idempotency-Key": "api-1"})
        assert made.status_code == 201, made.content
        again = post_json(client, RECORD, resolved, **{"Idempotency-Key": "api-1"})
        assert again.json()["id"] == made.json()["id"]
        assert DomesticAbuseIncident.objects.count() == 1
        assert len(made.json()["notifications"]) == 1

    def test_malformed_input_is_a_clear_400(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.post(RECORD, data="{not json", content_type="application/json")
        assert response.status_code == 400
        response = post_json(client, RECORD, {"occurred_at": "yesterday"})
        assert response.status_code == 400
        assert "victim_id" in response.json()["errors"]

    def test_a_school_user_cannot_record(self, client_for) -> None:
        client, _ = client_for(Role.SCHOOL_DSL)
        assert post_json(client, RECORD, {}).status_code == 404


class TestEncompassApi:
    def test_inbox_read_and_acknowledge_only_for_the_school(self, client_for) -> None:
        school = a_school()
        officer, _ = client_for(Role.RESPONSE_OFFICER)
        made = post_json(officer, RECORD, body(household(), school, narrative="Shouting."))
        assert made.status_code == 201, made.content
        with use_clock(FixedClock(london(2026, 11, 21, 7, 0))):
            encompass_dispatch(now=london(2026, 11, 21, 7, 0))
        notification = EncompassNotification.objects.get()
        dsl, _ = client_for(Role.SCHOOL_DSL, organisation=school)
        other, _ = client_for(Role.SCHOOL_DSL)
        inbox = dsl.get(reverse("domestic-api:encompass-inbox")).json()
        assert [n["id"] for n in inbox] == [str(notification.pk)]
        assert other.get(reverse("domestic-api:encompass-inbox")).json() == []
        detail = reverse("domestic-api:notification-detail", args=[notification.pk])
        read = dsl.get(detail).json()
        assert read["content"]["Child"] == "Amara Okafor-Fictional"
        assert read["content"]["Date of birth"] == "Not known (estimated age 6)"
        assert other.get(detail).status_code == 404
        ack = reverse("domestic-api:notification-acknowledge", args=[notification.pk])
        assert other.post(ack).status_code == 404
        assert dsl.post(ack).json()["status"] == "ACKNOWLEDGED"
