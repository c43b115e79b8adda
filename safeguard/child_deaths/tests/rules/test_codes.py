"""The child death codes are stored by name, and every JAR criterion has a label (DOMAIN.md §5)."""

from __future__ import annotations

from enum import StrEnum

import pytest

from safeguard.child_deaths.rules.codes import (
    CRITERION_LABELS,
    AssignmentState,
    Duty,
    ItemState,
    JarCriterion,
    SiblingDecision,
)


@pytest.mark.parametrize(
    ("codes", "stored"),
    [
        (
            JarCriterion,
            [
                "EXTERNAL_CAUSES",
                "SUDDEN_NO_CAUSE",
                "CUSTODY_OR_DETENTION",
                "SUSPICION_NOT_NATURAL",
                "UNATTENDED_STILLBIRTH",
            ],
        ),
        (Duty, ["DETECTIVE", "SENIOR_OFFICER"]),
        (AssignmentState, ["OFFERED", "ACCEPTED", "TIMED_OUT", "INFORMED"]),
        (ItemState, ["OPEN", "DONE", "NOT_APPLICABLE"]),
        (
            SiblingDecision,
            ["STRATEGY_DISCUSSION", "REFER", "SAFE_WITH_FAMILY_SUPPORT", "NO_FURTHER_ACTION"],
        ),
    ],
)
def test_codes_are_stored_as_their_names(codes: type[StrEnum], stored: list[str]) -> None:
    # The values are what the database holds: renaming one is a migration.
    assert [code.value for code in codes] == stored


def test_every_criterion_has_a_label_in_the_order_of_the_guidance() -> None:
    assert list(CRITERION_LABELS) == list(JarCriterion)
    letters = [label[:3] for label in CRITERION_LABELS.values()]
    assert letters == ["(a)", "(b)", "(c)", "(d)", "(e)"]
