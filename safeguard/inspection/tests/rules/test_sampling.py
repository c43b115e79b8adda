from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.tests.rules.samples import PROPERTY_SETTINGS
from safeguard.inspection.rules.areas import Area, AuditGrade
from safeguard.inspection.rules.sampling import (
    Case,
    allocate_sample,
    audit_results_by_area,
    stratified_sample,
)

PATHWAYS = ("child_deaths", "domestic", "missing", "online_abuse", "referrals")
PERIODS = ("2026-09", "2026-10", "2026-11")


def _cases(counts: dict[str, int], period: str = "2026-10") -> list[Case]:
    return [
        Case(case_id=f"{pathway[:3].upper()}-{number:04d}", pathway=pathway, period=period)
        for pathway, count in counts.items()
        for number in range(count)
    ]


@st.composite
def case_lists(draw: st.DrawFn) -> list[Case]:
    ids = draw(st.lists(st.integers(0, 9999), unique=True, max_size=80))
    return [
        Case(
            case_id=f"CASE-{number:04d}",
            pathway=draw(st.sampled_from(PATHWAYS)),
            period=draw(st.sampled_from(PERIODS)),
        )
        for number in ids
    ]


STRATA = st.sampled_from([(), ("pathway",), ("period",), ("pathway", "period")])


def _key(case: Case, strata: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(getattr(case, name) for name in strata)


class TestAllocateSample:
    @pytest.mark.parametrize(
        ("sizes", "size", "expected"),
        [
            pytest.param([50, 30, 20], 10, [5, 3, 2], id="exact-quotas"),
            pytest.param([5, 5, 5], 10, [4, 3, 3], id="equal-remainders-go-to-earlier"),
            pytest.param([1, 1, 4, 3], 3, [0, 0, 2, 1], id="equal-remainders-go-to-larger"),
            pytest.param([20, 12, 1], 4, [2, 1, 1], id="seat-taken-from-most-over-quota"),
            pytest.param([90, 5, 5], 5, [3, 1, 1], id="minimum-one-each"),
            pytest.param([97, 1, 1, 1], 4, [1, 1, 1, 1], id="skewed-minimum-one-each"),
            pytest.param([97, 1, 1, 1], 3, [3, 0, 0, 0], id="fewer-seats-than-strata"),
            pytest.param([10, 0, 5], 3, [2, 0, 1], id="empty-stratum-gets-none"),
            pytest.param([10, 0, 1], 2, [1, 0, 1], id="empty-stratum-not-counted-for-minimum"),
            pytest.param([3, 2], 10, [3, 2], id="more-wanted-than-available"),
            pytest.param([0, 0], 5, [0, 0], id="nothing-to-sample"),
            pytest.param([], 5, [], id="no-strata"),
        ],
    )
    def test_shares_the_sample(self, sizes: list[int], size: int, expected: list[int]) -> None:
        assert allocate_sample(sizes, size) == expected

    @pytest.mark.parametrize(
        ("sizes", "size", "message"),
        [
            pytest.param([5], 0, "at least one case", id="zero-size"),
            pytest.param([5], -3, "at least one case", id="negative-size"),
            pytest.param([5, -1], 2, "negative size", id="negative-stratum"),
        ],
    )
    def test_refuses_impossible_inputs(self, sizes: list[int], size: int, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            allocate_sample(sizes, size)


class TestStratifiedSample:
    def test_draws_in_proportion_to_pathway(self) -> None:
        # given
        cases = _cases({"missing": 50, "domestic": 30, "online_abuse": 20})

        # when
        sample = stratified_sample(cases, size=10, seed=2026)

        # then
        assert Counter(case.pathway for case in sample) == {
            "missing": 5,
            "domestic": 3,
            "online_abuse": 2,
        }
        assert sample == sorted(sample, key=lambda case: case.case_id)

    def test_audits_every_pathway_even_a_rare_one(self) -> None:
        cases = _cases({"missing": 97, "child_deaths": 1, "domestic": 2})

        sample = stratified_sample(cases, size=5, seed=1)

        assert Counter(case.pathway for case in sample) == {
            "missing": 3,
            "child_deaths": 1,
            "domestic": 1,
        }

    def test_stratifies_by_pathway_and_period(self) -> None:
        cases = _cases({"missing": 4, "domestic": 4}, "2026-09") + [
            Case(case_id=f"X-{n}", pathway="missing", period="2026-10") for n in range(4)
        ]

        sample = stratified_sample(cases, size=3, strata=("pathway", "period"), seed=7)

        assert Counter((case.pathway, case.period) for case in sample) == {
            ("missing", "2026-09"): 1,
            ("domestic", "2026-09"): 1,
            ("missing", "2026-10"): 1,
        }

    def test_no_strata_draws_a_simple_random_sample(self) -> None:
        cases = _cases({"missing": 10, "domestic": 1})

        sample = stratified_sample(cases, size=2, strata=(), seed=3)

        assert len(sample) == 2

    def test_returns_every_case_when_fewer_than_the_size(self) -> None:
        cases = _cases({"missing": 2, "domestic": 1})

        assert stratified_sample(reversed(cases), size=10, seed=0) == sorted(
            cases, key=lambda case: case.case_id
        )

    def test_returns_nothing_from_nothing(self) -> None:
        assert stratified_sample([], size=5, seed=0) == []

    def test_same_seed_gives_the_same_sample_and_another_seed_may_not(self) -> None:
        cases = _cases({"missing": 200})

        first = stratified_sample(cases, size=10, seed=42)

        assert stratified_sample(cases, size=10, seed=42) == first
        assert stratified_sample(cases, size=10, seed=43) != first

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            pytest.param({"size": 0}, "at least one case", id="zero-size"),
            pytest.param({"size": -1}, "at least one case", id="negative-size"),
            pytest.param(
                {"size": 5, "strata": ("team",)},
                "Unknown stratum attribute 'team': choose from case_id, pathway, period",
                id="unknown-attribute",
            ),
            pytest.param(
                {"size": 5, "strata": ("pathway", "ward")},
                "Unknown stratum attribute 'ward'",
                id="one-unknown-among-known",
            ),
            pytest.param(
                {"size": 5, "strata": "pathway"},
                r"sequence of attribute names, such as \('pathway',\)",
                id="bare-string",
            ),
        ],
    )
    def test_refuses_bad_arguments(self, kwargs: dict[str, object], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            stratified_sample(_cases({"missing": 3}), seed=1, **kwargs)  # type: ignore[arg-type]  # kwargs vary by case

    def test_refuses_a_case_listed_twice(self) -> None:
        cases = [*_cases({"missing": 2}), Case("MIS-0001", "domestic", "2026-10")]

        with pytest.raises(ValueError, match="Case 'MIS-0001' appears more than once"):
            stratified_sample(cases, size=1, seed=1)

    @PROPERTY_SETTINGS
    @given(
        cases=case_lists(),
        size=st.integers(1, 100),
        strata=STRATA,
        seed=st.integers(0, 2**32),
        shuffle_seed=st.integers(0, 2**16),
    )
    def test_properties(
        self,
        cases: list[Case],
        size: int,
        strata: tuple[str, ...],
        seed: int,
        shuffle_seed: int,
    ) -> None:
        # given
        shuffled = list(cases)
        random.Random(shuffle_seed).shuffle(shuffled)

        # when
        sample = stratified_sample(cases, size=size, strata=strata, seed=seed)

        # then the size is respected, with no duplicates, drawn from the input
        assert len(sample) == min(size, len(cases))
        assert len({case.case_id for case in sample}) == len(sample)
        assert set(sample) <= set(cases)
        # the same seed gives the same sample, whatever order the cases arrive in
        assert stratified_sample(cases, size=size, strata=strata, seed=seed) == sample
        assert stratified_sample(shuffled, size=size, strata=strata, seed=seed) == sample

        # and each stratum gets its proportional share, give or take one
        population = Counter(_key(case, strata) for case in cases)
        drawn = Counter(_key(case, strata) for case in sample)
        wanted = len(sample)
        quotas = {key: Fraction(wanted * count, len(cases)) for key, count in population.items()}
        minimum_applies = wanted >= len(population) and any(q < 1 for q in quotas.values())
        for key, quota in quotas.items():
            if not minimum_applies:
                assert abs(drawn[key] - quota) < 1
            elif quota < 1:
                # a small stratum raised to the minimum of one
                assert drawn[key] == 1
            else:
                # a larger stratum may give up seats to the small ones, never gain them
                assert 1 <= drawn[key] < quota + 1


class TestAuditResultsByArea:
    def test_counts_grades_by_area_with_graded_areas_always_present(self) -> None:
        # given
        graded = [
            (Area.INVESTIGATION, AuditGrade.INADEQUATE),
            (Area.INVESTIGATION, AuditGrade.GOOD),
            (Area.INVESTIGATION, AuditGrade.INADEQUATE),
            (Area.INITIAL_RESPONSE, AuditGrade.REQUIRES_IMPROVEMENT),
            (Area.WORKFORCE, AuditGrade.GOOD),
            (Area.DATA_QUALITY, AuditGrade.INADEQUATE),
        ]

        # when
        results = audit_results_by_area(iter(graded))

        # then
        zero = {AuditGrade.GOOD: 0, AuditGrade.REQUIRES_IMPROVEMENT: 0, AuditGrade.INADEQUATE: 0}
        assert results == {
            Area.LEADERSHIP: zero,
            Area.PARTNERSHIP: zero,
            Area.INITIAL_RESPONSE: {**zero, AuditGrade.REQUIRES_IMPROVEMENT: 1},
            Area.RISK_AND_REFERRAL: zero,
            Area.INVESTIGATION: {**zero, AuditGrade.GOOD: 1, AuditGrade.INADEQUATE: 2},
            Area.DATA_QUALITY: {**zero, AuditGrade.INADEQUATE: 1},
            Area.WORKFORCE: {**zero, AuditGrade.GOOD: 1},
        }
        assert list(results) == list(Area)
        assert all(list(counts) == list(AuditGrade) for counts in results.values())

    def test_nothing_audited_shows_the_five_graded_areas_at_zero(self) -> None:
        results = audit_results_by_area([])

        assert list(results) == [
            Area.LEADERSHIP,
            Area.PARTNERSHIP,
            Area.INITIAL_RESPONSE,
            Area.RISK_AND_REFERRAL,
            Area.INVESTIGATION,
        ]
        assert all(sum(counts.values()) == 0 for counts in results.values())

    def test_matches_the_cheshire_2023_totals(self) -> None:
        # DOMAIN.md §1.5: 38 cases, 10 good, 18 requiring improvement, 10 inadequate.
        graded = (
            [(Area.INVESTIGATION, AuditGrade.GOOD)] * 10
            + [(Area.INVESTIGATION, AuditGrade.REQUIRES_IMPROVEMENT)] * 18
            + [(Area.INVESTIGATION, AuditGrade.INADEQUATE)] * 10
        )

        assert audit_results_by_area(graded)[Area.INVESTIGATION] == {
            AuditGrade.GOOD: 10,
            AuditGrade.REQUIRES_IMPROVEMENT: 18,
            AuditGrade.INADEQUATE: 10,
        }
