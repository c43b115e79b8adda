"""The same model on Splink's Spark backend (local mode): the slower tier.

Spark must give what DuckDB gives on the same records: the same pairs, the same
probabilities and the same clusters, so a regional or national run on a cluster is the model
the force reviewed. One local Spark session serves the module (starting Java takes seconds).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.management import CommandError, call_command

from safeguard.core.clock import FixedClock, use_clock
from safeguard.linkage.model import (
    DEFAULT_SPARK_MASTER,
    Thresholds,
    link,
    spark_session,
)
from safeguard.linkage.models import LinkageRun
from safeguard.linkage.rules.csv_rows import INPUT_COLUMNS, OUTPUT_COLUMNS
from safeguard.linkage.rules.records import LinkRecord
from safeguard.linkage.services import people_link_run
from safeguard.people.tests.factories import make_person

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

TODAY = FixedClock(dt.datetime(2027, 1, 9, 12, 0, tzinfo=dt.UTC))
THRESHOLDS = Thresholds(link=0.95, review_from=0.01)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = spark_session(DEFAULT_SPARK_MASTER)
    yield session
    session.stop()


def _people() -> tuple[list[LinkRecord], dict[str, str]]:
    """120 fictional people, a second record for every fourth one, and who is who.

    The second records differ the ways officers' records do, so every kind of comparison
    level is used: a typo (Jaro-Winkler), names the other way round, a shortened surname
    with the year of birth one out, an estimated age instead of a date, a nickname with a
    middle name as the given name.
    """
    given = ("Ava", "Leo", "Maya", "Noah", "Isla", "Omar", "Theo", "Ruby", "Kai", "Esme")
    family = ("Fictionalson", "Testwood", "Madeupova", "Inventedi", "Notreal", "Smith-Jones")
    records: list[LinkRecord] = []
    truth: dict[str, str] = {}
    for i in range(120):
        first = LinkRecord(
            record_id=f"p{i:03d}",
            first_name=given[i % len(given)],
            middle_names="Anne Marie" if i % 5 == 0 else "",
            surname=family[(i // len(given)) % len(family)] + ("x" * (i // 60)),
            date_of_birth=dt.date(1980, 1, 1) + dt.timedelta(days=97 * i),
            sex="FEMALE" if i % 2 else "MALE",
            postcode=f"ST{1 + i % 20} {1 + i % 9}AB",
        )
        records.append(first)
        truth[first.record_id] = first.record_id
        if i % 4:
            continue
        dob = first.date_of_birth
        assert dob is not None
        twin = f"{first.record_id}b"
        second = (
            LinkRecord(
                twin,
                first.first_name + "h",
                first.surname,
                date_of_birth=dob,
                sex=first.sex,
                postcode=first.postcode,
            ),
            LinkRecord(twin, first.surname, first.first_name, date_of_birth=dob, sex=first.sex),
            LinkRecord(
                twin,
                first.first_name,
                first.surname[:-1],
                date_of_birth=dob.replace(year=dob.year + 1),
                postcode=first.postcode,
            ),
            LinkRecord(
                twin,
                "Anne",
                first.surname,
                date_of_birth=dob,
                sex=first.sex,
                postcode=first.postcode,
            ),
        )[(i // 4) % 4]
        records.append(second)
        truth[twin] = first.record_id
    return records, truth


def _joined(clusters: dict[str, str]) -> set[frozenset[str]]:
    """The clusters of more than one record."""
    members: dict[str, set[str]] = {}
    for record, cluster in clusters.items():
        members.setdefault(cluster, set()).add(record)
    return {frozenset(group) for group in members.values() if len(group) > 1}


def _weights(model_json: dict[str, Any]) -> list[tuple[str, float | None, float | None]]:
    return [
        (level["label_for_charts"], level.get("m_probability"), level.get("u_probability"))
        for comparison in model_json["comparisons"]
        for level in comparison["comparison_levels"]
    ]


@pytest.mark.slow
def test_spark_scores_and_clusters_exactly_as_duckdb_does(spark: SparkSession) -> None:
    records, truth = _people()
    on_duckdb = link(records, thresholds=THRESHOLDS)
    on_spark = link(records, thresholds=THRESHOLDS, engine="spark")
    assert spark_session(DEFAULT_SPARK_MASTER) is spark  # the running session, reused

    duckdb_pairs = {(left, right): p for left, right, p in on_duckdb.pairs}
    spark_pairs = {(left, right): p for left, right, p in on_spark.pairs}
    assert set(spark_pairs) == set(duckdb_pairs)
    for pair, probability in duckdb_pairs.items():
        assert spark_pairs[pair] == pytest.approx(probability, abs=1e-6), pair
    assert on_spark.clusters == on_duckdb.clusters
    assert on_spark.pairs_scored == on_duckdb.pairs_scored
    # The same trained model, written in each engine's SQL dialect.
    assert _weights(on_spark.model_json) == _weights(on_duckdb.model_json)

    # Not a vacuous agreement: both links and pairs for review, and the duplicates found.
    assert any(p >= THRESHOLDS.link for p in spark_pairs.values())
    assert any(p < THRESHOLDS.link for p in spark_pairs.values())
    assert len(_joined(truth)) == 30
    assert _joined(on_spark.clusters) == _joined(truth)  # every duplicate, no stranger


def _run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with use_clock(TODAY):
        call_command("link_people", *args, verbosity=0, stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.slow
def test_the_command_links_a_file_on_spark(spark: SparkSession, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(
        "\n".join(
            [
                ",".join(INPUT_COLUMNS),
                "1,William,,Smith,2014-07-03,M,ST16 2DE,1 Fictional Road",
                "2,Bill,,Smith,03/07/2014,M,ST16 2DE,1 Fictional Road",
                "3,Kasia,,Nowak,2012-01-05,F,ST17 4AB,",
                "4,Katarzyna,,Nowak,2012-05-01,F,ST17 4AB,",
                "5,Ahmed,,Khan,2009-09-09,M,ST1 1AA,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "clusters.csv"
    out = _run(
        "--input",
        str(source),
        "--output",
        str(target),
        "--engine",
        "spark",
        "--spark-master",
        DEFAULT_SPARK_MASTER,
    )
    with target.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == OUTPUT_COLUMNS
        clusters = {row["record_id"]: row["cluster_id"] for row in reader}
    assert clusters["1"] == clusters["2"]
    assert clusters["3"] == clusters["4"]
    assert clusters["5"] not in {clusters[r] for r in "1234"}
    assert "Wrote 5 rows" in out


@pytest.mark.slow
@pytest.mark.django_db
def test_the_people_table_run_records_the_spark_engine(spark: SparkSession) -> None:
    for given in ("William", "Bill"):
        make_person(given_name=given, family_name="Fictionalson", date_of_birth=dt.date(2013, 4, 4))
    make_person(given_name="Amira", family_name="Otherfictional", date_of_birth=dt.date(2011, 8, 8))
    run = people_link_run(engine="spark", spark_master=DEFAULT_SPARK_MASTER)
    assert run.engine == "spark"
    assert LinkageRun.objects.get().engine == "spark"
    assert run.records == 3
    assert run.clusters_with_more_than_one == 1


def test_without_java_the_command_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "people.csv"
    source.write_text(
        ",".join(INPUT_COLUMNS) + "\n1,Ava,,Smith,2014-07-03,F,,\n2,Leo,,Jones,,M,,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PATH", str(tmp_path))  # a directory with no java in it
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(CommandError, match="needs Java 17 or later"):
        _run("--input", str(source), "--output", str(tmp_path / "c.csv"), "--engine", "spark")
    assert not (tmp_path / "c.csv").exists()
