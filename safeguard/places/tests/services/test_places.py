"""Recording places, flags, links to records, and the engagement register."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from safeguard.accounts.models import Organisation, OrganisationKind, User
from safeguard.audit.models import AuditEvent
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.incidents.models import Occurrence
from safeguard.people.models import Address
from safeguard.people.tests.factories import make_person
from safeguard.places.models import Place, PlaceFlag, PlaceLink
from safeguard.places.rules.places import PlaceInput
from safeguard.places.services import (
    PlaceInvalid,
    engagement_record,
    place_flag,
    place_flag_lower,
    place_link_record,
    place_record,
)
from safeguard.places.tests.support import NOW, found_episode

pytestmark = pytest.mark.django_db

TOMORROW = (NOW + dt.timedelta(days=1)).date()


class TestPlaceRecord:
    def test_records_a_hotel_run_by_a_business(
        self, researcher: User, hotel_a: Organisation
    ) -> None:
        address = Address.objects.create(
            line_1="1 Test Street", town="Stafford", postcode="ST16 2AB"
        )
        place = place_record(
            actor=researcher,
            details=PlaceInput(
                kind="HOTEL",
                name="  Station Hotel ",
                postcode="st162ab",
                operator="Fictional Hotels plc",
            ),
            address_id=address.pk,
            organisation_id=hotel_a.pk,
        )
        assert place.reference.startswith("PLC-2026-")
        assert (place.name, place.postcode, place.organisation) == (
            "Station Hotel",
            "ST16 2AB",
            hotel_a,
        )
        assert AuditEvent.objects.get(event_type="place.recorded").operation == "collection"

    def test_every_error_at_once(self, researcher: User) -> None:
        school = Organisation.objects.create(name="A school", kind=OrganisationKind.SCHOOL)
        with pytest.raises(PlaceInvalid) as refused:
            place_record(
                actor=researcher,
                details=PlaceInput(kind="CASTLE", name=""),
                address_id=uuid.uuid4(),
                organisation_id=school.pk,
            )
        assert set(refused.value.errors) == {"kind", "name", "address", "organisation"}

    def test_response_officers_and_reporters_cannot_record_places(
        self, officer: User, reporter_a: User
    ) -> None:
        for actor in (officer, reporter_a):
            with pytest.raises(CapabilityMissing):
                place_record(actor=actor, details=PlaceInput(kind="HOTEL", name="X"))


class TestPlaceFlag:
    def test_raise_and_lower_with_reasons(self, researcher: User, place_a: Place) -> None:
        flag = place_flag(
            actor=researcher,
            place_id=place_a.pk,
            reason="Intelligence of exploitation",
            review_on=TOMORROW,
        )
        assert (flag.raised_by, flag.review_on) == (researcher, TOMORROW)
        with pytest.raises(PlaceInvalid) as refused:
            place_flag(
                actor=researcher, place_id=place_a.pk, reason="Another reason", review_on=TOMORROW
            )
        assert "already flagged" in refused.value.errors["reason"][0]
        with pytest.raises(PlaceInvalid):
            place_flag_lower(actor=researcher, place_id=place_a.pk, reason="no")
        lowered = place_flag_lower(
            actor=researcher, place_id=place_a.pk, reason="Hotel under new management"
        )
        assert lowered.lowered_reason == "Hotel under new management"
        assert not PlaceFlag.objects.filter(lowered_at__isnull=True).exists()
        with pytest.raises(PlaceInvalid) as refused:
            place_flag_lower(actor=researcher, place_id=place_a.pk, reason="Nothing to lower")
        assert set(refused.value.errors) == {"flag"}
        events = AuditEvent.objects.filter(event_type__startswith="place.flag")
        assert {e.event_type for e in events} == {"place.flagged", "place.flag_lowered"}

    def test_a_flag_needs_a_reason_and_a_later_review(
        self, researcher: User, place_a: Place
    ) -> None:
        with pytest.raises(PlaceInvalid) as refused:
            place_flag(actor=researcher, place_id=place_a.pk, reason="", review_on=None)
        assert set(refused.value.errors) == {"reason", "review_on"}

    def test_an_unknown_place_is_not_found(self, researcher: User) -> None:
        with pytest.raises(NotFoundOrForbidden):
            place_flag(actor=researcher, place_id=uuid.uuid4(), reason="x" * 20, review_on=TOMORROW)


class TestPlaceLinkRecord:
    def test_link_an_episode_found_here(self, researcher: User, place_a: Place) -> None:
        child = make_person()
        episode = found_episode(child, researcher, found_place="Bus shelter")
        link = place_link_record(
            actor=researcher,
            place_id=place_a.pk,
            subject_type="missing.missingepisode",
            subject_id=episode.pk,
            role="FOUND_AT",
            reason="Found in the hotel car park per the officer",
        )
        assert (link.reference, link.occurred_at) == (episode.reference, episode.found_at)
        last_seen = place_link_record(
            actor=researcher,
            place_id=place_a.pk,
            subject_type="missing.missingepisode",
            subject_id=episode.pk,
            role="LAST_SEEN_AT",
            reason="Last seen at reception per the staff",
        )
        assert last_seen.occurred_at == episode.last_seen_at
        event = AuditEvent.objects.filter(event_type="place.linked").first()
        assert event is not None
        assert event.operation == "combination"
        # one record in two roles counts once: no flag
        assert not PlaceFlag.objects.exists()
        with pytest.raises(PlaceInvalid) as refused:
            place_link_record(
                actor=researcher,
                place_id=place_a.pk,
                subject_type="missing.missingepisode",
                subject_id=episode.pk,
                role="FOUND_AT",
                reason="Found in the hotel car park again",
            )
        assert "already linked" in refused.value.errors["role"][0]

    def test_link_an_occurrence_then_the_flag_rises(self, researcher: User, place_a: Place) -> None:
        child = make_person()
        episode = found_episode(child, researcher, found_place="Bus shelter")
        occurrence = Occurrence.objects.create(
            reference="OCC-2026-900001",
            occurrence_type="CHILD_CONCERN",
            occurred_at=NOW - dt.timedelta(days=3),
            location="Station Hotel",
            narrative="Fictional",
            recorded_by=researcher,
        )
        for subject_type, subject_id, role in (
            ("missing.missingepisode", episode.pk, "FOUND_AT"),
            ("incidents.occurrence", occurrence.pk, "INCIDENT_AT"),
        ):
            place_link_record(
                actor=researcher,
                place_id=place_a.pk,
                subject_type=subject_type,
                subject_id=subject_id,
                role=role,
                reason="Linked by the researcher",
            )
        assert PlaceFlag.objects.filter(place=place_a, raised_by=None).exists()

    def test_a_wrong_role_or_unknown_record_is_refused(
        self, researcher: User, place_a: Place
    ) -> None:
        with pytest.raises(PlaceInvalid) as refused:
            place_link_record(
                actor=researcher,
                place_id=place_a.pk,
                subject_type="incidents.occurrence",
                subject_id=uuid.uuid4(),
                role="FOUND_AT",
                reason="Linked by the researcher",
            )
        assert set(refused.value.errors) == {"role"}
        for subject_type, role in (
            ("incidents.occurrence", "INCIDENT_AT"),
            ("referrals.referral", "REFERRAL_ABOUT"),
            ("referrals.childconcern", "CONCERN_AT"),
            ("places.businessconcern", "CONCERN_AT"),
            ("missing.missingepisode", "MISSING_FROM"),
        ):
            with pytest.raises(NotFoundOrForbidden):
                place_link_record(
                    actor=researcher,
                    place_id=place_a.pk,
                    subject_type=subject_type,
                    subject_id=uuid.uuid4(),
                    role=role,
                    reason="Linked by the researcher",
                )
        assert not PlaceLink.objects.exists()


class TestEngagementRecord:
    def test_records_training_given(self, researcher: User, hotel_a: Organisation) -> None:
        entry = engagement_record(
            actor=researcher,
            organisation_id=hotel_a.pk,
            training_given="Makesafe awareness for night reception staff",
            given_on=NOW.date(),
            contact_name="Duty Manager Fictional",
            contact_details="01785 000 001",
        )
        assert entry.recorded_by == researcher
        assert AuditEvent.objects.get(event_type="business_engagement.recorded")

    def test_every_error_at_once(self, researcher: User, hotel_a: Organisation) -> None:
        with pytest.raises(PlaceInvalid) as refused:
            engagement_record(
                actor=researcher,
                organisation_id=hotel_a.pk,
                training_given="",
                given_on=NOW.date() + dt.timedelta(days=2),
                contact_name="n" * 201,
                contact_details="  ",
                notes="x" * 4001,
            )
        assert set(refused.value.errors) == {
            "training_given",
            "given_on",
            "contact_name",
            "contact_details",
            "notes",
        }
        with pytest.raises(PlaceInvalid) as refused:
            engagement_record(
                actor=researcher,
                organisation_id=hotel_a.pk,
                training_given="Awareness",
                given_on=None,
                contact_name="A",
                contact_details="B",
            )
        assert set(refused.value.errors) == {"given_on"}

    def test_only_a_business_partner_and_only_police(
        self, researcher: User, reporter_a: User, hotel_a: Organisation
    ) -> None:
        school = Organisation.objects.create(name="A school", kind=OrganisationKind.SCHOOL)
        with pytest.raises(NotFoundOrForbidden):
            engagement_record(
                actor=researcher,
                organisation_id=school.pk,
                training_given="Awareness",
                given_on=NOW.date(),
                contact_name="A",
                contact_details="B",
            )
        with pytest.raises(CapabilityMissing):
            engagement_record(
                actor=reporter_a,
                organisation_id=hotel_a.pk,
                training_given="Awareness",
                given_on=NOW.date(),
                contact_name="A",
                contact_details="B",
            )
