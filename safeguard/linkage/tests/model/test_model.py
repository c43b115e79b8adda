"""The Splink model on small hand-built sets: who is linked, who is left for review, and why."""

from __future__ import annotations

import datetime as dt

from safeguard.linkage.model import (
    MODEL_VERSION,
    Thresholds,
    link,
)
from safeguard.linkage.rules.comparisons import (
    BLOCKING_RULES,
    COMPARISON_TABLE,
    ENTRY_ONLY_BLOCKING_RULES,
)
from safeguard.linkage.rules.evaluation import pairwise_accuracy
from safeguard.linkage.rules.records import COMPARISON_COLUMNS, LinkRecord


def _household(n: int) -> list[LinkRecord]:
    """Fictional unrelated people, so the model has non-matches to measure u on."""
    given = ("Ava", "Leo", "Maya", "Noah", "Isla", "Omar", "Theo", "Ruby", "Kai", "Esme")
    family = ("Fictionalson", "Testwood", "Madeupova", "Inventedi", "Notreal", "Imaginary")
    return [
        LinkRecord(
            record_id=f"p{i}",
            first_name=given[i % len(given)],
            surname=family[(i // len(given)) % len(family)] + ("x" * (i // 60)),
            date_of_birth=dt.date(1980, 1, 1) + dt.timedelta(days=97 * i),
            sex="FEMALE" if i % 2 else "MALE",
            postcode=f"ST{1 + i % 20} {1 + i % 9}AB",
        )
        for i in range(n)
    ]


def test_nicknames_swaps_and_hyphens_are_linked_and_strangers_are_not() -> None:
    records = [
        *_household(300),
        LinkRecord(
            "w1",
            "William",
            "Okafor-Fictional",
            date_of_birth=dt.date(2014, 7, 3),
            sex="MALE",
            postcode="ST16 2DE",
        ),
        LinkRecord(
            "w2",
            "Bill",
            "Okafor",
            date_of_birth=dt.date(2014, 3, 7),
            sex="MALE",
            postcode="ST16 2DE",
        ),
        LinkRecord(
            "k1",
            "Katarzyna",
            "Wójcik",
            date_of_birth=dt.date(2012, 1, 5),
            sex="FEMALE",
            postcode="ST17 4AB",
        ),
        LinkRecord(
            "k2",
            "Kasia",
            "Wojcik",
            date_of_birth=dt.date(2012, 1, 5),
            sex="FEMALE",
            postcode="ST17 4AB",
        ),
        LinkRecord(
            "m1",
            "Mohammed",
            "Fictionali",
            date_of_birth=dt.date(2010, 9, 9),
            sex="MALE",
            postcode="ST1 1AA",
        ),
        LinkRecord(
            "m2",
            "Muhammad",
            "Fictionali",
            date_of_birth=dt.date(2010, 9, 9),
            sex="MALE",
            postcode="ST1 1AA",
        ),
        # Father and son of one name at one address: different dates of birth.
        LinkRecord(
            "f1",
            "Garry",
            "Inventedson",
            date_of_birth=dt.date(1970, 4, 29),
            sex="MALE",
            postcode="B77 9HN",
        ),
        LinkRecord(
            "f2",
            "Garry",
            "Inventedson",
            date_of_birth=dt.date(2001, 11, 8),
            sex="MALE",
            postcode="B77 9HN",
        ),
    ]
    truth = {r.record_id: r.record_id for r in records}
    truth |= {"w2": "w1", "k2": "k1", "m2": "m1"}
    result = link(records, thresholds=Thresholds(link=0.95, review_from=0.5))
    clusters = result.clusters
    assert clusters["w1"] == clusters["w2"]
    assert clusters["k1"] == clusters["k2"]
    assert clusters["m1"] == clusters["m2"]
    assert clusters["f1"] != clusters["f2"]
    accuracy = pairwise_accuracy(clusters, truth)
    assert accuracy.false_positives == 0
    assert accuracy.recall == 1.0
    assert result.model_version == MODEL_VERSION
    assert result.records == len(records)
    assert result.model_json["comparisons"]


def test_pairs_in_the_review_band_are_returned_but_not_clustered() -> None:
    records = [
        *_household(300),
        # Same name and date of birth, surname changed, nothing else known: uncertain.
        LinkRecord(
            "s1", "Manpreet", "Chahalfictional", date_of_birth=dt.date(2000, 8, 14), sex="FEMALE"
        ),
        LinkRecord(
            "s2", "Manpreet", "Kaurfictional", date_of_birth=dt.date(2000, 8, 14), sex="FEMALE"
        ),
    ]
    result = link(records, thresholds=Thresholds(link=0.999, review_from=0.01))
    probabilities = {(a, b): p for a, b, p in result.pairs}
    pair = probabilities.get(("s1", "s2"), probabilities.get(("s2", "s1")))
    assert pair is not None
    assert 0.01 <= pair < 0.999
    assert result.clusters["s1"] != result.clusters["s2"]


def test_fewer_than_two_records_need_no_model() -> None:
    result = link([LinkRecord("only", "Ava", "Alone")])
    assert result.clusters == {"only": "only"}
    assert result.pairs_scored == 0


def test_the_model_is_data_that_names_only_known_columns() -> None:
    for rule in (*BLOCKING_RULES, *ENTRY_ONLY_BLOCKING_RULES):
        assert set(rule) <= set(COMPARISON_COLUMNS)
    for name, levels in COMPARISON_TABLE.items():
        total = sum(level.m for level in levels)
        assert 0.97 <= total <= 1.0 + 1e-9, name
        assert levels[-1].kind == "else"
        # every custom SQL level has its Python twin for the check at entry, and only those
        assert all((level.kind == "custom") == (level.test is not None) for level in levels)
