"""The Joint Agency Response indicators on a hand-built set with a known answer (DOMAIN.md §5.2)."""

from __future__ import annotations

import datetime as dt

from safeguard.child_deaths.rules.indicators import ResponseFacts, child_death_indicators

T0 = dt.datetime(2027, 6, 12, 22, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=3)
DUE = T0 + dt.timedelta(hours=24)
ASSIGN_WITHIN = dt.timedelta(minutes=30)


def facts(
    accepted_minutes: float | None,
    visited_hours: float | None,
    *,
    due: dt.datetime = DUE,
    children: int = 0,
    decided: int = 0,
) -> ResponseFacts:
    return ResponseFacts(
        began_at=T0,
        accepted_at=None
        if accepted_minutes is None
        else T0 + dt.timedelta(minutes=accepted_minutes),
        home_visit_due=due,
        home_visited_at=None if visited_hours is None else T0 + dt.timedelta(hours=visited_hours),
        children=children,
        children_decided=decided,
    )


def test_a_known_answer() -> None:
    result = child_death_indicators(
        [
            # assigned in time; visited in time; both children decided
            facts(20, 23, children=2, decided=2),
            # accepted exactly at the target: in time; not visited and overdue: judged, not in time
            facts(30, None, children=1, decided=0),
            # accepted a minute late; visited late
            facts(31, 30),
            # never accepted; not visited, not yet due: not judged
            facts(None, None, due=NOW + dt.timedelta(hours=1), children=3, decided=1),
            # visited exactly at the due time: in time
            facts(5, 24),
            # not visited, due this very moment: not yet overdue, so not judged
            facts(None, None, due=NOW),
            # visited before it was due (a later due time), still judged
            facts(None, 50, due=NOW + dt.timedelta(hours=1)),
        ],
        now=NOW,
        assign_within=ASSIGN_WITHIN,
        uncovered=dt.timedelta(hours=1, minutes=30),
    )
    assigned = result.assigned_in_time
    assert (assigned.numerator, assigned.denominator) == (3, 7)
    visits = result.home_visits_in_time
    assert (visits.numerator, visits.denominator) == (3, 5)
    assert visits.value == 0.6
    children = result.children_decided
    assert (children.numerator, children.denominator) == (3, 6)
    assert children.value == 0.5
    assert result.uncovered_hours == 1.5


def test_nothing_behind_it_is_no_data() -> None:
    result = child_death_indicators(
        [], now=NOW, assign_within=ASSIGN_WITHIN, uncovered=dt.timedelta(0)
    )
    for share in (result.assigned_in_time, result.home_visits_in_time, result.children_decided):
        assert (share.numerator, share.denominator) == (0, 0)
        assert share.value is None  # no data, never zero
    assert result.uncovered_hours == 0.0


def test_responses_without_children_give_no_data_for_decisions() -> None:
    result = child_death_indicators(
        [facts(10, None, due=NOW + dt.timedelta(hours=2))],
        now=NOW,
        assign_within=ASSIGN_WITHIN,
        uncovered=dt.timedelta(days=14),
    )
    assert result.assigned_in_time.value == 1.0
    assert result.home_visits_in_time.value is None  # nothing visited or overdue yet
    assert result.children_decided.value is None
    assert result.uncovered_hours == 336.0
