"""Working an online referral: KIRAT grading and re-grading, stages and their clocks, and
the decision for each child around the suspect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import User
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.selectors import clock_list_breached
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.online_abuse.rules.codes import ChildDecision, Stage
from safeguard.online_abuse.services import (
    CaseworkRefused,
    child_decide,
    referral_advance,
    referral_grade,
    referral_receive,
)
from safeguard.online_abuse.tests.support import RECEIVED, household, package
from safeguard.referrals.models import ChildConcern
from safeguard.risk.rules.kirat import KIRAT_V2

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def answers(*yes: str) -> dict[str, str]:
    return {q.code: ("YES" if q.code in yes else "NO") for q in KIRAT_V2.questions}


@pytest.fixture
def investigator(make_user: Callable[..., User]) -> User:
    return make_user(Role.INVESTIGATOR)


def _received(actor: User):
    household()
    with use_clock(FixedClock(RECEIVED + HOUR)):
        return referral_receive(actor=actor, data=package())


def _action() -> StatutoryClock:
    return StatutoryClock.objects.get(kind="online.action")


def test_grading_high_gives_seven_days_from_receipt(investigator: User) -> None:
    referral = _received(investigator)
    with use_clock(FixedClock(RECEIVED + 3 * HOUR)):
        assessment = referral_grade(
            actor=investigator, referral_id=referral.pk, answers=answers("CHILDREN_IN_HOUSEHOLD")
        )
    referral.refresh_from_db()
    assert assessment.final_level == referral.kirat_level == "HIGH"
    assert _action().due_at == RECEIVED + dt.timedelta(days=7)
    assert referral.events.last().note == "Graded high"


def test_regrading_needs_a_reason_and_moves_the_deadline(investigator: User) -> None:
    referral = _received(investigator)
    with use_clock(FixedClock(RECEIVED + 3 * HOUR)):
        referral_grade(
            actor=investigator, referral_id=referral.pk, answers=answers("OTHER_CONVICTIONS")
        )
        assert _action().due_at == RECEIVED + dt.timedelta(days=14)  # medium
        with pytest.raises(CaseworkRefused, match="why the grade changes"):
            referral_grade(
                actor=investigator,
                referral_id=referral.pk,
                answers=answers("OTHER_CONVICTIONS", "GROOMING", "CHILDREN_IN_HOUSEHOLD"),
            )
        referral_grade(
            actor=investigator,
            referral_id=referral.pk,
            answers=answers("OTHER_CONVICTIONS", "GROOMING", "CHILDREN_IN_HOUSEHOLD"),
            rationale="Research found grooming chats with a child",
        )
    assert _action().due_at == RECEIVED + dt.timedelta(hours=24)
    redated = AuditEvent.objects.filter(event_type="clock.redated").last()
    assert redated is not None
    assert "Re-graded from medium to very high" in redated.justification


def test_a_breach_shows_when_the_high_clock_passes_untouched(
    investigator: User, make_user: Callable[..., User]
) -> None:
    supervisor = make_user(Role.SUPERVISOR)
    referral = _received(investigator)
    with use_clock(FixedClock(RECEIVED + 3 * HOUR)):
        referral_grade(
            actor=investigator, referral_id=referral.pk, answers=answers("CHILDREN_IN_HOUSEHOLD")
        )
    with use_clock(FixedClock(RECEIVED + dt.timedelta(days=7) - HOUR)):
        assert clock_list_breached(actor=supervisor) == []
    with use_clock(FixedClock(RECEIVED + dt.timedelta(days=7, minutes=1))):
        breached = clock_list_breached(actor=supervisor)
    assert [c.clock.kind for c in breached] == ["online.action"]


def test_stages_go_forward_and_enforcement_stops_the_action_clock(investigator: User) -> None:
    referral = _received(investigator)
    with use_clock(FixedClock(RECEIVED + 3 * HOUR)):
        referral_grade(
            actor=investigator, referral_id=referral.pk, answers=answers("CHILDREN_IN_HOUSEHOLD")
        )
        with pytest.raises(CaseworkRefused, match="partner referral"):
            referral_advance(actor=investigator, referral_id=referral.pk, stage=Stage.ENFORCEMENT)
        for row in referral.children.all():
            child_decide(
                actor=investigator,
                child_row_id=row.pk,
                decision=ChildDecision.REFER,
                reason="Lives with the suspect; refer for a strategy discussion",
            )
        referral_advance(actor=investigator, referral_id=referral.pk, stage=Stage.RESEARCH)
        with pytest.raises(CaseworkRefused, match="forward"):
            referral_advance(actor=investigator, referral_id=referral.pk, stage=Stage.RECEIVED)
    with use_clock(FixedClock(RECEIVED + dt.timedelta(days=2))):
        referral_advance(actor=investigator, referral_id=referral.pk, stage=Stage.ENFORCEMENT)
    action = _action()
    assert action.outcome == "MET"
    assert action.stopped_at == RECEIVED + dt.timedelta(days=2)


def test_late_enforcement_needs_the_reason(investigator: User) -> None:
    referral = _received(investigator)
    with use_clock(FixedClock(RECEIVED + 3 * HOUR)):
        referral_grade(
            actor=investigator, referral_id=referral.pk, answers=answers("CHILDREN_IN_HOUSEHOLD")
        )
        for row in referral.children.all():
            child_decide(
                actor=investigator,
                child_row_id=row.pk,
                decision=ChildDecision.REFER,
                reason="Lives with the suspect; refer now",
            )
    with use_clock(FixedClock(RECEIVED + dt.timedelta(days=9))):
        with pytest.raises(CaseworkRefused, match="Record why"):
            referral_advance(actor=investigator, referral_id=referral.pk, stage=Stage.ENFORCEMENT)
        referral_advance(
            actor=investigator,
            referral_id=referral.pk,
            stage=Stage.ENFORCEMENT,
            note="Warrant delayed by the magistrates' court rota",
        )
    assert _action().outcome == "BREACHED"


def test_refer_records_a_concern_for_the_child(investigator: User) -> None:
    referral = _received(investigator)
    row = referral.children.first()
    with use_clock(FixedClock(RECEIVED + 3 * HOUR)):
        decided = child_decide(
            actor=investigator,
            child_row_id=row.pk,
            decision=ChildDecision.REFER,
            reason="Lives with the suspect; refer for a strategy discussion",
        )
        with pytest.raises(CaseworkRefused, match="already recorded"):
            child_decide(
                actor=investigator,
                child_row_id=row.pk,
                decision=ChildDecision.NO_FURTHER_ACTION,
                reason="A second decision is not allowed",
            )
    assert decided.concern is not None
    assert ChildConcern.objects.filter(pk=decided.concern.pk, child=row.child).exists()
    event = AuditEvent.objects.get(event_type="online_referral.child_decided")
    assert event.justification.startswith("Lives with the suspect")


@pytest.mark.parametrize(
    ("when", "stage", "note", "field"),
    [
        (dt.timedelta(days=-1), Stage.RESEARCH, "", "occurred_at"),
        (dt.timedelta(hours=2), Stage.CLOSED, "", "note"),
    ],
)
def test_bad_steps_are_refused_with_the_field(
    investigator: User, when: dt.timedelta, stage: Stage, note: str, field: str
) -> None:
    referral = _received(investigator)
    with use_clock(FixedClock(RECEIVED + 3 * HOUR)), pytest.raises(CaseworkRefused) as caught:
        referral_advance(
            actor=investigator,
            referral_id=referral.pk,
            stage=stage,
            occurred_at=RECEIVED + when,
            note=note,
        )
    assert field in caught.value.errors


def test_a_partner_cannot_see_the_referral(
    investigator: User, make_user: Callable[..., User]
) -> None:
    referral = _received(investigator)
    with pytest.raises((NotFoundOrForbidden, CapabilityMissing)):
        referral_advance(
            actor=make_user(Role.SOCIAL_CARE_USER), referral_id=referral.pk, stage=Stage.RESEARCH
        )
