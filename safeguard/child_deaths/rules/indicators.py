"""Indicators for the Joint Agency Response (issue 8 item 5; DOMAIN.md §5.2). Pure.

- Responses with a trained officer who accepted within the target (force policy
  ``CHILD_DEATH_ASSIGN_TARGET_MINUTES`` [U]).
- Joint home visits within 24 hours (of those visited, or overdue).
- Siblings and other children in the household with a safeguarding decision.
- Hours of the coming fortnight without trained cover (from the rota's gaps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from safeguard.core.rules.indicators import Share


@dataclass(frozen=True)
class ResponseFacts:
    began_at: dt.datetime
    accepted_at: dt.datetime | None
    home_visit_due: dt.datetime
    home_visited_at: dt.datetime | None
    children: int
    children_decided: int
    # The record counted, so the inspection dashboard can break the figure down and list the
    # records behind it (issue 9); None in hand-built facts.
    subject_id: UUID | None = None


@dataclass(frozen=True)
class ChildDeathIndicators:
    assigned_in_time: Share
    home_visits_in_time: Share
    children_decided: Share
    uncovered_hours: float


def child_death_indicators(
    facts: Iterable[ResponseFacts],
    *,
    now: dt.datetime,
    assign_within: dt.timedelta,
    uncovered: dt.timedelta,
) -> ChildDeathIndicators:
    rows = list(facts)
    assigned = sum(
        1 for r in rows if r.accepted_at is not None and r.accepted_at - r.began_at <= assign_within
    )
    judged = [r for r in rows if r.home_visited_at is not None or r.home_visit_due < now]
    visited = sum(
        1 for r in judged if r.home_visited_at is not None and r.home_visited_at <= r.home_visit_due
    )
    return ChildDeathIndicators(
        assigned_in_time=Share(assigned, len(rows)),
        home_visits_in_time=Share(visited, len(judged)),
        children_decided=Share(
            sum(r.children_decided for r in rows), sum(r.children for r in rows)
        ),
        uncovered_hours=uncovered.total_seconds() / 3600,
    )
