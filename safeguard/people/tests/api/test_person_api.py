from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.people.models import Person
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db
CREATE = reverse("people-api:person-create")


def post_json(client: Client, url: str, body: object, **headers: str):
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


class TestCreate:
    @pytest.mark.parametrize(
        ("given", "family"), [("Zoë", "O'Brien-Ní Bhriain"), ("Łukasz", "Wójcik"), ("محمد", "علي")]
    )
    def test_unicode_names_round_trip(self, client_for, given, family) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = post_json(
            client,
            CREATE,
            {
                "given_name": given,
                "family_name": family,
                "address": {"line_1": "1 Fake Way", "town": "Leek", "postcode": "ST13 5AA"},
            },
        )
        assert response.status_code == 201, response.content
        person_id = response.json()["id"]
        read = client.get(
            reverse("people-api:person-detail", kwargs={"person_id": person_id}),
            {"purpose": "Safeguarding enquiry"},
        )
        assert read.json()["person"]["given_name"] == given
        assert read.json()["person"]["family_name"] == family
        assert read.json()["addresses"][0]["postcode"] == "ST13 5AA"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            (
                {"given_name": "A", "family_name": "B", "date_of_birth": "2099-01-01"},
                "date_of_birth",
            ),
            ({"given_name": "A" * 10_000, "family_name": "B"}, "given_name"),
            (
                {"given_name": "A", "family_name": "B", "self_defined_ethnicity": "Z7"},
                "self_defined_ethnicity",
            ),
            (
                {"given_name": "A", "family_name": "B", "officer_defined_ethnicity": "IC0"},
                "officer_defined_ethnicity",
            ),
            (
                {"given_name": "A", "family_name": "B", "date_of_birth": "not a date"},
                "date_of_birth",
            ),
            ({"family_name": "B"}, "given_name"),
        ],
    )
    def test_bad_input_gets_field_errors_and_saves_nothing(self, client_for, body, field) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = post_json(client, CREATE, body)
        assert response.status_code == 400
        assert field in response.json()["errors"]
        assert not Person.objects.exists()

    def test_malformed_json_is_a_clear_400(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.post(CREATE, data='{"given_name": "A",', content_type="application/json")
        assert response.status_code == 400
        assert response.json()["detail"] == "The request body is not valid JSON."

    def test_token_authentication_works_without_a_session(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        token = Token.objects.create(user=user)
        response = post_json(
            Client(),
            CREATE,
            {"given_name": "A", "family_name": "B"},
            Authorization=f"Token {token.key}",
        )
        assert response.status_code == 201
        assert AuditEvent.objects.get(event_type="person.recorded").actor_username == user.username


class TestRead:
    def test_needs_a_purpose_and_logs_it(self, client_for) -> None:
        client, _ = client_for(Role.INVESTIGATOR)
        person = make_person()
        url = reverse("people-api:person-detail", kwargs={"person_id": person.pk})
        refused = client.get(url)
        assert refused.status_code == 400
        assert "purpose" in refused.json()["errors"]
        assert client.get(url, headers={"X-Purpose": "Investigation INC-1"}).status_code == 200
        event = AuditEvent.objects.get(event_type="person.consulted")
        assert event.justification == "Investigation INC-1"

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER, Role.AUDITOR])
    def test_roles_without_access_get_the_same_404_as_a_missing_id(self, client_for, role) -> None:
        client, _ = client_for(role)
        real = client.get(
            reverse("people-api:person-detail", kwargs={"person_id": make_person().pk}),
            {"purpose": "curious"},
        )
        missing = client.get(
            reverse("people-api:person-detail", kwargs={"person_id": uuid.uuid4()}),
            {"purpose": "curious"},
        )
        assert real.status_code == missing.status_code == 404
        assert real.json() == missing.json()

    def test_search_is_scoped_and_audited(self, client_for, other_team) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        visible = make_person(given_name="Kasia", family_name="Nowak")
        make_person(
            given_name="Kasia", family_name="Nowak", owning_team=other_team, is_restricted=True
        )
        response = client.get(reverse("people-api:person-list"), {"name": "kasia nowak"})
        assert [p["id"] for p in response.json()] == [str(visible.pk)]
        assert AuditEvent.objects.get(event_type="person.searched").subjects == [
            {"type": "people.person", "id": str(visible.pk)}
        ]

    def test_unauthenticated_requests_are_refused(self) -> None:
        response = Client().get(reverse("people-api:person-list"), {"name": "x"})
        assert response.status_code in {401, 403}


class TestUpdate:
    def test_stale_version_is_a_409(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        person = make_person(given_name="Ana", family_name="Test")
        url = reverse("people-api:person-update", kwargs={"person_id": person.pk})
        body = {"given_name": "Anna", "family_name": "Test", "version": 1}
        assert (
            client.put(url, data=json.dumps(body), content_type="application/json").status_code
            == 200
        )
        stale = client.put(
            url, data=json.dumps({**body, "given_name": "Annie"}), content_type="application/json"
        )
        assert stale.status_code == 409
        assert stale.json()["code"] == "conflict"


class TestAddressesAndRelationships:
    def test_add_an_address_and_a_relationship(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        parent, child = make_person(), make_person()
        address = post_json(
            client,
            reverse("people-api:person-address-add", kwargs={"person_id": parent.pk}),
            {"line_1": "1 Road", "town": "Leek", "postcode": "st13 5aa"},
        )
        assert address.status_code == 201
        assert address.json()["postcode"] == "ST13 5AA"
        bad = post_json(
            client,
            reverse("people-api:person-address-add", kwargs={"person_id": parent.pk}),
            {"line_1": "1 Road", "town": "Leek", "postcode": "nope"},
        )
        assert bad.status_code == 400
        assert "address_postcode" in bad.json()["errors"]
        url = reverse("people-api:relationship-record", kwargs={"person_id": parent.pk})
        made = post_json(client, url, {"kind": "PARENT", "to_person_reference": child.reference})
        assert made.status_code == 201
        assert made.json()["to_person"] == str(child.pk)
        again = post_json(client, url, {"kind": "PARENT", "to_person_reference": child.reference})
        assert again.status_code == 400
        assert "kind" in again.json()["errors"]
