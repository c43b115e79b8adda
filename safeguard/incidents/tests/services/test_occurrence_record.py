from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.audit.purpose import PurposeRequired
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing
from safeguard.incidents.models import Occurrence
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.incidents.selectors import occurrence_get
from safeguard.incidents.services import (
    InvolvementDetails,
    OccurrenceDetails,
    OccurrenceInvalid,
    occurrence_record,
)
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 29, 3, 10, tzinfo=dt.UTC)
DETAILS = OccurrenceDetails(
    occurrence_type="DOMESTIC_ABUSE",
    occurred_at=NOW - dt.timedelta(hours=1),
    location="Flat 2, Imaginary House",
    postcode="st16 2de",
    narrative="Neighbour reported shouting; two children in the flat.",
)
VOICE = VoiceOfChild(
    seen=True,
    spoken_to=True,
    spoken_to_alone=False,
    childs_words="Daddy shouted at mummy",
    behaviour_and_demeanour="Tearful, holding a teddy",
)


class TestOccurrenceRecord:
    def test_records_people_and_each_childs_voice_and_audits_them(self, make_user) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        adult = make_person(given_name="Parent", date_of_birth=dt.date(1990, 1, 1))
        child = make_person(given_name="Child", date_of_birth=dt.date(2019, 5, 5))
        with use_clock(FixedClock(NOW)):
            occurrence = occurrence_record(
                actor=officer,
                details=DETAILS,
                involvements=[
                    InvolvementDetails(person_id=adult.pk, role="VICTIM"),
                    InvolvementDetails(person_id=child.pk, role="CHILD_PRESENT", voice=VOICE),
                ],
            )
        assert occurrence.reference.startswith("INC-2026-")
        assert occurrence.postcode == "ST16 2DE"
        stored = occurrence.involvements.get(person=child)
        assert stored.voice.childs_words == "Daddy shouted at mummy"
        event = AuditEvent.objects.get(event_type="occurrence.recorded")
        assert {s["id"] for s in event.subjects} == {
            str(occurrence.pk),
            str(adult.pk),
            str(child.pk),
        }

    def test_a_child_without_their_voice_stops_the_whole_record(self, make_user) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        child = make_person(date_of_birth=dt.date(2016, 1, 1))
        with use_clock(FixedClock(NOW)), pytest.raises(OccurrenceInvalid) as raised:
            occurrence_record(
                actor=officer,
                details=DETAILS,
                involvements=[InvolvementDetails(person_id=child.pk, role="VICTIM")],
            )
        assert "involvements.0.voice_of_child" in raised.value.errors
        assert not Occurrence.objects.exists()

    def test_an_adult_witness_needs_no_voice_of_child(self, make_user) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        adult = make_person(date_of_birth=dt.date(1970, 1, 1))
        with use_clock(FixedClock(NOW)):
            occurrence_record(
                actor=officer,
                details=DETAILS,
                involvements=[InvolvementDetails(person_id=adult.pk, role="WITNESS")],
            )
        assert Occurrence.objects.count() == 1

    @pytest.mark.parametrize(
        ("details", "field"),
        [
            (
                OccurrenceDetails(
                    occurrence_type="NOPE", occurred_at=NOW, location="x", narrative="y"
                ),
                "occurrence_type",
            ),
            (
                OccurrenceDetails(
                    occurrence_type="OTHER",
                    occurred_at=NOW + dt.timedelta(days=1),
                    location="x",
                    narrative="y",
                ),
                "occurred_at",
            ),
            (
                OccurrenceDetails(
                    occurrence_type="OTHER",
                    occurred_at=dt.datetime(2026, 1, 1),  # noqa: DTZ001 - naive on purpose
                    location="x",
                    narrative="y",
                ),
                "occurred_at",
            ),
            (
                OccurrenceDetails(
                    occurrence_type="OTHER", occurred_at=NOW, location=" ", narrative="y"
                ),
                "location",
            ),
            (
                OccurrenceDetails(
                    occurrence_type="OTHER", occurred_at=NOW, location="x", narrative=""
                ),
                "narrative",
            ),
            (
                OccurrenceDetails(
                    occurrence_type="OTHER", occurred_at=NOW, location="x", narrative="y" * 20_001
                ),
                "narrative",
            ),
        ],
    )
    def test_bad_details_are_field_errors(self, make_user, details, field) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        adult = make_person(date_of_birth=dt.date(1970, 1, 1))
        with use_clock(FixedClock(NOW)), pytest.raises(OccurrenceInvalid) as raised:
            occurrence_record(
                actor=officer,
                details=details,
                involvements=[InvolvementDetails(person_id=adult.pk, role="WITNESS")],
            )
        assert field in raised.value.errors

    def test_needs_people_that_the_officer_can_see(self, make_user, other_team) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        hidden = make_person(owning_team=other_team, is_restricted=True)
        with use_clock(FixedClock(NOW)), pytest.raises(OccurrenceInvalid) as raised:
            occurrence_record(
                actor=officer,
                details=DETAILS,
                involvements=[
                    InvolvementDetails(person_id=hidden.pk, role="WITNESS"),
                    InvolvementDetails(person_id=hidden.pk, role="BYSTANDER"),
                ],
            )
        assert set(raised.value.errors) == {"involvements.0.person_id", "involvements.1.role"}
        with use_clock(FixedClock(NOW)), pytest.raises(OccurrenceInvalid) as none:
            occurrence_record(actor=officer, details=DETAILS, involvements=[])
        assert "involvements" in none.value.errors

    def test_partners_cannot_record(self, make_user) -> None:
        with pytest.raises(CapabilityMissing):
            occurrence_record(
                actor=make_user(Role.HOTEL_REPORTER), details=DETAILS, involvements=[]
            )


class TestOccurrenceGet:
    def test_needs_a_purpose_and_logs_the_people_consulted(self, make_user) -> None:
        officer = make_user(Role.MASH_RESEARCHER)
        child = make_person(date_of_birth=dt.date(2019, 5, 5))
        with use_clock(FixedClock(NOW)):
            occurrence = occurrence_record(
                actor=officer,
                details=DETAILS,
                involvements=[
                    InvolvementDetails(person_id=child.pk, role="CHILD_PRESENT", voice=VOICE)
                ],
            )
        with pytest.raises(PurposeRequired):
            occurrence_get(actor=officer, occurrence_id=occurrence.pk, purpose="")
        occurrence_get(actor=officer, occurrence_id=occurrence.pk, purpose="Risk assessment")
        event = AuditEvent.objects.get(event_type="occurrence.consulted")
        assert {"type": "people.person", "id": str(child.pk)} in event.subjects
