"""Reading online referrals: the whole referral as one audited consultation, the queue
due-first, and the indicators from live rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import User
from safeguard.audit.models import AuditEvent, AuditSubject
from safeguard.core.clock import FixedClock, use_clock
from safeguard.online_abuse.rules.codes import ChildDecision, Stage
from safeguard.online_abuse.selectors import online_indicators_for, referral_get, referral_queue
from safeguard.online_abuse.services import (
    child_decide,
    referral_advance,
    referral_grade,
    referral_receive,
)
from safeguard.online_abuse.tests.support import RECEIVED, household, package
from safeguard.risk.rules.kirat import KIRAT_V2

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def answers(*yes: str) -> dict[str, str]:
    return {q.code: ("YES" if q.code in yes else "NO") for q in KIRAT_V2.questions}


@pytest.fixture
def investigator(make_user: Callable[..., User]) -> User:
    return make_user(Role.INVESTIGATOR)


def test_reading_a_referral_names_the_suspect_and_children(investigator: User) -> None:
    suspect, children, _ = household()
    with use_clock(FixedClock(RECEIVED + HOUR)):
        referral = referral_receive(actor=investigator, data=package())
        record = referral_get(actor=investigator, referral_id=referral.pk, purpose="Investigation")
    assert [c.child for c in record.children] == children  # oldest first
    event = AuditEvent.objects.get(event_type="online_referral.consulted")
    named = set(AuditSubject.objects.filter(event=event).values_list("subject_id", flat=True))
    assert named == {str(referral.pk), str(suspect.pk), *(str(c.pk) for c in children)}
    assert event.justification == "Investigation"


def test_the_queue_is_due_first(investigator: User) -> None:
    with use_clock(FixedClock(RECEIVED + HOUR)):
        low = referral_receive(actor=investigator, data=package(reference="A"))
        high = referral_receive(actor=investigator, data=package(reference="B"))
        referral_grade(actor=investigator, referral_id=low.pk, answers=answers())
        referral_grade(actor=investigator, referral_id=high.pk, answers=answers("GROOMING"))
        rows = referral_queue(actor=investigator)
    assert [r.referral for r in rows] == [high, low]


def test_the_indicators_from_live_rows(investigator: User, make_user: Callable[..., User]) -> None:
    household()
    lead = make_user(Role.SUPERVISOR)
    with use_clock(FixedClock(RECEIVED + HOUR)):
        acted = referral_receive(actor=investigator, data=package())
        late = referral_receive(actor=investigator, data=package(reference="NCA-LATE"))
        for referral in (acted, late):
            referral_grade(
                actor=investigator,
                referral_id=referral.pk,
                answers=answers("CHILDREN_IN_HOUSEHOLD"),
            )
        for row in acted.children.all():
            child_decide(
                actor=investigator,
                child_row_id=row.pk,
                decision=ChildDecision.REFER,
                reason="Lives with the suspect; refer now",
            )
    with use_clock(FixedClock(RECEIVED + dt.timedelta(days=2))):
        referral_advance(actor=investigator, referral_id=acted.pk, stage=Stage.ENFORCEMENT)
        referral_advance(actor=investigator, referral_id=acted.pk, stage=Stage.SAFEGUARDING_VISIT)
    with use_clock(FixedClock(RECEIVED + dt.timedelta(days=8))):
        result = online_indicators_for(actor=lead, since=RECEIVED - HOUR)
    high = result.acted_on_in_time["HIGH"]
    assert (high.numerator, high.denominator) == (1, 2)  # one met, one overdue now
    assert result.median_hours_to_visit == 48.0
    assert result.children_identified == 4
    assert (result.children_referred.numerator, result.children_referred.denominator) == (2, 4)
