"""Queue (or run) the statutory-clock reminders and escalations.

Run it from cron every few minutes, for example ``*/5 * * * * manage.py clocks_escalate``,
beside a running ``manage.py db_worker``. A missed or late run loses nothing: deadlines are
stored on the clocks and the next run sends every step that has fallen due, each at most
once. ``--run-now`` does the work in this process instead, for a deployment without a
worker or for an operator who wants the answer straight away.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from safeguard.clocks.tasks import clocks_escalate


class Command(BaseCommand):
    help = "Queue the statutory-clock reminders and escalations (or run them with --run-now)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--run-now",
            action="store_true",
            help="Run in this process instead of queueing for the background worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["run_now"]:
            created = clocks_escalate.call()
            self.stdout.write(f"{created} notifications created.")
            return
        result = clocks_escalate.enqueue()
        self.stdout.write(f"Queued clock escalation as task {result.id}.")
