from __future__ import annotations

import datetime as dt
import uuid

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing
from safeguard.domestic.models import (
    ChildVictim,
    DetectedChildRecord,
    DomesticAbuseIncident,
    EncompassNotification,
)
from safeguard.domestic.rules.children import ResolutionChoice
from safeguard.domestic.rules.codes import NotificationStatus
from safeguard.domestic.services import IncidentInvalid, NewChild, da_incident_record
from safeguard.domestic.tests.factories import (
    a_local_authority,
    a_school,
    details,
    household,
    known_child_row,
    london,
    new_child_row,
)
from safeguard.incidents.models import Occurrence
from safeguard.people.models import Person, Relationship
from safeguard.people.tests.factories import make_person
from safeguard.referrals.models import ChildConcern

pytestmark = pytest.mark.django_db
AFTER = london(2027, 2, 12, 23, 55)
FIRST_DAY_AFTER_HALF_TERM = london(2027, 2, 22, 8, 30)


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


def record(officer, parties, children=(), choices=None, **overrides):
    with use_clock(FixedClock(AFTER)):
        return da_incident_record(
            actor=officer,
            details=details(parties, **overrides),
            children=list(children),
            choices=choices or {},
        )


class TestRecording:
    def test_records_the_child_victim_notification_due_after_half_term_and_concern(
        self, officer
    ) -> None:
        school = a_school()
        parties = household()
        incident = record(officer, parties, [new_child_row(school)])
        victim = ChildVictim.objects.get(incident=incident)
        assert victim.child.given_name == "Zoë"
        assert victim.child.family_name == "Ní Fhictional"
        assert (victim.heard, victim.experienced_effects, victim.present) == (True, True, True)
        notification = EncompassNotification.objects.get(incident=incident)
        assert notification.recipient == school
        assert notification.status == NotificationStatus.PENDING
        assert notification.due_at == FIRST_DAY_AFTER_HALF_TERM
        clock = StatutoryClock.objects.get(subject_id=notification.pk, kind="encompass.notify")
        assert clock.due_at == FIRST_DAY_AFTER_HALF_TERM
        concern = ChildConcern.objects.get(child=victim.child)
        assert concern.occurrence == incident.occurrence
        assert victim.concern == concern
        assert AuditEvent.objects.filter(event_type="domestic_abuse.recorded").count() == 1

    def test_the_same_idempotency_key_records_one_incident(self, officer) -> None:
        parties = household()
        with use_clock(FixedClock(AFTER)):
            first = da_incident_record(
                actor=officer,
                details=details(parties),
                children=[],
                choices={},
                idempotency_key="form-123",
            )
            second = da_incident_record(
                actor=officer,
                details=details(parties),
                children=[],
                choices={},
                idempotency_key="form-123",
            )
        assert first.pk == second.pk
        assert DomesticAbuseIncident.objects.count() == 1

    def test_a_child_with_an_estimated_age_is_accepted(self, officer) -> None:
        school = a_school()
        row = new_child_row(
            school, new_child=NewChild(given_name="Unknown", family_name="Child", estimated_age=9)
        )
        incident = record(officer, household(), [row])
        child = ChildVictim.objects.get(incident=incident).child
        assert child.date_of_birth is None
        assert child.estimated_age == 9
        assert EncompassNotification.objects.get(incident=incident).content == {}

    def test_a_child_with_neither_birth_date_nor_age_is_refused_and_nothing_is_written(
        self, officer
    ) -> None:
        row = new_child_row(new_child=NewChild(given_name="Kai", family_name="Nodate"))
        parties = household()
        people_before = Person.objects.count()
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, [row])
        assert "children.0.new_child.date_of_birth" in caught.value.errors
        assert Person.objects.count() == people_before
        assert Occurrence.objects.count() == 0

    def test_every_error_comes_back_at_once(self, officer) -> None:
        parties = household()
        row = new_child_row(related_to="", where_present="", voice=None)
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, [row], relationship="", circumstances_for_school="")
        errors = caught.value.errors
        assert {
            "relationship",
            "circumstances_for_school",
            "children.0.related_to",
            "children.0.where_present",
            "children.0.voice_of_child",
        } <= set(errors)

    def test_a_victim_under_16_is_refused_as_not_domestic_abuse(self, officer) -> None:
        parties = household()
        parties["victim"].date_of_birth = dt.date(2012, 1, 1)
        parties["victim"].save()
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties)
        assert "16 or over" in caught.value.errors["victim_id"][0]

    def test_an_adult_listed_as_a_child_is_refused(self, officer) -> None:
        row = new_child_row(
            new_child=NewChild(
                given_name="Al", family_name="Grown", date_of_birth=dt.date(2008, 1, 1)
            )
        )
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, household(), [row])
        assert "18 or over" in caught.value.errors["children.0.new_child.date_of_birth"][0]

    def test_a_child_listed_as_another_adult_is_refused(self, officer) -> None:
        teenager = make_person(
            given_name="Teen", family_name="Household", date_of_birth=dt.date(2011, 1, 1)
        )
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, household(), household_member_ids=(teenager.pk,))
        assert "record them as a child" in caught.value.errors["household_member_ids.0"][0]

    def test_a_future_incident_time_is_reported_on_its_field_and_nothing_is_written(
        self, officer
    ) -> None:
        parties = household()
        people_before = Person.objects.count()
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, [new_child_row()], occurred_at=london(2027, 2, 13, 2, 0))
        assert caught.value.errors["occurred_at"] == ["The occurrence cannot be in the future"]
        assert Person.objects.count() == people_before

    def test_a_user_who_cannot_record_incidents_is_refused(self, make_user) -> None:
        with pytest.raises(CapabilityMissing):
            record(make_user(Role.AUDITOR), household())


class TestFindingEveryChild:
    def test_a_child_mentioned_only_in_the_narrative_blocks_submission(self, officer) -> None:
        parties = household()
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, narrative="The baby was asleep upstairs during the argument.")
        assert [d.source for d in caught.value.unresolved] == ["NARRATIVE"]
        assert Occurrence.objects.count() == 0

    def test_a_dismissal_needs_a_reason_and_is_kept(self, officer) -> None:
        parties = household()
        narrative = "The baby was asleep upstairs during the argument."
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, narrative=narrative)
        key = caught.value.unresolved[0].key
        with pytest.raises(IncidentInvalid):
            record(
                officer,
                parties,
                narrative=narrative,
                choices={key: ResolutionChoice(key=key, dismissed_reason="no")},
            )
        incident = record(
            officer,
            parties,
            narrative=narrative,
            choices={key: ResolutionChoice(key=key, dismissed_reason="A doll: no baby lives here")},
        )
        row = DetectedChildRecord.objects.get(incident=incident)
        assert (row.resolution, row.dismissed_reason) == ("DISMISSED", "A doll: no baby lives here")

    def test_a_narrative_child_is_resolved_by_recording_them(self, officer) -> None:
        parties = household()
        narrative = "Her son aged 7 was in the room when it started."
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, narrative=narrative)
        key = caught.value.unresolved[0].key
        incident = record(
            officer,
            parties,
            [new_child_row(a_school())],
            narrative=narrative,
            choices={key: ResolutionChoice(key=key, child_indexes=(0,))},
        )
        row = DetectedChildRecord.objects.get(incident=incident)
        assert row.resolution == "RECORDED"
        assert list(row.recorded_children.values_list("given_name", flat=True)) == ["Zoë"]

    def test_two_children_mentioned_need_two_recorded_or_a_dismissal(self, officer) -> None:
        parties = household()
        narrative = "Her two kids were watching television when he arrived."
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, narrative=narrative)
        key = caught.value.unresolved[0].key
        with pytest.raises(IncidentInvalid) as again:
            record(
                officer,
                parties,
                [new_child_row()],
                narrative=narrative,
                choices={key: ResolutionChoice(key=key, child_indexes=(0,))},
            )
        assert "2 children are mentioned" in again.value.errors[f"detected.{key}"][0]

    def test_a_child_known_at_the_address_must_be_recorded_or_dismissed(self, officer) -> None:
        parties = household(postcode="ST17 1AA")
        known = make_person(
            given_name="Kofi",
            family_name="Knownchild",
            date_of_birth=dt.date(2016, 2, 2),
            address_postcode="ST17 1AA",
        )
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties, postcode="ST17 1AA")
        assert [d.person_id for d in caught.value.unresolved] == [str(known.pk)]
        assert caught.value.unresolved[0].source == "KNOWN_AT_ADDRESS"
        incident = record(
            officer,
            parties,
            [known_child_row(known, education_setting_id=None)],
            postcode="ST17 1AA",
        )
        assert DetectedChildRecord.objects.get(incident=incident).resolution == "RECORDED"

    def test_a_child_related_to_the_suspect_is_found(self, officer) -> None:
        parties = household()
        child = make_person(
            given_name="Liam", family_name="Madeupson", date_of_birth=dt.date(2014, 4, 4)
        )
        Relationship.objects.create(from_person=parties["suspect"], to_person=child, kind="PARENT")
        adult = make_person(
            given_name="Grown", family_name="Madeupson", date_of_birth=dt.date(2000, 1, 1)
        )
        Relationship.objects.create(from_person=parties["suspect"], to_person=adult, kind="PARENT")
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, parties)
        assert [(d.person_id, d.source) for d in caught.value.unresolved] == [
            (str(child.pk), "RELATED_TO_PARTY")
        ]


class TestNotificationRouting:
    def test_unknown_school_is_kept_unrouted_with_the_name_typed(self, officer) -> None:
        row = new_child_row(unlisted_setting_name="St Imaginary's Academy")
        incident = record(officer, household(), [row])
        notification = EncompassNotification.objects.get(incident=incident)
        assert notification.status == NotificationStatus.UNROUTED
        assert notification.unlisted_setting_name == "St Imaginary's Academy"
        # Next working day 08:30 after Friday night: Monday 15 February 2027.
        assert notification.due_at == london(2027, 2, 15, 8, 30)

    def test_a_school_id_that_is_not_a_school_is_refused(self, officer) -> None:
        row = new_child_row(education_setting_id=uuid.uuid4())
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, household(), [row])
        assert "children.0.education_setting_id" in caught.value.errors

    def test_a_home_educated_child_is_notified_to_the_local_authority(self, officer) -> None:
        la = a_local_authority()
        row = new_child_row(home_educated=True, local_authority_id=la.pk)
        incident = record(officer, household(), [row])
        notification = EncompassNotification.objects.get(incident=incident)
        assert (notification.recipient, notification.recipient_kind) == (la, "LOCAL_AUTHORITY")
        assert notification.due_at == london(2027, 2, 15, 8, 30)

    def test_home_educated_without_a_local_authority_is_an_error(self, officer) -> None:
        with pytest.raises(IncidentInvalid) as caught:
            record(officer, household(), [new_child_row(home_educated=True)])
        assert "children.0.local_authority_id" in caught.value.errors

    @pytest.mark.parametrize(
        ("born", "notified"),
        [
            pytest.param(dt.date(2023, 1, 1), False, id="aged 4 in nursery: below reception"),
            pytest.param(dt.date(2022, 8, 31), True, id="turned 4 before 1 September: reception"),
            pytest.param(dt.date(2022, 9, 1), False, id="turned 4 on 1 September: not yet"),
            pytest.param(dt.date(2009, 2, 13), True, id="17, eighteenth tomorrow"),
        ],
    )
    def test_only_children_of_school_age_are_notified(self, officer, born, notified) -> None:
        row = new_child_row(
            a_school(), new_child=NewChild(given_name="A", family_name="B", date_of_birth=born)
        )
        incident = record(officer, household(), [row])
        assert EncompassNotification.objects.filter(incident=incident).exists() is notified
        assert ChildConcern.objects.filter(occurrence=incident.occurrence).count() == 1

    def test_an_unrelated_child_gets_a_concern_but_no_notification(self, officer) -> None:
        incident = record(officer, household(), [new_child_row(a_school(), related_to="NEITHER")])
        assert not EncompassNotification.objects.filter(incident=incident).exists()
        assert ChildConcern.objects.filter(occurrence=incident.occurrence).count() == 1
