"""Places and business concerns over the API (issue 10): a business submits and reads its
own submissions' status, never a name; police read a place's history with a purpose;
anyone else, and anything of another organisation, gets the same 404 as a missing id."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.accounts.models import Team, User
from safeguard.audit.models import AuditEvent
from safeguard.missing.models import MissingEpisode
from safeguard.people.tests.factories import make_person
from safeguard.places.models import BusinessConcern, Place
from safeguard.places.services import concern_triage
from safeguard.places.tests.support import NOW, found_episode

pytestmark = pytest.mark.django_db

LIST = reverse("places-api:concern-list")
PURPOSE = "Triage of a Makesafe concern"
ANSWERS = {
    "THREAT": "HIGH",
    "HARM": "HIGH",
    "RISK": "MEDIUM",
    "INVESTIGATION": "MEDIUM",
    "VULNERABILITY": "HIGH",
    "ENGAGEMENT": "LOW",
}
SUBMITTED_KEYS = {"id", "reference", "submitted_at", "place_name", "status", "status_label"}


def signed_in(user: User) -> Client:
    """A client signed in as ``user``, with the second factor passed for police staff."""
    client = Client()
    client.force_login(user)
    if not user.is_partner:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def post_json(client: Client, url: str, body: object) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def concern_body(place: Place, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "place": str(place.pk),
        "indicators": ["NERVOUS_YOUNG_PERSON", "CASH_OR_NO_CARD", "NO_LUGGAGE"],
        "young_person_description": "Girl of about 15, dark hair, school coat",
        "adults_description": "Two men, about 40 and 50",
        "other_details": "",
        "room": "214",
        "booking_details": "Booked at 22:40 tonight, paid cash, one night",
        "seen_at": (NOW - dt.timedelta(minutes=15)).isoformat(),
        "still_on_site": True,
    }
    body.update(changes)
    return body


def detail(concern_id: object) -> str:
    return reverse("places-api:concern-detail", kwargs={"concern_id": concern_id})


def history(place_id: object) -> str:
    return reverse("places-api:place-history", kwargs={"place_id": place_id})


@pytest.fixture
def hotel_a_client(reporter_a: User) -> Client:
    return signed_in(reporter_a)


@pytest.fixture
def police(researcher: User) -> Client:
    return signed_in(researcher)


@pytest.fixture
def submitted(hotel_a_client: Client, place_a: Place, mash_team: Team) -> BusinessConcern:
    response = post_json(hotel_a_client, LIST, concern_body(place_a))
    assert response.status_code == 201, response.content
    return BusinessConcern.objects.get(pk=response.json()["id"])


@pytest.fixture
def triaged(
    researcher: User, place_a: Place, submitted: BusinessConcern
) -> tuple[BusinessConcern, MissingEpisode]:
    """The issue's journey: the concern matched to a child found at the same hotel."""
    child = make_person(given_name="Testgirl", family_name="Fictional-Match")
    episode = found_episode(child, researcher, found_place="Station Hotel, room 3")
    concern_triage(
        actor=researcher,
        concern_id=submitted.pk,
        answers=ANSWERS,
        action_taken="Officers attended and safeguarded the girl",
        child_id=child.pk,
    )
    submitted.refresh_from_db()
    return submitted, episode


class TestSubmit:
    def test_a_still_on_site_concern_is_received_urgent(
        self, hotel_a_client: Client, place_a: Place, mash_team: Team
    ) -> None:
        response = post_json(hotel_a_client, LIST, concern_body(place_a))
        assert response.status_code == 201, response.content
        body = response.json()
        assert set(body) == {"id", "reference", "status", "status_label", "urgent"}
        assert body["status"] == "RECEIVED"
        assert body["status_label"].startswith("Received")
        assert body["urgent"] is True
        concern = BusinessConcern.objects.get(pk=body["id"])
        assert concern.reference == body["reference"]
        assert concern.place == place_a
        assert concern.seen_at == NOW - dt.timedelta(minutes=15)
        assert AuditEvent.objects.filter(event_type="business_concern.submitted").count() == 1

    def test_not_on_site_is_not_urgent(
        self, hotel_a_client: Client, place_a: Place, mash_team: Team
    ) -> None:
        body = concern_body(place_a, still_on_site=False)
        response = post_json(hotel_a_client, LIST, body)
        assert response.status_code == 201
        assert response.json()["urgent"] is False

    def test_a_script_tag_is_stored_as_given(
        self, hotel_a_client: Client, place_a: Place, mash_team: Team
    ) -> None:
        script = '<script>alert("x")</script> & <b>bold</b>'
        response = post_json(hotel_a_client, LIST, concern_body(place_a, adults_description=script))
        assert response.status_code == 201
        assert BusinessConcern.objects.get().adults_description == script

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            pytest.param(
                {"indicators": [], "young_person_description": "", "adults_description": ""},
                ("indicators", "Tick at least one sign"),
                id="empty concern",
            ),
            pytest.param(
                {"seen_at": (NOW + dt.timedelta(hours=1)).isoformat()},
                ("seen_at", "cannot be in the future"),
                id="future time",
            ),
            pytest.param(
                {"seen_at": "2026-11-27T23:00:00"},
                ("seen_at", "time zone"),
                id="time without offset",
            ),
            pytest.param({"seen_at": None}, ("seen_at", "Say when"), id="no time"),
            pytest.param(
                {"young_person_description": "x" * 5000},
                ("young_person_description", "4,000 characters"),
                id="5000-character description",
            ),
            pytest.param(
                {"indicators": ["OTHER"]}, ("other_details", "Describe the other"), id="other"
            ),
            pytest.param(
                {"indicators": ["NOT_A_SIGN"]}, ("indicators", "valid choice"), id="unknown sign"
            ),
            pytest.param({"room": "2\x071"}, ("room", "unprintable"), id="control character"),
        ],
    )
    @pytest.mark.usefixtures("mash_team")
    def test_bad_input_is_a_field_error(
        self,
        hotel_a_client: Client,
        place_a: Place,
        changes: dict[str, object],
        expected: tuple[str, str],
    ) -> None:
        field, words = expected
        response = post_json(hotel_a_client, LIST, concern_body(place_a, **changes))
        assert response.status_code == 400, response.content
        errors = response.json()["errors"]
        assert words in json.dumps(errors[field])
        assert not BusinessConcern.objects.exists()

    def test_an_empty_body_names_the_required_fields(
        self, hotel_a_client: Client, mash_team: Team
    ) -> None:
        response = post_json(hotel_a_client, LIST, {})
        assert response.status_code == 400
        assert {"place", "still_on_site"} <= set(response.json()["errors"])
        assert post_json(hotel_a_client, LIST, ["not", "an", "object"]).status_code == 400

    def test_a_five_megabyte_description_is_refused_not_a_server_error(
        self, hotel_a_client: Client, place_a: Place, mash_team: Team
    ) -> None:
        huge = concern_body(place_a, young_person_description="x" * 5_000_000)
        response = post_json(hotel_a_client, LIST, huge)
        assert response.status_code == 400
        assert not BusinessConcern.objects.exists()

    def test_another_organisations_place_is_not_found(
        self, hotel_a_client: Client, place_b: Place, mash_team: Team
    ) -> None:
        theirs = post_json(hotel_a_client, LIST, concern_body(place_b))
        unknown = concern_body(place_b) | {"place": str(uuid.uuid4())}
        missing = post_json(hotel_a_client, LIST, unknown)
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json() == missing.json()
        assert not BusinessConcern.objects.exists()


class TestSubmittedConcerns:
    def test_the_list_and_the_detail_show_status_and_never_a_name(
        self, hotel_a_client: Client, place_a: Place, triaged
    ) -> None:
        concern, _episode = triaged
        listed = hotel_a_client.get(LIST)
        assert listed.status_code == 200
        rows = listed.json()
        assert [r["reference"] for r in rows] == [concern.reference]
        assert set(rows[0]) == SUBMITTED_KEYS
        assert rows[0]["place_name"] == place_a.name
        assert rows[0]["status"] == "ACTIONED"
        assert rows[0]["status_label"].startswith("Actioned")
        one = hotel_a_client.get(detail(concern.pk))
        assert one.status_code == 200
        assert one.json() == rows[0]
        for response in (listed, one):
            text = response.content.decode()
            for secret in ("Testgirl", "Fictional-Match", "Girl of about 15", "Officers"):
                assert secret not in text

    def test_another_organisations_concern_is_not_found(
        self, reporter_b: User, submitted: BusinessConcern
    ) -> None:
        client = signed_in(reporter_b)
        assert client.get(LIST).json() == []
        theirs = client.get(detail(submitted.pk))
        missing = client.get(detail(uuid.uuid4()))
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json() == missing.json()

    def test_police_get_not_found(
        self, police: Client, place_a: Place, submitted: BusinessConcern
    ) -> None:
        assert police.get(LIST).status_code == 404
        assert police.get(detail(submitted.pk)).status_code == 404
        assert post_json(police, LIST, concern_body(place_a)).status_code == 404
        assert BusinessConcern.objects.count() == 1


class TestPlaceHistory:
    def test_shows_the_concern_and_the_episode_in_one_consultation(
        self, police: Client, place_a: Place, triaged
    ) -> None:
        concern, episode = triaged
        response = police.get(history(place_a.pk), {"purpose": PURPOSE})
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["place"] == {
            "id": str(place_a.pk),
            "reference": place_a.reference,
            "name": "Station Hotel",
            "kind": "HOTEL",
            "postcode": "ST16 2AB",
            "flagged": True,
        }
        assert [(e["subject_id"], e["role"]) for e in body["entries"]] == [
            (str(concern.pk), "CONCERN_AT"),
            (str(episode.pk), "FOUND_AT"),
        ]
        assert body["entries"][0] == {
            "reference": concern.reference,
            "role": "CONCERN_AT",
            "occurred_at": body["entries"][0]["occurred_at"],
            "subject_type": "places.businessconcern",
            "subject_id": str(concern.pk),
        }
        assert body["withheld"] == 0
        event = AuditEvent.objects.get(event_type="place.history_consulted")
        assert (event.operation, event.justification) == ("consultation", PURPOSE)
        assert ("people.person", str(episode.child_id)) in {
            (s["type"], s["id"]) for s in event.subjects
        }

    def test_the_purpose_header_is_accepted(self, police: Client, place_a: Place) -> None:
        response = police.get(history(place_a.pk), headers={"X-Purpose": PURPOSE})
        assert response.status_code == 200
        assert response.json()["entries"] == []

    def test_no_purpose_is_a_field_error(self, police: Client, place_a: Place) -> None:
        response = police.get(history(place_a.pk))
        assert response.status_code == 400
        assert "purpose" in response.json()["errors"]
        assert not AuditEvent.objects.filter(event_type="place.history_consulted").exists()

    def test_an_unknown_place_is_not_found(self, police: Client) -> None:
        response = police.get(history(uuid.uuid4()), {"purpose": PURPOSE})
        assert response.status_code == 404

    @pytest.mark.parametrize("reporter", ["reporter_a", "reporter_b"])
    def test_businesses_get_the_same_404_as_a_missing_place(
        self, request: pytest.FixtureRequest, place_a: Place, reporter: str
    ) -> None:
        client = signed_in(request.getfixturevalue(reporter))
        theirs = client.get(history(place_a.pk), {"purpose": PURPOSE})
        missing = client.get(history(uuid.uuid4()), {"purpose": PURPOSE})
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json() == missing.json()
        assert not AuditEvent.objects.filter(event_type="place.history_consulted").exists()
