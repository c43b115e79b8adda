from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.models import ReviewOutcome
from safeguard.access.rules.capabilities import Role
from safeguard.access.services import (
    GrantAlreadyReviewed,
    ReasonTooShort,
    break_glass_open,
    break_glass_review,
)
from safeguard.audit.models import AuditEvent
from safeguard.audit.services import Subject
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, DomainError
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db
REASON = "Child reported missing tonight, need family history now"


class TestBreakGlassOpen:
    def test_grants_for_the_configured_minutes_and_audits_its_own_event(
        self, make_user, other_team
    ) -> None:
        person = make_person(owning_team=other_team, is_restricted=True)
        user = make_user(Role.MASH_RESEARCHER)
        at = dt.datetime(2026, 11, 29, 3, 10, tzinfo=dt.UTC)
        with use_clock(FixedClock(at)):
            grant = break_glass_open(
                actor=user, subject=Subject("people.person", str(person.pk)), reason=REASON
            )
        assert grant.expires_at == at + dt.timedelta(minutes=60)
        event = AuditEvent.objects.get(event_type="access.break_glass_opened")
        assert event.justification == REASON
        assert event.subjects == [{"type": "people.person", "id": str(person.pk)}]
        assert event.actor_username == user.username

    def test_refuses_a_short_reason(self, make_user) -> None:
        user = make_user(Role.MASH_RESEARCHER)
        with pytest.raises(ReasonTooShort):
            break_glass_open(
                actor=user,
                subject=Subject("people.person", str(make_person().pk)),
                reason="need it",
            )

    def test_refuses_roles_without_the_capability(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        with pytest.raises(CapabilityMissing):
            break_glass_open(
                actor=user, subject=Subject("people.person", str(make_person().pk)), reason=REASON
            )


class TestBreakGlassReview:
    def test_records_the_outcome_once(self, make_user) -> None:
        user = make_user(Role.MASH_RESEARCHER)
        supervisor = make_user(Role.SUPERVISOR)
        grant = break_glass_open(
            actor=user, subject=Subject("people.person", str(make_person().pk)), reason=REASON
        )
        reviewed = break_glass_review(
            actor=supervisor, grant=grant, outcome=ReviewOutcome.JUSTIFIED, note="ok"
        )
        assert reviewed.review_outcome == "JUSTIFIED"
        assert AuditEvent.objects.filter(event_type="access.break_glass_reviewed").count() == 1
        with pytest.raises(GrantAlreadyReviewed):
            break_glass_review(
                actor=supervisor, grant=grant, outcome=ReviewOutcome.NOT_JUSTIFIED, note=""
            )

    def test_nobody_reviews_their_own_access(self, make_user) -> None:
        supervisor = make_user(Role.SUPERVISOR)
        grant = break_glass_open(
            actor=supervisor, subject=Subject("people.person", str(make_person().pk)), reason=REASON
        )
        with pytest.raises(DomainError, match="own"):
            break_glass_review(
                actor=supervisor, grant=grant, outcome=ReviewOutcome.JUSTIFIED, note=""
            )
