"""Grading a missing child's risk, the supervisor's review, and the Child Rescue Alert."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import ClockOutcome
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.missing.models import MissingEpisode
from safeguard.missing.rules.codes import CraDecision
from safeguard.missing.rules.review import DEFAULT_REVIEW_HOURS
from safeguard.missing.services import (
    EpisodeInvalid,
    child_rescue_alert_record,
    episode_grade,
    episode_review,
)
from safeguard.missing.tests.factories import a_child, social_care
from safeguard.missing.tests.services.support import (
    HIGH_ANSWERS,
    LOW_ANSWERS,
    LOWERING_RATIONALE,
    MEDIUM_ANSWERS,
    NOW,
    clocks,
    find,
    hours,
    report_missing,
    running,
    safeguard_settings,
)
from safeguard.risk.models import RiskAssessment
from safeguard.risk.services import RiskAssessmentInvalid, RiskAssessmentSelfReview

pytestmark = pytest.mark.django_db

GRADED_AT = NOW + hours(0.5)  # 02:45, before the first review falls due at 04:15
LATE = NOW + hours(3)  # 05:15, after it


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


@pytest.fixture
def supervisor(make_user):
    return make_user(Role.SUPERVISOR)


@pytest.fixture
def episode(officer):
    return report_missing(officer, a_child())


def grade(officer, episode, at=GRADED_AT, answers=HIGH_ANSWERS, **kwargs) -> RiskAssessment:
    with use_clock(FixedClock(at)):
        return episode_grade(actor=officer, episode_id=episode.pk, answers=answers, **kwargs)


def review(supervisor, episode, assessment, at, **kwargs) -> RiskAssessment:
    kwargs.setdefault("agreed", True)
    with use_clock(FixedClock(at)):
        return episode_review(
            actor=supervisor, episode_id=episode.pk, assessment_id=assessment.pk, **kwargs
        )


LEVEL_CASES = [
    ("HIGH", {"answers": HIGH_ANSWERS}),
    ("MEDIUM", {"answers": MEDIUM_ANSWERS}),
    ("LOW", {"answers": LOW_ANSWERS}),
    (
        "VERY_LOW",
        {"answers": LOW_ANSWERS, "officer_level": "VERY_LOW", "rationale": LOWERING_RATIONALE},
    ),
]


class TestGrading:
    @pytest.mark.parametrize(("level", "kwargs"), LEVEL_CASES)
    def test_the_review_falls_due_by_level(self, officer, episode, level, kwargs) -> None:
        assessment = grade(officer, episode, **kwargs)
        assert assessment.final_level == level
        clock = running(episode)
        assert clock is not None
        assert clock.started_at == GRADED_AT
        assert clock.due_at == GRADED_AT + hours(DEFAULT_REVIEW_HOURS[level])
        assert clock.urgent is (level == "HIGH")
        assert level.replace("_", " ").lower() in clock.label

    def test_the_default_intervals_are_the_settings_defaults(self) -> None:
        # The table above is driven by DEFAULT_REVIEW_HOURS; the project settings agree.
        from django.conf import settings

        assert settings.SAFEGUARD["MISSING_REVIEW_HOURS"] == DEFAULT_REVIEW_HOURS

    def test_grading_on_time_stops_the_first_review_met(self, officer, episode) -> None:
        grade(officer, episode)
        first, second = clocks(episode)
        assert first.outcome == ClockOutcome.MET
        assert first.stopped_at == GRADED_AT
        assert first.stopped_by == officer
        assert second.outcome == ClockOutcome.RUNNING

    def test_a_regrading_exactly_when_due_is_met(self, officer, episode) -> None:
        grade(officer, episode, at=NOW + hours(2))
        assert clocks(episode)[0].outcome == ClockOutcome.MET

    def test_a_late_regrading_without_a_reason_writes_nothing(self, officer, episode) -> None:
        events = AuditEvent.objects.count()
        with pytest.raises(EpisodeInvalid) as caught:
            grade(officer, episode, at=LATE)
        assert list(caught.value.errors) == ["delay_reason"]
        assert not RiskAssessment.objects.exists()
        (first,) = clocks(episode)
        assert first.outcome == ClockOutcome.RUNNING
        assert AuditEvent.objects.count() == events

    def test_a_late_regrading_with_a_reason_breaches_the_old_clock(self, officer, episode) -> None:
        reason = "Officer diverted to a fatal collision on the A34"
        grade(officer, episode, at=LATE, delay_reason=reason)
        first, second = clocks(episode)
        assert first.outcome == ClockOutcome.BREACHED
        assert first.breach_reason == reason
        assert first.stopped_at == LATE
        assert second.started_at == LATE
        assert second.due_at == LATE + hours(2)

    def test_each_regrading_sets_a_new_review(self, officer, episode) -> None:
        grade(officer, episode, answers=HIGH_ANSWERS)
        grade(officer, episode, at=GRADED_AT + hours(1), answers=MEDIUM_ANSWERS)
        history = clocks(episode)
        assert [c.outcome for c in history] == [
            ClockOutcome.MET,
            ClockOutcome.MET,
            ClockOutcome.RUNNING,
        ]
        assert history[-1].due_at == GRADED_AT + hours(1 + 6)
        assert not history[-1].urgent

    def test_lowering_below_the_computed_level_needs_a_rationale(self, officer, episode) -> None:
        with pytest.raises(RiskAssessmentInvalid) as caught:
            grade(officer, episode, answers=HIGH_ANSWERS, officer_level="LOW")
        assert "rationale" in caught.value.errors
        assert not RiskAssessment.objects.exists()
        assert len(clocks(episode)) == 1
        lowered = grade(officer, episode, officer_level="LOW", rationale=LOWERING_RATIONALE)
        assert (lowered.computed_level, lowered.final_level) == ("HIGH", "LOW")
        clock = running(episode)
        assert clock is not None
        assert clock.due_at == GRADED_AT + hours(12)

    def test_grading_an_episode_out_of_scope_is_not_found(
        self, officer, make_user, other_team
    ) -> None:
        elsewhere = make_user(Role.RESPONSE_OFFICER, user_team=other_team)
        restricted = report_missing(elsewhere, a_child(), is_restricted=True)
        with pytest.raises(NotFoundOrForbidden):
            grade(officer, restricted)

    def test_after_found_a_grading_starts_no_new_review(self, officer, episode) -> None:
        find(officer, episode, found_at=GRADED_AT, organisation=social_care())
        grade(officer, episode, at=GRADED_AT + hours(1))
        assert running(episode) is None
        assert len(clocks(episode)) == 1
        assert RiskAssessment.objects.count() == 1


class TestForcePolicy:
    def test_the_force_sets_the_review_intervals(self, officer) -> None:
        policy = {"HIGH": 1, "MEDIUM": 3, "LOW": 8, "VERY_LOW": 12}
        with safeguard_settings(MISSING_REVIEW_HOURS=policy):
            episode = report_missing(officer, a_child())
            first = running(episode)
            assert first is not None
            assert first.due_at == NOW + hours(1)
            grade(officer, episode, answers=MEDIUM_ANSWERS)
        clock = running(episode)
        assert clock is not None
        assert clock.due_at == GRADED_AT + hours(3)

    def test_fractional_hours_are_allowed(self, officer, episode) -> None:
        policy = {"HIGH": 0.5, "MEDIUM": 3, "LOW": 8, "VERY_LOW": 12}
        with safeguard_settings(MISSING_REVIEW_HOURS=policy):
            grade(officer, episode)
        clock = running(episode)
        assert clock is not None
        assert clock.due_at == GRADED_AT + hours(0.5)

    @pytest.mark.parametrize(
        "policy",
        [
            {"HIGH": 0, "MEDIUM": 6, "LOW": 12, "VERY_LOW": 24},
            {"HIGH": 2, "MEDIUM": 6, "LOW": 12},
            {"HIGH": 24, "MEDIUM": 6, "LOW": 12, "VERY_LOW": 24},
            {"HIGH": "2", "MEDIUM": 6, "LOW": 12, "VERY_LOW": 24},
            {"HIGH": 2, "MEDIUM": 6, "LOW": 12, "VERY_LOW": 24, "ABSENT": 48},
            [2, 6, 12, 24],
        ],
        ids=["zero", "missing-level", "out-of-order", "text", "unknown-level", "not-a-map"],
    )
    def test_a_malformed_policy_fails_loudly(self, officer, episode, policy) -> None:
        with safeguard_settings(MISSING_REVIEW_HOURS=policy), pytest.raises(ImproperlyConfigured):
            grade(officer, episode)
        assert not RiskAssessment.objects.exists()
        (first,) = clocks(episode)
        assert first.outcome == ClockOutcome.RUNNING

    def test_a_malformed_policy_refuses_a_report(self, officer) -> None:
        with (
            safeguard_settings(MISSING_REVIEW_HOURS={"HIGH": -1}),
            pytest.raises(ImproperlyConfigured),
        ):
            report_missing(officer, a_child())
        assert not MissingEpisode.objects.exists()


class TestSupervisorReview:
    def test_agreeing_restarts_the_clock_at_the_level(self, officer, supervisor, episode) -> None:
        assessment = grade(officer, episode, answers=MEDIUM_ANSWERS)
        at = GRADED_AT + hours(1)
        reviewed = review(supervisor, episode, assessment, at)
        assert reviewed.reviewed_by == supervisor
        history = clocks(episode)
        assert history[-2].outcome == ClockOutcome.MET
        assert history[-2].stopped_by == supervisor
        assert history[-1].started_at == at
        assert history[-1].due_at == at + hours(6)
        assert history[-1].owner_user == supervisor

    def test_a_changed_level_restarts_the_clock_from_the_reviewed_level(
        self, officer, supervisor, episode
    ) -> None:
        assessment = grade(officer, episode, answers=MEDIUM_ANSWERS)
        at = GRADED_AT + hours(1)
        reviewed = review(
            supervisor,
            episode,
            assessment,
            at,
            agreed=False,
            level="HIGH",
            note="Older associate Kai now linked to county lines",
        )
        assert reviewed.current_level == "HIGH"
        clock = running(episode)
        assert clock is not None
        assert clock.due_at == at + hours(2)
        assert clock.urgent

    def test_lowering_at_review_restarts_from_the_lower_level(
        self, officer, supervisor, episode
    ) -> None:
        assessment = grade(officer, episode, answers=HIGH_ANSWERS)
        at = GRADED_AT + hours(1)
        review(
            supervisor,
            episode,
            assessment,
            at,
            agreed=False,
            level="MEDIUM",
            note=LOWERING_RATIONALE,
        )
        clock = running(episode)
        assert clock is not None
        assert clock.due_at == at + hours(6)
        assert not clock.urgent

    def test_a_supervisor_cannot_review_their_own_grading(self, supervisor, episode) -> None:
        assessment = grade(supervisor, episode)
        with pytest.raises(RiskAssessmentSelfReview):
            review(supervisor, episode, assessment, GRADED_AT + hours(1))
        assessment.refresh_from_db()
        assert assessment.reviewed_at is None
        assert len(clocks(episode)) == 2

    def test_an_officer_cannot_review(self, officer, make_user, episode) -> None:
        assessment = grade(make_user(Role.RESPONSE_OFFICER), episode)
        with pytest.raises(CapabilityMissing):
            review(officer, episode, assessment, GRADED_AT + hours(1))

    def test_a_grading_from_another_episode_is_not_found(
        self, officer, supervisor, episode
    ) -> None:
        other = report_missing(officer, a_child(given_name="Other"))
        assessment = grade(officer, other)
        with pytest.raises(NotFoundOrForbidden):
            review(supervisor, episode, assessment, GRADED_AT + hours(1))
        assessment.refresh_from_db()
        assert assessment.reviewed_at is None

    def test_a_late_review_without_a_reason_is_refused_and_not_kept(
        self, officer, supervisor, episode
    ) -> None:
        assessment = grade(officer, episode)  # due 04:45
        late = GRADED_AT + hours(3)
        with pytest.raises(EpisodeInvalid) as caught:
            review(supervisor, episode, assessment, late)
        assert list(caught.value.errors) == ["delay_reason"]
        assessment.refresh_from_db()
        assert assessment.reviewed_at is None
        review(supervisor, episode, assessment, late, delay_reason="Supervisor at a firearms call")
        breached = clocks(episode)[-2]
        assert breached.outcome == ClockOutcome.BREACHED
        assert breached.breach_reason == "Supervisor at a firearms call"


class TestChildRescueAlert:
    def record(self, officer, episode, decision=CraDecision.NOT_ISSUED, reason=None):
        with use_clock(FixedClock(GRADED_AT + hours(0.25))):
            return child_rescue_alert_record(
                actor=officer,
                episode_id=episode.pk,
                decision=decision,
                reason=reason or "Whereabouts believed known to associates; no public appeal yet",
            )

    def test_the_risk_is_graded_first(self, officer, episode) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            self.record(officer, episode)
        assert caught.value.errors == {"cra_decision": ["Grade the risk first"]}
        episode.refresh_from_db()
        assert episode.cra_decision == ""

    def test_the_reason_needs_ten_characters(self, officer, episode) -> None:
        grade(officer, episode)
        with pytest.raises(EpisodeInvalid) as caught:
            self.record(officer, episode, reason="  too short  ")
        assert list(caught.value.errors) == ["cra_reason"]
        assert self.record(officer, episode, reason="  ten chars.  ").cra_reason == "ten chars."

    def test_only_issued_or_not_issued(self, officer, episode) -> None:
        grade(officer, episode)
        with pytest.raises(EpisodeInvalid) as caught:
            self.record(officer, episode, decision="MAYBE")
        assert list(caught.value.errors) == ["cra_decision"]

    @pytest.mark.parametrize("decision", [CraDecision.ISSUED, CraDecision.NOT_ISSUED])
    def test_the_decision_is_kept_with_who_and_when(self, officer, episode, decision) -> None:
        grade(officer, episode)
        saved = self.record(officer, episode, decision=decision)
        saved.refresh_from_db()
        assert saved.cra_decision == decision
        assert saved.cra_decided_by == officer
        assert saved.cra_decided_at == GRADED_AT + hours(0.25)
        event = AuditEvent.objects.get(event_type="missing.child_rescue_alert_considered")
        assert event.changes == {"decision": decision.value, "level": "HIGH"}

    def test_a_user_who_cannot_record_missing_reports_cannot_decide(
        self, make_user, officer, episode
    ) -> None:
        grade(officer, episode)
        with pytest.raises(CapabilityMissing):
            self.record(make_user(Role.ON_CALL_SENIOR_OFFICER), episode)
