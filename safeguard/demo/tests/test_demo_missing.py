"""The demo force's missing children: a children's home with its carer and Philomena profiles,
and episodes in every state, written through the missing-children services."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import OrganisationKind, User
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.clocks.selectors import clock_list_urgent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.rules.references import is_reference
from safeguard.demo.generator import DEMO_PASSWORD, SIZES, ForceGenerator
from safeguard.demo.loader import SEEDED_EVENT, missing_rules
from safeguard.demo.missing import (
    FoundStep,
    MissingPlan,
    ReportStep,
    ReturnInterviewStep,
    ReviewStep,
)
from safeguard.demo.models import SyntheticIdentity
from safeguard.missing.models import (
    ExploitationScreening,
    MissingEpisode,
    NrmReferral,
    PhilomenaProfile,
    RepeatMissingPrompt,
)
from safeguard.missing.rules.codes import Category, EpisodeStatus, MissingFrom
from safeguard.missing.selectors import profile_list, return_interview_inbox
from safeguard.missing.services import PREVENTION_CLOCK, RETURN_INTERVIEW_CLOCK, REVIEW_CLOCK
from safeguard.risk.models import RiskAssessment

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
YEAR_AGO = NOW - dt.timedelta(days=365)
EPISODE = "missing.missingepisode"


def _plan(size: str, seed: int) -> MissingPlan:
    generator = ForceGenerator(seed=seed, size=SIZES[size], today=TODAY)
    generator.setting()
    for _ in generator.population():
        pass
    return generator.missing(now=NOW, rules=missing_rules())


def _load() -> None:
    with use_clock(FixedClock(NOW)):
        call_command("seed_demo", size="tiny", seed=1, stdout=io.StringIO(), stderr=io.StringIO())


def _loaded() -> dict[str, Any]:
    """What a reload must give again: references, states, times, profiles and counts."""
    episodes = sorted(
        MissingEpisode.objects.values_list(
            "reference",
            "status",
            "category",
            "missing_from",
            "child_id",
            "last_seen_at",
            "found_at",
            "return_interview_outcome",
        )
    )
    return {
        "episodes": episodes,
        "profiles": sorted(PhilomenaProfile.objects.values_list("reference", "child_name")),
        "counts": AuditEvent.objects.get(event_type=SEEDED_EVENT).changes["counts"],
    }


@pytest.fixture
def seeded(db: Any) -> None:
    _load()


class _RolledBack(Exception):
    pass


class TestMissingPlan:
    def test_the_same_seed_gives_the_same_plan(self) -> None:
        first = _plan("tiny", 1)
        second = _plan("tiny", 1)
        assert first.episodes == second.episodes
        assert first.profiles == second.profiles

    def test_another_seed_gives_another_plan(self) -> None:
        first = [e.child_id for e in _plan("tiny", 1).episodes]
        second = [e.child_id for e in _plan("tiny", 2).episodes]
        assert first != second

    def test_every_step_is_before_now_and_in_order(self) -> None:
        plan = _plan("tiny", 1)
        for episode in plan.episodes:
            report = episode.report
            assert YEAR_AGO <= report.last_seen_at <= report.reported_at <= report.at <= NOW
            times = [report.at, *(s.at for s in episode.steps)]
            assert times == sorted(times)
            assert times[-1] <= NOW
            for step in episode.steps:
                if isinstance(step, FoundStep):
                    assert report.last_seen_at <= step.found_at <= step.at

    def test_the_demo_size_adds_episodes_in_proportion(self) -> None:
        # given
        tiny = _plan("tiny", 1)
        demo = _plan("demo", 1)
        # then
        background = [e for e in demo.episodes if e.story == "background"]
        assert len(background) == SIZES["demo"].missing.background_episodes
        assert len(demo.episodes) == len(tiny.episodes) + len(background)
        statuses = Counter(e.status for e in demo.episodes)
        assert set(statuses) == {"OPEN", "FOUND", "CLOSED"}
        assert statuses["OPEN"] == 3


@pytest.mark.django_db
class TestSeededMissingChildren:
    def test_episodes_in_every_status(self, seeded: None) -> None:
        # given
        episodes = MissingEpisode.objects.all()
        # then
        assert set(episodes.values_list("status", flat=True)) == {s.value for s in EpisodeStatus}
        assert set(episodes.values_list("missing_from", flat=True)) == {
            m.value for m in MissingFrom
        }
        assert set(episodes.values_list("category", flat=True)) == {c.value for c in Category}
        assert episodes.filter(status=EpisodeStatus.OPEN).count() == 3
        for episode in episodes:
            assert is_reference(episode.reference)
            assert episode.reference.startswith("MIS-")
            assert YEAR_AGO <= episode.last_seen_at <= NOW
            # The children are the synthetic force's own people.
            assert SyntheticIdentity.objects.filter(person_id=episode.child_id).exists()

    def test_the_carer_signs_in_to_the_homes_profiles(self, seeded: None) -> None:
        # given
        carer = User.objects.select_related("organisation").get(username="carer")
        # when
        profiles = profile_list(actor=carer)
        # then
        assert list(carer.groups.values_list("name", flat=True)) == [Role.CARER.value]
        assert carer.check_password(DEMO_PASSWORD)
        assert carer.team_id is None
        assert carer.organisation is not None
        assert carer.organisation.kind == OrganisationKind.CARE_PROVIDER
        assert len(profiles) >= 4
        assert {p.holder_id for p in profiles} == {carer.organisation_id}
        linked = [p for p in profiles if p.child_id is not None]
        assert linked
        assert any(p.child_id is None for p in profiles)
        for profile in linked:
            assert profile.episodes.exists()
            assert profile.child is not None
            assert profile.child.full_name == profile.child_name

    def test_reports_quoting_a_profile_are_filled_from_it(self, seeded: None) -> None:
        episodes = MissingEpisode.objects.exclude(philomena_profile=None)
        assert episodes.exists()
        for episode in episodes:
            assert episode.missing_from == MissingFrom.CARE
            assert "description" in episode.philomena_filled
            assert episode.description.endswith("(From the Philomena Protocol profile)")

    def test_social_care_sees_its_return_interview_requests(self, seeded: None) -> None:
        # given
        socialcare = User.objects.select_related("organisation").get(username="socialcare")
        # when
        with use_clock(FixedClock(NOW)):
            inbox = return_interview_inbox(actor=socialcare)
        # then
        assert len(inbox) >= 5
        assert {e.return_interview_organisation_id for e in inbox} == {socialcare.organisation_id}
        assert {e.return_interview_outcome for e in inbox} == {"COMPLETED", "REFUSED", "NOT_HELD"}
        from_care = MissingEpisode.objects.filter(missing_from=MissingFrom.CARE)
        assert from_care.filter(placing_authority=socialcare.organisation).exists()

    def test_awaited_return_interviews_go_to_the_other_authority(self, seeded: None) -> None:
        # The walkthrough's request is the first awaited one the socialcare account sees.
        socialcare = User.objects.get(username="socialcare")
        awaited = MissingEpisode.objects.filter(
            status=EpisodeStatus.FOUND, return_interview_outcome=""
        )
        assert awaited.count() >= 2
        assert not awaited.filter(return_interview_organisation=socialcare.organisation_id).exists()
        assert not awaited.filter(return_interview_organisation=None).exists()

    def test_return_interviews_completed_late_refused_and_not_held(self, seeded: None) -> None:
        clocks = StatutoryClock.objects.filter(subject_type=EPISODE, kind=RETURN_INTERVIEW_CLOCK)
        outcomes = set(
            MissingEpisode.objects.exclude(return_interview_outcome="").values_list(
                "return_interview_outcome", flat=True
            )
        )
        assert outcomes == {"COMPLETED", "REFUSED", "NOT_HELD"}
        assert clocks.filter(outcome=ClockOutcome.MET).exists()
        assert clocks.filter(outcome=ClockOutcome.BREACHED).exclude(breach_reason="").exists()
        assert clocks.filter(outcome=ClockOutcome.RUNNING, due_at__lt=NOW).exists()
        assert clocks.filter(outcome=ClockOutcome.RUNNING, due_at__gt=NOW).exists()

    def test_repeat_prompts_with_and_without_a_strategy_discussion(self, seeded: None) -> None:
        prompts = RepeatMissingPrompt.objects.all()
        assert prompts.count() >= 2
        assert prompts.filter(discussion_held_at__isnull=False).exists()
        assert prompts.filter(discussion_held_at__isnull=True).exists()
        for prompt in prompts:
            assert prompt.episodes_in_window >= prompt.threshold == 3
            assert prompt.episode.category == Category.MISSING

    def test_screenings_completed_and_open_and_an_nrm_referral(self, seeded: None) -> None:
        screenings = ExploitationScreening.objects.all()
        assert screenings.filter(completed_at__isnull=False).exists()
        assert screenings.filter(completed_at__isnull=True).exists()
        assert NrmReferral.objects.exists()

    def test_every_risk_level_and_late_reviews_with_their_reason(self, seeded: None) -> None:
        gradings = RiskAssessment.objects.filter(subject_type=EPISODE)
        assert set(gradings.values_list("final_level", flat=True)) == {
            "VERY_LOW",
            "LOW",
            "MEDIUM",
            "HIGH",
        }
        assert gradings.filter(reviewed_at__isnull=False).exists()
        reviews = StatutoryClock.objects.filter(subject_type=EPISODE, kind=REVIEW_CLOCK)
        late = reviews.filter(outcome=ClockOutcome.BREACHED)
        assert late.exists()
        assert not late.filter(breach_reason="").exists()
        assert StatutoryClock.objects.filter(
            subject_type=EPISODE, kind=PREVENTION_CLOCK, outcome=ClockOutcome.BREACHED
        ).exists()

    def test_a_high_risk_child_missing_now_is_on_the_out_of_hours_board(self, seeded: None) -> None:
        # given
        oncall = User.objects.get(username="oncall")
        # when
        with use_clock(FixedClock(NOW)):
            board = clock_list_urgent(actor=oncall)
        # then
        missing = [c.clock for c in board if c.clock.subject_type == EPISODE]
        overdue = [c for c in missing if c.kind == REVIEW_CLOCK and c.urgent and c.due_at < NOW]
        assert overdue
        episode = MissingEpisode.objects.get(pk=overdue[0].subject_id)
        assert episode.status == EpisodeStatus.OPEN
        assert episode.cra_decision

    def test_the_services_wrote_the_audit_trail_at_the_planned_times(self, seeded: None) -> None:
        reported = AuditEvent.objects.filter(event_type="missing.reported")
        assert reported.count() == MissingEpisode.objects.count()
        for episode in MissingEpisode.objects.all():
            event = reported.get(subject_rows__subject_id=str(episode.pk))
            assert event.occurred_at == episode.created_at < NOW
            assert event.actor_username == "response"
        assert AuditEvent.objects.filter(event_type="missing.return_interview_recorded").exists()
        counts = AuditEvent.objects.get(event_type=SEEDED_EVENT).changes["counts"]
        assert counts["missing_episodes"] == MissingEpisode.objects.count()
        assert counts["philomena_profiles"] == PhilomenaProfile.objects.count()

    def test_the_plan_and_the_loaded_episodes_agree(self, seeded: None) -> None:
        plan = _plan("tiny", 1)
        loaded = {
            (e.child_id.hex, e.last_seen_at): e
            for e in MissingEpisode.objects.all()  # child_id is a UUID
        }
        assert len(loaded) == len(plan.episodes)
        for planned in plan.episodes:
            report: ReportStep = planned.report
            episode = loaded[(report.child_id, report.last_seen_at)]
            assert episode.status == planned.status
            kinds = {type(s) for s in planned.steps}
            assert (episode.found_at is not None) == (FoundStep in kinds)
            assert bool(episode.return_interview_outcome) == (ReturnInterviewStep in kinds)
            reviewed = RiskAssessment.objects.filter(
                subject_type=EPISODE, subject_id=str(episode.pk), reviewed_at__isnull=False
            )
            assert reviewed.count() == sum(isinstance(s, ReviewStep) for s in planned.steps)

    def test_loading_again_gives_the_same_references(self, db: Any) -> None:
        # given
        try:
            with transaction.atomic():
                _load()
                first = _loaded()
                raise _RolledBack
        except _RolledBack:
            pass
        assert not MissingEpisode.objects.exists()
        # when
        _load()
        # then
        assert _loaded() == first
        assert first["episodes"]
