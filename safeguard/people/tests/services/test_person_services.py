from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.exceptions import CapabilityMissing, EditConflict, NotFoundOrForbidden
from safeguard.people.models import Person
from safeguard.people.rules.validation import AddressDetails, PersonDetails
from safeguard.people.services import (
    PersonInvalid,
    person_break_glass,
    person_create,
    person_update,
)
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

NAMES = [("Zoë", "O'Brien-Ní Bhriain"), ("Łukasz", "Wójcik"), ("محمد", "الهاشمي")]


class TestPersonCreate:
    @pytest.mark.parametrize(("given", "family"), NAMES)
    def test_round_trips_unicode_names_and_writes_a_collection_event(
        self, make_user, given, family
    ) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        person = person_create(
            actor=officer,
            details=PersonDetails(given_name=given, family_name=family),
            address=AddressDetails(line_1="2 Made Up Lane", town="Stafford", postcode="st16 2de"),
        )
        stored = Person.objects.get(pk=person.pk)
        assert (stored.given_name, stored.family_name) == (given, family)
        assert stored.reference.startswith("PER-")
        assert stored.owning_team_id == officer.team_id
        assert stored.address_history.get().address.postcode == "ST16 2DE"
        event = AuditEvent.objects.get(event_type="person.recorded")
        assert event.operation == "collection"
        assert event.subjects == [{"type": "people.person", "id": str(person.pk)}]
        assert event.changes["new"]["given_name"] == given

    def test_refuses_bad_details_and_saves_nothing(self, make_user) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        with pytest.raises(PersonInvalid) as raised:
            person_create(
                actor=officer,
                details=PersonDetails(given_name="A" * 10_000, family_name="X"),
                address=AddressDetails(line_1="1", town="T", postcode="bad"),
            )
        assert set(raised.value.errors) == {"given_name", "address_postcode"}
        assert not Person.objects.exists()
        assert not AuditEvent.objects.filter(event_type="person.recorded").exists()

    def test_blocks_on_a_standard_the_force_makes_mandatory(self, make_user) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        details = PersonDetails(given_name="Amy", family_name="Test", looked_after="YES")
        with pytest.raises(PersonInvalid) as raised:
            person_create(actor=officer, details=details)
        assert "placing_authority" in raised.value.errors

    def test_warnings_do_not_block(self, make_user) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        strict = {**settings.SAFEGUARD, "RECORDING_STANDARDS": {"SEX_NOT_RECORDED": "warn"}}
        with override_settings(SAFEGUARD=strict):
            person = person_create(
                actor=officer, details=PersonDetails(given_name="Amy", family_name="Test")
            )
        assert person.sex == "NOT_RECORDED"

    def test_refuses_partners(self, make_user) -> None:
        with pytest.raises(CapabilityMissing):
            person_create(
                actor=make_user(Role.HOTEL_REPORTER),
                details=PersonDetails(given_name="A", family_name="B"),
            )

    def test_issues_distinct_references(self, make_user) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        refs = {
            person_create(
                actor=officer, details=PersonDetails(given_name="A", family_name=f"B{n}")
            ).reference
            for n in range(3)
        }
        assert len(refs) == 3


class TestPersonUpdate:
    def test_second_save_from_the_same_version_is_a_conflict(self, make_user) -> None:
        # given two officers who opened version 1
        first, second = make_user(Role.RESPONSE_OFFICER), make_user(Role.MASH_RESEARCHER)
        person = make_person(given_name="Ana", family_name="Test")
        # when both save
        person_update(
            actor=first,
            person_id=person.pk,
            expected_version=1,
            details=PersonDetails(given_name="Anna", family_name="Test"),
        )
        with pytest.raises(EditConflict):
            person_update(
                actor=second,
                person_id=person.pk,
                expected_version=1,
                details=PersonDetails(given_name="Annie", family_name="Test"),
            )
        # then the first save stands and only it was audited
        person.refresh_from_db()
        assert (person.given_name, person.version) == ("Anna", 2)
        event = AuditEvent.objects.get(event_type="person.amended")
        assert event.changes["given_name"] == {"old": "Ana", "new": "Anna"}

    def test_out_of_scope_person_is_not_found(self, make_user, other_team) -> None:
        person = make_person(owning_team=other_team, is_restricted=True)
        with pytest.raises(NotFoundOrForbidden):
            person_update(
                actor=make_user(Role.RESPONSE_OFFICER),
                person_id=person.pk,
                expected_version=1,
                details=PersonDetails(given_name="A", family_name="B"),
            )


class TestPersonBreakGlass:
    def test_unknown_reference_is_not_found(self, make_user) -> None:
        with pytest.raises(NotFoundOrForbidden):
            person_break_glass(
                actor=make_user(Role.SUPERVISOR),
                reference="PER-2026-999999",
                reason="A long enough reason for the test here",
            )


class TestRelationshipRecord:
    def test_records_and_audits_both_people(self, make_user) -> None:
        from safeguard.people.rules.codes import RelationshipKind
        from safeguard.people.services import relationship_record

        officer = make_user(Role.MASH_RESEARCHER)
        mother, child = (
            make_person(given_name="Amina", family_name="Hassan"),
            make_person(given_name="Yusuf"),
        )
        relationship_record(
            actor=officer,
            from_person_id=mother.pk,
            to_person_reference=child.reference.lower(),
            kind=RelationshipKind.PARENT,
        )
        event = AuditEvent.objects.get(event_type="person.relationship_recorded")
        assert {s["id"] for s in event.subjects} == {str(mother.pk), str(child.pk)}

    @pytest.mark.parametrize("case", ["unknown", "self", "duplicate", "restricted"])
    def test_refuses_with_a_field_error(self, make_user, other_team, case) -> None:
        from safeguard.people.rules.codes import RelationshipKind
        from safeguard.people.services import RelationshipInvalid, relationship_record

        officer = make_user(Role.RESPONSE_OFFICER)
        parent = make_person()
        target = {
            "unknown": None,
            "self": parent,
            "duplicate": make_person(),
            "restricted": make_person(owning_team=other_team, is_restricted=True),
        }[case]
        reference = target.reference if target else "PER-2026-000000"
        if case == "duplicate":
            relationship_record(
                actor=officer,
                from_person_id=parent.pk,
                to_person_reference=reference,
                kind=RelationshipKind.SIBLING,
            )
        with pytest.raises(RelationshipInvalid) as raised:
            relationship_record(
                actor=officer,
                from_person_id=parent.pk,
                to_person_reference=reference,
                kind=RelationshipKind.SIBLING,
            )
        assert raised.value.errors


class TestPersonAddressAdd:
    def test_ends_the_previous_address(self, make_user) -> None:
        from safeguard.people.services import person_address_add

        officer = make_user(Role.RESPONSE_OFFICER)
        person = make_person(address_postcode="ST16 2DE")
        person_address_add(
            actor=officer,
            person_id=person.pk,
            address=AddressDetails(line_1="9 New Road", town="Leek", postcode="st13 5aa"),
        )
        history = {
            (a.address.postcode, a.ends_on is None)
            for a in person.address_history.select_related("address")
        }
        assert history == {("ST16 2DE", False), ("ST13 5AA", True)}
        with pytest.raises(PersonInvalid):
            person_address_add(
                actor=officer,
                person_id=person.pk,
                address=AddressDetails(line_1="", town="Leek", postcode="nope"),
            )
