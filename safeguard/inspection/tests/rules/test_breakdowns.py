"""Breakdowns and each record's part of an indicator (issue 9 item 1). Table-driven."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import pytest

from safeguard.core.rules.indicators import Share
from safeguard.inspection.rules.breakdowns import (
    ADULT,
    NOT_ASKED,
    NOT_KNOWN,
    NOT_STATED,
    Dimension,
    Part,
    age_band,
    breakdown,
    ethnic_group,
    parts,
    sex_label,
    total,
)

A, B, C = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (None, NOT_KNOWN),
        (-1, NOT_KNOWN),
        (0, "Under 5"),
        (4, "Under 5"),
        (5, "5 to 9"),
        (9, "5 to 9"),
        (10, "10 to 12"),
        (12, "10 to 12"),
        (13, "13 to 15"),
        (15, "13 to 15"),
        (16, "16 or 17"),
        (17, "16 or 17"),
        (18, ADULT),
        (54, ADULT),
    ],
)
def test_age_bands(age: int | None, band: str) -> None:
    assert age_band(age) == band


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("W1", "White"),
        ("W3", "White"),
        ("M2", "Mixed or multiple"),
        ("A4", "Asian or Asian British"),
        ("B9", "Black, Black British, Caribbean or African"),
        ("O2", "Other ethnic group"),
        ("NS", NOT_STATED),
        ("NOT_ASKED", NOT_ASKED),
        ("", NOT_KNOWN),
        ("ZZ", NOT_KNOWN),
    ],
)
def test_ethnic_groups_keep_declined_and_not_asked_apart(code: str, group: str) -> None:
    assert ethnic_group(code) == group


@pytest.mark.parametrize(
    ("code", "label"),
    [("FEMALE", "Female"), ("MALE", "Male"), ("NOT_RECORDED", "Not recorded"), ("X", NOT_KNOWN)],
)
def test_sex_labels(code: str, label: str) -> None:
    assert sex_label(code) == label


def _share_met(facts: Sequence[tuple[uuid.UUID | None, int, int]]) -> Share:
    return Share(sum(f[1] for f in facts), sum(f[2] for f in facts))


def test_each_fact_s_part_is_the_measure_on_it_alone_and_uncounted_facts_are_left_out() -> None:
    facts = [(A, 1, 1), (B, 0, 1), (C, 0, 0), (None, 1, 1), (A, 2, 3)]
    found = parts(facts, _share_met, lambda f: f[0])
    assert found == [Part(A, Share(1, 1)), Part(B, Share(0, 1)), Part(A, Share(2, 3))]
    assert [p.missed for p in found] == [False, True, True]
    assert total(found) == Share(3, 5)
    assert total([]) == Share(0, 0)


def test_a_record_counts_once_in_each_group_it_names_and_none_is_not_known() -> None:
    found = [Part(A, Share(1, 1)), Part(B, Share(0, 1)), Part(C, Share(0, 2))]
    groups = {A: ["Female", "Female"], B: ["Male", "Female"], C: []}
    table = breakdown(found, groups, Dimension.SEX)
    assert table == [
        ("Female", Share(1, 2)),
        ("Male", Share(0, 1)),
        (NOT_KNOWN, Share(0, 2)),
    ]


def test_groups_sort_in_the_dimension_s_order_then_by_name_with_not_known_last() -> None:
    found = [Part(A, Share(1, 1)), Part(B, Share(1, 1)), Part(C, Share(0, 1))]
    ages = {A: ["16 or 17"], B: ["Under 5"], C: [NOT_KNOWN]}
    assert [g for g, _ in breakdown(found, ages, Dimension.AGE_BAND)] == [
        "Under 5",
        "16 or 17",
        NOT_KNOWN,
    ]
    teams = {A: ["Stafford PPU"], B: ["MASH"], C: []}
    assert [g for g, _ in breakdown(found, teams, Dimension.TEAM)] == [
        "MASH",
        "Stafford PPU",
        NOT_KNOWN,
    ]
    ethnic = {A: ["White"], B: ["Unlisted"], C: [NOT_ASKED]}
    assert [g for g, _ in breakdown(found, ethnic, Dimension.ETHNICITY)] == [
        "White",
        NOT_ASKED,
        "Unlisted",
    ]
