"""Indicators for online CSEA referrals (issue 7 item 5; DOMAIN.md §6.3). Pure.

- Referrals by KIRAT level acted on within their time: the share whose action clock was
  met, of those whose time has come (met, breached, or overdue now).
- Time from receipt to the safeguarding visit: the median in hours, of referrals visited.
- Children identified around suspects, and the share referred.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from safeguard.core.rules.indicators import Share
from safeguard.risk.rules.kirat import LEVELS


@dataclass(frozen=True)
class ReferralFacts:
    kirat_level: str  # "" until graded
    received_at: dt.datetime
    action_met: bool | None  # None while the time has not come (running, not overdue)
    visited_at: dt.datetime | None
    children: int
    children_referred: int
    # The record counted, so the inspection dashboard can break the figure down and list the
    # records behind it (issue 9); None in hand-built facts.
    subject_id: UUID | None = None


@dataclass(frozen=True)
class OnlineIndicators:
    acted_on_in_time: dict[str, Share]
    median_hours_to_visit: float | None
    visits: int
    children_identified: int
    children_referred: Share


def online_indicators(facts: Iterable[ReferralFacts]) -> OnlineIndicators:
    rows = list(facts)
    acted: dict[str, Share] = {}
    for level in (*LEVELS, ""):
        judged = [r for r in rows if r.kirat_level == level and r.action_met is not None]
        acted[level or "UNGRADED"] = Share(
            numerator=sum(1 for r in judged if r.action_met), denominator=len(judged)
        )
    hours = [(r.visited_at - r.received_at).total_seconds() / 3600 for r in rows if r.visited_at]
    children = sum(r.children for r in rows)
    return OnlineIndicators(
        acted_on_in_time=acted,
        median_hours_to_visit=statistics.median(hours) if hours else None,
        visits=len(hours),
        children_identified=children,
        children_referred=Share(
            numerator=sum(r.children_referred for r in rows), denominator=children
        ),
    )
