"""Benchmark: every inspection indicator for a year, from live rows (issue 9).

Usage (against whatever force the configured database holds; the issue's target is a
force-year on PostgreSQL)::

    DATABASE_URL=postgresql://... python bench/inspection_indicators.py [--months 12] [--repeat 3]

Times ``inspection.selectors.indicators_by_area`` (all the indicators, each computed in the
database where it can be, with the capability apps' pure indicator functions), and each
indicator's own ``compute`` on its own, beside the same figures computed by reading every
row of the tables behind each indicator into Python (``.values(...).iterator()``, no filter,
join condition or aggregate left to the database beyond a one-to-one column) and looping
over them. Every looped figure must equal the selectors' figure (the script stops with an
AssertionError otherwise). Target: at most 1 s for all indicators over a force-year.

Each indicator's loop applies the indicator's definition in plain Python, except
"missing reports complete": there the loop builds the same ``EpisodeFacts`` from the raw
rows and calls the same pure rule (``missing.rules.standards.core_information_complete``),
since that rule *is* the definition (fifteen fields, the placing authority and the risk
sources); the output marks it "pure rule".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# Measured as served: without DEBUG's log of every query (DJANGO_DEBUG=1 to keep it).
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Model  # noqa: E402

from safeguard.accounts.models import User  # noqa: E402
from safeguard.child_deaths import policy as child_death_policy  # noqa: E402
from safeguard.child_deaths.models import (  # noqa: E402
    ChecklistItem,
    ChildDeathResponse,
    HouseholdChild,
    ResponseAssignment,
)
from safeguard.child_deaths.rules.codes import AssignmentState  # noqa: E402
from safeguard.clocks.models import StatutoryClock  # noqa: E402
from safeguard.core import clock  # noqa: E402
from safeguard.domestic.models import (  # noqa: E402
    ChildVictim,
    DetectedChildRecord,
    DomesticAbuseIncident,
    EncompassNotification,
)
from safeguard.domestic.rules.codes import Resolution  # noqa: E402
from safeguard.inspection.indicators import (  # noqa: E402
    INDICATORS,
    PLAN_CLOCK_PREFIX,
    Period,
    Result,
)
from safeguard.inspection.selectors import indicators_by_area  # noqa: E402
from safeguard.linkage.models import LinkageRun, LinkCandidate  # noqa: E402
from safeguard.missing import policy as missing_policy  # noqa: E402
from safeguard.missing.models import (  # noqa: E402
    MissingEpisode,
    RepeatMissingPrompt,
    RiskInformation,
)
from safeguard.missing.rules.codes import ReturnInterviewOutcome  # noqa: E402
from safeguard.missing.rules.standards import (  # noqa: E402
    CORE_FIELD_NAMES,
    EpisodeFacts,
    RiskInformationFact,
    core_information_complete,
)
from safeguard.missing.selectors import SUBJECT_TYPE as EPISODE_SUBJECT  # noqa: E402
from safeguard.missing.services.common import REVIEW_CLOCK  # noqa: E402
from safeguard.online_abuse.models import ChildAroundSuspect, OnlineReferral  # noqa: E402
from safeguard.online_abuse.rules.codes import ChildDecision  # noqa: E402
from safeguard.online_abuse.services.intake import ACTION_CLOCK  # noqa: E402
from safeguard.people.models import Person, PersonLink  # noqa: E402
from safeguard.people.rules.codes import SelfDefinedEthnicity  # noqa: E402
from safeguard.places.models import BusinessConcern  # noqa: E402
from safeguard.risk.rules.kirat import LEVELS  # noqa: E402

TARGET_SECONDS = 1.0
CHUNK = 20_000

# A looped figure: (numerator, denominator) for a share, the number (or None) for a count.
Looped = tuple[int, int] | float | None


def rows(model: type[Model], *fields: str) -> Iterator[dict[str, Any]]:
    """Every row of the model's table, only the named columns, in no particular order."""
    manager: Any = model._default_manager
    return iter(manager.order_by().values(*fields).iterator(chunk_size=CHUNK))


def _in(period: Period, at: dt.datetime | None) -> bool:
    return at is not None and period.since <= at < period.until


# -- Leadership and workforce: the statutory clocks -----------------------------------------


def loop_clocks_met(p: Period) -> Looped:
    met = stopped = 0
    for row in rows(StatutoryClock, "kind", "stopped_at", "outcome"):
        if _in(p, row["stopped_at"]) and not row["kind"].startswith(PLAN_CLOCK_PREFIX):
            stopped += 1
            met += row["outcome"] == "MET"
    return met, stopped


def loop_caseload(p: Period) -> Looped:
    per_officer: Counter[int] = Counter()
    for row in rows(StatutoryClock, "kind", "stopped_at", "owner_user_id"):
        if (
            row["stopped_at"] is None
            and row["owner_user_id"] is not None
            and not row["kind"].startswith(PLAN_CLOCK_PREFIX)
        ):
            per_officer[row["owner_user_id"]] += 1
    if not per_officer:
        return None
    return round(sum(per_officer.values()) / len(per_officer), 1)


# -- Domestic abuse --------------------------------------------------------------------------


@dataclass
class _Incident:
    children: int = 0
    detected: int = 0
    accounted: int = 0
    notified: int = 0
    late_or_unsent: int = 0


def _incidents(p: Period, *, notifications: bool) -> list[_Incident]:
    """Incidents that occurred in the period with at least one child victim."""
    incidents = {
        row["id"]: _Incident()
        for row in rows(DomesticAbuseIncident, "id", "occurrence__occurred_at")
        if _in(p, row["occurrence__occurred_at"])
    }
    for row in rows(ChildVictim, "incident_id"):
        if (incident := incidents.get(row["incident_id"])) is not None:
            incident.children += 1
    if notifications:
        for row in rows(EncompassNotification, "incident_id", "due_at", "sent_at"):
            if (incident := incidents.get(row["incident_id"])) is not None:
                incident.notified += 1
                incident.late_or_unsent += row["sent_at"] is None or row["sent_at"] >= row["due_at"]
    else:
        accounted = {Resolution.RECORDED, Resolution.DISMISSED}
        for row in rows(DetectedChildRecord, "incident_id", "resolution"):
            if (incident := incidents.get(row["incident_id"])) is not None:
                incident.detected += 1
                incident.accounted += row["resolution"] in accounted
    return [i for i in incidents.values() if i.children > 0]


def loop_encompass_on_time(p: Period) -> Looped:
    notified = [i for i in _incidents(p, notifications=True) if i.notified]
    return sum(1 for i in notified if not i.late_or_unsent), len(notified)


def loop_da_children_recorded(p: Period) -> Looped:
    incidents = _incidents(p, notifications=False)
    return sum(1 for i in incidents if i.accounted >= i.detected), len(incidents)


# -- Missing children ------------------------------------------------------------------------


def _episodes(p: Period, *fields: str) -> list[dict[str, Any]]:
    return [
        row
        for row in rows(MissingEpisode, "id", "last_seen_at", *fields)
        if _in(p, row["last_seen_at"])
    ]


def loop_return_interviews(p: Period) -> Looped:
    allowed = dt.timedelta(hours=missing_policy.return_interview_hours())
    met = counted = 0
    for e in _episodes(p, "found_at", "return_interview_outcome", "return_interview_outcome_at"):
        if e["found_at"] is None:
            continue
        due = e["found_at"] + allowed
        done = e["return_interview_outcome_at"]
        if done is None and due > p.until:
            continue
        counted += 1
        completed = e["return_interview_outcome"] == ReturnInterviewOutcome.COMPLETED
        met += completed and done is not None and done <= due
    return met, counted


def loop_missing_core_complete(p: Period) -> Looped:
    """Builds the same facts from raw rows and calls the same pure rule."""
    episodes = _episodes(p, "missing_from", "placing_authority_id", *CORE_FIELD_NAMES)
    information: dict[UUID, list[RiskInformationFact]] = defaultdict(list)
    for row in rows(
        RiskInformation,
        "episode_id",
        "information",
        "supplied_by",
        "supplied_by_contact",
        "obtained_at",
    ):
        information[row["episode_id"]].append(
            RiskInformationFact(
                information=row["information"],
                supplied_by=row["supplied_by"],
                supplied_by_contact=row["supplied_by_contact"],
                obtained_at_given=row["obtained_at"] is not None,
            )
        )
    complete = sum(
        core_information_complete(
            EpisodeFacts(
                values={name: e[name] for name in CORE_FIELD_NAMES},
                missing_from=e["missing_from"],
                has_placing_authority=e["placing_authority_id"] is not None,
                risk_information=information.get(e["id"], []),
            )
        )
        for e in episodes
    )
    return complete, len(episodes)


def loop_missing_reviews_on_time(p: Period) -> Looped:
    ids = {e["id"] for e in _episodes(p)}
    met = counted = 0
    for row in rows(
        StatutoryClock, "subject_type", "subject_id", "kind", "due_at", "stopped_at", "outcome"
    ):
        if (
            row["kind"] != REVIEW_CLOCK
            or row["subject_type"] != EPISODE_SUBJECT
            or row["subject_id"] not in ids
        ):
            continue
        done = row["stopped_at"] if row["outcome"] != "RUNNING" else None
        if done is None and row["due_at"] > p.until:
            continue
        counted += 1
        met += done is not None and done <= row["due_at"]
    return met, counted


def loop_repeat_missing_strategy(p: Period) -> Looped:
    ids = {e["id"] for e in _episodes(p)}
    held = prompted = 0
    for row in rows(RepeatMissingPrompt, "episode_id", "discussion_held_at"):
        if row["episode_id"] in ids:
            prompted += 1
            held += row["discussion_held_at"] is not None
    return held, prompted


# -- Online child abuse ----------------------------------------------------------------------


def _referrals(p: Period) -> dict[UUID, str]:
    """Referral id -> KIRAT level, for referrals received in the period."""
    return {
        row["id"]: row["kirat_level"]
        for row in rows(OnlineReferral, "id", "received_at", "kirat_level")
        if _in(p, row["received_at"])
    }


def loop_online_children_referred(p: Period) -> Looped:
    ids = _referrals(p)
    referred = children = 0
    for row in rows(ChildAroundSuspect, "referral_id", "decision"):
        if row["referral_id"] in ids:
            children += 1
            referred += row["decision"] == ChildDecision.REFER
    return referred, children


def loop_online_acted_in_time(p: Period) -> Looped:
    levels = _referrals(p)
    action: dict[UUID, dict[str, Any]] = {}
    for row in rows(StatutoryClock, "kind", "subject_id", "due_at", "stopped_at", "outcome"):
        if row["kind"] == ACTION_CLOCK and row["subject_id"] in levels:
            # The selector keeps the last clock in due order.
            kept = action.get(row["subject_id"])
            if kept is None or row["due_at"] >= kept["due_at"]:
                action[row["subject_id"]] = row
    met = judged = 0
    for referral_id, level in levels.items():
        clock_row = action.get(referral_id)
        if clock_row is None or (level not in LEVELS and level != ""):
            continue
        if clock_row["stopped_at"] is not None:
            judged += 1
            met += clock_row["outcome"] == "MET"
        elif clock_row["due_at"] < p.until:
            judged += 1
    return met, judged


# -- Child deaths ----------------------------------------------------------------------------


def _responses(p: Period) -> dict[UUID, dt.datetime]:
    return {
        row["id"]: row["reported_at"]
        for row in rows(ChildDeathResponse, "id", "reported_at")
        if _in(p, row["reported_at"])
    }


def loop_child_death_assigned(p: Period) -> Looped:
    reported = _responses(p)
    within = child_death_policy.assign_target()
    first: dict[UUID, dict[str, Any]] = {}  # the first accepted assignment, as offered
    for row in rows(ResponseAssignment, "response_id", "state", "offered_at", "accepted_at"):
        if row["response_id"] in reported and row["state"] == AssignmentState.ACCEPTED:
            kept = first.get(row["response_id"])
            if kept is None or row["offered_at"] < kept["offered_at"]:
                first[row["response_id"]] = row
    assigned = sum(
        1
        for pk, began in reported.items()
        if (a := first.get(pk)) is not None
        and a["accepted_at"] is not None
        and a["accepted_at"] - began <= within
    )
    return assigned, len(reported)


def loop_child_death_home_visits(p: Period) -> Looped:
    reported = _responses(p)
    first: dict[UUID, dict[str, Any]] = {}  # the first joint home visit item, by position
    for row in rows(ChecklistItem, "response_id", "code", "position", "due_at", "done_at"):
        if row["response_id"] in reported and row["code"] == "JOINT_HOME_VISIT":
            kept = first.get(row["response_id"])
            if kept is None or row["position"] < kept["position"]:
                first[row["response_id"]] = row
    visited = judged = 0
    for pk, began in reported.items():
        item = first.get(pk)
        due = item["due_at"] if item else began
        done = item["done_at"] if item else None
        if done is not None or due < p.until:
            judged += 1
            visited += done is not None and done <= due
    return visited, judged


def loop_household_children_decided(p: Period) -> Looped:
    reported = _responses(p)
    decided = children = 0
    for row in rows(HouseholdChild, "response_id", "decision"):
        if row["response_id"] in reported:
            children += 1
            decided += row["decision"] != ""
    return decided, children


# -- Data quality ----------------------------------------------------------------------------


def loop_ethnicity_recorded(p: Period) -> Looped:
    recorded = people = 0
    for row in rows(Person, "created_at", "self_defined_ethnicity"):
        if _in(p, row["created_at"]):
            people += 1
            recorded += row["self_defined_ethnicity"] != SelfDefinedEthnicity.NOT_ASKED
    return recorded, people


def loop_duplicates_awaiting(p: Period) -> Looped:
    latest = None
    for row in rows(LinkageRun, "id", "source", "created_at"):
        if row["source"] == "PEOPLE" and (latest is None or row["created_at"] > latest[1]):
            latest = (row["id"], row["created_at"])
    if latest is None:
        return None
    pairs = [
        frozenset((row["left_id"], row["right_id"]))
        for row in rows(LinkCandidate, "run_id", "left_id", "right_id")
        if row["run_id"] == latest[0]
    ]
    decided = {
        frozenset((row["left_id"], row["right_id"]))
        for row in rows(PersonLink, "left_id", "right_id", "undone_at")
        if row["undone_at"] is None
    }
    return sum(1 for pair in pairs if pair not in decided)


def loop_business_concerns_actioned(p: Period) -> Looped:
    received = actioned = 0
    for row in rows(BusinessConcern, "submitted_at", "triaged_at"):
        if _in(p, row["submitted_at"]):
            received += 1
            actioned += row["triaged_at"] is not None and row["triaged_at"] < p.until
    return actioned, received


LOOPS: dict[str, Callable[[Period], Looped]] = {
    "clocks_met": loop_clocks_met,
    "encompass_on_time": loop_encompass_on_time,
    "return_interviews": loop_return_interviews,
    "business_concerns_actioned": loop_business_concerns_actioned,
    "da_children_recorded": loop_da_children_recorded,
    "missing_core_complete": loop_missing_core_complete,
    "missing_reviews_on_time": loop_missing_reviews_on_time,
    "repeat_missing_strategy": loop_repeat_missing_strategy,
    "online_children_referred": loop_online_children_referred,
    "online_acted_in_time": loop_online_acted_in_time,
    "child_death_assigned": loop_child_death_assigned,
    "child_death_home_visits": loop_child_death_home_visits,
    "household_children_decided": loop_household_children_decided,
    "ethnicity_recorded": loop_ethnicity_recorded,
    "duplicates_awaiting": loop_duplicates_awaiting,
    "caseload": loop_caseload,
}
PURE_RULE = {"missing_core_complete"}


def selector_figure(result: Result) -> Looped:
    if result.share is not None:
        return result.share.numerator, result.share.denominator
    return result.count


def shown(figure: Looped) -> str:
    if isinstance(figure, tuple):
        numerator, denominator = figure
        if denominator == 0:
            return "no data (0 of 0)"
        return f"{numerator / denominator:6.1%} ({numerator:,} of {denominator:,})"
    return "no data" if figure is None else f"{figure:,}"


def timed(function: Callable[[Period], Any], period: Period, repeat: int) -> tuple[Any, float]:
    """The last result of ``function(period)`` and the median seconds over ``repeat`` calls."""
    times = []
    result = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function(period)
        times.append(time.perf_counter() - began)
    return result, statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    lead = User.objects.filter(username="performance").first()
    if lead is None:
        print(
            "No demo force loaded (no 'performance' user): run scripts/demo.sh or seed_demo first."
        )
        return 1
    assert set(LOOPS) == {i.code for i in INDICATORS}, "a loop for every indicator"
    until = clock.now()
    since = until - dt.timedelta(days=31 * options.months)
    period = Period(since, until)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}; people {Person.objects.count():,}, "
        f"clocks {StatutoryClock.objects.count():,}"
    )
    print(
        f"Period: {since:%Y-%m-%d %H:%M} to {until:%Y-%m-%d %H:%M} UTC; median of {options.repeat}"
    )

    blocks, total = timed(
        lambda p: indicators_by_area(actor=lead, since=p.since, until=p.until),
        period,
        options.repeat,
    )
    by_code = {v.indicator.code: v.result for b in blocks for v in b.values}
    header = f"{'Indicator':<28} {'Value':<30} {'Selectors':>10} {'Python loop':>12}"
    print()
    print(header)
    print("-" * len(header))
    selector_sum = loop_sum = 0.0
    no_data = []
    for indicator in INDICATORS:
        code = indicator.code
        result, selector_seconds = timed(indicator.compute, period, options.repeat)
        looped, loop_seconds = timed(LOOPS[code], period, options.repeat)
        expected = selector_figure(by_code[code])
        assert selector_figure(result) == expected, (code, result, expected)
        assert looped == expected, (code, looped, expected)
        selector_sum += selector_seconds
        loop_sum += loop_seconds
        if by_code[code].value is None:
            no_data.append(code)
        note = " (pure rule)" if code in PURE_RULE else ""
        print(
            f"{code:<28} {shown(expected):<30} {selector_seconds:9.3f}s {loop_seconds:11.3f}s{note}"
        )
    print("-" * len(header))
    print(f"{'Sum of them, one at a time':<59} {selector_sum:9.3f}s {loop_sum:11.3f}s")
    print()
    print(f"All {len(INDICATORS)} indicators, indicators_by_area (selectors): median {total:.3f} s")
    print(f"All {len(INDICATORS)} indicators, Python loops over every row:    {loop_sum:.3f} s")
    verdict = "met" if total <= TARGET_SECONDS else "missed"
    print(f"Target (force-year, PostgreSQL): at most {TARGET_SECONDS:.1f} s for all: {verdict}")
    print(
        "Every looped figure equals the selectors' figure. "
        "(pure rule): the loop builds the facts from raw rows and calls the app's pure rule."
    )
    print(f"No data: {', '.join(no_data) if no_data else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
