"""Image categories for indecent images of children (DOMAIN.md §6.4 [S]).

Sentencing Council categories A, B and C (Sexual Offences Definitive Guideline, in force
1 April 2014), as CAID and the IWF grade, plus "not indecent" for an image the investigator
has looked at and found not to be an indecent image.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Category(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    NOT_INDECENT = "NOT_INDECENT"


CATEGORY_LABELS: dict[Category, str] = {
    Category.A: (
        "Category A: penetrative sexual activity; sexual activity with an animal, or sadism"
    ),
    Category.B: "Category B: non-penetrative sexual activity",
    Category.C: "Category C: other indecent images not falling within categories A or B",
    Category.NOT_INDECENT: "Not indecent",
}

NOT_YET = "NOT_YET"


def category_counts(categories: Iterable[Category | None]) -> dict[str, int]:
    """Return how many items fall in each category, and how many are not yet categorised.

    Every category appears in the answer, with 0 where none, so the case file's table always
    has the same rows.
    """
    counts = {c.value: 0 for c in Category}
    counts[NOT_YET] = 0
    for category in categories:
        counts[NOT_YET if category is None else category.value] += 1
    return counts
