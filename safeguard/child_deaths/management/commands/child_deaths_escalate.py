"""Queue (or run) the child-death escalation: ``*/2 * * * * manage.py child_deaths_escalate``.

``--run-now`` does the work in this process, for a deployment without a worker.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from safeguard.child_deaths.tasks import child_deaths_escalate


class Command(BaseCommand):
    help = "Queue the child-death escalation (or run it with --run-now)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--run-now", action="store_true", help="Run in this process.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["run_now"]:
            changes = child_deaths_escalate.call()
            self.stdout.write(f"{changes} escalation changes made.")
            return
        result = child_deaths_escalate.enqueue()
        self.stdout.write(f"Queued as {result.id}.")
