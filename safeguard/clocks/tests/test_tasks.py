"""The escalation task on the immediate backend, on the database backend with its worker,
and through the management command cron runs."""

from __future__ import annotations

import datetime as dt
import io
import signal
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from safeguard.access.rules.capabilities import Role
from safeguard.clocks.models import ClockNotification
from safeguard.clocks.tasks import clocks_escalate
from safeguard.clocks.tests.factories import DUE_AT, start_clock
from safeguard.core.clock import FixedClock, use_clock

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TWO_HOURS_LATE = DUE_AT + dt.timedelta(hours=2)


@pytest.fixture
def overdue_clock(make_user, team):
    """A clock two hours overdue, with an owner and a supervisor to tell."""
    make_user(Role.SUPERVISOR)
    return start_clock(owner_team=team, owner_user=make_user(Role.MASH_RESEARCHER))


@pytest.fixture
def worker_conditions(monkeypatch) -> Iterator[None]:
    """Let the real worker loop run inside the test's transaction.

    The worker checks its connection between tasks and drops one that is not in
    autocommit mode, which would end the test's transaction; and it installs its own
    signal handlers, which are put back afterwards.
    """
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


def run_worker_until_queue_empty() -> None:
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0",
        verbosity=0,
        stdout=io.StringIO(),
    )


class TestClocksEscalateTask:
    def test_sends_what_has_fallen_due_at_the_installed_clock(self, overdue_clock) -> None:
        with use_clock(FixedClock(TWO_HOURS_LATE)):
            created = clocks_escalate.func()

        assert created == 2
        assert ClockNotification.objects.filter(clock=overdue_clock).count() == 2

    @override_settings(TASKS=IMMEDIATE)
    def test_runs_on_the_immediate_backend(self, overdue_clock) -> None:
        with use_clock(FixedClock(TWO_HOURS_LATE)):
            result = clocks_escalate.enqueue()

        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == 2

    @override_settings(TASKS=DATABASE)
    def test_the_database_worker_runs_queued_escalations_once(
        self, overdue_clock, worker_conditions
    ) -> None:
        # given: two runs queued, as two cron ticks would queue them
        first = clocks_escalate.enqueue()
        second = clocks_escalate.enqueue()
        assert ClockNotification.objects.filter(clock=overdue_clock).count() == 0

        # when: the worker empties the queue
        with use_clock(FixedClock(TWO_HOURS_LATE)):
            run_worker_until_queue_empty()

        # then: both ran, and together they notified each person once
        first.refresh()
        second.refresh()
        assert (first.status, second.status) == (
            TaskResultStatus.SUCCESSFUL,
            TaskResultStatus.SUCCESSFUL,
        )
        assert {first.return_value, second.return_value} == {0, 2}
        assert ClockNotification.objects.filter(clock=overdue_clock).count() == 2
        assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


class TestClocksEscalateCommand:
    @override_settings(TASKS=DATABASE)
    def test_queues_the_task_for_the_worker(self, overdue_clock) -> None:
        out = io.StringIO()

        call_command("clocks_escalate", stdout=out)

        queued = DBTaskResult.objects.get(task_path="safeguard.clocks.tasks.clocks_escalate")
        assert queued.status == TaskResultStatus.READY
        assert str(queued.id) in out.getvalue()
        assert ClockNotification.objects.filter(clock=overdue_clock).count() == 0

    @override_settings(TASKS=DATABASE)
    def test_runs_now_when_asked(self, overdue_clock) -> None:
        out = io.StringIO()

        with use_clock(FixedClock(TWO_HOURS_LATE)):
            call_command("clocks_escalate", "--run-now", stdout=out)

        assert out.getvalue().strip() == "2 notifications created."
        assert not DBTaskResult.objects.exists()
