"""Keep this month's (or a given month's) indicator figures for the trend.

Run it monthly, for example ``5 0 1 * * manage.py inspection_snapshot --month previous``.
"""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.core import clock
from safeguard.inspection.services import snapshots_take


class Command(BaseCommand):
    help = "Compute and keep every indicator for one calendar month."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--month", default="current", help="YYYY-MM, 'current' or 'previous'")

    def handle(self, *args: Any, **options: Any) -> None:
        today = clock.today_in_london()
        value = options["month"]
        if value == "current":
            month = today.replace(day=1)
        elif value == "previous":
            month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        else:
            try:
                month = dt.datetime.strptime(value, "%Y-%m").date()  # noqa: DTZ007 - a calendar month
            except ValueError as exc:
                raise CommandError(
                    f"--month must be YYYY-MM, 'current' or 'previous', not {value!r}"
                ) from exc
        if month > today:
            raise CommandError("That month has not begun.")
        count = snapshots_take(month=month)
        self.stdout.write(f"{count} indicators kept for {month:%B %Y}.")
