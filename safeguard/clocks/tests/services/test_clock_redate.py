"""Moving a running clock's deadline when the decision that set it changes (a re-grading)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.services import ClockInvalid, ClockNotRunning, clock_redate, clock_stop
from safeguard.clocks.tests.factories import DUE_AT, RECEIVED_AT, a_subject, start_clock, subject_of
from safeguard.core.clock import FixedClock, use_clock

pytestmark = pytest.mark.django_db


def test_the_deadline_moves_the_start_stays_and_both_deadlines_are_audited(make_user, team) -> None:
    officer = make_user(Role.INVESTIGATOR)
    running = start_clock(owner_team=team)
    later = DUE_AT + dt.timedelta(days=3)
    moved = clock_redate(
        actor=officer,
        subject=subject_of(running),
        kind=running.kind,
        due_at=later,
        label="Decision (re-graded)",
        reason="Re-graded from high to medium",
        urgent=False,
    )
    assert (moved.pk, moved.started_at, moved.due_at, moved.label) == (
        running.pk,
        RECEIVED_AT,
        later,
        "Decision (re-graded)",
    )
    event = AuditEvent.objects.get(event_type="clock.redated")
    assert event.justification == "Re-graded from high to medium"
    assert event.changes["due_at"] == [DUE_AT.isoformat(), later.isoformat()]


def test_refusals(make_user, team) -> None:
    officer = make_user(Role.INVESTIGATOR)
    running = start_clock(owner_team=team)
    subject = subject_of(running)
    with pytest.raises(ClockInvalid, match="why"):
        clock_redate(
            actor=officer,
            subject=subject,
            kind=running.kind,
            due_at=DUE_AT,
            label="x",
            reason=" ",
            urgent=True,
        )
    with pytest.raises(ClockInvalid, match="before it starts"):
        clock_redate(
            actor=officer,
            subject=subject,
            kind=running.kind,
            due_at=RECEIVED_AT - dt.timedelta(hours=1),
            label="x",
            reason="Re-graded",
            urgent=True,
        )
    with pytest.raises(ClockNotRunning):
        clock_redate(
            actor=officer,
            subject=a_subject(),
            kind=running.kind,
            due_at=DUE_AT,
            label="x",
            reason="Re-graded",
            urgent=True,
        )
    with use_clock(FixedClock(DUE_AT)):
        clock_stop(actor=officer, subject=subject, kind=running.kind, stopped_at=DUE_AT)
    with pytest.raises(ClockNotRunning):
        clock_redate(
            actor=officer,
            subject=subject,
            kind=running.kind,
            due_at=DUE_AT,
            label="x",
            reason="Re-graded",
            urgent=True,
        )
