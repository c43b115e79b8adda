"""Drawing a case-audit sample, and counting the audit grades by area (issue 9).

Pure: imports only the standard library. Randomness comes only from a
:class:`random.Random` seeded by the caller, so the same inputs always give the same sample
and an auditor can show how it was drawn.

Sources, in ``DOMAIN.md``:

- §1.5: HMICFRS reviews case files, and forces have run their own case audits; each audited
  case is graded good / requires improvement / inadequate, and reports break the results
  down "by area of child protection" [P]. How HMICFRS chooses its cases, and how many it
  audits in a 2024+ NCPI, is **not confirmed** [U]; the stratified sample here is a force's
  own readiness audit, not a copy of the inspectorate's method.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from itertools import pairwise

from safeguard.inspection.rules.areas import GRADED_AREAS, Area, AuditGrade


@dataclass(frozen=True)
class Case:
    """A case that may be drawn for audit."""

    case_id: str
    pathway: str
    """The process the case came through, such as ``"missing"`` or ``"domestic"``."""
    period: str
    """The month the case belongs to, as ``"YYYY-MM"``, such as ``"2026-10"``."""


STRATUM_ATTRIBUTES: frozenset[str] = frozenset(field.name for field in fields(Case))


def allocate_sample(stratum_sizes: Sequence[int], size: int) -> list[int]:
    """Return how many cases to draw from each stratum, in the order given.

    The sample is ``min(size, sum(stratum_sizes))`` cases, shared in proportion to the
    strata's sizes by the largest remainder (Hamilton) method: each stratum first gets
    the whole part of its quota ``size * stratum / total``, and the seats left over go to
    the largest fractional parts; ties go to the larger stratum, then to the earlier one.
    Every count is then the floor or the ceiling of its quota.

    When the sample has at least as many cases as there are non-empty strata, every
    non-empty stratum gets at least one, so no pathway goes unaudited. Each seat this
    needs is taken from the stratum furthest above its quota (ties: the one with the
    larger count, then the earlier one) that still keeps at least one. In a skewed
    population this moves a large stratum more than one below its quota: 97, 1, 1 and 1
    cases with a sample of 4 give 1, 1, 1 and 1, where the quotas are 3.88 and 0.04.

    Empty strata get none. No stratum gets more cases than it has.

    :raises ValueError: if ``size`` is less than one or a stratum size is negative
    """
    if size < 1:
        raise ValueError(f"A sample must have at least one case (got size={size}).")
    if any(count < 0 for count in stratum_sizes):
        raise ValueError(f"A stratum cannot have a negative size (got {list(stratum_sizes)}).")
    total = sum(stratum_sizes)
    if total == 0:
        return [0 for _ in stratum_sizes]
    wanted = min(size, total)
    counts = [wanted * count // total for count in stratum_sizes]
    remainders = [wanted * count % total for count in stratum_sizes]
    left_over = wanted - sum(counts)
    by_remainder = sorted(
        range(len(stratum_sizes)),
        key=lambda h: (-remainders[h], -stratum_sizes[h], h),
    )
    for h in by_remainder[:left_over]:
        counts[h] += 1

    non_empty = [h for h, count in enumerate(stratum_sizes) if count > 0]
    if wanted >= len(non_empty):
        for h in non_empty:
            if counts[h] == 0:
                # Some other stratum has more than one: the counts sum to at least the
                # number of non-empty strata, and this one has none.
                donor = max(
                    (d for d in non_empty if counts[d] > 1),
                    key=lambda d: (counts[d] * total - wanted * stratum_sizes[d], counts[d], -d),
                )
                counts[donor] -= 1
                counts[h] = 1
    return counts


def stratified_sample(
    cases: Iterable[Case],
    *,
    size: int,
    strata: Sequence[str] = ("pathway",),
    seed: int,
) -> list[Case]:
    """Return a stratified random sample of ``size`` cases, ordered by ``case_id``.

    Cases are grouped by the values of the ``strata`` attributes (for example
    ``("pathway", "period")``), the sample is shared between the groups by
    :func:`allocate_sample`, and each group's cases are drawn at random with
    ``random.Random(seed)``. Cases are sorted by ``case_id`` and groups by their values
    first, so the order the cases arrive in never changes the sample. With fewer cases than
    ``size``, every case is returned. ``strata=()`` draws a simple random sample.

    :raises ValueError: if ``size`` is less than one, a stratum is not an attribute of
        :class:`Case`, ``strata`` is a single string, or two cases share a ``case_id``
    """
    if size < 1:
        raise ValueError(f"A sample must have at least one case (got size={size}).")
    if isinstance(strata, str):
        raise ValueError(
            f"Give strata as a sequence of attribute names, such as ({strata!r},), "
            f"not a single string."
        )
    unknown = [name for name in strata if name not in STRATUM_ATTRIBUTES]
    if unknown:
        raise ValueError(
            f"Unknown stratum attribute {unknown[0]!r}: "
            f"choose from {', '.join(sorted(STRATUM_ATTRIBUTES))}."
        )

    ordered = sorted(cases, key=lambda case: case.case_id)
    for earlier, later in pairwise(ordered):
        if earlier.case_id == later.case_id:
            raise ValueError(f"Case {later.case_id!r} appears more than once.")

    groups: defaultdict[tuple[str, ...], list[Case]] = defaultdict(list)
    for case in ordered:
        groups[tuple(getattr(case, name) for name in strata)].append(case)
    keys = sorted(groups)
    counts = allocate_sample([len(groups[key]) for key in keys], size)

    rng = random.Random(seed)
    chosen: list[Case] = []
    for key, count in zip(keys, counts, strict=True):
        chosen.extend(rng.sample(groups[key], count))
    return sorted(chosen, key=lambda case: case.case_id)


def audit_results_by_area(
    graded: Iterable[tuple[Area, AuditGrade]],
) -> dict[Area, dict[AuditGrade, int]]:
    """Count audited cases by area and grade: the breakdown HMICFRS reports publish (§1.5).

    The five graded areas are always present, in the order of §1.2, so an area with no
    audited case shows as zeros rather than vanishing; data quality and workforce appear,
    after them, only when a case was audited against them. Every grade is present in
    each area, best first.
    """
    results: dict[Area, dict[AuditGrade, int]] = {
        area: dict.fromkeys(AuditGrade, 0) for area in GRADED_AREAS
    }
    extra: dict[Area, dict[AuditGrade, int]] = {}
    for area, grade in graded:
        counts = results.get(area)
        if counts is None:
            counts = extra.setdefault(area, dict.fromkeys(AuditGrade, 0))
        counts[grade] += 1
    for area in Area:
        if area in extra:
            results[area] = extra[area]
    return results
