from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.clocks.services import (
    BreachReasonRequired,
    ClockAlreadyRunning,
    ClockInvalid,
    ClockNotRunning,
    clock_stop,
)
from safeguard.clocks.tests.factories import (
    DUE_AT,
    RECEIVED_AT,
    RULE,
    RULE_SOURCE,
    RULE_VERSION,
    a_subject,
    start_clock,
    subject_of,
)
from safeguard.core.clock import FixedClock, use_clock

pytestmark = pytest.mark.django_db
LATE = DUE_AT + dt.timedelta(hours=3)


class TestClockStart:
    def test_stores_the_deadline_with_the_rule_that_set_it(self, team) -> None:
        started = start_clock(owner_team=team, urgent=True)

        stored = StatutoryClock.objects.get(pk=started.pk)
        # Received Friday 17:00: one working day runs to the end of Monday 9 March.
        assert stored.due_at == dt.datetime(2026, 3, 10, 0, 0, tzinfo=dt.UTC)
        assert (stored.rule, stored.rule_source, stored.rule_version) == (
            RULE,
            RULE_SOURCE,
            RULE_VERSION,
        )
        assert stored.outcome == ClockOutcome.RUNNING
        assert stored.escalation_level == 0
        assert stored.urgent is True
        assert stored.owner_team == team

    def test_refuses_a_second_running_clock_of_the_same_kind(self, team) -> None:
        subject = a_subject()
        start_clock(owner_team=team, subject=subject)

        with pytest.raises(ClockAlreadyRunning):
            start_clock(owner_team=team, subject=subject)

    def test_runs_clocks_of_other_kinds_and_restarts_after_a_stop(self, team) -> None:
        subject = a_subject()
        start_clock(owner_team=team, subject=subject)
        start_clock(owner_team=team, subject=subject, kind="referral.acknowledgement")
        with use_clock(FixedClock(DUE_AT)):
            clock_stop(actor=None, subject=subject, kind="referral.decision", stopped_at=DUE_AT)

        again = start_clock(owner_team=team, subject=subject, started_at=DUE_AT, due_at=LATE)

        assert StatutoryClock.objects.filter(pk=again.pk, stopped_at__isnull=True).exists()

    def test_reports_a_lost_race_as_already_running_and_keeps_the_transaction_usable(
        self, team, monkeypatch
    ) -> None:
        # given: the friendly check misses a clock started a moment ago by someone else
        subject = a_subject()
        start_clock(owner_team=team, subject=subject)
        monkeypatch.setattr(QuerySet, "exists", lambda self: False)

        # when / then: the database's unique constraint catches it
        with pytest.raises(ClockAlreadyRunning):
            start_clock(owner_team=team, subject=subject)
        monkeypatch.undo()
        assert StatutoryClock.objects.filter(subject_id=subject.id).count() == 1

    @pytest.mark.parametrize(
        "overrides",
        [
            pytest.param({"due_at": RECEIVED_AT - dt.timedelta(seconds=1)}, id="due-before-start"),
            pytest.param({"due_at": DUE_AT.replace(tzinfo=None)}, id="naive-due"),
            pytest.param({"started_at": RECEIVED_AT.replace(tzinfo=None)}, id="naive-start"),
            pytest.param({"kind": "decision"}, id="kind-not-dotted"),
            pytest.param({"kind": "Referral.Decision"}, id="kind-not-lower-case"),
            pytest.param({"rule_version": " "}, id="no-rule-version"),
            pytest.param({"rule_source": ""}, id="no-rule-source"),
            pytest.param({"label": ""}, id="no-label"),
        ],
    )
    def test_refuses_a_clock_that_cannot_be_judged(self, team, overrides) -> None:
        with pytest.raises(ClockInvalid):
            start_clock(owner_team=team, **overrides)

    def test_the_database_refuses_a_second_running_clock(self, team) -> None:
        started = start_clock(owner_team=team)

        with pytest.raises(IntegrityError), transaction.atomic():
            StatutoryClock.objects.create(
                subject_type=started.subject_type,
                subject_id=started.subject_id,
                kind=started.kind,
                label="Duplicate",
                started_at=RECEIVED_AT,
                due_at=DUE_AT,
                rule=RULE,
                rule_source=RULE_SOURCE,
                rule_version=RULE_VERSION,
                owner_team=team,
            )


class TestClockStop:
    def test_meets_the_clock_on_time_and_audits_the_stop(self, make_user, team) -> None:
        officer = make_user(Role.MASH_RESEARCHER)
        started = start_clock(owner_team=team)
        stopped_at = DUE_AT - dt.timedelta(hours=5)

        with use_clock(FixedClock(stopped_at)):
            stopped = clock_stop(
                actor=officer,
                subject=subject_of(started),
                kind="referral.decision",
                stopped_at=stopped_at,
                breach_reason="not needed",
            )

        assert stopped.outcome == ClockOutcome.MET
        assert stopped.stopped_at == stopped_at
        assert stopped.stopped_by == officer
        assert stopped.breach_reason == ""
        event = AuditEvent.objects.get(event_type="clock.stopped")
        assert event.operation == "alteration"
        assert event.actor_username == officer.username
        assert event.subjects == [
            {"type": "referrals.referral", "id": str(started.subject_id)},
            {"type": "clocks.statutoryclock", "id": str(started.pk)},
        ]
        assert event.changes["outcome"] == "MET"
        assert event.changes["rule_version"] == RULE_VERSION

    def test_meets_the_clock_stopped_exactly_at_the_deadline(self, team) -> None:
        started = start_clock(owner_team=team)

        with use_clock(FixedClock(DUE_AT)):
            stopped = clock_stop(
                actor=None, subject=subject_of(started), kind=started.kind, stopped_at=DUE_AT
            )

        assert stopped.outcome == ClockOutcome.MET

    def test_requires_a_reason_for_a_late_stop_and_changes_nothing_without_one(self, team) -> None:
        started = start_clock(owner_team=team)

        with use_clock(FixedClock(LATE)), pytest.raises(BreachReasonRequired):
            clock_stop(
                actor=None,
                subject=subject_of(started),
                kind=started.kind,
                stopped_at=DUE_AT + dt.timedelta(microseconds=1),
                breach_reason="   ",
            )

        started.refresh_from_db()
        assert started.stopped_at is None
        assert not AuditEvent.objects.filter(event_type="clock.stopped").exists()

    def test_records_a_breach_with_its_reason(self, make_user, team) -> None:
        officer = make_user(Role.MASH_RESEARCHER)
        started = start_clock(owner_team=team)

        with use_clock(FixedClock(LATE)):
            stopped = clock_stop(
                actor=officer,
                subject=subject_of(started),
                kind=started.kind,
                stopped_at=LATE,
                breach_reason="  Social care duty desk closed; decision chased by phone.  ",
            )

        assert stopped.outcome == ClockOutcome.BREACHED
        assert stopped.breach_reason == "Social care duty desk closed; decision chased by phone."
        event = AuditEvent.objects.get(event_type="clock.stopped")
        assert event.changes["outcome"] == "BREACHED"
        assert event.changes["breach_reason"] == stopped.breach_reason

    def test_the_system_can_stop_a_clock(self, team) -> None:
        started = start_clock(owner_team=team)

        with use_clock(FixedClock(DUE_AT)):
            clock_stop(
                actor=None, subject=subject_of(started), kind=started.kind, stopped_at=DUE_AT
            )

        assert AuditEvent.objects.get(event_type="clock.stopped").actor_username == "system"

    def test_refuses_when_no_clock_is_running(self, team) -> None:
        started = start_clock(owner_team=team)
        with use_clock(FixedClock(DUE_AT)):
            clock_stop(
                actor=None, subject=subject_of(started), kind=started.kind, stopped_at=DUE_AT
            )

            with pytest.raises(ClockNotRunning):
                clock_stop(
                    actor=None, subject=subject_of(started), kind=started.kind, stopped_at=DUE_AT
                )
            with pytest.raises(ClockNotRunning):
                clock_stop(actor=None, subject=a_subject(), kind=started.kind, stopped_at=DUE_AT)

    @pytest.mark.parametrize(
        "stopped_at",
        [
            pytest.param(DUE_AT + dt.timedelta(seconds=1), id="in-the-future"),
            pytest.param(RECEIVED_AT - dt.timedelta(seconds=1), id="before-the-start"),
            pytest.param(DUE_AT.replace(tzinfo=None), id="naive"),
        ],
    )
    def test_refuses_an_impossible_stop(self, team, stopped_at) -> None:
        started = start_clock(owner_team=team)

        with use_clock(FixedClock(DUE_AT)), pytest.raises(ClockInvalid):
            clock_stop(
                actor=None,
                subject=subject_of(started),
                kind=started.kind,
                stopped_at=stopped_at,
                breach_reason="reason",
            )

    def test_the_database_refuses_a_breach_without_a_reason(self, team) -> None:
        started = start_clock(owner_team=team)

        with pytest.raises(IntegrityError), transaction.atomic():
            StatutoryClock.objects.filter(pk=started.pk).update(
                stopped_at=LATE, outcome=ClockOutcome.BREACHED, breach_reason=""
            )
