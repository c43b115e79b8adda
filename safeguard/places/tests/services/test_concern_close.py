"""Closing an actioned business concern (issue 10 item 3)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from safeguard.accounts.models import Team, User
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.places.models import BusinessConcern, Place
from safeguard.places.rules.codes import submitter_status
from safeguard.places.selectors import concerns_of_organisation
from safeguard.places.services import concern_submit, concern_triage
from safeguard.places.services.concerns import ConcernInvalid, concern_close
from safeguard.places.tests.support import NOW, concern_input

pytestmark = pytest.mark.django_db

ANSWERS = dict.fromkeys(
    ("THREAT", "HARM", "RISK", "INVESTIGATION", "VULNERABILITY", "ENGAGEMENT"), "MEDIUM"
)
REASON = "No further police action: hotel staff briefed"


@pytest.fixture
def concern(reporter_a: User, place_a: Place, mash_team: Team) -> BusinessConcern:
    return concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())


@pytest.fixture
def actioned(concern: BusinessConcern, researcher: User) -> BusinessConcern:
    with use_clock(FixedClock(NOW + dt.timedelta(minutes=10))):
        return concern_triage(
            actor=researcher,
            concern_id=concern.pk,
            answers=ANSWERS,
            action_taken="Patrol attended, nobody at risk found",
        )


class TestConcernClose:
    def test_an_actioned_concern_is_closed_and_the_closure_audited(
        self, actioned: BusinessConcern, researcher: User, reporter_a: User
    ) -> None:
        closed = concern_close(actor=researcher, concern_id=actioned.pk, reason=f"  {REASON} ")
        assert closed.status == "CLOSED"
        actioned.refresh_from_db()
        assert actioned.status == "CLOSED"
        assert actioned.triaged_at is not None  # the triage is kept
        assert (actioned.closed_by, actioned.closed_reason) == (researcher, REASON)
        assert actioned.closed_at is not None
        event = AuditEvent.objects.get(event_type="business_concern.closed")
        assert event.operation == "alteration"
        assert event.justification == REASON
        assert event.changes == {
            "status": "CLOSED",
            "previous_status": "ACTIONED",
            "reason": REASON,
        }
        assert event.subjects == [{"type": "places.businessconcern", "id": str(actioned.pk)}]
        # the business sees only the closed label
        [row] = concerns_of_organisation(actor=reporter_a)
        assert row.status_label == submitter_status("CLOSED") == "Closed"

    def test_a_concern_still_to_triage_cannot_be_closed(
        self, concern: BusinessConcern, researcher: User
    ) -> None:
        with pytest.raises(ConcernInvalid) as caught:
            concern_close(actor=researcher, concern_id=concern.pk, reason=REASON)
        assert "triage it first" in caught.value.errors["reason"][0]
        concern.refresh_from_db()
        assert concern.status == "RECEIVED"
        assert not AuditEvent.objects.filter(event_type="business_concern.closed").exists()

    def test_a_closed_concern_cannot_be_closed_again(
        self, actioned: BusinessConcern, researcher: User
    ) -> None:
        concern_close(actor=researcher, concern_id=actioned.pk, reason=REASON)
        with pytest.raises(ConcernInvalid) as caught:
            concern_close(actor=researcher, concern_id=actioned.pk, reason=REASON)
        assert caught.value.errors == {"reason": ["This concern is closed already."]}

    @pytest.mark.parametrize("reason", ["", "   ", "too short", "x" * 4001])
    def test_the_reason_is_required_and_bounded(
        self, actioned: BusinessConcern, researcher: User, reason: str
    ) -> None:
        with pytest.raises(ConcernInvalid) as caught:
            concern_close(actor=researcher, concern_id=actioned.pk, reason=reason)
        assert set(caught.value.errors) == {"reason"}
        actioned.refresh_from_db()
        assert actioned.status == "ACTIONED"

    def test_only_triagers_and_never_partners(
        self, actioned: BusinessConcern, officer: User, reporter_a: User
    ) -> None:
        with pytest.raises(CapabilityMissing):
            concern_close(actor=officer, concern_id=actioned.pk, reason=REASON)
        with pytest.raises(CapabilityMissing):
            concern_close(actor=reporter_a, concern_id=actioned.pk, reason=REASON)

    def test_an_unknown_concern_is_not_found(self, researcher: User) -> None:
        with pytest.raises(NotFoundOrForbidden):
            concern_close(actor=researcher, concern_id=uuid.uuid4(), reason=REASON)
