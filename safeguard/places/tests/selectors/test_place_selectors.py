"""Reads: audited consultations for the police, plain status rows for a business, and
the same refusal for anything else."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, Team, User
from safeguard.audit.models import AuditEvent
from safeguard.audit.purpose import PurposeRequired
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.missing.models import MissingEpisode
from safeguard.people.tests.factories import make_person
from safeguard.places.models import BusinessConcern, Place
from safeguard.places.selectors import (
    concern_get,
    concern_match_candidates,
    concern_queue,
    concerns_of_organisation,
    engagement_facts,
    engagement_indicator_for,
    engagement_register,
    place_history,
    place_list,
    place_search,
    places_of_organisation,
    submitted_concern_get,
)
from safeguard.places.services import (
    concern_submit,
    concern_triage,
    engagement_record,
    place_flag,
)
from safeguard.places.tests.support import NOW, concern_input, found_episode

pytestmark = pytest.mark.django_db

ANSWERS = {
    "THREAT": "HIGH",
    "HARM": "HIGH",
    "RISK": "MEDIUM",
    "INVESTIGATION": "MEDIUM",
    "VULNERABILITY": "HIGH",
    "ENGAGEMENT": "LOW",
}
PURPOSE = "Triage of a Makesafe concern"


@pytest.fixture
def triaged(
    reporter_a: User, researcher: User, place_a: Place, mash_team: Team
) -> tuple[BusinessConcern, MissingEpisode]:
    """The issue's journey: a still-on-site concern, matched to a child found here."""
    child = make_person(given_name="Testgirl", family_name="Fictional-Match")
    episode = found_episode(child, researcher, found_place="Station Hotel, room 3")
    concern = concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
    concern_triage(
        actor=researcher,
        concern_id=concern.pk,
        answers=ANSWERS,
        action_taken="Officers attended and safeguarded the girl",
        child_id=child.pk,
    )
    concern.refresh_from_db()
    return concern, episode


class TestPlaceHistory:
    def test_shows_the_concern_and_the_episode_newest_first_in_one_consultation(
        self, researcher: User, place_a: Place, triaged
    ) -> None:
        concern, episode = triaged
        before = AuditEvent.objects.count()
        history = place_history(actor=researcher, place_id=place_a.pk, purpose=PURPOSE)
        assert [e.link.subject_id for e in history.entries] == [concern.pk, episode.pk]
        assert [e.role_label for e in history.entries] == [
            "Concern reported here",
            "Missing child found here",
        ]
        assert {e.child for e in history.entries} == {episode.child}
        assert history.flags
        assert history.withheld == 0
        assert AuditEvent.objects.count() == before + 1
        event = AuditEvent.objects.order_by("-sequence").first()
        assert event is not None
        assert (event.operation, event.event_type, event.justification) == (
            "consultation",
            "place.history_consulted",
            PURPOSE,
        )
        named = {(s["type"], s["id"]) for s in event.subjects}
        assert named == {
            ("places.place", str(place_a.pk)),
            ("places.businessconcern", str(concern.pk)),
            ("missing.missingepisode", str(episode.pk)),
            ("people.person", str(episode.child_id)),
        }

    def test_a_restricted_record_is_withheld(
        self,
        researcher: User,
        place_a: Place,
        triaged,
        make_user: Callable[..., User],
        other_team: Team,
    ) -> None:
        _concern, episode = triaged
        MissingEpisode.objects.filter(pk=episode.pk).update(
            is_restricted=True, owning_team=other_team
        )
        history = place_history(actor=researcher, place_id=place_a.pk, purpose=PURPOSE)
        assert [e.link.subject_type for e in history.entries] == ["places.businessconcern"]
        assert history.withheld == 1

    def test_needs_a_purpose_and_refuses_partners(
        self, researcher: User, reporter_a: User, place_a: Place
    ) -> None:
        with pytest.raises(PurposeRequired):
            place_history(actor=researcher, place_id=place_a.pk, purpose="")
        with pytest.raises(CapabilityMissing):
            place_history(actor=reporter_a, place_id=place_a.pk, purpose=PURPOSE)
        with pytest.raises(NotFoundOrForbidden):
            place_history(actor=researcher, place_id=uuid.uuid4(), purpose=PURPOSE)


class TestPlaceLists:
    def test_list_and_search(
        self, researcher: User, officer: User, place_a: Place, place_b: Place
    ) -> None:
        place_flag(
            actor=researcher,
            place_id=place_b.pk,
            reason="Intelligence of exploitation",
            review_on=(NOW + dt.timedelta(days=30)).date(),
        )
        assert [s.place for s in place_list(actor=officer)] == [place_b, place_a]
        assert [s.place for s in place_list(actor=officer, flagged=True)] == [place_b]
        assert [s.place for s in place_list(actor=officer, kind="OPEN_SPACE")] == []
        assert [s.place for s in place_search(actor=officer, query="station")] == [place_a]
        assert [s.place for s in place_search(actor=officer, query="st17 4xy")] == [place_b]
        assert [s.place for s in place_search(actor=officer, query=place_a.reference)] == [place_a]
        assert place_search(actor=officer, query="  ") == []

    def test_partners_cannot_list_places(self, reporter_a: User) -> None:
        with pytest.raises(CapabilityMissing):
            place_list(actor=reporter_a)
        with pytest.raises(CapabilityMissing):
            place_search(actor=reporter_a, query="station")


class TestConcernQueueAndGet:
    def test_open_first_urgent_first(
        self, reporter_a: User, researcher: User, place_a: Place, mash_team: Team, triaged
    ) -> None:
        done, _episode = triaged
        routine = concern_submit(
            actor=reporter_a, place_id=place_a.pk, details=concern_input(still_on_site=False)
        )
        urgent = concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
        rows = concern_queue(actor=researcher)
        assert [r.concern for r in rows] == [urgent, routine, done]
        assert rows[0].clock is not None
        assert rows[0].clock.kind == "places.on_site"

    def test_get_is_one_consultation_naming_the_child(
        self, researcher: User, place_a: Place, triaged
    ) -> None:
        concern, episode = triaged
        record = concern_get(actor=researcher, concern_id=concern.pk, purpose=PURPOSE)
        assert record.concern == concern
        assert record.assessment is not None
        assert record.assessment.final_level == "HIGH"
        assert record.place_flag is not None
        assert record.earlier_at_place == 1
        event = AuditEvent.objects.order_by("-sequence").first()
        assert event is not None
        assert event.event_type == "business_concern.consulted"
        assert {"type": "people.person", "id": str(episode.child_id)} in event.subjects

    def test_partners_and_response_officers_are_refused(
        self, reporter_a: User, officer: User, triaged
    ) -> None:
        concern, _episode = triaged
        with pytest.raises(CapabilityMissing):
            concern_queue(actor=reporter_a)
        with pytest.raises(CapabilityMissing):
            concern_queue(actor=officer)
        with pytest.raises(NotFoundOrForbidden):
            concern_get(actor=reporter_a, concern_id=concern.pk, purpose=PURPOSE)
        with pytest.raises(NotFoundOrForbidden):
            concern_get(actor=officer, concern_id=uuid.uuid4(), purpose=PURPOSE)

    def test_match_candidates_come_from_the_real_time_check(
        self, researcher: User, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        child = make_person(
            given_name="Amelia",
            family_name="Fictionalson",
            date_of_birth=dt.date(2011, 5, 2),
            address_postcode="ST16 2AB",
        )
        concern = concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
        assert concern_match_candidates(actor=researcher, concern_id=concern.pk) == []
        matches = concern_match_candidates(
            actor=researcher,
            concern_id=concern.pk,
            first_name="Amelia",
            surname="Fictionalson",
            estimated_age=15,
        )
        assert child in [m.person for m in matches]
        assert AuditEvent.objects.filter(event_type="person.entry_checked").exists()
        with pytest.raises(CapabilityMissing):
            concern_match_candidates(actor=reporter_a, concern_id=concern.pk, first_name="Amelia")


class TestWhatABusinessSees:
    def test_only_its_own_submissions_with_no_names(
        self,
        *,
        reporter_a: User,
        reporter_b: User,
        place_a: Place,
        place_b: Place,
        triaged,
        make_user: Callable[..., User],
        hotel_a: Organisation,
    ) -> None:
        concern_a, episode = triaged
        concern_b = concern_submit(actor=reporter_b, place_id=place_b.pk, details=concern_input())
        colleague = make_user(Role.HOTEL_REPORTER, organisation=hotel_a)
        rows = concerns_of_organisation(actor=colleague)
        assert [r.reference for r in rows] == [concern_a.reference]
        (row,) = rows
        assert {f.name for f in dataclasses.fields(row)} == {
            "id",
            "reference",
            "submitted_at",
            "place_name",
            "status",
            "status_label",
        }
        assert row.status == "ACTIONED"
        assert row.place_name == "Station Hotel"
        shown = " ".join(str(v) for v in dataclasses.asdict(row).values())
        child = episode.child
        for secret in (child.given_name, child.family_name, "safeguarded", "HIGH"):
            assert secret not in shown
        assert [r.reference for r in concerns_of_organisation(actor=reporter_b)] == [
            concern_b.reference
        ]
        assert submitted_concern_get(actor=reporter_a, concern_id=concern_a.pk) == row
        with pytest.raises(NotFoundOrForbidden):
            submitted_concern_get(actor=reporter_a, concern_id=concern_b.pk)
        with pytest.raises(NotFoundOrForbidden):
            submitted_concern_get(actor=reporter_a, concern_id=uuid.uuid4())
        assert [p.name for p in places_of_organisation(actor=reporter_a)] == ["Station Hotel"]

    def test_police_and_unattached_users_have_no_submitter_view(
        self, researcher: User, make_user: Callable[..., User], reporter_a: User
    ) -> None:
        with pytest.raises(CapabilityMissing):
            concerns_of_organisation(actor=researcher)
        reporter_a.organisation = None
        with pytest.raises(NotFoundOrForbidden):
            concerns_of_organisation(actor=reporter_a)
        with pytest.raises(NotFoundOrForbidden):
            places_of_organisation(actor=reporter_a)


class TestEngagement:
    def test_register_is_audited_and_facts_feed_the_indicator(
        self,
        *,
        researcher: User,
        hotel_a: Organisation,
        hotel_b: Organisation,
        triaged,
        make_user: Callable[..., User],
        reporter_b: User,
        place_b: Place,
    ) -> None:
        entry = engagement_record(
            actor=researcher,
            organisation_id=hotel_b.pk,
            training_given="Makesafe awareness",
            given_on=NOW.date() - dt.timedelta(days=5),
            contact_name="Manager Fictional",
            contact_details="01785 000 002",
        )
        assert engagement_register(actor=researcher) == [entry]
        event = AuditEvent.objects.order_by("-sequence").first()
        assert event is not None
        assert event.operation == "consultation"
        assert event.subjects == [{"type": "places.businessengagement", "id": str(entry.pk)}]
        concern_submit(actor=reporter_b, place_id=place_b.pk, details=concern_input())
        facts = engagement_facts(since=NOW - dt.timedelta(days=1), until=NOW + dt.timedelta(1))
        assert facts.trained == frozenset({hotel_b.pk})
        assert set(facts.businesses) == {hotel_a.pk, hotel_b.pk}
        assert sorted(f.actioned for f in facts.concerns) == [False, True]
        lead = make_user(Role.PERFORMANCE_LEAD)
        with use_clock(FixedClock(NOW + dt.timedelta(minutes=1))):
            indicator = engagement_indicator_for(actor=lead, since=NOW - dt.timedelta(days=1))
        rows = {r.name: r for r in indicator.businesses}
        assert rows[hotel_a.name].actioned.value == 1.0
        assert rows[hotel_b.name].actioned.value == 0.0
        assert rows[hotel_b.name].trained
        with pytest.raises(CapabilityMissing):
            engagement_register(actor=reporter_b)
        with pytest.raises(CapabilityMissing):
            engagement_indicator_for(actor=researcher, since=NOW)
