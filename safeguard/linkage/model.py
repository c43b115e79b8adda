"""The Splink model for linking person records (issue 6), as reviewable data.

Blocking rules and comparisons are plain values in ``linkage.rules.comparisons`` (shared with
the real-time check at entry) and are turned into Splink settings here (``comparisons()``,
``settings()``); training, prediction and clustering run on DuckDB in-process, or the same
settings on Splink's Spark backend for a region or the nation (``engine="spark"``). The model
version names this file's settings: change a rule or a comparison, change the version, so
each run records the model it used.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.comparison_creator import ComparisonCreator

from safeguard.linkage.rules.comparisons import (
    BLOCKING_RULES,
    COMPARISON_TABLE,
    DEFAULT_U,
    NULL_COLUMNS,
    SWAPPED_NAMES_RULE,
)
from safeguard.linkage.rules.records import COMPARISON_COLUMNS, LinkRecord, comparison_row

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

MODEL_VERSION = "people-v1"

DETERMINISTIC_RULES: tuple[tuple[str, ...], ...] = (("given_canonical", "surname", "dob"),)
"""Near-certain matches, used only to estimate how often two random records match."""


def _level(creator: Any, m: float, u: float | None) -> Any:
    if u is None:
        return creator.configure(m_probability=m)
    return creator.configure(m_probability=m, u_probability=u)


U_SAMPLE_MIN = 2_000
"""Below this many records u is taken from ``DEFAULT_U`` rather than measured."""


def _build_level(kind: str, target: str, m: float, u: float | None) -> Any:
    if kind == "exact":
        return _level(cll.ExactMatchLevel(target), m, u)
    if kind == "jaro_winkler":
        column, threshold = target.split(":")
        return _level(cll.JaroWinklerLevel(column, float(threshold)), m, u)
    if kind == "custom":
        return _level(cll.CustomLevel(target, label_for_charts=target[:60]), m, u)
    return _level(cll.ElseLevel(), m, u)


def comparisons(*, default_u: bool = False) -> list[ComparisonCreator | dict[str, Any]]:
    """The comparisons, each a list of levels from the most to the least alike.

    ``default_u`` fixes the u probabilities at :data:`DEFAULT_U` (a small file).
    """
    return [
        cl.CustomComparison(
            output_column_name=name,
            comparison_levels=[
                cll.NullLevel(NULL_COLUMNS[name]),
                *(
                    _build_level(
                        level.kind, level.target, level.m, DEFAULT_U[name][i] if default_u else None
                    )
                    for i, level in enumerate(levels)
                ),
            ],
        )
        for name, levels in COMPARISON_TABLE.items()
    ]


DETERMINISTIC_RECALL = 0.7
"""The share of true matches the near-certain rule is taken to find [U]."""


def prior_match_probability(rows: Sequence[dict[str, str | None]]) -> float:
    """How likely two records picked at random are the same person, before comparing them.

    Counted from the pairs that agree on every column of ``DETERMINISTIC_RULES`` (taken to be
    matches), scaled up by the rule's assumed recall; never below one pair in all pairs, so
    a file with no obvious duplicate still gets a usable model.
    """
    n = len(rows)
    total = n * (n - 1) / 2
    found = 0.0
    for rule in DETERMINISTIC_RULES:
        groups: dict[tuple[str | None, ...], int] = {}
        for row in rows:
            key = tuple(row[column] for column in rule)
            if None not in key:
                groups[key] = groups.get(key, 0) + 1
        found = max(found, sum(k * (k - 1) / 2 for k in groups.values()))
    return min(0.5, max(found / DETERMINISTIC_RECALL, 1.0) / total)


def settings(prior: float = 0.0001, *, default_u: bool = False) -> SettingsCreator:
    return SettingsCreator(
        probability_two_random_records_match=prior,
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(default_u=default_u),
        blocking_rules_to_generate_predictions=[
            *(block_on(*rule) for rule in BLOCKING_RULES),
            CustomRule(SWAPPED_NAMES_RULE),
        ],
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

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")

DEFAULT_SPARK_MASTER = "local[2]"
"""Spark in this process on two cores; a cluster is named by its address (``spark://host:7077``)."""

LOCAL_SHUFFLE_PARTITIONS = 2
"""Spark's default of 200 partitions per shuffle is for a cluster; in local mode they only add
scheduling time. A cluster keeps its own setting (``spark-defaults.conf``)."""

SPARK_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
"""
"""Spark's own logging, errors only: its start-up warnings are not the analyst's business."""


class EngineUnavailable(Exception):
    """The chosen engine cannot run here (Spark: no Java, no pyspark, or no cluster answers)."""


def _quiet(_stage: str) -> None:
    return None


def spark_session(master: str | None = None) -> SparkSession:
    """Start Spark at ``master`` (default :data:`DEFAULT_SPARK_MASTER`), or reuse the running
    session when it has the same master.

    Splink's string-similarity functions (Jaro-Winkler) are Scala functions in a jar shipped
    inside the splink package: it is added to the session, so a cluster's executors get it too.
    In local mode intermediate tables are checkpointed to a temporary directory (removed at
    exit); a cluster checkpoints to its ``spark.checkpoint.dir`` when it has one.
    """
    master = master or DEFAULT_SPARK_MASTER
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineUnavailable(
            "The Spark engine needs Java 17 or later, and no java is on the PATH and JAVA_HOME "
            "is not set (Debian: apt-get install default-jre-headless)"
        )
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as exc:
        raise EngineUnavailable(f"The Spark engine needs pyspark: {exc}") from exc
    running = SparkSession.getActiveSession()
    if running is not None:
        if running.sparkContext.master != master:
            raise EngineUnavailable(
                f"A Spark session is already running on {running.sparkContext.master}, not {master}"
            )
        return running
    scratch = tempfile.mkdtemp(prefix="safeguard-spark-")
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    log4j = Path(scratch) / "log4j2.properties"
    log4j.write_text(SPARK_LOG4J)
    builder = (
        SparkSession.builder.master(master)
        .appName("safeguard-linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j.as_uri()}")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.cleaner.referenceTracking.cleanCheckpoints", "true")
    )
    if master.startswith("local"):
        builder = (
            builder.config("spark.sql.shuffle.partitions", str(LOCAL_SHUFFLE_PARTITIONS))
            .config("spark.checkpoint.dir", str(Path(scratch) / "checkpoints"))
            .config("spark.ui.enabled", "false")
        )
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # Java too old, or no master answered: say so, without Java's trace.
        lines = [line.strip(" :") for line in str(exc).splitlines() if line.strip(" :")]
        reason = next((line for line in lines if "Exception" in line), lines[0] if lines else "")
        raise EngineUnavailable(f"Spark did not start on {master}: {reason}") from exc
    if spark.sparkContext.master != master:  # another thread's session, not a new one
        raise EngineUnavailable(
            f"A Spark session is already running on {spark.sparkContext.master}, not {master}"
        )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def link(
    records: Iterable[LinkRecord],
    *,
    thresholds: Thresholds = Thresholds(),
    seed: int = 1,
    progress: Progress = _quiet,
    engine: Engine = "duckdb",
    spark_master: str | None = None,
) -> LinkResult:
    """Train the model on the records, score every blocked pair, cluster at the link threshold.

    The m probabilities are the fixed, reviewable ``COMPARISON_TABLE``; u is measured on the
    records by random sampling with ``seed``, and the chance that two random records match
    from near-certain matches. No labelled data is needed and none is downloaded.

    ``engine`` is where Splink runs the same settings: ``"duckdb"`` in this process, or
    ``"spark"`` on :func:`spark_session` at ``spark_master`` (raises
    :class:`EngineUnavailable` when Spark cannot start).
    """
    if engine not in ENGINES:
        raise ValueError(f"Unknown linkage engine {engine!r}: choose from {', '.join(ENGINES)}")
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
        if engine == "spark":
            return _link_rows_on_spark(
                rows, thresholds=thresholds, seed=seed, progress=progress, master=spark_master
            )
        db_api = DuckDBAPI()
        table = {column: [row[column] for row in rows] for column in COMPARISON_COLUMNS}
        frame = db_api.register(table, table_name="people")
        return _link_rows(frame, rows, thresholds=thresholds, seed=seed, progress=progress)
    finally:
        splink_log.setLevel(level)


def _link_rows_on_spark(
    rows: list[dict[str, str | None]],
    *,
    thresholds: Thresholds,
    seed: int,
    progress: Progress,
    master: str | None,
) -> LinkResult:
    from pyspark.sql.types import StringType, StructField, StructType
    from splink.backends.spark import SparkAPI

    spark = spark_session(master)
    schema = StructType([StructField(column, StringType()) for column in COMPARISON_COLUMNS])
    people = spark.createDataFrame(
        [tuple(row[column] for column in COMPARISON_COLUMNS) for row in rows], schema=schema
    )
    # Clustering iterates; checkpointing cuts each step's lineage. Without a checkpoint
    # directory (a cluster with no shared one) intermediate tables are cached instead.
    method = "checkpoint" if spark.sparkContext.getCheckpointDir() else "persist"
    db_api = SparkAPI(spark_session=spark, break_lineage_method=method)  # type: ignore[no-untyped-call]
    try:
        frame = db_api.register(people)
        return _link_rows(frame, rows, thresholds=thresholds, seed=seed, progress=progress)
    finally:
        spark.catalog.clearCache()


def _link_rows(
    frame: Any,
    rows: list[dict[str, str | None]],
    *,
    thresholds: Thresholds,
    seed: int,
    progress: Progress,
) -> LinkResult:
    small = len(rows) < U_SAMPLE_MIN
    linker = Linker(frame, settings(prior_match_probability(rows), default_u=small), log_level=None)
    progress("training")
    if not small:
        linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
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
