"""The real-time check's scoring and keys (issue 6): every level of every comparison,
the arithmetic of the explanation, and reading a batch run's weights."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import pytest

from safeguard.linkage.rules.comparisons import COMPARISON_TABLE, DEFAULT_U
from safeguard.linkage.rules.entry import (
    DEFAULT_PRIOR,
    DEFAULT_WEIGHTS,
    Weights,
    entry_keys,
    level_of,
    score,
    top_matches,
    weights_from_model_json,
)
from safeguard.linkage.rules.records import LinkRecord, comparison_row

BASE = LinkRecord(
    record_id="existing",
    first_name="Katarzyna",
    middle_names="Anna",
    surname="Nowak-Smith",
    date_of_birth=dt.date(2014, 3, 7),
    sex="FEMALE",
    postcode="ST16 2DE",
)


def _row(**changes: Any) -> dict[str, str | None]:
    return comparison_row(dataclasses.replace(BASE, record_id="new", **changes))


def _label(field: str, **changes: Any) -> str:
    index = level_of(field, _row(**changes), comparison_row(BASE))
    return "not known" if index is None else COMPARISON_TABLE[field][index].label


@pytest.mark.parametrize(
    ("field", "changes", "label"),
    [
        ("given_name", {}, "same given name"),
        ("given_name", {"first_name": "Kasia"}, "nickname or spelling of the same name"),
        (
            "given_name",
            {"first_name": "Smith", "surname": "Katarzyna"},
            "given name written as the surname",
        ),
        ("given_name", {"first_name": "Anna", "middle_names": ""}, "known by a middle name"),
        ("given_name", {"first_name": "Katarzina"}, "given name spelt slightly differently"),
        ("given_name", {"first_name": "Katrina"}, "given name spelt quite differently"),
        ("given_name", {"first_name": "Bob"}, "different given name"),
        ("given_name", {"first_name": ""}, "not known"),
        ("surname", {}, "same surname"),
        ("surname", {"surname": "Smith"}, "shares part of a double or hyphenated surname"),
        ("surname", {"surname": "Katarzyna"}, "surname written as the given name"),
        ("surname", {"surname": "Nowakk-Smit"}, "surname spelt slightly differently"),
        ("surname", {"surname": "Novac-Smit"}, "surname spelt quite differently"),
        ("surname", {"surname": "Jones"}, "different surname"),
        ("date_of_birth", {}, "same date of birth"),
        ("date_of_birth", {"date_of_birth": dt.date(2014, 7, 3)}, "day and month swapped"),
        ("date_of_birth", {"date_of_birth": dt.date(2015, 3, 7)}, "same birthday, a year apart"),
        ("date_of_birth", {"date_of_birth": dt.date(2014, 9, 20)}, "same year of birth"),
        (
            "date_of_birth",
            {"date_of_birth": None, "estimated_age": 13, "estimated_on": dt.date(2026, 11, 1)},
            "estimated age close to the date of birth",
        ),
        ("date_of_birth", {"date_of_birth": dt.date(1990, 3, 8)}, "born more than ten years apart"),
        ("date_of_birth", {"date_of_birth": dt.date(2010, 1, 1)}, "different date of birth"),
        ("date_of_birth", {"date_of_birth": None}, "not known"),
        ("postcode", {}, "same postcode"),
        ("postcode", {"postcode": "ST16 9ZZ"}, "same postcode district"),
        ("postcode", {"postcode": "ST1 1AA"}, "same postcode area"),
        ("postcode", {"postcode": "M1 1AA"}, "different postcode"),
        ("postcode", {"postcode": ""}, "not known"),
        ("sex", {}, "same sex"),
        ("sex", {"sex": "MALE"}, "different sex"),
        ("sex", {"sex": "NOT_RECORDED"}, "not known"),
    ],
)
def test_each_level_is_reached_by_the_pair_it_describes(
    field: str, changes: dict[str, Any], label: str
) -> None:
    assert _label(field, **changes) == label


def test_a_custom_level_with_a_missing_date_on_one_side_does_not_apply() -> None:
    # Same birthday a year apart needs both dates; with one missing it falls through.
    a = _row(date_of_birth=None, estimated_age=30, estimated_on=dt.date(2026, 1, 1))
    assert (
        _label(
            "date_of_birth", date_of_birth=None, estimated_age=30, estimated_on=dt.date(2026, 1, 1)
        )
        == "born more than ten years apart"
    )
    assert a["dob"] is None


def test_score_is_the_prior_plus_each_fields_log2_bayes_factor() -> None:
    scored = score(_row(first_name="Kasia", postcode="M1 1AA"), comparison_row(BASE))
    expected = math.log2(DEFAULT_PRIOR / (1 - DEFAULT_PRIOR))
    for field, levels in COMPARISON_TABLE.items():
        index = level_of(field, _row(first_name="Kasia", postcode="M1 1AA"), comparison_row(BASE))
        assert index is not None
        expected += math.log2(levels[index].m / DEFAULT_U[field][index])
    assert scored.match_weight == pytest.approx(expected)
    assert scored.probability == pytest.approx(1 / (1 + 2**-expected))
    by_field = {f.field: f for f in scored.fields}
    assert by_field["given_name"].agrees is True
    assert by_field["given_name"].level == "nickname or spelling of the same name"
    assert by_field["postcode"].agrees is False
    assert by_field["postcode"].weight < 0 < by_field["date_of_birth"].weight
    assert scored.record_id == "existing"


def test_an_unknown_field_weighs_nothing() -> None:
    scored = score(_row(sex=""), comparison_row(BASE))
    sex = next(f for f in scored.fields if f.field == "sex")
    assert (sex.agrees, sex.weight, sex.level) == (None, 0.0, "not known")
    assert sex.as_dict() == {
        "field": "sex",
        "label": "Sex",
        "level": "not known",
        "agrees": None,
        "weight": 0.0,
    }


def test_entry_keys_follow_the_blocking_rules_and_skip_unknown_columns() -> None:
    keys = entry_keys(comparison_row(BASE))
    assert "0:2014-03-07|ST" in keys  # dob_sorted + area
    assert "swapped:katarzyna|nowaksmith" in keys
    assert {"e0:2014-03-07", "e1:katarzyna|2014"} <= keys  # the check's broader rules
    bare = entry_keys(comparison_row(LinkRecord(record_id="x", first_name="", surname="Nowak")))
    assert bare == set()


def test_swapped_names_share_a_key() -> None:
    swapped = _row(first_name="Nowak-Smith", surname="Katarzyna")
    assert any(
        k.startswith("swapped:") for k in entry_keys(swapped) & entry_keys(comparison_row(BASE))
    )


def test_top_matches_orders_limits_and_filters() -> None:
    new = _row(first_name="Kasia", postcode="ST17 4AB")
    candidates = [
        comparison_row(dataclasses.replace(BASE, record_id=f"c{n}", first_name=name))
        for n, name in enumerate(["Katarzyna", "Bob", "Kate", "Kasia", "Kathy", "Kat", "Zed"])
    ]
    best = top_matches(new, candidates, limit=3)
    assert len(best) == 3
    assert [s.match_weight for s in best] == sorted((s.match_weight for s in best), reverse=True)
    assert best[0].record_id in {"c0", "c3"}
    assert top_matches(new, candidates, show_from=0.9999999) == []


def test_weights_are_read_from_a_saved_splink_model() -> None:
    def comparison(name: str, us: tuple[float, ...]) -> dict[str, Any]:
        return {
            "output_column_name": name,
            "comparison_levels": [{"is_null_level": True}]
            + [{"m_probability": 0.1, "u_probability": u} for u in us],
        }

    measured = tuple(u / 2 for u in DEFAULT_U["surname"])
    model = {
        "probability_two_random_records_match": 0.001,
        "comparisons": [
            comparison("surname", measured),
            comparison("given_name", (0.5,)),  # wrong shape: defaults kept
            {
                "output_column_name": "sex",
                "comparison_levels": [{"u_probability": None}, {"u_probability": 0.4}],
            },
        ],
    }
    weights = weights_from_model_json(model)
    assert weights.prior == 0.001
    assert tuple(weights.u["surname"]) == measured
    assert tuple(weights.u["given_name"]) == DEFAULT_U["given_name"]
    assert tuple(weights.u["sex"]) == (DEFAULT_U["sex"][0], 0.4)
    assert weights_from_model_json({}) == Weights(u=DEFAULT_U, prior=DEFAULT_PRIOR)
    assert DEFAULT_WEIGHTS.prior == DEFAULT_PRIOR


def test_the_python_twins_treat_a_blank_as_sql_treats_null() -> None:
    """A fuzzy or year comparison with a null on one side never agrees (SQL NULL semantics)."""
    from safeguard.linkage.rules.comparisons import Level, _years_apart
    from safeguard.linkage.rules.entry import _level_applies

    known, blank = _row(), _row(surname="", date_of_birth=None)
    assert blank["surname"] is None
    assert _level_applies(Level("jaro_winkler", "surname:0.9", 0.05, "x"), known, blank) is False
    assert _years_apart(known, blank) is None
    assert _years_apart(known, known) == 0
