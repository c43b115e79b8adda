"""Philomena Protocol profiles: kept by the carer, attached to the report at once (§2.3)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.missing.models import MissingEpisode, PhilomenaProfile
from safeguard.missing.rules.philomena import FILLS
from safeguard.missing.services import (
    EpisodeInvalid,
    LocationDetails,
    ProfileDetails,
    missing_report_record,
    philomena_profile_save,
)
from safeguard.missing.tests.factories import (
    a_child,
    london,
    report,
    risk_information,
    social_care,
)
from safeguard.missing.tests.services.support import (
    NOW,
    REPORTED,
    SEEN,
    column_length,
    find,
    hours,
    report_missing,
)

pytestmark = pytest.mark.django_db

SAVED_AT = london(2026, 11, 2, 10, 0)
REFERENCE = re.compile(r"^PP-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}$")
SUFFIX = "\n(From the Philomena Protocol profile)"
FILLED_FIELDS = [name for name, _sources in FILLS]

PART_ONE = ProfileDetails(
    child_name="Zofia Kowalczyk-Fictional",
    child_date_of_birth=dt.date(2011, 6, 1),
    physical_description="5ft 4in, slim, long dark hair, scar on left eyebrow",
    photo_reference="Held in the home's office safe, taken October 2026",
    associates="Kai (about 19), drives a silver Golf",
    places="McDonald's Hanley; Stoke station",
    previous_missing="Three times in 2026, found in Hanley each time",
    vulnerabilities="Asthma; easily led by older boys",
    medical="Blue inhaler, twice daily",
    financial="Monzo card; about £10 pocket money a week",
    phones="07700 900 456",
    social_media="Instagram zofia.f",
    transport="Buses; has a bus pass",
)
LOCATIONS = [
    LocationDetails(
        name="Kai's flat",
        address="Flat 3, 12 Imaginary Road, Hanley",
        risk="Older males gather; drugs found there before",
    ),
    LocationDetails(name="Stoke station", address="", risk="Meets older associates here"),
]


@pytest.fixture
def carer(make_user):
    return make_user(Role.CARER)


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


def save(carer, details=PART_ONE, locations=LOCATIONS, profile_id=None) -> PhilomenaProfile:
    with use_clock(FixedClock(SAVED_AT)):
        return philomena_profile_save(
            actor=carer, details=details, locations=locations, profile_id=profile_id
        )


def blank_part_two(child, **changes):
    """A report whose part 1 answers are left blank for the profile to fill."""
    values: dict[str, Any] = dict.fromkeys(FILLED_FIELDS, "")
    values.update(changes)
    return dataclasses.replace(report(child, last_seen_at=SEEN, reported_at=REPORTED), **values)


def record(officer, details_) -> MissingEpisode:
    with use_clock(FixedClock(NOW)):
        return missing_report_record(
            actor=officer, details=details_, risk_information=risk_information(REPORTED)
        )


def refused(officer, details_) -> dict[str, list[str]]:
    with use_clock(FixedClock(NOW)), pytest.raises(EpisodeInvalid) as caught:
        missing_report_record(
            actor=officer, details=details_, risk_information=risk_information(REPORTED)
        )
    return caught.value.errors


class TestProfileSave:
    def test_a_carer_saves_a_profile_for_their_organisation(self, carer) -> None:
        profile = save(carer)
        assert REFERENCE.match(profile.reference)
        assert profile.holder_id == carer.organisation_id
        assert profile.recorded_by == carer
        assert profile.child is None
        assert profile.physical_description == PART_ONE.physical_description
        assert sorted(loc.name for loc in profile.locations.all()) == [
            "Kai's flat",
            "Stoke station",
        ]
        event = AuditEvent.objects.get(event_type="philomena.profile_created")
        assert event.operation == "collection"
        assert {"type": "missing.philomenaprofile", "id": str(profile.pk)} in event.subjects

    def test_references_differ(self, carer) -> None:
        references = {save(carer).reference for _ in range(5)}
        assert len(references) == 5

    def test_an_update_replaces_the_locations(self, carer) -> None:
        profile = save(carer)
        updated = save(
            carer,
            details=dataclasses.replace(PART_ONE, phones="07700 900 999"),
            locations=[LocationDetails(name="Park", address="", risk="Meets Kai")],
            profile_id=profile.pk,
        )
        assert updated.pk == profile.pk
        assert updated.reference == profile.reference
        assert updated.phones == "07700 900 999"
        assert [loc.name for loc in updated.locations.all()] == ["Park"]
        assert AuditEvent.objects.filter(event_type="philomena.profile_updated").count() == 1

    def test_social_care_may_hold_profiles_too(self, make_user) -> None:
        worker = make_user(Role.SOCIAL_CARE_USER)
        assert save(worker).holder_id == worker.organisation_id

    def test_a_police_user_cannot_save_a_profile(self, officer) -> None:
        with pytest.raises(CapabilityMissing):
            save(officer)
        assert not PhilomenaProfile.objects.exists()

    def test_a_carer_cannot_update_another_organisations_profile(self, carer, make_user) -> None:
        theirs = save(make_user(Role.CARER))
        with pytest.raises(NotFoundOrForbidden):
            save(
                carer,
                details=dataclasses.replace(PART_ONE, phones="hijacked"),
                profile_id=theirs.pk,
            )
        theirs.refresh_from_db()
        assert theirs.phones == PART_ONE.phones
        assert theirs.locations.count() == 2

    def test_every_field_error_at_once(self, carer) -> None:
        bad = dataclasses.replace(
            PART_ONE,
            child_name=" ",
            child_date_of_birth=dt.date(2027, 1, 1),
            physical_description="",
        )
        with pytest.raises(EpisodeInvalid) as caught:
            save(carer, details=bad, locations=[LocationDetails(name="Park", address="", risk="")])
        assert set(caught.value.errors) == {
            "child_name",
            "child_date_of_birth",
            "physical_description",
            "locations.0",
        }
        assert not PhilomenaProfile.objects.exists()

    def test_a_photo_reference_longer_than_its_column_is_refused(self, carer) -> None:
        limit = column_length(PhilomenaProfile, "photo_reference")
        assert limit is not None
        with pytest.raises(EpisodeInvalid) as caught:
            save(carer, details=dataclasses.replace(PART_ONE, photo_reference="x" * (limit + 1)))
        assert list(caught.value.errors) == ["photo_reference"]
        assert not PhilomenaProfile.objects.exists()

    def test_unicode_round_trips(self, carer) -> None:
        profile = save(
            carer,
            details=dataclasses.replace(
                PART_ONE, child_name="Zoë Nguyễn", associates="Łukasz, «Kai» 🚗"
            ),
        )
        profile.refresh_from_db()
        assert (profile.child_name, profile.associates) == ("Zoë Nguyễn", "Łukasz, «Kai» 🚗")


class TestAttachedToTheReport:
    def test_the_quoted_reference_fills_the_blank_core_fields(self, carer, officer) -> None:
        profile = save(carer)
        child = a_child()
        quoted = f"  {profile.reference.lower()}  "
        episode = record(officer, blank_part_two(child, philomena_reference=quoted))
        assert episode.philomena_profile == profile
        assert episode.philomena_filled == FILLED_FIELDS
        assert episode.description == PART_ONE.physical_description + SUFFIX
        assert episode.phones == PART_ONE.phones + SUFFIX
        assert episode.social_media == PART_ONE.social_media + SUFFIX
        assert episode.medical_needs == PART_ONE.medical + SUFFIX
        assert episode.transport == PART_ONE.transport + SUFFIX
        assert episode.possessions == PART_ONE.financial + SUFFIX
        assert episode.likely_destinations == (f"{PART_ONE.places}\n{PART_ONE.associates}{SUFFIX}")
        profile.refresh_from_db()
        assert profile.child == child

    def test_without_a_profile_the_same_blanks_are_refused(self, officer) -> None:
        errors = refused(officer, blank_part_two(a_child()))
        assert set(errors) == set(FILLED_FIELDS)

    def test_the_officers_text_is_never_overwritten(self, carer, officer) -> None:
        profile = save(carer)
        episode = record(
            officer,
            blank_part_two(
                a_child(),
                philomena_reference=profile.reference,
                phones="New phone tonight: 07700 900 777",
                likely_destinations="Her aunt's in Leek",
            ),
        )
        assert episode.phones == "New phone tonight: 07700 900 777"
        assert episode.likely_destinations == "Her aunt's in Leek"
        assert "phones" not in episode.philomena_filled
        assert "likely_destinations" not in episode.philomena_filled
        assert "description" in episode.philomena_filled

    def test_a_complete_report_fills_nothing_but_keeps_the_snapshot(self, carer, officer) -> None:
        profile = save(carer)
        episode = report_missing(officer, a_child(), philomena_reference=profile.reference)
        assert episode.philomena_filled == []
        assert episode.description == "White, 5ft 4in, slim, long dark hair in a plait"
        assert episode.philomena_snapshot["vulnerabilities"] == PART_ONE.vulnerabilities

    def test_the_snapshot_holds_part_one_and_the_risk_assessed_locations(
        self, carer, officer
    ) -> None:
        profile = save(carer)
        episode = record(officer, blank_part_two(a_child(), philomena_reference=profile.reference))
        snapshot = episode.philomena_snapshot
        assert snapshot["previous_missing"] == PART_ONE.previous_missing
        assert snapshot["photo_reference"] == PART_ONE.photo_reference
        locations = snapshot["risk_assessed_locations"]
        assert (
            "Kai's flat (Flat 3, 12 Imaginary Road, Hanley): Older males gather; drugs found "
            "there before"
        ) in locations
        assert "Stoke station" in locations
        assert "Meets older associates here" in locations

    def test_the_snapshot_does_not_change_when_the_carer_updates_the_profile(
        self, carer, officer
    ) -> None:
        profile = save(carer)
        episode = record(officer, blank_part_two(a_child(), philomena_reference=profile.reference))
        save(
            carer,
            details=dataclasses.replace(PART_ONE, vulnerabilities="Changed later"),
            locations=[],
            profile_id=profile.pk,
        )
        episode.refresh_from_db()
        assert episode.philomena_snapshot["vulnerabilities"] == PART_ONE.vulnerabilities
        assert "Kai's flat" in episode.philomena_snapshot["risk_assessed_locations"]

    def test_the_next_report_attaches_the_linked_profile_without_the_reference(
        self, carer, officer
    ) -> None:
        profile = save(carer)
        child = a_child()
        first = record(officer, blank_part_two(child, philomena_reference=profile.reference))
        find(officer, first, found_at=NOW + hours(2), organisation=social_care())
        seen = london(2027, 2, 3, 21, 0)
        with use_clock(FixedClock(seen + hours(1))):
            second = missing_report_record(
                actor=officer,
                details=dataclasses.replace(
                    blank_part_two(child), last_seen_at=seen, reported_at=seen + hours(1)
                ),
                risk_information=risk_information(seen),
            )
        assert second.philomena_profile == profile
        assert second.philomena_filled == FILLED_FIELDS

    def test_an_unknown_reference_is_refused(self, officer) -> None:
        errors = refused(
            officer,
            report(
                a_child(),
                last_seen_at=SEEN,
                reported_at=REPORTED,
                philomena_reference="PP-AAAA-BBBB",
            ),
        )
        assert list(errors) == ["philomena_reference"]

    def test_an_archived_profile_is_refused(self, carer, officer) -> None:
        profile = save(carer)
        PhilomenaProfile.objects.filter(pk=profile.pk).update(archived_at=SAVED_AT)
        errors = refused(
            officer,
            report(
                a_child(),
                last_seen_at=SEEN,
                reported_at=REPORTED,
                philomena_reference=profile.reference,
            ),
        )
        assert list(errors) == ["philomena_reference"]

    def test_an_archived_profile_is_not_attached_automatically(self, carer, officer) -> None:
        profile = save(carer)
        child = a_child()
        PhilomenaProfile.objects.filter(pk=profile.pk).update(child=child, archived_at=SAVED_AT)
        episode = report_missing(officer, child)
        assert episode.philomena_profile is None

    def test_a_profile_linked_to_another_child_is_refused(self, carer, officer) -> None:
        profile = save(carer)
        PhilomenaProfile.objects.filter(pk=profile.pk).update(child=a_child())
        errors = refused(
            officer,
            report(
                a_child(given_name="Other"),
                last_seen_at=SEEN,
                reported_at=REPORTED,
                philomena_reference=profile.reference,
            ),
        )
        assert errors == {
            "philomena_reference": [
                "This Philomena profile is attached to another child: check the reference"
            ]
        }

    def test_a_refused_report_does_not_link_the_profile(self, carer, officer) -> None:
        profile = save(carer)
        refused(
            officer,
            blank_part_two(a_child(), philomena_reference=profile.reference, clothing=""),
        )
        profile.refresh_from_db()
        assert profile.child is None
        assert not AuditEvent.objects.filter(event_type="missing.philomena_attached").exists()

    def test_attaching_is_a_consultation_naming_the_profile(self, carer, officer) -> None:
        profile = save(carer)
        child = a_child()
        episode = record(officer, blank_part_two(child, philomena_reference=profile.reference))
        event = AuditEvent.objects.get(event_type="missing.philomena_attached")
        assert event.operation == "consultation"
        assert event.actor == officer
        assert event.justification
        assert {"type": "missing.philomenaprofile", "id": str(profile.pk)} in event.subjects
        assert {"type": "people.person", "id": str(child.pk)} in event.subjects
        assert {"type": "missing.missingepisode", "id": str(episode.pk)} in event.subjects
        assert event.changes == {"filled": FILLED_FIELDS}
