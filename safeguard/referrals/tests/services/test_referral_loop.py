from __future__ import annotations

import datetime as dt
import uuid

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.incidents.services import OccurrenceInvalid
from safeguard.people.tests.factories import make_person
from safeguard.referrals.models import ChildConcern
from safeguard.referrals.rules.codes import ReferralStatus
from safeguard.referrals.rules.workflow import can_move
from safeguard.referrals.selectors import referral_list, triage_queue
from safeguard.referrals.services import (
    ConcernDetails,
    ReferralDetails,
    ReferralInvalid,
    concern_record,
    concern_triage,
    referral_acknowledge,
    referral_decide,
    referral_send,
)
from safeguard.referrals.tests.factories import AMBER, a_concern, a_referral, social_care

pytestmark = pytest.mark.django_db
# Friday 27 November 2026, 16:00 GMT: the decision is due by the end of Monday 30 November.
FRIDAY = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def people(make_user, team):
    csc = social_care()
    return {
        "officer": make_user(Role.RESPONSE_OFFICER),
        "researcher": make_user(Role.MASH_RESEARCHER),
        "csc": csc,
        "social_worker": make_user(Role.SOCIAL_CARE_USER, organisation=csc),
    }


class TestWorkflowRule:
    @pytest.mark.parametrize(
        ("current", "to", "allowed"),
        [
            (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, True),
            (ReferralStatus.SENT, ReferralStatus.DECIDED, True),
            (ReferralStatus.ACKNOWLEDGED, ReferralStatus.DECIDED, True),
            (ReferralStatus.ACKNOWLEDGED, ReferralStatus.ACKNOWLEDGED, False),
            (ReferralStatus.DECIDED, ReferralStatus.ACKNOWLEDGED, False),
            (ReferralStatus.DECIDED, ReferralStatus.DECIDED, False),
        ],
    )
    def test_transitions(self, current, to, allowed) -> None:
        assert can_move(current=current, to=to) is allowed


class TestClosedLoop:
    def test_concern_triage_referral_acknowledgement_and_decision_meet_the_clock(
        self, people
    ) -> None:
        with use_clock(FixedClock(FRIDAY)):
            concern = a_concern(people["officer"], at=FRIDAY)
            assert [c.pk for c in triage_queue(actor=people["researcher"])] == [concern.pk]
            concern_triage(
                actor=people["researcher"],
                concern_id=concern.pk,
                research_notes="",
                answers=AMBER,
                decision="REFER_TO_SOCIAL_CARE",
                rationale="Injury needs assessment",
            )
            referral = referral_send(
                actor=people["researcher"],
                concern_id=concern.pk,
                details=ReferralDetails(
                    recipient_organisation_id=people["csc"].pk,
                    method="PORTAL",
                    reason="Unexplained bruising",
                ),
            )
        running = StatutoryClock.objects.get(subject_id=referral.pk)
        assert running.due_at == dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)  # end of Monday, GMT
        assert running.rule_version == "wt2023-v1"
        sent = AuditEvent.objects.get(event_type="referral.sent")
        assert sent.operation == "disclosure"
        assert people["csc"].name in sent.recipients
        with use_clock(FixedClock(dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC))):
            referral_acknowledge(actor=people["social_worker"], referral_id=referral.pk)
            referral_decide(
                actor=people["social_worker"],
                referral_id=referral.pk,
                decision="SECTION_47_ENQUIRIES",
                note="Strategy discussion today",
            )
        running.refresh_from_db()
        assert running.outcome == "MET"

    def test_a_late_decision_needs_a_reason_and_is_a_breach(self, people) -> None:
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(people["officer"], people["researcher"], people["csc"], at=FRIDAY)
        late = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
        with use_clock(FixedClock(late)):
            with pytest.raises(ReferralInvalid) as raised:
                referral_decide(
                    actor=people["social_worker"],
                    referral_id=referral.pk,
                    decision="EARLY_HELP",
                    note="",
                )
            assert "delay_reason" in raised.value.errors
            referral.refresh_from_db()
            assert referral.status == "SENT"  # nothing half-written
            referral_decide(
                actor=people["social_worker"],
                referral_id=referral.pk,
                decision="EARLY_HELP",
                note="",
                delay_reason="Duty team short-staffed",
            )
        assert StatutoryClock.objects.get(subject_id=referral.pk).outcome == "BREACHED"

    def test_deciding_twice_is_refused(self, people) -> None:
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(people["officer"], people["researcher"], people["csc"], at=FRIDAY)
            referral_decide(
                actor=people["social_worker"],
                referral_id=referral.pk,
                decision="NO_FURTHER_ACTION",
                note="",
            )
            with pytest.raises(ReferralInvalid):
                referral_decide(
                    actor=people["social_worker"],
                    referral_id=referral.pk,
                    decision="EARLY_HELP",
                    note="",
                )
            with pytest.raises(ReferralInvalid):
                referral_acknowledge(actor=people["social_worker"], referral_id=referral.pk)


class TestPartnerScope:
    def test_social_care_sees_only_its_own_referrals_and_hotels_none(
        self, people, make_user
    ) -> None:
        other = social_care("Another Fictional Council")
        other_worker = make_user(Role.SOCIAL_CARE_USER, organisation=other)
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(people["officer"], people["researcher"], people["csc"], at=FRIDAY)
            assert [r.pk for r in referral_list(actor=people["social_worker"])] == [referral.pk]
            assert referral_list(actor=other_worker) == []
            with pytest.raises(NotFoundOrForbidden):
                referral_decide(
                    actor=other_worker, referral_id=referral.pk, decision="EARLY_HELP", note=""
                )
            with pytest.raises(CapabilityMissing):
                referral_list(actor=make_user(Role.HOTEL_REPORTER))


class TestBadInput:
    def test_a_concern_needs_a_child_the_officer_can_see_and_their_voice(self, people) -> None:
        with use_clock(FixedClock(FRIDAY)), pytest.raises((OccurrenceInvalid, NotFoundOrForbidden)):
            concern_record(
                actor=people["officer"],
                details=ConcernDetails(
                    child_id=uuid.uuid4(), occurred_at=FRIDAY, location="x", summary="y", voice=None
                ),
            )
        child = make_person(date_of_birth=dt.date(2015, 1, 1))
        with use_clock(FixedClock(FRIDAY)), pytest.raises(OccurrenceInvalid) as raised:
            concern_record(
                actor=people["officer"],
                details=ConcernDetails(
                    child_id=child.pk, occurred_at=FRIDAY, location="x", summary="y", voice=None
                ),
            )
        assert "involvements.0.voice_of_child" in raised.value.errors
        assert not ChildConcern.objects.exists()

    def test_a_repeated_submission_records_one_concern(self, people) -> None:
        with use_clock(FixedClock(FRIDAY)):
            first = a_concern(people["officer"], at=FRIDAY, key="form-123")
            second = concern_record(
                actor=people["officer"],
                details=ConcernDetails(
                    child_id=first.child_id,
                    occurred_at=FRIDAY,
                    location="x",
                    summary="again",
                    voice=None,
                ),
                idempotency_key="form-123",
            )
        assert first.pk == second.pk
        assert ChildConcern.objects.count() == 1

    def test_unknown_rag_and_referral_before_triage_are_field_errors(self, people) -> None:
        with use_clock(FixedClock(FRIDAY)):
            concern = a_concern(people["officer"], at=FRIDAY)
            with pytest.raises(ReferralInvalid) as rag:
                concern_triage(
                    actor=people["researcher"],
                    concern_id=concern.pk,
                    research_notes="",
                    answers={**AMBER, "NEGLECT_SIGNS": "PURPLE"},
                    decision="REFER_TO_SOCIAL_CARE",
                    rationale="x" * 20,
                )
            assert set(rag.value.errors) == {"answers.NEGLECT_SIGNS"}
            with pytest.raises(ReferralInvalid) as early:
                referral_send(
                    actor=people["researcher"],
                    concern_id=concern.pk,
                    details=ReferralDetails(
                        recipient_organisation_id=uuid.uuid4(), method="CARRIER_PIGEON", reason=""
                    ),
                )
            assert set(early.value.errors) == {
                "recipient_organisation_id",
                "method",
                "reason",
                "concern",
            }


class TestEscalationRule:
    def test_a_first_green_may_close_but_the_third_green_in_three_months_must_be_referred(
        self, people
    ) -> None:
        from safeguard.referrals.tests.factories import GREEN, VOICE

        researcher = people["researcher"]
        child = make_person(date_of_birth=dt.date(2016, 1, 1))

        def green_concern(on: dt.datetime) -> ChildConcern:
            return concern_record(
                actor=people["officer"],
                details=ConcernDetails(
                    child_id=child.pk,
                    occurred_at=on - dt.timedelta(hours=1),
                    location="Home",
                    summary="Low-level worry",
                    voice=VOICE,
                ),
            )

        for day in (
            dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC),
            dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC),
        ):
            with use_clock(FixedClock(day)):
                first = green_concern(day)
                closed = concern_triage(
                    actor=researcher,
                    concern_id=first.pk,
                    research_notes="",
                    answers=GREEN,
                    decision="NO_FURTHER_ACTION",
                    rationale="Advice given, no further concern",
                )
                assert (closed.rag, closed.status) == ("GREEN", "CLOSED")
        third_day = dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC)
        with use_clock(FixedClock(third_day)):
            third = green_concern(third_day)
            with pytest.raises(ReferralInvalid) as raised:
                concern_triage(
                    actor=researcher,
                    concern_id=third.pk,
                    research_notes="",
                    answers=GREEN,
                    decision="NO_FURTHER_ACTION",
                    rationale="Advice given, no further concern",
                )
            assert "must be referred" in raised.value.errors["decision"][0]
            referred = concern_triage(
                actor=researcher,
                concern_id=third.pk,
                research_notes="",
                answers=GREEN,
                decision="REFER_TO_SOCIAL_CARE",
                rationale="Third green in three months",
            )
        assert referred.risk_assessment_id is not None

    def test_lowering_the_computed_level_needs_a_rationale(self, people) -> None:
        with use_clock(FixedClock(FRIDAY)):
            concern = a_concern(people["officer"], at=FRIDAY)
            with pytest.raises(ReferralInvalid) as raised:
                concern_triage(
                    actor=people["researcher"],
                    concern_id=concern.pk,
                    research_notes="",
                    answers=AMBER,
                    officer_level="GREEN",
                    decision="REFER_TO_SOCIAL_CARE",
                    rationale="Refer anyway",
                )
        assert "level_rationale" in raised.value.errors


class TestTriageClockAndAllocation:
    def test_a_concern_starts_a_triage_clock_that_allocation_moves_and_triage_stops(
        self, people, make_user
    ) -> None:
        from safeguard.accounts.models import Team
        from safeguard.referrals.services import TRIAGE_CLOCK, concern_allocate

        mash_team = Team.objects.create(name="Fictional MASH", code="MASH")
        researcher = make_user(Role.MASH_RESEARCHER, user_team=mash_team)
        supervisor = make_user(Role.SUPERVISOR, user_team=mash_team)
        with use_clock(FixedClock(FRIDAY)):
            concern = a_concern(people["officer"], at=FRIDAY)
        triage = StatutoryClock.objects.get(subject_id=concern.pk, kind=TRIAGE_CLOCK)
        assert (triage.owner_team_id, triage.due_at) == (
            mash_team.pk,
            FRIDAY + dt.timedelta(hours=24),
        )
        with pytest.raises(ReferralInvalid):
            concern_allocate(
                actor=supervisor, concern_id=concern.pk, officer_id=people["officer"].pk
            )
        concern_allocate(actor=supervisor, concern_id=concern.pk, officer_id=researcher.pk)
        triage.refresh_from_db()
        assert triage.owner_user_id == researcher.pk
        late = FRIDAY + dt.timedelta(hours=30)
        with use_clock(FixedClock(late)):
            with pytest.raises(ReferralInvalid) as raised:
                concern_triage(
                    actor=researcher,
                    concern_id=concern.pk,
                    research_notes="",
                    answers=AMBER,
                    decision="REFER_TO_SOCIAL_CARE",
                    rationale="Neglect indicators",
                )
            assert "delay_reason" in raised.value.errors
            concern_triage(
                actor=researcher,
                concern_id=concern.pk,
                research_notes="",
                answers=AMBER,
                decision="REFER_TO_SOCIAL_CARE",
                rationale="Neglect indicators",
                delay_reason="Weekend surge in the queue",
            )
        triage.refresh_from_db()
        assert triage.outcome == "BREACHED"
        with pytest.raises(CapabilityMissing):
            concern_allocate(
                actor=people["researcher"], concern_id=concern.pk, officer_id=researcher.pk
            )
