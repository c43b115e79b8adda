import random

import pytest

from safeguard.media.rules.multi_index import (
    IndexPlan,
    RadiusUnsupported,
    flip_masks,
    multi_index_plan,
    plan_is_exact,
)


class TestMultiIndexPlan:
    @pytest.mark.parametrize(
        ("size", "radius", "expected"),
        [
            (10, 31, IndexPlan(32, 8, 0)),
            (100_000, 31, IndexPlan(16, 16, 1)),
            (10_000_000, 31, IndexPlan(11, 23, 2)),
        ],
    )
    def test_picks_the_cheapest_exact_layout(self, size, radius, expected) -> None:
        plan = multi_index_plan(size=size, radius=radius)
        assert plan == expected
        assert plan_is_exact(plan, radius)

    @pytest.mark.parametrize(
        ("plan", "radius", "exact"),
        [
            (IndexPlan(16, 16, 1), 31, True),
            (IndexPlan(16, 16, 1), 32, False),
            (IndexPlan(16, 17, 1), 31, False),  # chunks overlap past 256 bits
        ],
    )
    def test_pigeonhole_bound(self, plan, radius, exact) -> None:
        assert plan_is_exact(plan, radius) is exact

    def test_refuses_a_radius_no_layout_can_cover(self) -> None:
        with pytest.raises(RadiusUnsupported):
            multi_index_plan(size=10, radius=1024)

    def test_an_exact_plan_finds_every_hash_within_the_radius(self) -> None:
        # Property check of the pigeonhole bound on random pairs at the radius.
        rng = random.Random(7)
        plan = multi_index_plan(size=1000, radius=31)
        mask = (1 << plan.bits) - 1
        for _ in range(200):
            a = rng.getrandbits(256)
            b = a
            for bit in rng.sample(range(256), 31):
                b ^= 1 << bit
            near = [
                ((a >> (t * plan.bits)) & mask) ^ ((b >> (t * plan.bits)) & mask)
                for t in range(plan.tables)
            ]
            assert any(bin(x).count("1") <= plan.flips for x in near)


class TestFlipMasks:
    @pytest.mark.parametrize(
        ("bits", "flips", "expected"),
        [(3, 0, [0]), (3, 1, [0, 1, 2, 4]), (3, 2, [0, 1, 2, 4, 3, 5, 6])],
    )
    def test_every_mask_within_the_flips(self, bits, flips, expected) -> None:
        assert flip_masks(bits, flips) == expected
