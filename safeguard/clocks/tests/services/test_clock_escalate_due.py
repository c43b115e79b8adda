from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import ClockNotification, NotificationKind, StatutoryClock
from safeguard.clocks.rules.escalation import DEFAULT_ESCALATION_STEPS
from safeguard.clocks.rules.status import InvalidEscalationSteps
from safeguard.clocks.services import ClockInvalid, clock_escalate_due, clock_stop
from safeguard.clocks.tests.factories import DUE_AT, start_clock, subject_of
from safeguard.core.clock import FixedClock, use_clock

pytestmark = pytest.mark.django_db
STEPS = DEFAULT_ESCALATION_STEPS
H = dt.timedelta(hours=1)


def escalate(at: dt.datetime) -> int:
    with use_clock(FixedClock(at)):
        return clock_escalate_due(now=at, steps=STEPS)


def notifications(running: StatutoryClock) -> list[tuple[int, str, str]]:
    """Return (step, kind, recipient) for every notification about ``running``."""
    rows = ClockNotification.objects.filter(clock=running).order_by("step", "dedupe_key")
    return [(n.step, n.kind, _recipient(n)) for n in rows]


def _recipient(notification: ClockNotification) -> str:
    if notification.recipient_user is not None:
        return notification.recipient_user.username
    if notification.recipient_team is not None:
        return notification.recipient_team.code
    assert notification.recipient_organisation is not None
    return notification.recipient_organisation.name


@pytest.fixture
def social_care(db) -> Organisation:
    return Organisation.objects.create(
        name="Northshire Children's Services", kind=OrganisationKind.CHILDRENS_SOCIAL_CARE
    )


@pytest.fixture
def people(make_user, team, other_team):
    """An owner and supervisor in the team, a supervisor elsewhere, an on-call senior officer."""
    return {
        "owner": make_user(Role.MASH_RESEARCHER, username="owner"),
        "supervisor": make_user(Role.SUPERVISOR, username="sergeant"),
        "other_supervisor": make_user(
            Role.SUPERVISOR, user_team=other_team, username="othersergeant"
        ),
        "on_call": make_user(Role.ON_CALL_SENIOR_OFFICER, user_team=other_team, username="oncall"),
    }


class TestClockEscalateDue:
    def test_does_nothing_before_the_deadline(self, people, team) -> None:
        running = start_clock(owner_team=team, owner_user=people["owner"])

        assert escalate(DUE_AT - dt.timedelta(microseconds=1)) == 0

        assert notifications(running) == []
        assert not AuditEvent.objects.filter(event_type="clock.escalated").exists()

    def test_reminds_the_owner_at_the_deadline_and_audits_the_run(self, people, team) -> None:
        running = start_clock(owner_team=team, owner_user=people["owner"])

        assert escalate(DUE_AT) == 1

        assert notifications(running) == [(1, NotificationKind.REMINDER, "owner")]
        running.refresh_from_db()
        assert running.escalation_level == 1
        event = AuditEvent.objects.get(event_type="clock.escalated")
        assert event.operation == "alteration"
        assert event.actor_username == "system"
        assert event.subjects == [{"type": "referrals.referral", "id": str(running.subject_id)}]
        assert event.changes["notifications"] == 1
        message = ClockNotification.objects.get(clock=running).message
        assert message.startswith("Social care decision due: due Tue 10 Mar 2026 00:00.")
        assert "wt2023-decision-v1" in message

    def test_reminds_the_team_queue_when_no_officer_owns_the_clock(self, team) -> None:
        running = start_clock(owner_team=team)

        assert escalate(DUE_AT) == 1

        assert notifications(running) == [(1, NotificationKind.REMINDER, team.code)]

    def test_escalates_to_the_owning_teams_supervisors_and_the_partner(
        self, people, team, social_care
    ) -> None:
        running = start_clock(
            owner_team=team, owner_user=people["owner"], partner_organisation=social_care
        )
        escalate(DUE_AT)

        assert escalate(DUE_AT + 2 * H) == 2

        assert notifications(running)[1:] == [
            (2, NotificationKind.ESCALATION_PARTNER_MANAGER, social_care.name),
            (2, NotificationKind.ESCALATION_SUPERVISOR, "sergeant"),
        ]

    def test_escalates_to_the_team_queue_when_the_team_has_no_supervisor(
        self, make_user, other_team, people
    ) -> None:
        # other_team's only supervisor has left the force
        people["other_supervisor"].is_active = False
        people["other_supervisor"].save()
        running = start_clock(owner_team=other_team)

        escalate(DUE_AT + 2 * H)

        assert notifications(running) == [
            (1, NotificationKind.REMINDER, other_team.code),
            (2, NotificationKind.ESCALATION_SUPERVISOR, other_team.code),
        ]

    def test_escalates_to_on_call_senior_officers_later(self, people, team) -> None:
        running = start_clock(owner_team=team, owner_user=people["owner"])
        escalate(DUE_AT + 2 * H)

        assert escalate(DUE_AT + 8 * H) == 1

        assert notifications(running)[-1] == (
            3,
            NotificationKind.ESCALATION_ON_CALL_SENIOR,
            "oncall",
        )

    def test_a_late_first_run_sends_every_step_due_once(self, people, team, social_care) -> None:
        running = start_clock(
            owner_team=team, owner_user=people["owner"], partner_organisation=social_care
        )

        assert escalate(DUE_AT + 9 * H) == 4

        assert [(step, kind) for step, kind, _ in notifications(running)] == [
            (1, NotificationKind.REMINDER),
            (2, NotificationKind.ESCALATION_PARTNER_MANAGER),
            (2, NotificationKind.ESCALATION_SUPERVISOR),
            (3, NotificationKind.ESCALATION_ON_CALL_SENIOR),
        ]
        running.refresh_from_db()
        assert running.escalation_level == 3

    def test_running_twice_at_the_same_instant_notifies_once(self, people, team) -> None:
        running = start_clock(owner_team=team, owner_user=people["owner"])

        first = escalate(DUE_AT + 2 * H)
        second = escalate(DUE_AT + 2 * H)

        assert (first, second) == (2, 0)
        assert ClockNotification.objects.filter(clock=running).count() == 2
        assert AuditEvent.objects.filter(event_type="clock.escalated").count() == 1

    def test_later_runs_notify_only_the_new_steps(self, people, team) -> None:
        running = start_clock(owner_team=team, owner_user=people["owner"])

        counts = [escalate(DUE_AT + hours * H) for hours in (0, 1, 2, 3, 8, 9, 48)]

        assert counts == [1, 0, 1, 0, 1, 0, 0]
        assert ClockNotification.objects.filter(clock=running).count() == 3
        assert AuditEvent.objects.filter(event_type="clock.escalated").count() == 3

    def test_a_notification_written_by_a_concurrent_run_is_not_written_again(
        self, people, team
    ) -> None:
        # given: another worker wrote the reminder but this run read the clock before that
        # worker raised its level
        running = start_clock(owner_team=team, owner_user=people["owner"])
        ClockNotification.objects.create(
            clock=running,
            step=1,
            kind=NotificationKind.REMINDER,
            recipient_user=people["owner"],
            message="written by the other worker",
            dedupe_key=f"{running.pk}:1:user:{people['owner'].pk}",
        )

        # when
        created = escalate(DUE_AT + 2 * H)

        # then: only the supervisor's escalation is new; the reminder exists once
        assert created == 1
        assert notifications(running) == [
            (1, NotificationKind.REMINDER, "owner"),
            (2, NotificationKind.ESCALATION_SUPERVISOR, "sergeant"),
        ]
        running.refresh_from_db()
        assert running.escalation_level == 2

    def test_a_run_that_finds_everything_already_sent_writes_no_audit_event(
        self, people, team
    ) -> None:
        running = start_clock(owner_team=team, owner_user=people["owner"])
        ClockNotification.objects.create(
            clock=running,
            step=1,
            kind=NotificationKind.REMINDER,
            recipient_user=people["owner"],
            message="written by the other worker",
            dedupe_key=f"{running.pk}:1:user:{people['owner'].pk}",
        )

        assert escalate(DUE_AT) == 0

        running.refresh_from_db()
        assert running.escalation_level == 1
        assert not AuditEvent.objects.filter(event_type="clock.escalated").exists()

    def test_never_escalates_a_stopped_clock(self, people, team) -> None:
        running = start_clock(owner_team=team, owner_user=people["owner"])
        with use_clock(FixedClock(DUE_AT + H)):
            clock_stop(
                actor=people["owner"],
                subject=subject_of(running),
                kind=running.kind,
                stopped_at=DUE_AT + H,
                breach_reason="Partner system outage; decision taken by phone.",
            )

        assert escalate(DUE_AT + 9 * H) == 0

    def test_escalates_each_clock_separately(self, people, team, other_team) -> None:
        mine = start_clock(owner_team=team, owner_user=people["owner"])
        theirs = start_clock(owner_team=other_team, due_at=DUE_AT + 2 * H)

        assert escalate(DUE_AT + 2 * H) == 3

        assert [k for _, k, _ in notifications(mine)] == [
            NotificationKind.REMINDER,
            NotificationKind.ESCALATION_SUPERVISOR,
        ]
        assert notifications(theirs) == [(1, NotificationKind.REMINDER, other_team.code)]
        event = AuditEvent.objects.get(event_type="clock.escalated")
        assert {s["id"] for s in event.subjects} == {str(mine.subject_id), str(theirs.subject_id)}

    def test_refuses_a_naive_instant_and_bad_steps(self) -> None:
        with pytest.raises(ClockInvalid):
            clock_escalate_due(now=DUE_AT.replace(tzinfo=None), steps=STEPS)
        with pytest.raises(InvalidEscalationSteps):
            clock_escalate_due(now=DUE_AT, steps=[H, dt.timedelta(0)])

    def test_tells_the_on_call_officer_about_every_clock_past_the_last_step(
        self, people, team, other_team
    ) -> None:
        first = start_clock(owner_team=team)
        second = start_clock(owner_team=other_team)

        escalate(DUE_AT + 8 * H)

        for running in (first, second):
            assert notifications(running)[-1] == (
                3,
                NotificationKind.ESCALATION_ON_CALL_SENIOR,
                "oncall",
            )
