from __future__ import annotations

import datetime as dt

import pytest

from safeguard.chronology.rules.flags import (
    FlagCode,
    FlagFacts,
    Flags,
    PlanFact,
    ScreeningFact,
    child_flags,
    has_exploitation_indicators,
    is_plan_current,
    is_screening_of_concern,
)

TODAY = dt.date(2026, 5, 12)
D = dt.date


class TestIsPlanCurrent:
    @pytest.mark.parametrize(
        ("plan", "current"),
        [
            (PlanFact(D(2026, 1, 1), None), True),
            (PlanFact(D(2026, 5, 12), None), True),  # starts today
            (PlanFact(D(2026, 5, 13), None), False),  # starts tomorrow
            (PlanFact(D(2026, 1, 1), D(2026, 5, 13)), True),  # ends tomorrow
            (PlanFact(D(2026, 1, 1), D(2026, 5, 12)), False),  # ended today (exclusive end)
            (PlanFact(D(2025, 1, 1), D(2025, 6, 1)), False),
        ],
    )
    def test_decides_from_the_dates(self, plan, current) -> None:
        assert is_plan_current(plan, today=TODAY) is current


class TestIsScreeningOfConcern:
    @pytest.mark.parametrize(
        ("outcome", "concern"),
        [("", True), ("CSE_RISK", True), ("CCE_RISK", True), ("BOTH", True), ("NONE", False)],
    )
    def test_open_or_any_risk_outcome(self, outcome, concern) -> None:
        assert is_screening_of_concern(ScreeningFact(("OLDER_ASSOCIATES",), outcome)) is concern


class TestHasExploitationIndicators:
    @pytest.mark.parametrize(
        ("facts", "expected"),
        [
            (FlagFacts(), False),
            (FlagFacts(nrm_referral_count=1), True),
            (FlagFacts(episode_indicators=[[], []]), False),
            (FlagFacts(episode_indicators=[[], ["FOUND_AT_HOTEL"]]), True),
            (FlagFacts(screenings=[ScreeningFact(("X",), "NONE")]), False),
            (FlagFacts(screenings=[ScreeningFact(("X",), "CCE_RISK")]), True),
        ],
    )
    def test_any_indicator_screening_or_nrm(self, facts, expected) -> None:
        assert has_exploitation_indicators(facts) is expected


class TestChildFlags:
    @pytest.mark.parametrize(
        ("facts", "expected"),
        [
            (FlagFacts(), Flags(False, False, False, 0, False)),
            (
                FlagFacts(
                    protection_plans=[
                        PlanFact(D(2024, 1, 1), D(2024, 6, 1)),
                        PlanFact(D(2026, 1, 1), None),
                    ]
                ),
                Flags(True, False, False, 0, False),
            ),
            (FlagFacts(looked_after=["NO", "UNKNOWN"]), Flags(False, False, False, 0, False)),
            (FlagFacts(looked_after=["NO", "YES"]), Flags(False, True, False, 0, False)),
            (FlagFacts(episode_statuses=["CLOSED", "FOUND"]), Flags(False, False, False, 0, False)),
            (FlagFacts(episode_statuses=["CLOSED", "OPEN"]), Flags(False, False, True, 0, False)),
            (
                FlagFacts(referral_statuses=["SENT", "ACKNOWLEDGED", "DECIDED"]),
                Flags(False, False, False, 2, False),
            ),
            (FlagFacts(nrm_referral_count=2), Flags(False, False, False, 0, True)),
        ],
    )
    def test_raises_each_flag_from_its_facts(self, facts, expected) -> None:
        assert child_flags(facts, today=TODAY) == expected


class TestFlagsShown:
    @pytest.mark.parametrize(
        ("flags", "expected"),
        [
            (Flags(False, False, False, 0, False), []),
            (
                Flags(True, True, True, 2, True),
                [
                    (FlagCode.PROTECTION_PLAN, "Child protection plan", ""),
                    (FlagCode.LOOKED_AFTER, "Looked after", ""),
                    (FlagCode.MISSING_NOW, "Missing now", ""),
                    (FlagCode.OPEN_REFERRALS, "Open referrals", "2"),
                    (FlagCode.EXPLOITATION, "Exploitation indicators", ""),
                ],
            ),
            (
                Flags(False, False, False, 1, False),
                [(FlagCode.OPEN_REFERRALS, "Open referral", "1")],
            ),
        ],
    )
    def test_lists_raised_flags_in_page_order(self, flags, expected) -> None:
        assert [(f.code, f.label, f.detail) for f in flags.shown()] == expected
