"""The demo force's casework: concerns in every state, clocks that agree with them, voices."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

from safeguard.accounts.models import OrganisationKind, User
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.rules.references import is_reference
from safeguard.demo.generator import SIZES, ForceGenerator
from safeguard.demo.loader import clock_rules
from safeguard.demo.pathways import PathwayBatch
from safeguard.incidents.models import Involvement, Occurrence, VoiceOfChildRecord
from safeguard.incidents.rules.codes import InvolvementRole
from safeguard.incidents.rules.voice_of_child import (
    VoiceOfChild,
    is_child_involvement,
    voice_of_child_errors,
)
from safeguard.people.rules.age import age_on
from safeguard.referrals.models import ChildConcern, Referral
from safeguard.referrals.rules.codes import ConcernStatus, ReferralStatus, TriageDecision
from safeguard.referrals.services import (
    DECISION_CLOCK,
    DECISION_RULE,
    DECISION_RULE_SOURCE,
    DECISION_RULE_VERSION,
    TRIAGE_CLOCK,
)
from safeguard.risk.models import RiskAssessment

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
YEAR_AGO = NOW - dt.timedelta(days=365)


def _plan(seed: int) -> list[PathwayBatch]:
    generator = ForceGenerator(seed=seed, size=SIZES["tiny"], today=TODAY)
    generator.setting()
    for _ in generator.population():
        pass
    return list(generator.pathways(now=NOW, rules=clock_rules()))


@pytest.fixture
def seeded(db: Any) -> None:
    with use_clock(FixedClock(NOW)):
        call_command("seed_demo", size="tiny", seed=1, stdout=io.StringIO(), stderr=io.StringIO())


def _clock_for(subject_type: str, subject_id: Any, kind: str) -> StatutoryClock:
    return StatutoryClock.objects.get(subject_type=subject_type, subject_id=subject_id, kind=kind)


class TestCaseworkPlan:
    def test_the_same_seed_gives_the_same_casework(self) -> None:
        assert _plan(1) == _plan(1)

    def test_another_seed_gives_other_casework(self) -> None:
        first = [c.child_id for batch in _plan(1) for c in batch.concerns]
        second = [c.child_id for batch in _plan(2) for c in batch.concerns]
        assert first != second

    def test_every_instant_is_within_the_year_before_now(self) -> None:
        for batch in _plan(1):
            rows: list[Any] = [*batch.occurrences, *batch.concerns, *batch.referrals]
            for row in [*rows, *batch.clocks]:
                for name, value in dataclasses.asdict(row).items():
                    if not isinstance(value, dt.datetime) or name == "due_at":
                        continue  # a deadline may be still to come
                    assert YEAR_AGO <= value <= NOW, (name, row)
                    assert value.utcoffset() == dt.timedelta(0)


@pytest.mark.django_db
class TestSeededCasework:
    def test_has_concerns_in_every_state(self, seeded: None) -> None:
        statuses = set(ChildConcern.objects.values_list("status", flat=True))
        assert statuses == {s.value for s in ConcernStatus}
        waiting = ChildConcern.objects.filter(status=ConcernStatus.AWAITING_TRIAGE)
        assert waiting.exists()
        assert not waiting.exclude(owning_team__code="MASH").exists()
        assert not waiting.exclude(triaged_at=None, rag="", triage_decision="").exists()
        assert set(ChildConcern.objects.exclude(rag="").values_list("rag", flat=True)) == {
            "GREEN",
            "AMBER",
            "RED",
        }

    def test_referrals_reach_every_clock_outcome(self, seeded: None) -> None:
        # given
        clocks = StatutoryClock.objects.filter(kind=DECISION_CLOCK)
        # then
        assert set(Referral.objects.values_list("status", flat=True)) == {
            s.value for s in ReferralStatus
        }
        assert clocks.filter(outcome=ClockOutcome.MET).exists()
        assert clocks.filter(outcome=ClockOutcome.BREACHED).exists()
        assert clocks.filter(outcome=ClockOutcome.RUNNING, due_at__lt=NOW).exists()
        assert clocks.filter(outcome=ClockOutcome.RUNNING, due_at__gt=NOW).exists()

    def test_decision_clocks_agree_with_their_referrals(self, seeded: None) -> None:
        referrals = Referral.objects.select_related("concern", "recipient_organisation")
        assert referrals.count() >= 10
        for referral in referrals:
            clock = _clock_for("referrals.referral", referral.pk, DECISION_CLOCK)
            assert referral.concern.status == ConcernStatus.REFERRED
            assert referral.concern.triage_decision == TriageDecision.REFER_TO_SOCIAL_CARE
            assert referral.child_id == referral.concern.child_id
            assert referral.recipient_organisation.kind == OrganisationKind.CHILDRENS_SOCIAL_CARE
            assert (clock.rule, clock.rule_source, clock.rule_version) == (
                DECISION_RULE,
                DECISION_RULE_SOURCE,
                DECISION_RULE_VERSION,
            )
            assert clock.label == "Social care acknowledgement and decision"
            assert clock.started_at == referral.sent_at <= clock.due_at
            assert clock.partner_organisation_id == referral.recipient_organisation_id
            assert clock.owner_user_id == referral.sent_by_id
            assert clock.owner_team_id == referral.owning_team_id
            assert clock.stopped_at == referral.decided_at
            if referral.status == ReferralStatus.DECIDED:
                assert referral.decision
                assert referral.acknowledged_at is not None
                assert referral.decided_at is not None
                assert referral.sent_at < referral.acknowledged_at <= referral.decided_at
                assert clock.stopped_by_id == referral.decided_by_id
            self._assert_outcome(clock)

    def test_triage_clocks_agree_with_their_concerns(self, seeded: None) -> None:
        for concern in ChildConcern.objects.all():
            clock = _clock_for("referrals.childconcern", concern.pk, TRIAGE_CLOCK)
            assert clock.started_at == concern.created_at
            assert clock.stopped_at == concern.triaged_at
            assert clock.owner_team.code == "MASH"
            assert clock.owner_user_id == concern.allocated_to_id
            if concern.triaged_at is not None:
                assert concern.created_at < concern.triaged_at <= NOW
            self._assert_outcome(clock)

    @staticmethod
    def _assert_outcome(clock: StatutoryClock) -> None:
        if clock.stopped_at is None:
            assert clock.outcome == ClockOutcome.RUNNING
            assert clock.escalation_level == 0
        elif clock.stopped_at <= clock.due_at:
            assert clock.outcome == ClockOutcome.MET
            assert clock.breach_reason == ""
        else:
            assert clock.outcome == ClockOutcome.BREACHED
            assert clock.breach_reason

    def test_every_child_involvement_has_a_voice_record(self, seeded: None) -> None:
        # given
        involvements = Involvement.objects.select_related("person", "occurrence")
        voices = {v.involvement_id: v for v in VoiceOfChildRecord.objects.all()}
        children = 0
        # then
        for involvement in involvements:
            person = involvement.person
            age = age_on(
                on=involvement.occurrence.occurred_at.date(),
                date_of_birth=person.date_of_birth,
                estimated_age=person.estimated_age,
                estimated_on=person.estimated_on,
            )
            if not is_child_involvement(role=InvolvementRole(involvement.role), age=age):
                continue
            children += 1
            voice = voices[involvement.pk]
            fields = {f.name for f in dataclasses.fields(VoiceOfChild)}
            assert (
                voice_of_child_errors(VoiceOfChild(**{f: getattr(voice, f) for f in fields})) == {}
            )
        assert children == ChildConcern.objects.count()

    def test_voices_include_children_not_seen_with_a_reason(self, seeded: None) -> None:
        voices = VoiceOfChildRecord.objects.all()
        assert voices.filter(seen=True, spoken_to=True).exists()
        unseen = voices.filter(seen=False)
        assert unseen.exists()
        assert not unseen.filter(reason_not_seen_or_spoken_to="").exists()

    def test_every_concern_has_its_occurrence_and_child(self, seeded: None) -> None:
        for concern in ChildConcern.objects.select_related("occurrence"):
            occurrence = concern.occurrence
            assert occurrence.occurrence_type in {"CHILD_CONCERN", "DOMESTIC_ABUSE"}
            assert YEAR_AGO <= occurrence.occurred_at <= occurrence.created_at <= NOW
            assert occurrence.involvements.filter(
                person_id=concern.child_id,
                role__in=["VICTIM", "CHILD_PRESENT", "CHILD_IN_HOUSEHOLD"],
            ).exists()
            assert is_reference(concern.reference)
            assert concern.reference.startswith("CON-")
        assert Occurrence.objects.count() == SIZES["tiny"].pathway.occurrences

    def test_grades_come_from_risk_assessments_and_red_or_amber_is_referred(
        self, seeded: None
    ) -> None:
        for concern in ChildConcern.objects.exclude(status=ConcernStatus.AWAITING_TRIAGE):
            assert concern.risk_assessment_id is not None
            assessment = RiskAssessment.objects.get(pk=concern.risk_assessment_id)
            assert assessment.subject_type == "referrals.childconcern"
            assert assessment.subject_id == str(concern.pk)
            assert assessment.final_level == concern.rag
            assert assessment.assessed_by_id == concern.triaged_by_id
            assert assessment.answers["CONCERN_SUMMARY"] == concern.summary
            if concern.rag in ("RED", "AMBER"):
                assert concern.triage_decision == TriageDecision.REFER_TO_SOCIAL_CARE

    def test_generated_colleagues_carry_casework_but_cannot_sign_in(self, seeded: None) -> None:
        officer = User.objects.get(username="ppu01")
        assert not officer.has_usable_password()
        assert officer.team is not None
        assert officer.team.code == "PPU"
        assert StatutoryClock.objects.filter(owner_user=officer).exists()
