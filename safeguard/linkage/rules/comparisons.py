"""The linkage model's comparisons and blocking rules as reviewable data (issue 6). Pure.

Each comparison is a list of levels from the most to the least alike. A level carries the
SQL Splink runs in the batch (``kind`` and ``target``), the share of true matches that fall
in it (``m``, fixed and reviewable [U]), a label an officer can read, and, for custom SQL,
its Python twin (``test``) so the real-time check at entry (``linkage.rules.entry``) scores
a pair exactly as the batch does. A test holds the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

Row = Mapping[str, str | None]


def _first_word(value: str | None) -> str | None:
    return value.split(" ")[0] if value is not None else None


def _eq(a: str | None, b: str | None) -> bool:
    """SQL equality: a null on either side is never equal."""
    return a is not None and b is not None and a == b


def _years_apart(a: Row, b: Row) -> int | None:
    left, right = a["birth_year"], b["birth_year"]
    if left is None or right is None:
        return None
    return abs(int(left) - int(right))


def _given_is_other_surname(a: Row, b: Row) -> bool:
    return _eq(a["given_folded"], b["surname"]) or _eq(b["given_folded"], a["surname"])


def _given_is_other_middle(a: Row, b: Row) -> bool:
    return _eq(a["given_folded"], _first_word(b["middle_folded"])) or _eq(
        b["given_folded"], _first_word(a["middle_folded"])
    )


def _surname_part_shared(a: Row, b: Row) -> bool:
    return any(
        _eq(a[left], b[right])
        for left, right in (
            ("surname_first", "surname_first"),
            ("surname_last", "surname_last"),
            ("surname_first", "surname_last"),
            ("surname_last", "surname_first"),
        )
    )


def _surname_is_other_given(a: Row, b: Row) -> bool:
    return _eq(a["surname"], b["given_folded"]) or _eq(b["surname"], a["given_folded"])


def _same_day_month_year_apart(a: Row, b: Row) -> bool:
    left, right = a["dob"], b["dob"]
    return (
        left is not None
        and right is not None
        and left[5:] == right[5:]
        and (_years_apart(a, b) == 1)
    )


def _one_dob_missing_years_close(a: Row, b: Row) -> bool:
    apart = _years_apart(a, b)
    return (a["dob"] is None or b["dob"] is None) and apart is not None and apart <= 3


def _years_far_apart(a: Row, b: Row) -> bool:
    apart = _years_apart(a, b)
    return apart is not None and apart > 10


@dataclass(frozen=True)
class Level:
    kind: str  # "exact", "jaro_winkler", "custom" or "else"
    target: str  # a column, "column:threshold", or the custom level's SQL
    m: float
    label: str
    agrees: bool = True
    test: Callable[[Row, Row], bool] | None = None


COMPARISON_TABLE: dict[str, list[Level]] = {
    "given_name": [
        Level("exact", "given_folded", 0.78, "same given name"),
        Level("exact", "given_canonical", 0.08, "nickname or spelling of the same name"),
        Level(
            "custom",
            "given_folded_l = replace(surname_r, ' ', '') OR given_folded_r = replace(surname_l, ' ', '')",
            0.03,
            "given name written as the surname",
            test=_given_is_other_surname,
        ),
        Level(
            "custom",
            "given_folded_l = split_part(middle_folded_r, ' ', 1) "
            "OR given_folded_r = split_part(middle_folded_l, ' ', 1)",
            0.02,
            "known by a middle name",
            test=_given_is_other_middle,
        ),
        Level("jaro_winkler", "given_folded:0.9", 0.05, "given name spelt slightly differently"),
        Level("jaro_winkler", "given_folded:0.75", 0.015, "given name spelt quite differently"),
        Level("else", "", 0.005, "different given name", agrees=False),
    ],
    "surname": [
        Level("exact", "surname", 0.78, "same surname"),
        Level(
            "custom",
            "surname_first_l = surname_first_r OR surname_last_l = surname_last_r "
            "OR surname_first_l = surname_last_r OR surname_last_l = surname_first_r",
            0.03,
            "shares part of a double or hyphenated surname",
            test=_surname_part_shared,
        ),
        Level(
            "custom",
            "surname_l = given_folded_r OR surname_r = given_folded_l",
            0.03,
            "surname written as the given name",
            test=_surname_is_other_given,
        ),
        Level("jaro_winkler", "surname:0.9", 0.05, "surname spelt slightly differently"),
        Level("jaro_winkler", "surname:0.75", 0.02, "surname spelt quite differently"),
        Level("else", "", 0.09, "different surname", agrees=False),
    ],
    "date_of_birth": [
        Level("exact", "dob", 0.84, "same date of birth"),
        Level("exact", "dob_sorted", 0.03, "day and month swapped"),
        Level(
            "custom",
            "substr(dob_l, 6, 5) = substr(dob_r, 6, 5) "
            "AND abs(CAST(birth_year_l AS INTEGER) - CAST(birth_year_r AS INTEGER)) = 1",
            0.02,
            "same birthday, a year apart",
            test=_same_day_month_year_apart,
        ),
        Level("exact", "birth_year", 0.03, "same year of birth"),
        Level(
            "custom",
            "(dob_l IS NULL OR dob_r IS NULL) "
            "AND abs(CAST(birth_year_l AS INTEGER) - CAST(birth_year_r AS INTEGER)) <= 3",
            0.06,
            "estimated age close to the date of birth",
            test=_one_dob_missing_years_close,
        ),
        Level(
            "custom",
            "abs(CAST(birth_year_l AS INTEGER) - CAST(birth_year_r AS INTEGER)) > 10",
            0.0002,
            "born more than ten years apart",
            agrees=False,
            test=_years_far_apart,
        ),
        Level("else", "", 0.003, "different date of birth", agrees=False),
    ],
    "postcode": [
        Level("exact", "postcode", 0.75, "same postcode"),
        Level("exact", "outward", 0.08, "same postcode district"),
        Level("exact", "area", 0.07, "same postcode area"),
        Level("else", "", 0.10, "different postcode", agrees=False),
    ],
    "sex": [
        Level("exact", "sex", 0.97, "same sex"),
        Level("else", "", 0.03, "different sex", agrees=False),
    ],
}

FIELD_LABELS = {
    "given_name": "Given name",
    "surname": "Surname",
    "date_of_birth": "Date of birth",
    "postcode": "Postcode",
    "sex": "Sex",
}

NULL_COLUMNS = {
    "given_name": "given_folded",
    "surname": "surname",
    "date_of_birth": "birth_year",
    "postcode": "outward",
    "sex": "sex",
}
"""A comparison is "not known" (weight 0) when this column is blank on either record."""

DEFAULT_U: dict[str, tuple[float, ...]] = {
    "given_name": (0.001339, 0.000609, 0.000293, 0.000764, 0.000561, 0.011117, 0.985318),
    "surname": (0.001654, 0.000105, 0.000269, 0.00039, 0.007765, 0.989817),
    "date_of_birth": (0.00008, 0.000013, 0.000065, 0.015635, 0.003113, 0.70, 0.281093),
    "postcode": (0.000581, 0.041763, 0.422757, 0.534899),
    "sex": (0.506886, 0.493114),
}
"""u probabilities measured on the synthetic demo force (5,006 records, seed 1; the share of
birth years more than ten apart estimated), used when a file is too small to measure its
own and by the entry check before any batch run has measured them."""

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
    ("given_canonical", "surname"),
    ("surname", "outward"),
)
"""Which pairs are compared at all: records agreeing on every column of at least one rule.

The date of birth is blocked on its day-month-sorted form so that a swap still meets."""

ENTRY_ONLY_BLOCKING_RULES: tuple[tuple[str, ...], ...] = (
    ("dob_sorted",),
    ("given_canonical", "birth_year"),
)
"""Broader rules the real-time check adds: it compares one new record, not every pair, so it
can afford to look at everyone born on the same day (a changed surname with a slip in the
given name) and everyone of the same name born the same year (no date of birth, only an
estimated age)."""

SWAPPED_NAMES_RULE = "l.given_folded = r.surname AND l.surname = r.given_folded"
"""Given name and surname written the other way round (also a blocking rule)."""
