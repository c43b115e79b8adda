"""Each action of the plan runs a clock, so an overdue action escalates (issue 9 item 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Team, User
from safeguard.audit.models import AuditEvent
from safeguard.audit.services import Subject
from safeguard.clocks.models import (
    ClockNotification,
    ClockOutcome,
    NotificationKind,
    StatutoryClock,
)
from safeguard.clocks.rules.status import ClockStatus, clock_status
from safeguard.clocks.selectors import clock_list_for_user, clock_policy
from safeguard.clocks.services import clock_escalate_due
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.rules.calendar import LONDON
from safeguard.inspection.models import Action, Finding
from safeguard.inspection.rules.areas import Area, FindingKind
from safeguard.inspection.rules.plan import ActionStatus, overdue
from safeguard.inspection.services import (
    ACTION_CLOCK,
    InspectionInvalid,
    action_due_at,
    action_record,
    action_update,
    finding_record,
    report_record,
)

pytestmark = pytest.mark.django_db

RECORDED = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
DUE_ON = dt.date(2027, 1, 15)  # a Friday in GMT
DUE_AT = dt.datetime(2027, 1, 16, 0, 0, tzinfo=dt.UTC)
TICK = dt.timedelta(microseconds=1)


def at(when: dt.datetime) -> FixedClock:
    return FixedClock(when)


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with use_clock(at(RECORDED)):
        yield


@pytest.fixture
def lead(make_user: Callable[..., User]) -> User:
    return make_user(Role.PERFORMANCE_LEAD, username="lead")


@pytest.fixture
def owner(make_user: Callable[..., User]) -> User:
    return make_user(Role.INVESTIGATOR, username="owner")


@pytest.fixture
def finding(lead: User) -> Finding:
    report = report_record(actor=lead, title="NCPI (fictional)", published_on=dt.date(2026, 10, 1))
    return finding_record(
        actor=lead,
        report_id=report.pk,
        kind=FindingKind.RECOMMENDATION,
        area=Area.INVESTIGATION,
        text="Act on every online referral within its KIRAT time",
    )


def record(lead: User, finding: Finding, owner: User, due_on: dt.date = DUE_ON) -> Action:
    return action_record(
        actor=lead,
        finding_id=finding.pk,
        description="  Daily review of the online referral queue by the duty sergeant, "
        "with the minutes kept  ",
        owner_username=owner.username,
        due_on=due_on,
    )


def clock_of(action: Action) -> StatutoryClock:
    return StatutoryClock.objects.get(subject_type="inspection.action", subject_id=action.pk)


def complete(lead: User, action: Action, when: dt.datetime) -> Action:
    with use_clock(at(when)):
        return action_update(
            actor=lead,
            action_id=action.pk,
            status=ActionStatus.COMPLETE,
            evidence="Queue review minutes, weeks 48 to 50",
        )


def test_recording_an_action_starts_its_clock(
    lead: User, finding: Finding, owner: User, team: Team
) -> None:
    action = record(lead, finding, owner)
    running = clock_of(action)
    assert running.kind == ACTION_CLOCK == "inspection.action"
    description = "Daily review of the online referral queue by the duty sergea"
    assert len(description) == 60
    assert running.label == f"Inspection action: {description}"
    assert (running.started_at, running.due_at) == (RECORDED, DUE_AT)
    assert running.rule == "Action plan: each action done by its due date"
    assert running.rule_source.startswith("DOMAIN.md §1.6")
    assert running.rule_version == "inspection-action-v1"
    assert (running.owner_team, running.owner_user) == (team, owner)
    assert (running.stopped_at, running.outcome) == (None, ClockOutcome.RUNNING)
    assert AuditEvent.objects.filter(event_type="inspection.action_recorded").count() == 1
    # It is on the owner's "My work".
    assert [c.clock for c in clock_list_for_user(actor=owner)] == [running]


UTC = dt.UTC


@pytest.mark.parametrize(
    ("due_on", "utc"),
    [
        # Summer time: midnight BST is 23:00 UTC on the due date itself.
        (dt.date(2027, 6, 15), dt.datetime(2027, 6, 15, 23, 0, tzinfo=UTC)),
        # Winter: midnight GMT is midnight UTC.
        (dt.date(2027, 1, 15), dt.datetime(2027, 1, 16, 0, 0, tzinfo=UTC)),
        # The clocks go forward at 01:00 GMT on 28 March 2027: a 23-hour day.
        (dt.date(2027, 3, 27), dt.datetime(2027, 3, 28, 0, 0, tzinfo=UTC)),
        (dt.date(2027, 3, 28), dt.datetime(2027, 3, 28, 23, 0, tzinfo=UTC)),
        # The clocks go back on 31 October 2027: a 25-hour day.
        (dt.date(2027, 10, 31), dt.datetime(2027, 11, 1, 0, 0, tzinfo=UTC)),
    ],
)
def test_an_action_falls_due_at_london_midnight_after_its_due_date(
    lead: User, finding: Finding, owner: User, due_on: dt.date, utc: dt.datetime
) -> None:
    running = clock_of(record(lead, finding, owner, due_on))
    assert running.due_at == utc
    london = running.due_at.astimezone(LONDON)
    assert (london.date(), london.time()) == (due_on + dt.timedelta(days=1), dt.time(0, 0))
    assert action_due_at(due_on) == running.due_at


def test_an_action_due_today_can_be_recorded(lead: User, finding: Finding, owner: User) -> None:
    running = clock_of(record(lead, finding, owner, RECORDED.date()))
    assert running.due_at == dt.datetime(2026, 11, 28, 0, 0, tzinfo=dt.UTC)


def test_an_owner_without_a_team_is_refused_and_nothing_is_created(
    lead: User, finding: Finding
) -> None:
    loner = User.objects.create_user(username="loner", password="correct horse battery staple")
    with pytest.raises(InspectionInvalid) as caught:
        record(lead, finding, loner)
    assert caught.value.errors == {
        "owner": ["The owner must belong to a team, so an overdue action can be escalated."]
    }
    assert not Action.objects.exists()
    assert not StatutoryClock.objects.exists()
    assert not AuditEvent.objects.filter(event_type="inspection.action_recorded").exists()


def test_an_action_entered_after_its_due_date_is_overdue_at_once(
    lead: User, finding: Finding, owner: User
) -> None:
    due_on = RECORDED.date() - dt.timedelta(days=3)
    action = record(lead, finding, owner, due_on)
    running = clock_of(action)
    assert running.started_at == running.due_at == action_due_at(due_on)
    status = clock_status(
        due_at=running.due_at, stopped_at=None, now=RECORDED, due_soon_window=dt.timedelta()
    )
    assert status is ClockStatus.OVERDUE
    assert overdue(ActionStatus.NOT_STARTED, due_on, RECORDED.date())


def test_completing_on_the_due_date_stops_the_clock_met(
    lead: User, finding: Finding, owner: User
) -> None:
    action = record(lead, finding, owner)
    done = complete(lead, action, DUE_AT - TICK)  # 23:59:59.999999 on the due date
    assert done.completed_on == DUE_ON
    stopped = clock_of(action)
    assert (stopped.stopped_at, stopped.stopped_by) == (DUE_AT - TICK, lead)
    assert (stopped.outcome, stopped.breach_reason) == (ClockOutcome.MET, "")
    assert AuditEvent.objects.filter(event_type="clock.stopped").count() == 1
    assert AuditEvent.objects.filter(event_type="inspection.action_updated").count() == 1


def test_completing_late_stops_the_clock_breached_with_the_reason(
    lead: User, finding: Finding, owner: User
) -> None:
    action = record(lead, finding, owner)
    done = complete(lead, action, DUE_AT + dt.timedelta(days=3))
    assert done.completed_on == DUE_ON + dt.timedelta(days=4)  # 00:00 on the 19th
    stopped = clock_of(action)
    assert stopped.outcome == ClockOutcome.BREACHED
    assert stopped.breach_reason == (
        "Completed after its due date: Queue review minutes, weeks 48 to 50"
    )


def test_other_updates_leave_the_clock_running_and_reopening_restarts_nothing(
    lead: User, finding: Finding, owner: User
) -> None:
    action = record(lead, finding, owner)
    for status in (ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED):
        action_update(actor=lead, action_id=action.pk, status=status, evidence="")
        assert clock_of(action).stopped_at is None
    complete(lead, action, RECORDED + dt.timedelta(days=1))
    reopened = action_update(
        actor=lead, action_id=action.pk, status=ActionStatus.IN_PROGRESS, evidence=""
    )
    assert reopened.completed_on is None
    assert clock_of(action).outcome == ClockOutcome.MET  # the one clock, still stopped
    # Completing it again, late, finds no running clock and records the completion anyway.
    again = complete(lead, action, DUE_AT + dt.timedelta(days=1))
    assert again.status == ActionStatus.COMPLETE
    assert StatutoryClock.objects.filter(kind=ACTION_CLOCK).count() == 1
    assert clock_of(action).outcome == ClockOutcome.MET
    assert AuditEvent.objects.filter(event_type="inspection.action_updated").count() == 5


def test_an_overdue_action_reminds_its_owner_then_escalates_to_the_supervisors(
    lead: User, finding: Finding, owner: User, make_user: Callable[..., User]
) -> None:
    sergeant = make_user(Role.SUPERVISOR, username="sergeant")
    action = record(lead, finding, owner)
    running = clock_of(action)
    steps = clock_policy().escalation_steps  # what the clocks_escalate worker uses

    def escalate(when: dt.datetime) -> int:
        with use_clock(at(when)):
            return clock_escalate_due(now=when, steps=steps)

    assert escalate(DUE_AT - TICK) == 0
    assert escalate(DUE_AT + dt.timedelta(minutes=5)) == 1
    reminder = ClockNotification.objects.get(clock=running)
    assert (reminder.kind, reminder.recipient_user) == (NotificationKind.REMINDER, owner)
    assert reminder.message.startswith("Inspection action: Daily review")
    assert escalate(DUE_AT + dt.timedelta(minutes=10)) == 0  # nobody is told twice
    assert escalate(DUE_AT + steps[1]) == 1
    escalation = ClockNotification.objects.get(clock=running, step=2)
    assert (escalation.kind, escalation.recipient_user) == (
        NotificationKind.ESCALATION_SUPERVISOR,
        sergeant,
    )
    # Completing it stops the escalation.
    complete(lead, action, DUE_AT + steps[1] + dt.timedelta(minutes=1))
    assert escalate(DUE_AT + dt.timedelta(days=2)) == 0


@pytest.mark.parametrize("due_on", [dt.date(2027, 3, 28), dt.date(2027, 6, 15), DUE_ON])
def test_the_plan_and_the_clock_agree_on_when_an_action_is_overdue(
    lead: User, finding: Finding, owner: User, due_on: dt.date
) -> None:
    running = clock_of(record(lead, finding, owner, due_on))
    window = clock_policy().due_soon_window

    def both(now: dt.datetime) -> tuple[bool, bool]:
        today = now.astimezone(LONDON).date()
        status = clock_status(
            due_at=running.due_at, stopped_at=None, now=now, due_soon_window=window
        )
        return overdue(ActionStatus.NOT_STARTED, due_on, today), status is ClockStatus.OVERDUE

    assert both(running.due_at - TICK) == (False, False)  # the last instant of the due date
    assert both(running.due_at + TICK) == (True, True)  # the day after, in London
    # At the boundary instant itself the plan already says overdue (it is the next day),
    # while the clock counts a stop at its deadline as on time: one instant apart, by design.
    assert both(running.due_at) == (True, False)


def test_the_clock_is_against_the_action(lead: User, finding: Finding, owner: User) -> None:
    action = record(lead, finding, owner)
    running = clock_of(action)
    assert Subject(running.subject_type, str(running.subject_id)) == Subject.of(action)
