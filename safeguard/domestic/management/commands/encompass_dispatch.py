"""Send every Operation Encompass notification waiting to go: the daily 07:00 run.

Schedule it with cron (``0 7 * * *``, Europe/London) or any scheduler; it is idempotent, so
running it twice, or beside an on-demand send, never sends a notification twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from safeguard.core import clock
from safeguard.domestic.services import encompass_dispatch


class Command(BaseCommand):
    help = "Send every routed Operation Encompass notification still waiting (daily 07:00 run)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = encompass_dispatch(now=clock.now())
        self.stdout.write(f"Sent {sent} Operation Encompass notification(s).")
