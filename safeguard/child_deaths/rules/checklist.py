"""The first hours of a Joint Agency Response, in sequence, each with its time (DOMAIN.md §5.2).

Times run from the moment the response began (the death reported to the police), after the
local protocol that reflects the national model [S]: the lead investigator at the hospital,
the joint history from the parents, the coroner's officer and social care told within the
first 2 to 4 hours; the initial information-sharing within 24 to 48 hours; the joint home visit
(police and a health professional) within 24 hours; a strategy discussion if there are
concerns. The hours are force policy ``CHILD_DEATH_CHECKLIST_HOURS`` [S]/[U]. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    default_hours: int
    needs_concern: bool = False  # only when there are concerns (else not applicable)


STEPS: tuple[Step, ...] = (
    Step("HOSPITAL_ATTENDED", "Lead investigator attends the hospital", 2),
    Step("SCENE_PRESERVED", "Scene assessed and preserved", 2),
    Step("SIBLINGS_IDENTIFIED", "Siblings and other children in the household identified", 2),
    Step("CORONER_NOTIFIED", "Coroner's officer notified", 4),
    Step("PAEDIATRICIAN_CONTACTED", "Paediatrician (lead health professional) contacted", 4),
    Step("JOINT_HISTORY", "Joint history taken from the parents or carers", 4),
    Step("SOCIAL_CARE_INFORMED", "Children's social care informed", 4),
    Step("SIBLING_DECISIONS", "A safeguarding decision for each child in the household", 4),
    Step("INFORMATION_SHARING", "Initial information-sharing discussion", 48),
    Step("JOINT_HOME_VISIT", "Joint home visit (police and health professional)", 24),
    Step(
        "STRATEGY_DISCUSSION",
        "Strategy discussion (section 47) where there are concerns",
        48,
        needs_concern=True,
    ),
)
"""The checklist, in the order of DOMAIN.md §5.2."""

DEFAULT_HOURS: dict[str, int] = {step.code: step.default_hours for step in STEPS}


def due_times(began_at: dt.datetime, hours: Mapping[str, int]) -> dict[str, dt.datetime]:
    """When each step is due, from the moment the response began."""
    return {
        s.code: began_at + dt.timedelta(hours=hours.get(s.code, s.default_hours)) for s in STEPS
    }


def completion_errors(
    *,
    done_at: dt.datetime | None,
    not_applicable_reason: str,
    began_at: dt.datetime,
    now: dt.datetime,
    min_reason: int = 10,
) -> dict[str, list[str]]:
    """Why a step cannot be recorded so: it needs a time or a reason, not both; no time
    before the response began; none in the future; a reason that says something."""
    errors: dict[str, list[str]] = {}
    reason = not_applicable_reason.strip()
    if done_at is None and not reason:
        errors["done_at"] = ["Give the time it was done, or why it does not apply."]
    if done_at is not None and reason:
        errors["not_applicable_reason"] = ["Either it was done, or it does not apply: not both."]
    if done_at is not None and done_at < began_at:
        errors.setdefault("done_at", []).append(
            "This is before the response began: check the date and time."
        )
    if done_at is not None and done_at > now:
        errors.setdefault("done_at", []).append("This time has not come yet.")
    if reason and len(reason) < min_reason:
        errors.setdefault("not_applicable_reason", []).append(
            f"Say why it does not apply (at least {min_reason} characters)."
        )
    return errors


def next_overdue(
    due: Mapping[str, dt.datetime], open_codes: set[str], now: dt.datetime
) -> str | None:
    """The first step in sequence that is open and past its time, or None."""
    for step in STEPS:
        if step.code in open_codes and due[step.code] < now:
            return step.code
    return None
