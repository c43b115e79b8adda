"""Benchmark: every inspection indicator for a year, from live rows (issue 9).

Usage (against whatever force the configured database holds; the issue's target is a
force-year on PostgreSQL)::

    DATABASE_URL=postgresql://... python bench/inspection_indicators.py [--months 12] [--repeat 3]

Times ``inspection.selectors.indicators_by_area`` (each indicator computed in the database
where it can be, with the capability apps' pure indicator functions) beside the same
figures computed by reading every row of each table into Python and looping over them,
and checks the two agree. Target: at most 1 s for all indicators over a force-year.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from safeguard.accounts.models import User  # noqa: E402
from safeguard.clocks.models import StatutoryClock  # noqa: E402
from safeguard.core import clock  # noqa: E402
from safeguard.inspection.indicators import INDICATORS, Period  # noqa: E402
from safeguard.inspection.selectors import indicators_by_area  # noqa: E402
from safeguard.people.models import Person  # noqa: E402

TARGET_SECONDS = 1.0


def python_loop(period: Period) -> dict[str, tuple[int, int]]:
    """The indicators computed here (not the apps' own), by looping over every row."""
    met = stopped = 0
    for row in StatutoryClock.objects.values("stopped_at", "outcome").iterator(chunk_size=20_000):
        if row["stopped_at"] is not None and period.since <= row["stopped_at"] < period.until:
            stopped += 1
            met += row["outcome"] == "MET"
    recorded = people = 0
    for person in Person.objects.values("created_at", "self_defined_ethnicity").iterator(
        chunk_size=20_000
    ):
        if period.since <= person["created_at"] < period.until:
            people += 1
            recorded += person["self_defined_ethnicity"] != "NOT_ASKED"
    return {"clocks_met": (met, stopped), "ethnicity_recorded": (recorded, people)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    lead = User.objects.filter(username="performance").first()
    if lead is None:
        print(
            "No demo force loaded (no 'performance' user): run scripts/demo.sh or seed_demo first."
        )
        return 1
    until = clock.now()
    since = until - dt.timedelta(days=31 * options.months)
    period = Period(since, until)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}; people {Person.objects.count():,}, clocks {StatutoryClock.objects.count():,}"
    )
    times = []
    for _ in range(options.repeat):
        began = time.perf_counter()
        blocks = indicators_by_area(actor=lead, since=since, until=until)
        times.append(time.perf_counter() - began)
    loops = []
    for _ in range(options.repeat):
        began = time.perf_counter()
        looped = python_loop(period)
        loops.append(time.perf_counter() - began)
    by_code = {v.indicator.code: v.result for b in blocks for v in b.values}
    for code, (numerator, denominator) in looped.items():
        share = by_code[code].share
        assert share is not None, code
        assert (share.numerator, share.denominator) == (numerator, denominator), code
    print(
        f"{'All ' + str(len(INDICATORS)) + ' indicators (selectors)':<44} median {statistics.median(times):7.3f} s"
    )
    print(
        f"{'Two of them by a Python loop over every row':<44} median {statistics.median(loops):7.3f} s"
    )
    print(f"{'Target (force-year, PostgreSQL)':<44} at most {TARGET_SECONDS:.1f} s for all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
