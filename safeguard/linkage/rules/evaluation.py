"""Accuracy of a linkage run against known true identities (issue 6, "Evaluation"). Pure.

Pairwise: every pair of records placed in one cluster is a predicted match; every pair that
shares a true identity is a true match. Precision, recall and F1 over those pairs. The
synthetic force knows each record's true identity (its hidden ``SyntheticIdentity``), so a
run can be scored honestly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Accuracy:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        real = self.true_positives + self.false_negatives
        return self.true_positives / real if real else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs_within(groups: Mapping[Hashable, list[str]]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for members in groups.values():
        ordered = sorted(members)
        for i, left in enumerate(ordered):
            for right in ordered[i + 1 :]:
                pairs.add((left, right))
    return pairs


def _groups(assignment: Mapping[str, Hashable]) -> dict[Hashable, list[str]]:
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for record, group in assignment.items():
        groups[group].append(record)
    return groups


def pairwise_accuracy(predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> Accuracy:
    """Score predicted clusters (record -> cluster) against true identities (record -> id).

    Only records present in ``truth`` count; a record missing from ``predicted`` is a
    cluster of its own.
    """
    clusters = {record: predicted.get(record, ("alone", record)) for record in truth}
    found = _pairs_within(_groups(clusters))
    real = _pairs_within(_groups(truth))
    return Accuracy(
        true_positives=len(found & real),
        false_positives=len(found - real),
        false_negatives=len(real - found),
    )


def cluster_accuracy(predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> Accuracy:
    """Score whole clusters: a predicted cluster is right when it is exactly a true identity's
    records. Precision over predicted clusters, recall over true identities."""
    clusters = {record: predicted.get(record, ("alone", record)) for record in truth}
    found = {frozenset(m) for m in _groups(clusters).values()}
    real = {frozenset(m) for m in _groups(truth).values()}
    exact = len(found & real)
    return Accuracy(
        true_positives=exact, false_positives=len(found) - exact, false_negatives=len(real) - exact
    )
