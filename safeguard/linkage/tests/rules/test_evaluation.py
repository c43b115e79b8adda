"""Accuracy of a linkage run against known true identities (issue 6, "Evaluation")."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping

import pytest

from safeguard.linkage.rules.evaluation import Accuracy, cluster_accuracy, pairwise_accuracy

# Truth used throughout: a, b, c are one child; d, e another; f is alone.
TRUTH: dict[str, Hashable] = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3}

Case = tuple[str, Mapping[str, Hashable], Mapping[str, Hashable], tuple[int, int, int]]

# (name, predicted, truth, (true positives, false positives, false negatives)).
# True pairs in TRUTH: ab, ac, bc, de = 4.
PAIRWISE_CASES: list[Case] = [
    ("perfect", {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, TRUTH, (4, 0, 0)),
    (
        "perfect with other cluster ids",
        {"a": 7, "b": 7, "c": 7, "d": ("k", 1), "e": ("k", 1), "f": None},
        TRUTH,
        (4, 0, 0),
    ),
    # f wrongly merged into d, e: pairs df, ef are false.
    (
        "one false merge",
        {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y"},
        TRUTH,
        (4, 2, 0),
    ),
    # d and e left apart: pair de missed.
    (
        "one missed pair",
        {"a": "x", "b": "x", "c": "x", "d": "y", "e": "w", "f": "z"},
        TRUTH,
        (3, 0, 1),
    ),
    # c split off: ac, bc missed.
    (
        "one record split off",
        {"a": "x", "b": "x", "c": "v", "d": "y", "e": "y", "f": "z"},
        TRUTH,
        (2, 0, 2),
    ),
    # e is missing from predicted: it is alone, so de is missed.
    (
        "missing from predicted",
        {"a": "x", "b": "x", "c": "x", "d": "y", "f": "z"},
        TRUTH,
        (3, 0, 1),
    ),
    # Two records missing from predicted are two clusters, not one.
    ("two missing are not merged", {"a": "x", "b": "x", "c": "x"}, TRUTH, (3, 0, 1)),
    ("nothing predicted", {}, TRUTH, (0, 0, 4)),
    # Everything in one cluster: 15 pairs of 6, 4 true.
    ("everything merged", dict.fromkeys(TRUTH, "x"), TRUTH, (4, 11, 0)),
    # Records not in truth do not count, even when clustered with true records.
    (
        "extra predicted records ignored",
        {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z", "g": "x", "h": "z"},
        TRUTH,
        (4, 0, 0),
    ),
    ("empty truth", {"a": "x", "b": "x"}, {}, (0, 0, 0)),
    ("both empty", {}, {}, (0, 0, 0)),
    ("all singletons", {"a": 1, "b": 2}, {"a": "p", "b": "q"}, (0, 0, 0)),
]

# Whole clusters. True clusters in TRUTH: {a,b,c}, {d,e}, {f} = 3.
CLUSTER_CASES: list[Case] = [
    ("perfect", {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, TRUTH, (3, 0, 0)),
    # {d,e,f} is wrong; {d,e} and {f} are not found.
    (
        "one false merge",
        {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y"},
        TRUTH,
        (1, 1, 2),
    ),
    # {d} and {e} are wrong; {d,e} not found.
    (
        "one missed pair",
        {"a": "x", "b": "x", "c": "x", "d": "y", "e": "w", "f": "z"},
        TRUTH,
        (2, 2, 1),
    ),
    # e missing from predicted is {e} alone: same as the missed pair.
    (
        "missing from predicted",
        {"a": "x", "b": "x", "c": "x", "d": "y", "f": "z"},
        TRUTH,
        (2, 2, 1),
    ),
    # Every record alone: only {f} is right.
    ("nothing predicted", {}, TRUTH, (1, 5, 2)),
    ("everything merged", dict.fromkeys(TRUTH, "x"), TRUTH, (0, 1, 3)),
    (
        "extra predicted records ignored",
        {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z", "g": "x"},
        TRUTH,
        (3, 0, 0),
    ),
    ("empty truth", {"a": "x"}, {}, (0, 0, 0)),
    ("both empty", {}, {}, (0, 0, 0)),
]


def _counts(accuracy: Accuracy) -> tuple[int, int, int]:
    return accuracy.true_positives, accuracy.false_positives, accuracy.false_negatives


class TestPairwiseAccuracy:
    @pytest.mark.parametrize(
        ("predicted", "truth", "expected"),
        [case[1:] for case in PAIRWISE_CASES],
        ids=[case[0] for case in PAIRWISE_CASES],
    )
    def test_counts(
        self,
        predicted: Mapping[str, Hashable],
        truth: Mapping[str, Hashable],
        expected: tuple[int, int, int],
    ) -> None:
        assert _counts(pairwise_accuracy(predicted, truth)) == expected

    def test_perfect_scores_one(self) -> None:
        result = pairwise_accuracy(
            {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, TRUTH
        )
        assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)

    def test_false_merge_lowers_precision_only(self) -> None:
        result = pairwise_accuracy(
            {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y"}, TRUTH
        )
        assert result.precision == pytest.approx(4 / 6)
        assert result.recall == 1.0
        assert result.f1 == pytest.approx(0.8)

    def test_missed_pair_lowers_recall_only(self) -> None:
        result = pairwise_accuracy(
            {"a": "x", "b": "x", "c": "x", "d": "y", "e": "w", "f": "z"}, TRUTH
        )
        assert result.precision == 1.0
        assert result.recall == pytest.approx(3 / 4)
        assert result.f1 == pytest.approx(6 / 7)

    def test_empty_truth_gives_precision_and_recall_one(self) -> None:
        result = pairwise_accuracy({"a": "x", "b": "x"}, {})
        assert result == Accuracy(0, 0, 0)
        assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)

    def test_does_not_depend_on_record_order(self) -> None:
        predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y", "f": "z"}
        reordered_truth = dict(reversed(list(TRUTH.items())))
        reordered_predicted = dict(reversed(list(predicted.items())))
        assert pairwise_accuracy(predicted, TRUTH) == pairwise_accuracy(
            reordered_predicted, reordered_truth
        )

    def test_is_symmetric_in_false_positives_and_negatives(self) -> None:
        predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y", "f": "z"}
        forward = pairwise_accuracy(predicted, TRUTH)
        backward = pairwise_accuracy(TRUTH, predicted)
        assert forward.true_positives == backward.true_positives
        assert forward.false_positives == backward.false_negatives
        assert forward.false_negatives == backward.false_positives


class TestClusterAccuracy:
    @pytest.mark.parametrize(
        ("predicted", "truth", "expected"),
        [case[1:] for case in CLUSTER_CASES],
        ids=[case[0] for case in CLUSTER_CASES],
    )
    def test_counts(
        self,
        predicted: Mapping[str, Hashable],
        truth: Mapping[str, Hashable],
        expected: tuple[int, int, int],
    ) -> None:
        assert _counts(cluster_accuracy(predicted, truth)) == expected

    def test_perfect_scores_one(self) -> None:
        result = cluster_accuracy(
            {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, TRUTH
        )
        assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)

    def test_one_false_merge_scores(self) -> None:
        result = cluster_accuracy(
            {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y"}, TRUTH
        )
        assert result.precision == pytest.approx(1 / 2)
        assert result.recall == pytest.approx(1 / 3)
        assert result.f1 == pytest.approx(0.4)

    def test_empty_truth_gives_precision_and_recall_one(self) -> None:
        result = cluster_accuracy({"a": "x"}, {})
        assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)

    def test_everything_merged_scores_zero(self) -> None:
        result = cluster_accuracy(dict.fromkeys(TRUTH, "x"), TRUTH)
        assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)


class TestAccuracy:
    @pytest.mark.parametrize(
        ("accuracy", "precision", "recall", "f1"),
        [
            (Accuracy(0, 0, 0), 1.0, 1.0, 1.0),
            (Accuracy(4, 0, 0), 1.0, 1.0, 1.0),
            (Accuracy(1, 1, 1), 0.5, 0.5, 0.5),
            (Accuracy(3, 1, 0), 0.75, 1.0, 6 / 7),
            (Accuracy(3, 0, 1), 1.0, 0.75, 6 / 7),
            (Accuracy(1, 3, 0), 0.25, 1.0, 0.4),
            # Nothing found: precision 1.0 by convention, recall 0.
            (Accuracy(0, 0, 2), 1.0, 0.0, 0.0),
            # Nothing real: recall 1.0 by convention, precision 0.
            (Accuracy(0, 2, 0), 0.0, 1.0, 0.0),
        ],
    )
    def test_scores(self, accuracy: Accuracy, precision: float, recall: float, f1: float) -> None:
        assert accuracy.precision == pytest.approx(precision)
        assert accuracy.recall == pytest.approx(recall)
        assert accuracy.f1 == pytest.approx(f1)

    @pytest.mark.parametrize("accuracy", [Accuracy(0, 1, 1), Accuracy(0, 5, 3)])
    def test_f1_is_zero_when_precision_and_recall_are_zero(self, accuracy: Accuracy) -> None:
        assert accuracy.precision == 0.0
        assert accuracy.recall == 0.0
        assert accuracy.f1 == 0.0

    def test_is_frozen(self) -> None:
        accuracy = Accuracy(1, 0, 0)
        with pytest.raises(dataclasses.FrozenInstanceError):
            accuracy.true_positives = 2  # type: ignore[misc]
