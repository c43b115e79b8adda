from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.incidents.models import Occurrence
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db
CREATE = reverse("incidents:occurrence-create")


def form_data(child_reference: str, **voice: str) -> dict[str, str]:
    data = {
        "occurrence_type": "CHILD_CONCERN",
        "occurred_at": "2026-11-20T21:30",
        "location": "Park entrance",
        "postcode": "",
        "narrative": "Child found alone late at night.",
        "people-TOTAL_FORMS": "3",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "10",
        "people-0-person_reference": child_reference,
        "people-0-role": "VICTIM",
    }
    data.update({f"people-0-{k}": v for k, v in voice.items()})
    return data


class TestRecordAnOccurrence:
    def test_records_with_the_childs_voice_and_shows_it(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person(given_name="Maja", date_of_birth=dt.date(2016, 2, 2))
        response = client.post(
            CREATE,
            form_data(
                child.reference,
                seen="yes",
                spoken_to="yes",
                spoken_to_alone="yes",
                childs_words="I got lost",
                behaviour_and_demeanour="Cold and scared",
            ),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        page = client.get(response["Location"])
        body = page.content.decode()
        assert "I got lost" in body
        assert "Maja" in body

    def test_a_child_without_their_voice_gets_an_error_summary(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person(date_of_birth=dt.date(2016, 2, 2))
        response = client.post(CREATE, form_data(child.reference))
        assert response.status_code == 400
        assert "Record the voice of the child" in response.content.decode()
        assert not Occurrence.objects.exists()

    def test_unknown_person_and_bad_date_are_field_errors(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        data = form_data("PER-2026-000000")
        data["occurred_at"] = "yesterday"
        response = client.post(CREATE, data)
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.SOCIAL_CARE_USER, Role.AUDITOR])
    def test_roles_without_access_get_404(self, client_for, role) -> None:
        client, _ = client_for(role)
        assert client.get(CREATE).status_code == 404
        assert (
            client.get(
                reverse("incidents:occurrence-detail", kwargs={"occurrence_id": uuid.uuid4()})
            ).status_code
            == 404
        )


class TestOccurrenceApi:
    def test_records_and_reads_back(self, client_for) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER)
        child = make_person(date_of_birth=dt.date(2016, 2, 2))
        body = {
            "occurrence_type": "DOMESTIC_ABUSE",
            "occurred_at": "2026-11-20T21:30:00Z",
            "location": "Home",
            "narrative": "Shouting heard",
            "involvements": [
                {
                    "person_id": str(child.pk),
                    "role": "CHILD_PRESENT",
                    "voice_of_child": {
                        "seen": False,
                        "spoken_to": False,
                        "reason_not_seen_or_spoken_to": "Asleep upstairs",
                    },
                }
            ],
        }
        made = client.post(
            reverse("incidents-api:occurrence-record"),
            json.dumps(body),
            content_type="application/json",
        )
        assert made.status_code == 201, made.content
        read = client.get(
            reverse("incidents-api:occurrence-detail", kwargs={"occurrence_id": made.json()["id"]}),
            headers={"X-Purpose": "Risk assessment"},
        )
        assert (
            read.json()["involvements"][0]["voice_of_child"]["reason_not_seen_or_spoken_to"]
            == "Asleep upstairs"
        )

    def test_child_without_voice_and_bad_role_are_400s(self, client_for) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER)
        child = make_person(date_of_birth=dt.date(2016, 2, 2))
        body: dict[str, Any] = {
            "occurrence_type": "DOMESTIC_ABUSE",
            "occurred_at": "2026-11-20T21:30:00Z",
            "location": "Home",
            "narrative": "x",
            "involvements": [{"person_id": str(child.pk), "role": "VICTIM"}],
        }
        missing = client.post(
            reverse("incidents-api:occurrence-record"),
            json.dumps(body),
            content_type="application/json",
        )
        assert missing.status_code == 400
        assert "involvements.0.voice_of_child" in missing.json()["errors"]
        body["involvements"][0]["role"] = "BYSTANDER"
        bad = client.post(
            reverse("incidents-api:occurrence-record"),
            json.dumps(body),
            content_type="application/json",
        )
        assert bad.status_code == 400
        assert not Occurrence.objects.exists()


class TestOccurrenceIdempotency:
    def test_the_same_key_twice_records_one_occurrence(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        adult = make_person(date_of_birth=dt.date(1980, 1, 1))
        body = {
            "occurrence_type": "OTHER",
            "occurred_at": "2026-11-20T21:30:00Z",
            "location": "Street",
            "narrative": "Report",
            "involvements": [{"person_id": str(adult.pk), "role": "WITNESS"}],
        }
        url = reverse("incidents-api:occurrence-record")
        first = client.post(
            url,
            json.dumps(body),
            content_type="application/json",
            headers={"Idempotency-Key": "k1"},
        )
        again = client.post(
            url,
            json.dumps(body),
            content_type="application/json",
            headers={"Idempotency-Key": "k1"},
        )
        assert first.json()["id"] == again.json()["id"]
        assert Occurrence.objects.count() == 1
