from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, OrganisationKind, User
from safeguard.audit.models import AuditEvent
from safeguard.audit.purpose import PurposeRequired
from safeguard.chronology.links import entry_path
from safeguard.chronology.rules.gaps import GapCode
from safeguard.chronology.rules.timeline import Entry, EntryKind, instant_of
from safeguard.chronology.selectors import chronology_get, chronology_reference_in_scope
from safeguard.chronology.tests import factories as f
from safeguard.core import clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.domestic.models import DetectedChildRecord, EncompassNotification
from safeguard.missing.models import RepeatMissingPrompt
from safeguard.people.models import Address, PersonAddress, PersonLink, Relationship
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.services import person_link_record, person_link_undo
from safeguard.people.tests.factories import make_person
from safeguard.places.services import concern_submit, concern_triage
from safeguard.places.tests.support import concern_input, hotel, mash, place_of
from safeguard.referrals.models import PoliceProtection, StrategyDiscussion
from safeguard.risk.models import RiskAssessment

pytestmark = pytest.mark.django_db

NOW = f.london(2026, 5, 12, 14, 0)
PURPOSE = "Safeguarding enquiry: OCC-2026-000001"


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.use_clock(clock.FixedClock(NOW)) as fixed:
        yield fixed


@pytest.fixture
def researcher(make_user):
    return make_user(Role.MASH_RESEARCHER)


THRIVE_HIGH = dict.fromkeys(
    ("THREAT", "HARM", "RISK", "INVESTIGATION", "VULNERABILITY", "ENGAGEMENT"), "HIGH"
)


def business_concern(make_user, researcher, child, *, place_name: str = "Canal Lodge"):
    """A hotel's concern, seen half an hour ago, triaged and matched to ``child`` (or none)."""
    organisation = hotel(f"{place_name} Ltd")
    reporter = make_user(Role.HOTEL_REPORTER, organisation=organisation)
    place = place_of(organisation, researcher, name=place_name)
    concern = concern_submit(
        actor=reporter,
        place_id=place.pk,
        details=concern_input(
            seen_at=NOW - dt.timedelta(minutes=30), young_person_description="Amara, upset"
        ),
    )
    return concern_triage(
        actor=researcher,
        concern_id=concern.pk,
        answers=THRIVE_HIGH,
        action_taken="Patrol sent, girl safeguarded",
        child_id=child.pk if child else None,
    )


def link_same(actor, first, second) -> PersonLink:
    return person_link_record(
        actor=actor,
        first_id=first.pk,
        second_id=second.pk,
        decision=LinkDecision.SAME,
        reason="same child, checked",
        source=LinkSource.REVIEW,
    )


class TestTimeOrder:
    def test_entries_from_several_apps_appear_newest_first(self, researcher) -> None:
        # given a child known to four apps
        child = make_person(
            given_name="Amara", family_name="Fictional", address_postcode="ST16 2DE"
        )
        occ = f.occurrence(by=researcher, at=f.london(2026, 1, 10, 21, 15))
        f.involve(child, occ, heard=True)
        f.concern_and_referral(child, by=researcher, occ=occ, sent_at=f.london(2026, 1, 12, 9))
        f.plan(child, starts_on=dt.date(2026, 1, 20))
        f.missing_episode(
            child,
            by=researcher,
            last_seen_at=f.london(2026, 2, 1, 18),
            reported_at=f.london(2026, 2, 1, 20),
            found_at=f.london(2026, 2, 2, 7),
            status="FOUND",
        )
        f.person_assessment(child, by=researcher, at=f.london(2026, 3, 3, 10))
        # when
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        # then
        kinds = [e.kind for e in chronology.entries]
        for earlier, later in [
            (EntryKind.OCCURRENCE, EntryKind.REFERRAL_SENT),
            (EntryKind.REFERRAL_SENT, EntryKind.PROTECTION_PLAN_STARTED),
            (EntryKind.PROTECTION_PLAN_STARTED, EntryKind.MISSING_LAST_SEEN),
            (EntryKind.MISSING_LAST_SEEN, EntryKind.MISSING_REPORTED),
            (EntryKind.MISSING_REPORTED, EntryKind.MISSING_FOUND),
            (EntryKind.MISSING_FOUND, EntryKind.RISK_ASSESSMENT),
        ]:
            assert kinds.index(later) < kinds.index(earlier), (earlier, later)
        instants = [instant_of(e.when) for e in chronology.entries]
        assert instants == sorted(instants, reverse=True)
        assert {e.person_reference for e in chronology.entries} == {child.reference}

    def test_summaries_carry_no_narrative_or_childs_words(self, researcher) -> None:
        child = make_person()
        f.involve(child, f.occurrence(by=researcher, at=f.london(2026, 1, 10, 21)), heard=True)
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        text = " ".join(e.summary for e in chronology.entries)
        assert "narrative" not in text
        assert "child's words" not in text
        assert "Seen: yes. Spoken to: yes (alone: yes)." in text

    def test_each_entry_names_its_records_page(self, researcher) -> None:
        child = make_person()
        episode = f.missing_episode(child, by=researcher, last_seen_at=f.london(2026, 4, 1, 9))
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        seen = next(e for e in chronology.entries if e.kind is EntryKind.MISSING_LAST_SEEN)
        assert seen.link_name == "missing:episode-detail"
        assert seen.link_kwargs == {"episode_id": str(episode.pk)}
        assert seen.record_reference == episode.reference


class TestLinkedRecords:
    def test_a_linked_record_joins_the_chronology_until_the_link_is_undone(
        self, researcher
    ) -> None:
        # given two records of the same child, each with its own history
        first = make_person(given_name="Zoë", family_name="Ní Bhriain")
        second = make_person(given_name="Zoe", family_name="Ni Bhriain")
        episode = f.missing_episode(second, by=researcher, last_seen_at=f.london(2026, 4, 1, 9))
        f.involve(first, f.occurrence(by=researcher, at=f.london(2026, 3, 1, 9)))
        link = link_same(researcher, first, second)
        # when
        linked = chronology_get(actor=researcher, person_id=first.pk, purpose=PURPOSE)
        # then both records are shown, the asked-for one first, and entries say whose they are
        assert [r.pk for r in linked.records] == [first.pk, second.pk]
        assert linked.hidden_count == 0
        from_second = [e for e in linked.entries if e.record_reference == episode.reference]
        assert from_second
        assert {e.person_reference for e in from_second} == {second.reference}
        assert linked.flags.missing_now is True
        # and after the link is undone, each record has only its own history
        person_link_undo(actor=researcher, link_id=link.pk, reason="different children, checked")
        alone = chronology_get(actor=researcher, person_id=first.pk, purpose=PURPOSE)
        assert [r.pk for r in alone.records] == [first.pk]
        assert {e.person_reference for e in alone.entries} == {first.reference}
        assert alone.flags.missing_now is False

    def test_a_restricted_linked_record_is_left_out_and_counted(
        self, make_user, other_team
    ) -> None:
        # given a record restricted to another team, linked by that team to an open one
        insider = make_user(Role.MASH_RESEARCHER, user_team=other_team)
        viewer = make_user(Role.MASH_RESEARCHER)
        open_record = make_person()
        restricted = make_person(owning_team=other_team, is_restricted=True)
        f.missing_episode(restricted, by=insider, last_seen_at=f.london(2026, 4, 1, 9))
        link_same(insider, open_record, restricted)
        # when someone outside that team opens the open record's chronology
        chronology = chronology_get(actor=viewer, person_id=open_record.pk, purpose=PURPOSE)
        # then the restricted record and its history are left out, only counted
        assert [r.pk for r in chronology.records] == [open_record.pk]
        assert chronology.hidden_count == 1
        assert {e.person_reference for e in chronology.entries} == {open_record.reference}
        assert chronology.flags.missing_now is False
        event = AuditEvent.objects.get(event_type="chronology.consulted")
        assert event.subjects == [{"type": "people.person", "id": str(open_record.pk)}]
        # while the team that owns it sees both
        full = chronology_get(actor=insider, person_id=open_record.pk, purpose=PURPOSE)
        assert full.hidden_count == 0
        assert len(full.records) == 2


class TestAudit:
    def test_one_consultation_names_every_record_shown_with_the_purpose(self, researcher) -> None:
        first, second, third = make_person(), make_person(), make_person()
        link_same(researcher, first, second)
        link_same(researcher, second, third)
        before = AuditEvent.objects.count()
        chronology_get(actor=researcher, person_id=second.pk, purpose=f"  {PURPOSE}  ")
        event = AuditEvent.objects.get(event_type="chronology.consulted")
        assert AuditEvent.objects.count() == before + 1
        assert event.operation == "consultation"
        assert event.justification == PURPOSE
        assert event.actor_id == researcher.pk
        assert {s["id"] for s in event.subjects} == {str(p.pk) for p in (first, second, third)}
        assert event.subjects[0] == {"type": "people.person", "id": str(second.pk)}


class TestRefusals:
    def test_no_purpose_is_refused_before_anything_is_read(self, researcher) -> None:
        child = make_person()
        with pytest.raises(PurposeRequired):
            chronology_get(actor=researcher, person_id=child.pk, purpose="  ")
        assert not AuditEvent.objects.filter(event_type="chronology.consulted").exists()

    def test_an_out_of_scope_person_answers_as_a_missing_one(self, researcher, other_team) -> None:
        restricted = make_person(owning_team=other_team, is_restricted=True)
        with pytest.raises(NotFoundOrForbidden):
            chronology_get(actor=researcher, person_id=restricted.pk, purpose=PURPOSE)
        with pytest.raises(NotFoundOrForbidden):
            chronology_reference_in_scope(actor=researcher, person_id=restricted.pk)
        assert not AuditEvent.objects.filter(event_type="chronology.consulted").exists()

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.PERFORMANCE_LEAD])
    def test_roles_without_person_view_are_refused(self, make_user, role) -> None:
        child = make_person()
        with pytest.raises(CapabilityMissing):
            chronology_get(actor=make_user(role), person_id=child.pk, purpose=PURPOSE)

    def test_records_of_other_apps_follow_their_own_scope(self, researcher, other_team) -> None:
        child = make_person()
        hidden = f.occurrence(
            by=researcher, at=f.london(2026, 1, 1, 9), owning_team=other_team, is_restricted=True
        )
        shown = f.occurrence(by=researcher, at=f.london(2026, 1, 2, 9))
        f.involve(child, hidden)
        f.involve(child, shown)
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        references = {e.record_reference for e in chronology.entries}
        assert shown.reference in references
        assert hidden.reference not in references


class TestFlagsAndGaps:
    def test_flags_gathered_across_the_apps(self, researcher) -> None:
        child = make_person(looked_after="YES", placing_authority="Fictional County")
        occ = f.occurrence(by=researcher, at=f.london(2026, 1, 10, 9))
        f.concern_and_referral(child, by=researcher, occ=occ, sent_at=f.london(2026, 1, 11, 9))
        f.concern_and_referral(child, by=researcher, occ=occ, sent_at=f.london(2026, 1, 12, 9))
        f.plan(child, starts_on=dt.date(2026, 1, 20))
        episode = f.missing_episode(child, by=researcher, last_seen_at=f.london(2026, 5, 11, 22))
        f.screening(episode, ["OLDER_ASSOCIATES"])
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        flags = chronology.flags
        assert (flags.on_protection_plan, flags.looked_after, flags.missing_now) == (
            True,
            True,
            True,
        )
        assert flags.open_referrals == 2
        assert flags.exploitation_indicators is True
        assert [g.code for g in chronology.gaps if g.code is GapCode.SCREENING_OPEN]

    def test_an_nrm_referral_alone_is_an_exploitation_flag(self, researcher) -> None:
        child = make_person()
        f.nrm_referral(
            child,
            by=researcher,
            on=dt.date(2026, 2, 1),
            reasonable_grounds="POSITIVE",
            reasonable_grounds_on=dt.date(2026, 2, 20),
        )
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        assert chronology.flags.exploitation_indicators is True
        kinds = [e.kind for e in chronology.entries]
        assert kinds.index(EntryKind.NRM_REASONABLE_GROUNDS) < kinds.index(EntryKind.NRM_REFERRAL)

    def test_gaps_name_the_record_they_come_from(self, researcher) -> None:
        # given a linked record with no ethnicity or address, a child not heard, a return
        # without a return interview requested
        child = make_person(address_postcode="ST16 2DE")
        other = make_person(self_defined_ethnicity="NOT_ASKED")
        link_same(researcher, child, other)
        occ = f.occurrence(by=researcher, at=f.london(2026, 4, 1, 9))
        f.involve(child, occ)
        episode = f.missing_episode(
            other,
            by=researcher,
            last_seen_at=f.london(2026, 5, 1, 9),
            found_at=f.london(2026, 5, 2, 9),
            prevention_interview_at=f.london(2026, 5, 2, 12),
            status="FOUND",
        )
        # when
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        # then
        found = {(g.code, g.person_reference, g.record_reference) for g in chronology.gaps}
        assert (GapCode.VOICE_OF_CHILD_MISSING, child.reference, occ.reference) in found
        assert (
            GapCode.RETURN_INTERVIEW_NOT_REQUESTED,
            other.reference,
            episode.reference,
        ) in found
        person_gaps = {
            (g.person_reference, g.detail)
            for g in chronology.gaps
            if g.code is GapCode.PERSON_RECORD
        }
        assert (other.reference, "SELF_DEFINED_ETHNICITY_NOT_ASKED") in person_gaps
        assert (other.reference, "NO_CURRENT_ADDRESS") in person_gaps
        assert (child.reference, "NO_CURRENT_ADDRESS") not in person_gaps


class TestEverySource:
    def test_each_app_contributes_its_entries(self, researcher, other_team, make_user) -> None:
        # given a child with something recorded in every source the chronology reads

        child = make_person(given_name="Amara", family_name="Fictional")
        mother = make_person(given_name="Grace", family_name="Fictional")
        hidden_father = make_person(owning_team=other_team, is_restricted=True)
        sibling = make_person(given_name="Kofi", family_name="Fictional")
        Relationship.objects.create(from_person=mother, to_person=child, kind="PARENT")
        Relationship.objects.create(from_person=hidden_father, to_person=child, kind="PARENT")
        Relationship.objects.create(
            from_person=child, to_person=sibling, kind="SIBLING", starts_on=dt.date(2019, 1, 1)
        )

        old_home = Address.objects.create(line_1="2 Pretend Lane", town="Leek", postcode="ST13 5AA")
        PersonAddress.objects.create(
            person=child,
            address=old_home,
            starts_on=dt.date(2020, 1, 1),
            ends_on=dt.date(2025, 6, 30),
        )
        f.plan(child, starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 9, 1))
        occ = f.occurrence(
            by=researcher, at=f.london(2026, 1, 10, 21), occurrence_type="DOMESTIC_ABUSE"
        )
        referral = f.concern_and_referral(
            child,
            by=researcher,
            occ=occ,
            sent_at=f.london(2026, 1, 11, 9),
            status="DECIDED",
            acknowledged_at=f.london(2026, 1, 11, 12),
            decided_at=f.london(2026, 1, 12, 9),
            decision="SECTION_47_ENQUIRIES",
        )
        concern = referral.concern
        concern.triaged_at = f.london(2026, 1, 11, 8)
        concern.triage_decision = "REFER_TO_SOCIAL_CARE"
        concern.rag = "RED"
        concern.save()
        StrategyDiscussion.objects.create(
            referral=referral,
            held_at=f.london(2026, 1, 13, 10),
            police_actions="Fictional actions",
            outcome="SECTION_47_JOINT",
            recorded_by=researcher,
        )
        PoliceProtection.objects.create(
            reference="PP-2026-000001",
            child=child,
            starts_at=f.london(2026, 1, 14, 1),
            ends_at=f.london(2026, 1, 15, 1),
            reason="Fictional",
            accommodation="Fictional foster carer",
            recorded_by=researcher,
        )
        victim = f.child_victim(child, victim=mother, suspect=sibling, by=researcher, occ=occ)
        school = Organisation.objects.create(name="Imaginary Primary", kind=OrganisationKind.SCHOOL)
        EncompassNotification.objects.create(
            reference="OE-2026-000001",
            incident=victim.incident,
            child_victim=victim,
            recipient=school,
            recipient_kind="SCHOOL",
            status="ACKNOWLEDGED",
            due_at=f.london(2026, 1, 12, 8, 30),
            due_rule="Before the next school day",
            shared_with=school,
            content={"fictional": True},
            sent_at=f.london(2026, 1, 11, 7),
            acknowledged_at=f.london(2026, 1, 11, 8, 45),
            acknowledged_by=researcher,
        )
        other_occ = f.occurrence(
            by=researcher, at=f.london(2026, 1, 20, 9), occurrence_type="DOMESTIC_ABUSE"
        )
        other_incident = f.child_victim(
            make_person(), victim=mother, suspect=sibling, by=researcher, occ=other_occ
        ).incident
        DetectedChildRecord.objects.create(
            incident=other_incident,
            key="narrative:amara",
            source="NARRATIVE",
            description="Fictional",
            known_person=child,
            resolution="DISMISSED",
            dismissed_reason="Not at the address that night",
        )
        recorded = DetectedChildRecord.objects.create(
            incident=other_incident,
            key="address:amara",
            source="KNOWN_AT_ADDRESS",
            description="Fictional",
            resolution="RECORDED",
        )
        recorded.recorded_children.add(child)
        episode = f.missing_episode(
            child,
            by=researcher,
            last_seen_at=f.london(2026, 2, 1, 18),
            reported_at=f.london(2026, 2, 1, 19),
            found_at=f.london(2026, 2, 2, 7),
            found_condition="SAFE_AND_WELL",
            prevention_interview_at=f.london(2026, 2, 2, 10),
            return_interview_requested_at=f.london(2026, 2, 2, 11),
            return_interview_outcome="COMPLETED",
            return_interview_outcome_at=f.london(2026, 2, 4, 11),
            status="CLOSED",
            exploitation_indicators=["OLDER_ASSOCIATES"],
        )
        f.screening(
            episode,
            ["OLDER_ASSOCIATES"],
            outcome="NONE",
            note="Fictional",
            completed_by=researcher,
            completed_at=f.london(2026, 2, 5, 9),
        )
        RepeatMissingPrompt.objects.create(
            episode=episode,
            episodes_in_window=3,
            threshold=3,
            window_days=90,
            discussion_held_at=f.london(2026, 2, 6, 9),
            discussion_note="Fictional",
        )
        f.involve(child, occ, heard=True)
        f.nrm_referral(
            child,
            by=researcher,
            on=dt.date(2026, 2, 7),
            episode=episode,
            reasonable_grounds="POSITIVE",
            reasonable_grounds_on=dt.date(2026, 2, 20),
            conclusive_grounds="NEGATIVE",
            conclusive_grounds_on=dt.date(2026, 4, 20),
        )
        RiskAssessment.objects.create(
            subject_type="missing.missingepisode",
            subject_id=str(episode.pk),
            instrument_code="RETIRED_TOOL",
            instrument_version=1,
            computed_level="VERY_LOW",
            final_level="VERY_LOW",
            assessed_by=researcher,
            assessed_at=f.london(2026, 2, 1, 19, 30),
        )
        f.person_assessment(child, by=researcher, at=f.london(2026, 3, 1, 9))
        f.person_assessment(child, by=researcher, at=f.london(2026, 3, 2, 9))
        mash()  # the team business concerns go to
        business_concern(make_user, researcher, child)
        # when
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        # then every kind of entry is there
        by_kind: dict[EntryKind, list[str]] = {}
        for entry in chronology.entries:
            by_kind.setdefault(entry.kind, []).append(entry.summary)
        assert set(EntryKind) - set(by_kind) == set()
        relationships = by_kind[EntryKind.RELATIONSHIP_RECORDED]
        assert f"Grace Fictional ({mother.reference}) is parent of this child" in relationships
        assert "A person record you cannot see is parent of this child" in relationships
        assert f"Sibling of Kofi Fictional ({sibling.reference})" in relationships
        assert hidden_father.reference not in " ".join(e.summary for e in chronology.entries)
        assert by_kind[EntryKind.RISK_ASSESSMENT] == [
            "THRIVE: high (awaiting review)",  # the hotel's concern, graded by the MASH
            "THRIVE: high (awaiting review)",
            "THRIVE: high (awaiting review)",
            "RETIRED_TOOL: very low (awaiting review)",
        ]
        assert by_kind[EntryKind.BUSINESS_CONCERN] == [
            "Seen at Canal Lodge, still on site when reported"
        ]
        assert by_kind[EntryKind.DOMESTIC_ABUSE_CHILD_VICTIM] == [
            "Present, heard, experienced the effects; related to: both"
        ]
        assert len(by_kind[EntryKind.DOMESTIC_ABUSE_CHILD_FOUND]) == 2
        # a screening that found none leaves the episode's indicators as the flag
        assert chronology.flags.exploitation_indicators is True
        assert chronology.flags.on_protection_plan is False
        assert chronology.flags.open_referrals == 0
        assert not [g for g in chronology.gaps if g.record_reference == episode.reference]

    def test_risk_assessments_need_a_role_that_reads_them(self, make_user, team) -> None:

        officer = User.objects.create_user(username="viewer-only", password="x" * 20, team=team)
        officer.user_permissions.add(
            Permission.objects.get(content_type__app_label="access", codename="person_view")
        )
        officer = User.objects.get(pk=officer.pk)
        child = make_person()
        f.person_assessment(child, by=officer, at=f.london(2026, 3, 3, 10))
        chronology = chronology_get(actor=officer, person_id=child.pk, purpose=PURPOSE)
        assert EntryKind.RISK_ASSESSMENT not in {e.kind for e in chronology.entries}


class TestEntryPath:
    def test_a_renamed_route_loses_its_link_not_the_page(self) -> None:

        entry = Entry(
            when=dt.date(2026, 1, 1),
            kind=EntryKind.OCCURRENCE,
            summary="",
            person_id="x",
            person_reference="R",
            link_name="incidents:no-such-route",
            link_kwargs={"occurrence_id": "x"},
        )
        assert entry_path(entry) is None


class TestBusinessConcerns:
    def test_a_hotel_s_concern_matched_to_the_child_joins_the_chronology(self, make_user) -> None:
        researcher = make_user(Role.MASH_RESEARCHER, user_team=mash())
        child = make_person(given_name="Amara", family_name="Fictional")
        other = make_person(given_name="Bea", family_name="Fictional")
        business_concern(make_user, researcher, child)
        business_concern(make_user, researcher, None, place_name="Station Hotel")
        chronology = chronology_get(actor=researcher, person_id=child.pk, purpose=PURPOSE)
        kinds = [e.kind for e in chronology.entries]
        assert kinds.count(EntryKind.BUSINESS_CONCERN) == 1
        assert kinds.count(EntryKind.BUSINESS_CONCERN_ACTIONED) == 1
        assert EntryKind.RISK_ASSESSMENT in kinds  # the THRIVE grading of the concern
        [entry] = [e for e in chronology.entries if e.kind == EntryKind.BUSINESS_CONCERN]
        assert entry.summary == "Seen at Canal Lodge, still on site when reported"
        assert "upset" not in " ".join(e.summary for e in chronology.entries)
        assert entry_path(entry) is not None
        # The concern matched to nobody is in nobody's chronology.
        unmatched = chronology_get(actor=researcher, person_id=other.pk, purpose=PURPOSE)
        assert EntryKind.BUSINESS_CONCERN not in {e.kind for e in unmatched.entries}
