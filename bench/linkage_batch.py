"""Benchmark: batch deduplication of the synthetic force's people (issue 6).

Usage::

    python bench/linkage_batch.py [--size demo|force-year|tiny] [--seed 1]

Plans the synthetic force's population in memory (``safeguard.demo.generator``, no database),
with each record's hidden true identity: the generator makes duplicate records with
nicknames, transliterations, typos, day and month swapped, missing dates of birth, changed
and hyphenated surnames. Links them with Safeguard's model (``safeguard.linkage.model``,
Splink on DuckDB) and, for reference, side by side in the same run, with a reasonable
untuned Splink configuration (raw names, Splink's date-of-birth comparison, no
normalisation) and with the ``recordlinkage`` package (blocking on date of birth or surname
and postcode, Jaro-Winkler names, unsupervised ECM classifier, connected components), and
prints for each: elapsed seconds and pairwise and cluster precision, recall and F1; for
Safeguard's model also peak memory and pairs scored; beside the issue's targets: the whole
run within 60 s on 2 cores, peak memory under 2 GiB, pairwise F1 at least 0.99 (for
1,000,000 people).

``recordlinkage`` compares its candidate pairs in Python and holds them all in pandas, so
above ``RECORDLINKAGE_LIMIT`` records it is not run (the bench prints a line saying so, with
the number of candidate pairs its blocking would make); ``--skip-recordlinkage`` leaves it
out at any size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

import pandas  # type: ignore[import-untyped]  # noqa: E402
import recordlinkage  # type: ignore[import-untyped]  # noqa: E402
import splink.comparison_library as cl  # noqa: E402
from splink import DuckDBAPI, Linker, SettingsCreator, block_on  # noqa: E402

from safeguard.demo.generator import SIZES, ForceGenerator  # noqa: E402
from safeguard.linkage.model import Thresholds, link  # noqa: E402
from safeguard.linkage.rules.evaluation import (  # noqa: E402
    Accuracy,
    cluster_accuracy,
    pairwise_accuracy,
)
from safeguard.linkage.rules.records import LinkRecord  # noqa: E402

TODAY = dt.date(2026, 11, 26)
TARGET_SECONDS = 60.0
TARGET_MEMORY_MIB = 2048
TARGET_F1 = 0.99
# recordlinkage is run only up to this many records: its string comparisons loop over the
# candidate pairs in Python and every pair sits in pandas. At force-year size its blocking
# makes 24,947,111 candidate pairs, and building that index alone took 154 s on 2 cores
# (measured 2026-11-27), before any comparing; the bench prints the count when it skips.
RECORDLINKAGE_LIMIT = 100_000


def population(size: str, seed: int) -> tuple[list[LinkRecord], dict[str, str]]:
    generator = ForceGenerator(seed=seed, size=SIZES[size], today=TODAY)
    generator.setting()
    records: list[LinkRecord] = []
    truth: dict[str, str] = {}
    for batch in generator.population():
        postcodes = {a.id: (a.postcode, f"{a.line_1}, {a.town}") for a in batch.addresses}
        current = {
            pa.person_id: postcodes.get(pa.address_id, ("", ""))
            for pa in batch.person_addresses
            if pa.ends_on is None
        }
        for p in batch.people:
            postcode, address = current.get(p.id, ("", ""))
            records.append(
                LinkRecord(
                    record_id=p.id,
                    first_name=p.given_name,
                    middle_names=p.middle_names,
                    surname=p.family_name,
                    date_of_birth=p.date_of_birth,
                    sex=p.sex,
                    postcode=postcode,
                    address=address,
                    estimated_age=p.estimated_age,
                    estimated_on=p.estimated_on,
                )
            )
            truth[p.id] = p.identity
    return records, truth


def untuned(records: list[LinkRecord]) -> dict[str, str]:
    """A reasonable Splink configuration with no normalisation: what one might try first."""
    table = {
        "unique_id": [r.record_id for r in records],
        "first_name": [r.first_name.lower() or None for r in records],
        "surname": [r.surname.lower() or None for r in records],
        "dob": [r.date_of_birth.isoformat() if r.date_of_birth else None for r in records],
        "postcode": [r.postcode.replace(" ", "").upper() or None for r in records],
    }
    db_api = DuckDBAPI()
    frame = db_api.register(table, table_name="untuned")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("first_name", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("surname", [0.9, 0.7]),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("postcode"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("first_name", "surname"),
            block_on("postcode", "surname"),
        ],
    )
    linker = Linker(frame, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.95
    )
    return {str(r["unique_id"]): str(r["cluster_id"]) for r in clusters.as_record_list()}


def _recordlinkage_frame(records: list[LinkRecord]) -> Any:
    return pandas.DataFrame(
        {
            "first_name": [r.first_name.lower() or None for r in records],
            "surname": [r.surname.lower() or None for r in records],
            "dob": pandas.to_datetime(
                [r.date_of_birth.isoformat() if r.date_of_birth else None for r in records]
            ),
            "sex": [r.sex or None for r in records],
            "postcode": [r.postcode.replace(" ", "").upper() or None for r in records],
        },
        index=pandas.Index([r.record_id for r in records], name="record_id"),
    )


def _recordlinkage_index() -> Any:
    indexer = recordlinkage.Index()
    indexer.block("dob")
    indexer.block(["surname", "postcode"])
    return indexer


def recordlinkage_candidates(records: list[LinkRecord]) -> int:
    """How many candidate pairs ``recordlinkage_run``'s blocking makes, counted from the block
    sizes without building them: pairs sharing a date of birth, plus pairs sharing surname
    and postcode, less pairs sharing all three (the index is the union of the two)."""
    frame = _recordlinkage_frame(records)

    def within(columns: list[str]) -> int:
        sizes = frame.groupby(columns, dropna=True).size()
        return int((sizes * (sizes - 1) // 2).sum())

    return (
        within(["dob"]) + within(["surname", "postcode"]) - within(["dob", "surname", "postcode"])
    )


def recordlinkage_matches(records: list[LinkRecord]) -> tuple[list[tuple[str, str]], int]:
    """A reasonable ``recordlinkage`` 0.16 configuration, untuned: block on date of birth or
    on surname and postcode; Jaro-Winkler names at 0.85, recordlinkage's date comparison (day
    and month swapped scores 0.5), exact sex and postcode; the unsupervised ECM classifier
    (features binarised above 0.4, so a swapped date counts as agreeing). Returns (pairs
    classified as matches, candidate pairs compared).
    """
    frame = _recordlinkage_frame(records)
    pairs = _recordlinkage_index().index(frame)
    compare = recordlinkage.Compare()
    compare.string("first_name", "first_name", method="jarowinkler", threshold=0.85)
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85)
    compare.date("dob", "dob")
    compare.exact("sex", "sex")
    compare.exact("postcode", "postcode")
    with warnings.catch_warnings():
        # recordlinkage 0.16 writes the 0.5 for a swapped date into an int64 column
        warnings.filterwarnings("ignore", category=FutureWarning, module="recordlinkage")
        features = compare.compute(pairs, frame)
    matches = recordlinkage.ECMClassifier(binarize=0.4).fit_predict(features)
    return [(str(left), str(right)) for left, right in matches], len(pairs)


def components(records: list[LinkRecord], matches: list[tuple[str, str]]) -> dict[str, str]:
    """Record -> cluster: the connected components of the matching pairs (union-find)."""
    parent = {r.record_id: r.record_id for r in records}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for left, right in matches:
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {r.record_id: find(r.record_id) for r in records}


def recordlinkage_run(records: list[LinkRecord]) -> dict[str, str]:
    """Record -> cluster with ``recordlinkage_matches``'s configuration."""
    return components(records, recordlinkage_matches(records)[0])


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _line(name: str, seconds: float, pair: Accuracy, whole: Accuracy) -> str:
    return (
        f"{name:<22}{seconds:>9.1f} s  pairwise P {pair.precision:.4f} R {pair.recall:.4f} "
        f"F1 {pair.f1:.4f}  clusters P {whole.precision:.4f} R {whole.recall:.4f} "
        f"F1 {whole.f1:.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-untuned", action="store_true")
    parser.add_argument("--skip-recordlinkage", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    records, truth = population(args.size, args.seed)
    planned = time.perf_counter() - started
    duplicates = len(truth) - len(set(truth.values()))
    print(
        f"Population: {len(records):,} records, {duplicates:,} of them duplicates ({planned:.1f} s to plan)"
    )
    print(f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}")
    started = time.perf_counter()
    result = link(records, thresholds=Thresholds())
    ours = time.perf_counter() - started
    peak = _peak_mib()
    print(f"Pairs scored: {result.pairs_scored:,}; peak memory {peak:,.0f} MiB")
    print(
        _line(
            "Safeguard people-v1",
            ours,
            pairwise_accuracy(result.clusters, truth),
            cluster_accuracy(result.clusters, truth),
        )
    )
    if not args.skip_untuned:
        started = time.perf_counter()
        plain = untuned(records)
        print(
            _line(
                "Untuned Splink",
                time.perf_counter() - started,
                pairwise_accuracy(plain, truth),
                cluster_accuracy(plain, truth),
            )
        )
    if args.skip_recordlinkage:
        pass
    elif len(records) > RECORDLINKAGE_LIMIT:
        print(
            f"recordlinkage: not run above {RECORDLINKAGE_LIMIT:,} records (it compares every "
            f"candidate pair in Python and holds them all in pandas; its blocking would make "
            f"{recordlinkage_candidates(records):,} candidate pairs here; building that index "
            f"alone took 154 s for 1,000,006 records on 2 cores, measured 2026-11-27)"
        )
    else:
        before = _peak_mib()
        started = time.perf_counter()
        matches, compared = recordlinkage_matches(records)
        theirs = components(records, matches)
        print(
            _line(
                "recordlinkage ECM",
                time.perf_counter() - started,
                pairwise_accuracy(theirs, truth),
                cluster_accuracy(theirs, truth),
            )
        )
        print(
            f"recordlinkage: {compared:,} candidate pairs compared, {len(matches):,} classed as "
            f"matches by ECM; process peak memory "
            f"{_peak_mib():,.0f} MiB (was {before:,.0f} MiB before it)"
        )
    f1 = pairwise_accuracy(result.clusters, truth).f1
    print(
        f"Reference: within {TARGET_SECONDS:.0f} s (linking: {ours:.1f} s), under "
        f"{TARGET_MEMORY_MIB} MiB (peak {peak:,.0f}), pairwise F1 at least {TARGET_F1} ({f1:.4f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
