"""The real-time check at entry: is this person already known? (issue 6). Pure.

A new record is compared with the records that share at least one blocking key with it
(``entry_keys``: the batch model's own blocking rules, so the check offers at least what the
batch would compare, and two broader ones), and each pair is scored with the batch model's comparisons, m and u
(``linkage.rules.comparisons``). Every field's contribution is kept, so the officer sees
which fields agreed, which disagreed, and how much each weighed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jellyfish

from safeguard.linkage.rules.comparisons import (
    BLOCKING_RULES,
    COMPARISON_TABLE,
    DEFAULT_U,
    ENTRY_ONLY_BLOCKING_RULES,
    FIELD_LABELS,
    NULL_COLUMNS,
    Level,
    Row,
)

DEFAULT_PRIOR = 0.0001
"""The chance two random records are the same person when no batch run has measured it."""

SWAPPED_KEY = "swapped"


@dataclass(frozen=True)
class Weights:
    """What scoring needs from a trained model: u per level and the prior."""

    u: Mapping[str, Sequence[float]]
    prior: float


DEFAULT_WEIGHTS = Weights(u=DEFAULT_U, prior=DEFAULT_PRIOR)


@dataclass(frozen=True)
class FieldWeight:
    field: str
    label: str
    level: str
    # True agreed, False disagreed, None not known on one of the records.
    agrees: bool | None
    # log2 of the Bayes factor: positive pushes towards a match, negative away.
    weight: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "level": self.level,
            "agrees": self.agrees,
            "weight": round(self.weight, 3),
        }


@dataclass(frozen=True)
class Scored:
    record_id: str
    probability: float
    match_weight: float
    fields: tuple[FieldWeight, ...]


def _level_applies(level: Level, a: Row, b: Row) -> bool:
    if level.kind == "exact":
        left, right = a[level.target], b[level.target]
        return left is not None and left == right
    if level.kind == "jaro_winkler":
        column, threshold = level.target.split(":")
        left, right = a[column], b[column]
        if left is None or right is None:
            return False
        return jellyfish.jaro_winkler_similarity(left, right) >= float(threshold)
    if level.kind == "custom":
        assert level.test is not None, level.target
        return level.test(a, b)
    return True


def level_of(field: str, a: Row, b: Row) -> int | None:
    """The index of the first level the pair falls in, or None if the field is not known."""
    column = NULL_COLUMNS[field]
    if a[column] is None or b[column] is None:
        return None
    for index, level in enumerate(COMPARISON_TABLE[field]):
        if _level_applies(level, a, b):
            return index
    raise AssertionError("every comparison ends with an else level")  # pragma: no cover


def _logit2(probability: float) -> float:
    return math.log2(probability / (1 - probability))


def score(a: Row, b: Row, weights: Weights = DEFAULT_WEIGHTS) -> Scored:
    """Score a pair as the batch model does: the prior, plus each field's log2 Bayes factor."""
    fields: list[FieldWeight] = []
    total = _logit2(weights.prior)
    for field, levels in COMPARISON_TABLE.items():
        index = level_of(field, a, b)
        if index is None:
            fields.append(FieldWeight(field, FIELD_LABELS[field], "not known", None, 0.0))
            continue
        level = levels[index]
        weight = math.log2(level.m / weights.u[field][index])
        total += weight
        fields.append(FieldWeight(field, FIELD_LABELS[field], level.label, level.agrees, weight))
    probability = 1 / (1 + 2 ** (-total))
    return Scored(str(b["unique_id"]), probability, total, tuple(fields))


def entry_keys(row: Row) -> set[str]:
    """The blocking keys of a record: one per blocking rule whose columns are all known.

    The batch model's rules, its swapped-names rule, and the check's own broader rules
    (``ENTRY_ONLY_BLOCKING_RULES``).
    """
    keys: set[str] = set()
    for prefix, rules in (("", BLOCKING_RULES), ("e", ENTRY_ONLY_BLOCKING_RULES)):
        for number, rule in enumerate(rules):
            values = [row[column] for column in rule]
            if all(values):
                keys.add(f"{prefix}{number}:" + "|".join(str(v) for v in values))
    given, surname = row["given_folded"], row["surname"]
    if given and surname:
        keys.add(f"{SWAPPED_KEY}:" + "|".join(sorted((given, surname))))
    return keys


def top_matches(
    new: Row,
    candidates: Iterable[Row],
    weights: Weights = DEFAULT_WEIGHTS,
    *,
    limit: int = 5,
    show_from: float = 0.0,
) -> list[Scored]:
    """The ``limit`` likeliest matches at or above ``show_from``, likeliest first."""
    scored = [score(new, candidate, weights) for candidate in candidates]
    shown = [s for s in scored if s.probability >= show_from]
    shown.sort(key=lambda s: (-s.match_weight, s.record_id))
    return shown[:limit]


def weights_from_model_json(model: Mapping[str, Any]) -> Weights:
    """The u probabilities and prior of a batch run's saved Splink model.

    A level the run never saw (no u) keeps its :data:`DEFAULT_U` value.
    """
    u: dict[str, tuple[float, ...]] = {}
    by_name = {c.get("output_column_name"): c for c in model.get("comparisons", [])}
    for field, defaults in DEFAULT_U.items():
        levels = [
            lvl
            for lvl in by_name.get(field, {}).get("comparison_levels", [])
            if not lvl.get("is_null_level")
        ]
        if len(levels) != len(defaults):
            u[field] = defaults
            continue
        u[field] = tuple(
            float(lvl["u_probability"]) if lvl.get("u_probability") else default
            for lvl, default in zip(levels, defaults, strict=True)
        )
    prior = float(model.get("probability_two_random_records_match") or DEFAULT_PRIOR)
    return Weights(u=u, prior=prior)
