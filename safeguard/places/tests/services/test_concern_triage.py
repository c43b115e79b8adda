"""The MASH triages a business concern: graded, matched to a child, episodes linked."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from safeguard.accounts.models import Team, User
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.people.tests.factories import make_person
from safeguard.places.models import BusinessConcern, Place, PlaceFlag, PlaceLink
from safeguard.places.services import ConcernInvalid, concern_submit, concern_triage
from safeguard.places.tests.support import NOW, concern_input, found_episode
from safeguard.risk.models import RiskAssessment

pytestmark = pytest.mark.django_db

HIGH_ANSWERS = {
    "THREAT": "HIGH",
    "HARM": "HIGH",
    "RISK": "HIGH",
    "INVESTIGATION": "MEDIUM",
    "VULNERABILITY": "HIGH",
    "ENGAGEMENT": "LOW",
}
ACTION = "Patrol deployed, girl safeguarded, men arrested"


@pytest.fixture
def concern(reporter_a: User, place_a: Place, mash_team: Team) -> BusinessConcern:
    return concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())


class TestConcernTriage:
    def test_a_matched_childs_episode_found_at_the_hotel_is_linked(
        self, researcher: User, concern: BusinessConcern, place_a: Place
    ) -> None:
        # given a child found at this hotel ten days ago, and an older episode elsewhere
        child = make_person(given_name="Testgirl", date_of_birth=dt.date(2011, 4, 1))
        here = found_episode(child, researcher, found_place="Room 9, Station Hotel, Stafford")
        elsewhere = found_episode(child, researcher, found_place="Bus station", days_ago=20)
        # when
        with use_clock(FixedClock(NOW + dt.timedelta(minutes=20))):
            triaged = concern_triage(
                actor=researcher,
                concern_id=concern.pk,
                answers=HIGH_ANSWERS,
                action_taken=ACTION,
                child_id=child.pk,
            )
        # then
        assert triaged.status == "ACTIONED"
        assert triaged.grade == "HIGH"
        assert triaged.matched_child == child
        assessment = triaged.risk_assessment
        assert assessment is not None
        assert (assessment.instrument_code, assessment.final_level) == ("THRIVE", "HIGH")
        assert assessment.subject_type == "places.businessconcern"
        links = PlaceLink.objects.filter(place=place_a, subject_type="missing.missingepisode")
        assert [(link.subject_id, link.role) for link in links] == [(here.pk, "FOUND_AT")]
        assert links[0].occurred_at == here.found_at
        assert elsewhere.pk not in {link.subject_id for link in links}
        running = StatutoryClock.objects.get(subject_id=concern.pk)
        assert running.outcome == "MET"
        assert AuditEvent.objects.filter(
            event_type="business_concern.child_matched", operation="combination"
        ).exists()
        # two records within 90 days at the place: the flag is up
        assert PlaceFlag.objects.filter(place=place_a, lowered_at__isnull=True).exists()

    def test_an_episode_not_at_the_place_is_not_linked(
        self, researcher: User, concern: BusinessConcern
    ) -> None:
        child = make_person(given_name="Testgirl")
        found_episode(child, researcher, found_place="Somewhere else")
        concern_triage(
            actor=researcher,
            concern_id=concern.pk,
            answers=HIGH_ANSWERS,
            action_taken=ACTION,
            child_id=child.pk,
        )
        assert not PlaceLink.objects.filter(subject_type="missing.missingepisode").exists()

    def test_the_officer_may_lower_the_level_with_a_rationale(
        self, researcher: User, concern: BusinessConcern
    ) -> None:
        triaged = concern_triage(
            actor=researcher,
            concern_id=concern.pk,
            answers=HIGH_ANSWERS,
            officer_level="MEDIUM",
            rationale="Guests identified as a family on holiday; CCTV reviewed; no concern",
            action_taken=ACTION,
        )
        assert triaged.grade == "MEDIUM"

    def test_a_late_triage_needs_the_reason(
        self, researcher: User, concern: BusinessConcern
    ) -> None:
        late = FixedClock(NOW + dt.timedelta(hours=1))
        with use_clock(late), pytest.raises(ConcernInvalid) as refused:
            concern_triage(
                actor=researcher, concern_id=concern.pk, answers=HIGH_ANSWERS, action_taken=ACTION
            )
        assert set(refused.value.errors) == {"breach_reason"}
        assert not RiskAssessment.objects.exists()  # the grading was undone with it
        with use_clock(late):
            triaged = concern_triage(
                actor=researcher,
                concern_id=concern.pk,
                answers=HIGH_ANSWERS,
                action_taken=ACTION,
                breach_reason="Both patrols committed to a road traffic collision",
            )
        assert StatutoryClock.objects.get(subject_id=triaged.pk).outcome == "BREACHED"

    def test_every_error_at_once(self, researcher: User, concern: BusinessConcern) -> None:
        with pytest.raises(ConcernInvalid) as refused:
            concern_triage(
                actor=researcher,
                concern_id=concern.pk,
                answers={"THREAT": "MAYBE"},
                action_taken="short",
            )
        errors = refused.value.errors
        assert "action_taken" in errors
        assert "answers.THREAT" in errors

    def test_an_over_long_action_is_refused(
        self, researcher: User, concern: BusinessConcern
    ) -> None:
        with pytest.raises(ConcernInvalid) as refused:
            concern_triage(
                actor=researcher,
                concern_id=concern.pk,
                answers=HIGH_ANSWERS,
                action_taken="a" * 4001,
            )
        assert set(refused.value.errors) == {"action_taken"}

    def test_a_concern_is_actioned_once(self, researcher: User, concern: BusinessConcern) -> None:
        concern_triage(
            actor=researcher, concern_id=concern.pk, answers=HIGH_ANSWERS, action_taken=ACTION
        )
        with pytest.raises(ConcernInvalid) as refused:
            concern_triage(
                actor=researcher, concern_id=concern.pk, answers=HIGH_ANSWERS, action_taken=ACTION
            )
        assert refused.value.errors["action_taken"] == ["This concern has already been actioned."]

    def test_a_triage_with_no_clock_running_still_completes(
        self, researcher: User, concern: BusinessConcern
    ) -> None:
        StatutoryClock.objects.filter(subject_id=concern.pk).delete()
        triaged = concern_triage(
            actor=researcher, concern_id=concern.pk, answers=HIGH_ANSWERS, action_taken=ACTION
        )
        assert triaged.status == "ACTIONED"

    def test_an_unknown_child_is_not_found(
        self, researcher: User, concern: BusinessConcern
    ) -> None:
        with pytest.raises(NotFoundOrForbidden):
            concern_triage(
                actor=researcher,
                concern_id=concern.pk,
                answers=HIGH_ANSWERS,
                action_taken=ACTION,
                child_id=uuid.uuid4(),
            )

    def test_reporters_and_response_officers_cannot_triage(
        self, reporter_a: User, officer: User, concern: BusinessConcern
    ) -> None:
        for actor in (reporter_a, officer):
            with pytest.raises(CapabilityMissing):
                concern_triage(
                    actor=actor, concern_id=concern.pk, answers=HIGH_ANSWERS, action_taken=ACTION
                )

    def test_an_unknown_concern_is_not_found(self, researcher: User) -> None:
        with pytest.raises(NotFoundOrForbidden):
            concern_triage(
                actor=researcher, concern_id=uuid.uuid4(), answers={}, action_taken=ACTION
            )
