"""Benchmark: the real-time check "is this person already known?" (issue 6).

Usage::

    python bench/linkage_entry.py [--size demo|force-year|tiny] [--seed 1] [--queries 2000]

Plans the synthetic force's population in memory with each record's hidden true identity
(``bench/linkage_batch.population``), prepares the check's index over every record (the
blocking keys of ``linkage.rules.entry.entry_keys``, held in memory here as the
``EntryKey`` table holds them in the database), then asks the check about a random sample of
the duplicate records (each as if newly typed, with its own entry left out of the index's
answer) and scores the candidates with the model's comparisons
(``linkage.rules.entry.top_matches``, the code the web page and the API run). Prints the
latency per check (median, p95, p99) and the share of duplicates whose true match is in the
top five, beside the issue's targets: p95 at most 50 ms and the true match in the top five
for at least 99% of duplicates, against 1,000,000 people; and, for reference, the same
questions through a search-before-create name search (exact surname and date of birth).

The database path (``linkage.selectors.entry_check``: the index table, the people changed
since it was built, the officer's scope and the audit) is timed by ``--database`` against
whatever force the configured database holds (the demo force after ``scripts/demo.sh``).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from linkage_batch import population  # noqa: E402

from safeguard.demo.generator import SIZES  # noqa: E402
from safeguard.linkage.rules.entry import DEFAULT_WEIGHTS, entry_keys, top_matches  # noqa: E402
from safeguard.linkage.rules.records import comparison_row  # noqa: E402

TARGET_P95_MS = 50.0
TARGET_TOP5 = 0.99


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _line(name: str, latencies: list[float], found: int, asked: int) -> str:
    return (
        f"{name:<34} median {statistics.median(latencies):6.1f} ms   "
        f"p95 {_percentile(latencies, 0.95):6.1f} ms   p99 {_percentile(latencies, 0.99):6.1f} ms   "
        f"top five {found / asked:.4f} ({found:,} of {asked:,})"
    )


def in_memory(size: str, seed: int, queries: int) -> None:
    started = time.perf_counter()
    records, truth = population(size, seed)
    planned = time.perf_counter() - started
    rows = [comparison_row(r) for r in records]
    started = time.perf_counter()
    index: dict[str, list[int]] = defaultdict(list)
    by_name_dob: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        for key in entry_keys(row):
            index[key].append(position)
        by_name_dob[(row["surname"], row["dob"])].append(position)
    indexed = time.perf_counter() - started
    identities: dict[str, list[int]] = defaultdict(list)
    for position, record in enumerate(records):
        identities[truth[record.record_id]].append(position)
    duplicates = [p for members in identities.values() if len(members) > 1 for p in members]
    sample = random.Random(seed).sample(duplicates, min(queries, len(duplicates)))
    print(
        f"{len(records):,} records ({len(duplicates):,} in duplicate groups), planned in "
        f"{planned:.1f} s; index of {sum(len(v) for v in index.values()):,} keys built in "
        f"{indexed:.1f} s; {len(sample):,} checks"
    )
    latencies: list[float] = []
    search_latencies: list[float] = []
    found = search_found = 0
    for position in sample:
        new = rows[position]
        identity = truth[records[position].record_id]
        began = time.perf_counter()
        candidates: set[int] = set()
        for key in entry_keys(new):
            candidates.update(index.get(key, ()))
        candidates.discard(position)
        best = top_matches(new, (rows[c] for c in candidates), DEFAULT_WEIGHTS, limit=5)
        latencies.append((time.perf_counter() - began) * 1000)
        found += any(truth[b.record_id] == identity for b in best)
        began = time.perf_counter()
        exact = [c for c in by_name_dob.get((new["surname"], new["dob"]), ()) if c != position]
        search_latencies.append((time.perf_counter() - began) * 1000)
        search_found += any(truth[records[c].record_id] == identity for c in exact[:5])
    print(_line("Safeguard check (prepared index)", latencies, found, len(sample)))
    print(_line("Search-before-create (surname+dob)", search_latencies, search_found, len(sample)))
    print(
        f"{'Targets (1,000,000 people)':<34} p95 at most {TARGET_P95_MS:.0f} ms, "
        f"top five at least {TARGET_TOP5:.2f}"
    )


def database(queries: int, seed: int) -> None:
    import dataclasses

    from safeguard.accounts.models import User
    from safeguard.linkage.selectors import entry_check, people_as_link_records
    from safeguard.people.models import Person

    officer = User.objects.filter(username="response").first()
    if officer is None:
        print("database: no demo force loaded (no 'response' user); run scripts/demo.sh first")
        return
    ids = list(Person.objects.values_list("pk", flat=True))
    sample = random.Random(seed).sample(ids, min(queries, len(ids)))
    latencies = []
    found = 0
    for record in people_as_link_records(sample):
        typed = dataclasses.replace(record, record_id="new", first_name=record.first_name + "e")
        began = time.perf_counter()
        matches = entry_check(actor=officer, record=typed)
        latencies.append((time.perf_counter() - began) * 1000)
        found += any(str(m.person.pk) == record.record_id for m in matches)
    print(f"database: {len(ids):,} people; {len(sample):,} checks of a record typed with a slip")
    print(_line("entry_check (index table + audit)", latencies, found, len(sample)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--database", action="store_true")
    options = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    if options.database:
        database(options.queries, options.seed)
    else:
        in_memory(options.size, options.seed, options.queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
