"""The layout of a multi-index hash over 256-bit PDQ hashes, exact within a radius.

Multi-index hashing (Norouzi, Punjani and Fleet, 2012): cut each hash into ``tables`` disjoint
chunks of ``bits`` bits. If two hashes differ in at most ``radius`` bits, then by the
pigeonhole principle at least one chunk differs in at most ``flips`` bits whenever
``tables * (flips + 1) > radius``. Looking up every chunk value within ``flips`` bits of the
query's chunk, in every table, therefore finds every hash within the radius: recall is exact,
and each candidate's full distance is then checked.

Meta's Hasher-Matcher-Actioner uses 16 tables of 16 bits (``flips`` 1 at radius 31). With
10,000,000 hashes each 16-bit bucket holds about 150 hashes, so each query checks some 40,000.
:func:`multi_index_plan` instead picks the layout with the least estimated work for the
bank's size: more bits per chunk, so buckets hold about one hash, at the price of more
lookups, which are cheap in a directly addressed table.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

HASH_BITS = 256
MAX_CHUNK_BITS = 24  # a directly addressed table of 2**24 offsets is 64 MiB
MAX_FLIPS = 3


@dataclass(frozen=True)
class IndexPlan:
    tables: int
    bits: int
    flips: int

    @property
    def probes_per_table(self) -> int:
        return sum(comb(self.bits, i) for i in range(self.flips + 1))


class RadiusUnsupported(ValueError):
    """No exact layout exists for this radius within the limits."""


def plan_cost(plan: IndexPlan, size: int) -> float:
    """Return the estimated work per query: lookups plus the candidates they return."""
    lookups = plan.tables * plan.probes_per_table
    return float(lookups * (1 + size / 2**plan.bits))


def plan_is_exact(plan: IndexPlan, radius: int) -> bool:
    """Tell whether the layout finds every hash within ``radius`` (the pigeonhole bound)."""
    return plan.tables * (plan.flips + 1) > radius and plan.tables * plan.bits <= HASH_BITS


def multi_index_plan(*, size: int, radius: int) -> IndexPlan:
    """Return the exact layout with the least estimated work for ``size`` hashes.

    :raises RadiusUnsupported: the radius is too wide for any exact layout within limits
    """
    best: IndexPlan | None = None
    for flips in range(MAX_FLIPS + 1):
        for bits in range(1, MAX_CHUNK_BITS + 1):
            plan = IndexPlan(tables=HASH_BITS // bits, bits=bits, flips=flips)
            if not plan_is_exact(plan, radius):
                continue
            if best is None or plan_cost(plan, size) < plan_cost(best, size):
                best = plan
    if best is None:
        raise RadiusUnsupported(f"No exact index layout for a radius of {radius} bits.")
    return best


def flip_masks(bits: int, flips: int) -> list[int]:
    """Return every ``bits``-bit mask with at most ``flips`` bits set, the empty mask first."""
    masks = [0]
    for count in range(1, flips + 1):
        for positions in combinations(range(bits), count):
            mask = 0
            for p in positions:
                mask |= 1 << p
            masks.append(mask)
    return masks
