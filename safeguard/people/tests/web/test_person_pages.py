from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.people.models import Person
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

VALID = {
    "given_name": "Zoë",
    "middle_names": "",
    "family_name": "O'Brien-Ní Bhriain",
    "date_of_birth": "2014-06-01",
    "estimated_age": "",
    "sex": "FEMALE",
    "self_defined_ethnicity": "W2",
    "officer_defined_ethnicity": "IC1",
    "disability": "NO",
    "disability_details": "",
    "send_status": "NONE",
    "first_language": "English",
    "interpreter_needed": "NO",
    "looked_after": "NO",
    "placing_authority": "",
    "education_setting": "",
    "address_line_1": "3 Pretend Street",
    "address_line_2": "",
    "address_town": "Stafford",
    "address_postcode": "ST16 2DE",
}


def without_csrf(body: bytes) -> bytes:
    """Strip the per-response CSRF mask so two pages can be compared byte for byte."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)


def detail_url(person_id: object) -> str:
    return reverse("people:person-detail", kwargs={"person_id": person_id})


class TestPurposePrompt:
    def test_opening_a_record_asks_why_once_per_record_and_session(self, client_for) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER)
        person = make_person(given_name="Łukasz", family_name="Wójcik")
        first = client.get(detail_url(person.pk))
        assert first.status_code == 302
        assert "/purpose/" in first["Location"]
        assert not AuditEvent.objects.filter(event_type="person.consulted").exists()
        client.post(
            first["Location"], {"purpose": "Safeguarding enquiry", "detail": "INC-2026-000123"}
        )
        page = client.get(detail_url(person.pk))
        assert page.status_code == 200
        assert "Łukasz" in page.content.decode()
        event = AuditEvent.objects.get(event_type="person.consulted")
        assert event.justification == "Safeguarding enquiry: INC-2026-000123"
        assert client.get(detail_url(person.pk)).status_code == 200  # not asked again
        assert AuditEvent.objects.filter(event_type="person.consulted").count() == 2

    def test_purpose_form_errors_are_shown_not_raised(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        person = make_person()
        response = client.post(
            reverse("people:person-purpose", kwargs={"person_id": person.pk}), {"purpose": ""}
        )
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()


class TestPartnersAndScope:
    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER, Role.SOCIAL_CARE_USER])
    @pytest.mark.parametrize(
        "route", ["people:person-detail", "people:person-purpose", "people:person-edit"]
    )
    def test_partners_get_the_same_404_as_a_missing_id(self, client_for, role, route) -> None:
        client, _ = client_for(role)
        existing = make_person()
        real = client.get(reverse(route, kwargs={"person_id": existing.pk}))
        missing = client.get(reverse(route, kwargs={"person_id": uuid.uuid4()}))
        assert real.status_code == missing.status_code == 404
        assert without_csrf(real.content) == without_csrf(missing.content)

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER])
    def test_partners_cannot_search_or_record_people(self, client_for, role) -> None:
        client, _ = client_for(role)
        assert client.get(reverse("people:person-search"), {"name": "a"}).status_code == 404
        assert client.get(reverse("linkage:person-create")).status_code == 404

    def test_restricted_record_of_another_team_answers_like_a_missing_one(
        self, client_for, other_team
    ) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        restricted = make_person(owning_team=other_team, is_restricted=True)
        real = client.get(detail_url(restricted.pk))
        missing = client.get(detail_url(uuid.uuid4()))
        assert real.status_code == missing.status_code == 404
        assert without_csrf(real.content) == without_csrf(missing.content)

    def test_break_glass_opens_a_restricted_record_with_a_reason(
        self, client_for, other_team
    ) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER)
        restricted = make_person(owning_team=other_team, is_restricted=True)
        response = client.post(
            reverse("people:person-break-glass"),
            {"reference": restricted.reference, "reason": "Child at risk tonight, need history"},
        )
        assert response.status_code == 302
        assert client.get(detail_url(restricted.pk)).status_code == 200
        assert AuditEvent.objects.filter(event_type="access.break_glass_opened").exists()


class TestRecordAPerson:
    def test_records_and_shows_unicode_names(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.post(reverse("linkage:person-create"), VALID)
        assert response.status_code == 302
        person = Person.objects.get()
        assert person.full_name == "Zoë O'Brien-Ní Bhriain"
        page = client.get(response["Location"])
        assert "Zoë O&#x27;Brien-Ní Bhriain" in page.content.decode()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("date_of_birth", "2099-01-01", "Date of birth must be in the past"),
            ("given_name", "A" * 10_000, "100 characters or fewer"),
            ("self_defined_ethnicity", "Z7", "Select a valid choice"),
            ("date_of_birth", "31/02/2020", "Enter a valid date"),
        ],
    )
    def test_bad_input_gets_an_error_summary_and_saves_nothing(
        self, client_for, field, value, message
    ) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.post(reverse("linkage:person-create"), {**VALID, field: value})
        body = response.content.decode()
        assert response.status_code == 400
        assert "govuk-error-summary" in body
        assert message in body
        assert f'href="#id_{field}"' in body
        assert not Person.objects.exists()


class TestSearch:
    def test_finds_by_accentless_name_and_postcode(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        make_person(given_name="Zoë", family_name="Ní Bhriain", address_postcode="ST16 2DE")
        make_person(given_name="Zoe", family_name="Other", address_postcode="WS1 4QQ")
        response = client.get(
            reverse("people:person-search"), {"name": "zoe ni", "postcode": "st162de"}
        )
        body = response.content.decode()
        assert "1 person found" in body
        assert "Ní Bhriain" in body
        assert AuditEvent.objects.filter(event_type="person.searched").count() == 1

    def test_empty_search_is_an_error_not_a_list(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.get(reverse("people:person-search"), {"name": ""})
        assert response.status_code == 400
        assert "Enter a name, a date of birth or a postcode" in response.content.decode()


class TestEditConflict:
    def test_second_user_gets_a_conflict_not_an_overwrite(self, client_for) -> None:
        person = make_person(given_name="Ana", family_name="Test")
        first, _ = client_for(Role.RESPONSE_OFFICER)
        second, _ = client_for(Role.MASH_RESEARCHER)
        form = {k: v for k, v in VALID.items() if not k.startswith("address_")}
        form.update({"given_name": "Ana", "family_name": "Test", "version": "1"})
        edit = reverse("people:person-edit", kwargs={"person_id": person.pk})
        assert first.post(edit, {**form, "given_name": "Anna"}).status_code == 302
        response = second.post(edit, {**form, "given_name": "Annie"})
        assert response.status_code == 409
        assert "changed by someone else" in response.content.decode()
        person.refresh_from_db()
        assert person.given_name == "Anna"


def test_unauthenticated_users_are_sent_to_sign_in() -> None:
    response = Client().get(reverse("people:person-search"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


class TestAddressAndRelationshipForms:
    def _open(self, client, person) -> None:
        session = client.session
        session["record_purposes"] = {str(person.pk): "Safeguarding enquiry"}
        session.save()

    def test_records_an_address_and_shows_errors_in_place(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        person = make_person()
        self._open(client, person)
        url = reverse("people:person-address-add", kwargs={"person_id": person.pk})
        bad = client.post(url, {"line_1": "1 Road", "town": "Leek", "postcode": "nope"})
        assert bad.status_code == 400
        assert "Enter a real postcode" in bad.content.decode()
        ok = client.post(url, {"line_1": "1 Road", "town": "Leek", "postcode": "ST13 5AA"})
        assert ok.status_code == 302
        assert "ST13 5AA" in client.get(detail_url(person.pk)).content.decode()

    def test_records_a_relationship(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        parent, child = make_person(given_name="Grace"), make_person(given_name="Kofi")
        self._open(client, parent)
        url = reverse("people:relationship-add", kwargs={"person_id": parent.pk})
        bad = client.post(url, {"kind": "PARENT", "to_person_reference": "PER-2026-000000"})
        assert bad.status_code == 400
        assert "No person you can see has that reference" in bad.content.decode()
        malformed = client.post(url, {"kind": "PARENT", "to_person_reference": "Kofi"})
        assert "Enter a person reference like PER-2026-000123" in malformed.content.decode()
        assert (
            client.post(url, {"kind": "PARENT", "to_person_reference": child.reference}).status_code
            == 302
        )
        assert "Parent of" in client.get(detail_url(parent.pk)).content.decode()
