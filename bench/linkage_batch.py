"""Benchmark: batch deduplication of the synthetic force's people (issue 6).

Usage::

    python bench/linkage_batch.py [--size demo|force-year|tiny] [--seed 1]

Plans the synthetic force's population in memory (``safeguard.demo.generator``, no database),
with each record's hidden true identity: the generator makes duplicate records with
nicknames, transliterations, typos, day and month swapped, missing dates of birth, changed
and hyphenated surnames. Links them with Safeguard's model (``safeguard.linkage.model``,
Splink on DuckDB) and, for reference, with a reasonable untuned Splink configuration (raw
names, exact date of birth, no normalisation), and prints for each: elapsed seconds, peak
memory, pairs scored, and pairwise and cluster precision, recall and F1, beside the issue's
targets: the whole run within 60 s on 2 cores, peak memory under 2 GiB, pairwise F1 at
least 0.99 (for 1,000,000 people).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

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
    f1 = pairwise_accuracy(result.clusters, truth).f1
    print(
        f"Reference: within {TARGET_SECONDS:.0f} s (linking: {ours:.1f} s), under "
        f"{TARGET_MEMORY_MIB} MiB (peak {peak:,.0f}), pairwise F1 at least {TARGET_F1} ({f1:.4f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
