"""The action plan a force keeps after an inspection report is published (issue 9).

Pure: imports only the standard library, and never reads the clock: ``today`` is always
passed in (a London calendar date, from ``core.clock.today_in_london()`` at the interface).

Sources, in ``DOMAIN.md``:

- §1.6: "Within six weeks of publication of the inspection report, the force is usually
  required to provide an action plan" [P]. §0: the BBC reported an *eight*-week deadline
  for Staffordshire 2025, which is **not confirmed** [U]; the 2023 re-inspection asked for
  an updated plan within six weeks [P/S].
- §1.6 "What the software needs": action plan → recommendation/AFI → action → owner →
  due date → evidence → status.

The RAG (red, amber, green) rating of an action is force policy, not HMICFRS's: no source
defines it. The rules are set out on :func:`action_rag`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

HMICFRS_USUAL_ACTION_PLAN_WEEKS = 6
"""§1.6: "within six weeks of publication … usually" [P]."""

DEFAULT_ACTION_PLAN_WEEKS = 8
"""Issue 9's force-policy default, from the BBC's report of Staffordshire 2025 [U].

Longer than the usual six weeks of §1.6; the letter accompanying the report governs.
"""

DEFAULT_AMBER_DAYS = 14
"""Force policy default: warn two weeks before an action falls due [U]."""


def action_plan_due(published_on: date, weeks: int = DEFAULT_ACTION_PLAN_WEEKS) -> date:
    """Return the date the action plan is due: ``weeks`` calendar weeks after publication.

    Published on Thursday 7 April 2022 with six weeks, the plan is due on Thursday
    19 May 2022. A plan sent on its due date is on time. The period is in calendar weeks,
    as §1.6 words it, so bank holidays do not extend it.

    :raises ValueError: if ``weeks`` is less than one
    """
    if weeks < 1:
        raise ValueError(f"An action plan period must be at least one week (got {weeks}).")
    return published_on + timedelta(weeks=weeks)


class ActionStatus(StrEnum):
    """Where one action of the plan stands, as its owner reports it."""

    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETE = "COMPLETE"
    BLOCKED = "BLOCKED"
    """The owner cannot progress it without someone else's decision or resource."""


ACTION_STATUS_LABELS: Mapping[ActionStatus, str] = MappingProxyType(
    {
        ActionStatus.NOT_STARTED: "Not started",
        ActionStatus.IN_PROGRESS: "In progress",
        ActionStatus.COMPLETE: "Complete",
        ActionStatus.BLOCKED: "Blocked",
    }
)


class Rag(StrEnum):
    """The rating a governance board sees for an action, worst first."""

    RED = "RED"
    AMBER = "AMBER"
    GREEN = "GREEN"
    COMPLETE = "COMPLETE"


RAG_LABELS: Mapping[Rag, str] = MappingProxyType(
    {
        Rag.RED: "Red",
        Rag.AMBER: "Amber",
        Rag.GREEN: "Green",
        Rag.COMPLETE: "Complete",
    }
)


def overdue(status: ActionStatus, due_on: date, today: date) -> bool:
    """Say whether an action is past its due date and not complete.

    An action due today is not yet overdue. A blocked action past its date is overdue:
    being blocked explains a delay but does not move the date.
    """
    return status is not ActionStatus.COMPLETE and today > due_on


def action_rag(
    status: ActionStatus,
    due_on: date,
    today: date,
    amber_days: int = DEFAULT_AMBER_DAYS,
) -> Rag:
    """Return an action's RAG rating on ``today``. The first rule that applies wins:

    1. COMPLETE status → ``Rag.COMPLETE``, whatever the dates (a late completion is still
       complete; the history of when it finished is the service's record).
    2. BLOCKED status → RED, whatever the dates: a blocked action cannot progress without
       intervention, so the board needs to see it now, not when it falls overdue.
    3. Overdue (past ``due_on``; see :func:`overdue`) → RED.
    4. NOT_STARTED and due within ``amber_days`` (``due_on - today <= amber_days``,
       counting the due date itself) → AMBER.
    5. Otherwise → GREEN. An action IN_PROGRESS and not yet due is GREEN however close its
       date: its owner is working on it, and lateness turns it RED the day after.

    With ``amber_days=0`` a not-started action turns AMBER only on its due date.

    :raises ValueError: if ``amber_days`` is negative
    """
    if amber_days < 0:
        raise ValueError(f"The amber window cannot be negative (got {amber_days} days).")
    if status is ActionStatus.COMPLETE:
        return Rag.COMPLETE
    if status is ActionStatus.BLOCKED:
        return Rag.RED
    if overdue(status, due_on, today):
        return Rag.RED
    if status is ActionStatus.NOT_STARTED and (due_on - today).days <= amber_days:
        return Rag.AMBER
    return Rag.GREEN


def plan_summary(rags: Iterable[Rag]) -> dict[Rag, int]:
    """Count the actions at each rating, with every rating present, worst first."""
    counts = dict.fromkeys(Rag, 0)
    for rag in rags:
        counts[rag] += 1
    return counts
