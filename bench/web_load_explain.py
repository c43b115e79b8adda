"""Show where the triage queue and supervision pages spend their database time.

Usage::

    python bench/web_load_explain.py [--database-url URL]

Runs, on the force-year bench database (default
``postgresql://postgres@127.0.0.1:5433/safeguard_bench``), each selector behind the two
pages that ``bench/web_load.py`` measures, as the demo ``mash`` and ``supervisor`` users: it
prints the rows returned, the time taken, and ``EXPLAIN (ANALYZE, BUFFERS)`` of the slowest
query each one ran. Everything runs in a transaction that is rolled back (the triage queue
writes a consultation event), so the database is left as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5433/safeguard_bench"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    options = parser.parse_args()
    os.environ["DATABASE_URL"] = options.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    os.environ["DJANGO_DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from safeguard.accounts.models import User
    from safeguard.clocks.selectors import caseload_by_officer, clock_list_breached
    from safeguard.referrals.selectors import triage_queue
    from safeguard.risk.selectors import risk_assessment_list_awaiting_review

    mash = User.objects.get(username="mash")
    supervisor = User.objects.get(username="supervisor")
    selectors: list[tuple[str, Callable[[], list[Any]]]] = [
        ("referrals.selectors.triage_queue (mash)", lambda: triage_queue(actor=mash)),
        (
            "clocks.selectors.clock_list_breached (supervisor)",
            lambda: clock_list_breached(actor=supervisor),
        ),
        (
            "clocks.selectors.caseload_by_officer (supervisor)",
            lambda: caseload_by_officer(actor=supervisor),
        ),
        (
            "risk.selectors.risk_assessment_list_awaiting_review (supervisor)",
            lambda: risk_assessment_list_awaiting_review(actor=supervisor),
        ),
    ]
    for label, selector in selectors:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                rows = selector()
                elapsed = (time.perf_counter() - started) * 1000
            selects = [q for q in queries.captured_queries if q["sql"].startswith("SELECT")]
            slowest = max(selects, key=lambda q: float(q["time"]))
            print(f"=== {label}: {len(rows)} rows in {elapsed:.1f} ms (Python and SQL)")
            print(f"Slowest query ({float(slowest['time']) * 1000:.1f} ms):")
            print(slowest["sql"])
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                for (line,) in cursor.fetchall():
                    print("  " + line)
            print()
            transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
