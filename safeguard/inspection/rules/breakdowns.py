"""Breaking an indicator down, and finding the records behind it (issue 9 item 1). Pure.

Every share indicator is a count of things that met a measure out of the things it counts,
and each app's measure adds up over its facts. So each fact's own part of the figure is the
measure applied to that fact alone: a record *missed* when its part met less than it
counted. Breakdowns add those parts up within each group, so a breakdown always uses the
app's own rule and its groups add up to the headline figure (for the team), or to more than
it when one record counts for several children (for the children's ethnicity, sex and age).

Groups follow DOMAIN.md §8: self-defined ethnicity by its five broad groups of the 18+1
codes (§8.2 [S]) with "not stated" and "not asked" kept apart (§8.3); sex as recorded; age in
bands at the time of the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from safeguard.core.rules.indicators import Share

F = TypeVar("F")

NOT_KNOWN = "Not known"


class Dimension(StrEnum):
    TEAM = "team"
    ETHNICITY = "ethnicity"
    SEX = "sex"
    AGE_BAND = "age_band"


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.TEAM: "Team",
    Dimension.ETHNICITY: "Child's self-defined ethnicity (broad group)",
    Dimension.SEX: "Child's sex",
    Dimension.AGE_BAND: "Child's age at the time",
}

# (first age in the band, last age in the band, label)
AGE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 4, "Under 5"),
    (5, 9, "5 to 9"),
    (10, 12, "10 to 12"),
    (13, 15, "13 to 15"),
    (16, 17, "16 or 17"),
)
ADULT = "18 or over"

ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("W", "White"),
    ("M", "Mixed or multiple"),
    ("A", "Asian or Asian British"),
    ("B", "Black, Black British, Caribbean or African"),
    ("O", "Other ethnic group"),
)
NOT_STATED = "Not stated (declined)"
NOT_ASKED = "Not asked"

SEX_LABELS: dict[str, str] = {
    "FEMALE": "Female",
    "MALE": "Male",
    "NOT_KNOWN": "Not known (recorded as such)",
    "NOT_RECORDED": "Not recorded",
}

# Display order of each dimension's groups; anything else sorts after, "Not known" last.
ORDER: dict[Dimension, tuple[str, ...]] = {
    Dimension.ETHNICITY: (*(label for _, label in ETHNIC_GROUPS), NOT_STATED, NOT_ASKED),
    Dimension.SEX: tuple(SEX_LABELS.values()),
    Dimension.AGE_BAND: (*(label for _, _, label in AGE_BANDS), ADULT),
}


def age_band(age: int | None) -> str:
    """The band of an age in whole years (``people.rules.age.age_on``); "Not known" for none,
    or for a negative age (a date of birth after the record)."""
    if age is None or age < 0:
        return NOT_KNOWN
    for first, last, label in AGE_BANDS:
        if first <= age <= last:
            return label
    return ADULT


def ethnic_group(code: str) -> str:
    """The broad group of a self-defined ethnicity code (DOMAIN.md §8.2)."""
    if code == "NS":
        return NOT_STATED
    if code == "NOT_ASKED":
        return NOT_ASKED
    for letter, label in ETHNIC_GROUPS:
        if code.startswith(letter):
            return label
    return NOT_KNOWN


def sex_label(code: str) -> str:
    return SEX_LABELS.get(code, NOT_KNOWN)


@dataclass(frozen=True)
class Part:
    """One record's own part of an indicator's figure."""

    subject_id: UUID
    share: Share

    @property
    def missed(self) -> bool:
        return self.share.numerator < self.share.denominator


def parts(
    facts: Iterable[F], measure: Callable[[Sequence[F]], Share], subject: Callable[[F], UUID | None]
) -> list[Part]:
    """Each fact's part: the measure on that fact alone. Facts it does not count are left out."""
    found: list[Part] = []
    for fact in facts:
        share = measure([fact])
        subject_id = subject(fact)
        if share.denominator and subject_id is not None:
            found.append(Part(subject_id, share))
    return found


def total(found: Iterable[Part]) -> Share:
    numerator = denominator = 0
    for part in found:
        numerator += part.share.numerator
        denominator += part.share.denominator
    return Share(numerator, denominator)


def breakdown(
    found: Iterable[Part],
    groups_of: Mapping[UUID, Iterable[str]],
    dimension: Dimension,
) -> list[tuple[str, Share]]:
    """The figure within each group. A record falls in each distinct group it names once (two
    children of one sex count the record once for that sex); a record naming no group falls
    in "Not known"."""
    sums: dict[str, tuple[int, int]] = {}
    for part in found:
        labels = set(groups_of.get(part.subject_id, ())) or {NOT_KNOWN}
        for label in labels:
            numerator, denominator = sums.get(label, (0, 0))
            sums[label] = (
                numerator + part.share.numerator,
                denominator + part.share.denominator,
            )
    order = ORDER.get(dimension, ())

    def key(label: str) -> tuple[int, int, str]:
        if label == NOT_KNOWN:
            return (2, 0, label)
        if label in order:
            return (0, order.index(label), label)
        return (1, 0, label)

    return [(label, Share(*sums[label])) for label in sorted(sums, key=key)]
