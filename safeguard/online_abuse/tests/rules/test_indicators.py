"""The online referral indicators on a hand-built set with a known answer (issue 7 item 5)."""

from __future__ import annotations

import datetime as dt

from safeguard.online_abuse.rules.indicators import ReferralFacts, online_indicators

T0 = dt.datetime(2027, 3, 15, 8, 30, tzinfo=dt.UTC)


def facts(
    level: str, met: bool | None, visit_hours: float | None, children: int = 0, referred: int = 0
) -> ReferralFacts:
    return ReferralFacts(
        kirat_level=level,
        received_at=T0,
        action_met=met,
        visited_at=T0 + dt.timedelta(hours=visit_hours) if visit_hours is not None else None,
        children=children,
        children_referred=referred,
    )


def test_a_known_answer() -> None:
    result = online_indicators(
        [
            facts("HIGH", True, 30, children=2, referred=2),
            facts("HIGH", False, 200, children=1, referred=0),
            facts("HIGH", None, None),  # time not come yet: not counted
            facts("VERY_HIGH", True, 10, children=1, referred=1),
            facts("", False, None),
        ]
    )
    high = result.acted_on_in_time["HIGH"]
    assert (high.numerator, high.denominator) == (1, 2)
    assert result.acted_on_in_time["VERY_HIGH"].value == 1.0
    assert result.acted_on_in_time["MEDIUM"].value is None  # no data, never zero
    assert result.acted_on_in_time["UNGRADED"].value == 0.0
    assert result.median_hours_to_visit == 30.0
    assert result.visits == 3
    assert result.children_identified == 4
    assert (result.children_referred.numerator, result.children_referred.denominator) == (3, 4)


def test_nothing_behind_it_is_no_data() -> None:
    result = online_indicators([])
    assert result.median_hours_to_visit is None
    assert result.children_referred.value is None
    assert all(share.value is None for share in result.acted_on_in_time.values())
