"""The Splink model for linking person records (issue 6), as reviewable data.

Blocking rules and comparisons are listed here as plain values (``BLOCKING_RULES``,
``comparisons()``); training, prediction and clustering run on DuckDB in-process. The model
version names this file's settings: change a rule or a comparison, change the version, so
each run records the model it used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.exceptions import SplinkException

from safeguard.linkage.rules.records import COMPARISON_COLUMNS, LinkRecord, comparison_row

MODEL_VERSION = "people-v1"

BLOCKING_RULES: tuple[tuple[str, ...], ...] = (
    ("dob_sorted", "area"),
    ("dob_sorted", "given_canonical"),
    ("dob_sorted", "surname_first"),
    ("dob_sorted", "surname_last"),
    ("given_canonical", "surname_first", "birth_year"),
    ("given_canonical", "surname_last", "birth_year"),
    ("given_canonical", "surname_first", "outward"),
    ("postcode", "given_canonical"),
    ("postcode", "birth_year"),
)
"""Which pairs are compared at all: records agreeing on every column of at least one rule.

The date of birth is blocked on its day-month-sorted form so that a swap still meets."""

TRAINING_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("dob",),
    ("given_canonical", "surname"),
)
"""Expectation maximisation runs once per rule; each leaves its own columns' parameters to
the other."""

DETERMINISTIC_RULES: tuple[tuple[str, ...], ...] = (("given_canonical", "surname", "dob"),)
"""Near-certain matches, used only to estimate how often two random records match."""


def _surname_part_level() -> cll.CustomLevel:
    sql = (
        "surname_first_l = surname_first_r OR surname_last_l = surname_last_r "
        "OR surname_first_l = surname_last_r OR surname_last_l = surname_first_r"
    )
    return cll.CustomLevel(sql, label_for_charts="One part of the surname agrees")


def comparisons() -> list[ComparisonCreator | dict[str, Any]]:
    """The comparisons, each a list of levels from the most to the least alike."""
    return [
        cl.CustomComparison(
            output_column_name="given_name",
            comparison_levels=[
                cll.NullLevel("given_folded"),
                cll.ExactMatchLevel("given_folded"),
                cll.ExactMatchLevel("given_canonical"),
                cll.JaroWinklerLevel("given_folded", 0.9),
                cll.JaroWinklerLevel("given_folded", 0.75),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="surname",
            comparison_levels=[
                cll.NullLevel("surname"),
                cll.ExactMatchLevel("surname"),
                _surname_part_level(),
                cll.JaroWinklerLevel("surname", 0.9),
                cll.JaroWinklerLevel("surname", 0.75),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="date_of_birth",
            comparison_levels=[
                cll.NullLevel("birth_year"),
                cll.ExactMatchLevel("dob"),
                cll.ExactMatchLevel("dob_sorted"),
                cll.ExactMatchLevel("birth_year"),
                cll.ElseLevel(),
            ],
        ),
        cl.CustomComparison(
            output_column_name="postcode",
            comparison_levels=[
                cll.NullLevel("outward"),
                cll.ExactMatchLevel("postcode"),
                cll.ExactMatchLevel("outward"),
                cll.ExactMatchLevel("area"),
                cll.ElseLevel(),
            ],
        ),
        cl.ExactMatch("sex"),
    ]


def settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in BLOCKING_RULES],
        retain_intermediate_calculation_columns=False,
    )


@dataclass(frozen=True)
class Thresholds:
    """Probabilities for a link (clustered together) and for human review (force policy)."""

    link: float = 0.95
    review_from: float = 0.5


@dataclass(frozen=True)
class LinkResult:
    model_version: str
    records: int
    pairs_scored: int
    clusters: dict[str, str]
    # (left id, right id, match probability) for pairs at or above the review threshold.
    pairs: list[tuple[str, str, float]]
    # The trained model (Splink's JSON), so a run can be read again as it was made.
    model_json: dict[str, Any]


Progress = Callable[[str], None]


def _quiet(_stage: str) -> None:
    return None


def link(
    records: Iterable[LinkRecord],
    *,
    thresholds: Thresholds = Thresholds(),
    seed: int = 1,
    progress: Progress = _quiet,
) -> LinkResult:
    """Train the model on the records, score every blocked pair, cluster at the link threshold.

    Training is unsupervised (u by random sampling with ``seed``, m by expectation
    maximisation), so no labelled data is needed and none is downloaded.
    """
    rows = [comparison_row(r) for r in records]
    if len(rows) < 2:
        return LinkResult(
            MODEL_VERSION,
            len(rows),
            0,
            {r["unique_id"] or "": r["unique_id"] or "" for r in rows},
            [],
            {},
        )
    progress("preparing")
    splink_log = logging.getLogger("splink")
    level = splink_log.level
    # Splink warns about levels a small or clean file never shows; the run records its model.
    splink_log.setLevel(logging.ERROR)
    try:
        return _link_rows(rows, thresholds=thresholds, seed=seed, progress=progress)
    finally:
        splink_log.setLevel(level)


def _link_rows(
    rows: list[dict[str, str | None]], *, thresholds: Thresholds, seed: int, progress: Progress
) -> LinkResult:
    db_api = DuckDBAPI()
    table = {column: [row[column] for row in rows] for column in COMPARISON_COLUMNS}
    frame = db_api.register(table, table_name="people")
    linker = Linker(frame, settings(), log_level=None)
    progress("training")
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*rule) for rule in DETERMINISTIC_RULES], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=min(1e6, len(rows) ** 2), seed=seed)
    for rule in TRAINING_BLOCKS:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
        except SplinkException:
            # Too few pairs agree on this rule to train on (a small file): the other rule
            # and the defaults stand, and the run's model JSON shows what was trained.
            continue
    progress("scoring")
    predictions = linker.inference.predict(threshold_match_probability=thresholds.review_from)
    progress("clustering")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=thresholds.link
    )
    assignment = {str(r["unique_id"]): str(r["cluster_id"]) for r in clusters.as_record_list()}
    pairs = [
        (str(r["unique_id_l"]), str(r["unique_id_r"]), float(r["match_probability"]))
        for r in predictions.as_record_list()
    ]
    model_json = json.loads(json.dumps(linker.misc.save_model_to_json()))
    return LinkResult(
        model_version=MODEL_VERSION,
        records=len(rows),
        pairs_scored=len(pairs),
        clusters=assignment,
        pairs=pairs,
        model_json=model_json,
    )
