"""Recording standards for a missing report: what is missing from this record (DOMAIN.md §2.1).

HMICFRS told a force to "record information about children who go missing correctly"
(issue 5). One function says what a report lacks; the service refuses a new report that
lacks any of it, the episode page lists what a loaded or older record lacks, and the
inspection dashboard counts complete records with the very same function, so the three
cannot disagree (STYLE.md §4.6).

The core information set is the Missing Person Aide-Memoire's (DOMAIN.md §2.1 [S]) plus who
reported and when. A field the reporter cannot answer is recorded as "Not known", which is
itself information; only a blank is a gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from safeguard.missing.rules.codes import MissingFrom

CORE_FIELDS: tuple[tuple[str, str], ...] = (
    ("reported_by_name", "Record who reported the child missing"),
    ("reported_by_contact", "Record how to contact the person who reported"),
    ("reported_at", "Record when the child was reported missing"),
    ("last_seen_at", "Record when the child was last seen"),
    ("last_seen_place", "Record where the child was last seen"),
    ("location_missing_from", "Record the address or place the child is missing from"),
    ("circumstances", "Describe the circumstances of the disappearance"),
    ("description", "Give a physical description (height, build, hair, marks)"),
    ("clothing", "Describe the clothing, item by item, or write 'Not known'"),
    ("phones", "Record phone numbers and other SIMs, or write 'None known'"),
    ("social_media", "Record email addresses and social media accounts, or write 'None known'"),
    (
        "possessions",
        "Record possessions (cash, cards, medication, passport, phone make and model), or "
        "write 'Not known'",
    ),
    ("transport", "Record preferred transport, or write 'Not known'"),
    ("medical_needs", "Record medical needs and medication, or write 'None known'"),
    ("likely_destinations", "Record where the child might go, or write 'Not known'"),
)
"""(field, message) for each item of the core information set, in form order."""

CORE_FIELD_NAMES: tuple[str, ...] = tuple(name for name, _message in CORE_FIELDS)


class GapCode(StrEnum):
    CORE_FIELD = "CORE_FIELD"
    PLACING_AUTHORITY = "PLACING_AUTHORITY"
    RISK_INFORMATION = "RISK_INFORMATION"
    RISK_SOURCE = "RISK_SOURCE"
    NOT_GRADED = "NOT_GRADED"
    CHILD_RESCUE_ALERT = "CHILD_RESCUE_ALERT"
    PREVENTION_INTERVIEW = "PREVENTION_INTERVIEW"
    RETURN_INTERVIEW = "RETURN_INTERVIEW"


@dataclass(frozen=True)
class Gap:
    code: GapCode
    field: str
    message: str


@dataclass(frozen=True)
class RiskInformationFact:
    """One piece of risk information: what, who supplied it, their contact, when obtained."""

    information: str
    supplied_by: str
    supplied_by_contact: str
    obtained_at_given: bool


@dataclass(frozen=True)
class EpisodeFacts:
    """What the standards look at, as plain values."""

    values: Mapping[str, object]
    missing_from: str
    has_placing_authority: bool
    risk_information: Sequence[RiskInformationFact]
    graded_level: str | None = None
    cra_decided: bool = False
    found: bool = False
    prevention_interview_done: bool = False
    return_interview_requested: bool = False


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def risk_information_gaps(items: Sequence[RiskInformationFact]) -> list[Gap]:
    """Return the gaps in the risk information: none given, or any without its source.

    The APP: record the information given, "the name and contact details of the person who
    supplied it, and the time it was obtained" (DOMAIN.md §2.1 [P]).
    """
    if not items:
        return [
            Gap(
                GapCode.RISK_INFORMATION,
                "risk_information",
                "Record the risk information you were given, with who supplied it",
            )
        ]
    gaps: list[Gap] = []
    for index, item in enumerate(items):
        missing = [
            label
            for label, blank in (
                ("the information", _blank(item.information)),
                ("who supplied it", _blank(item.supplied_by)),
                ("their contact details", _blank(item.supplied_by_contact)),
                ("when it was obtained", not item.obtained_at_given),
            )
            if blank
        ]
        if missing:
            gaps.append(
                Gap(
                    GapCode.RISK_SOURCE,
                    f"risk_information.{index}",
                    f"Risk information {index + 1}: record " + ", ".join(missing),
                )
            )
    return gaps


def entry_gaps(facts: EpisodeFacts) -> list[Gap]:
    """Return what a new report lacks: the core set, the placing authority, the risk sources.

    A service refuses a report with any of these (enforced at entry).
    """
    gaps = [
        Gap(GapCode.CORE_FIELD, name, message)
        for name, message in CORE_FIELDS
        if _blank(facts.values.get(name))
    ]
    if facts.missing_from == MissingFrom.CARE and not facts.has_placing_authority:
        gaps.append(
            Gap(
                GapCode.PLACING_AUTHORITY,
                "placing_authority",
                "A child missing from care needs the placing authority (it holds the return "
                "interview)",
            )
        )
    return gaps + risk_information_gaps(facts.risk_information)


def core_information_complete(facts: EpisodeFacts) -> bool:
    """Tell whether a report holds the whole core information set with its risk sources."""
    return not entry_gaps(facts)


def episode_gaps(facts: EpisodeFacts) -> list[Gap]:
    """Return everything the record lacks now: entry gaps and the later duties.

    Graded (APP minimum action 2, DOMAIN.md §2.1 [P]); a Child Rescue Alert considered for a
    child graded high (§2.1 [P]); once found, the prevention interview and the return
    interview requested (§2.2 [S]).
    """
    gaps = entry_gaps(facts)
    if facts.graded_level is None:
        gaps.append(Gap(GapCode.NOT_GRADED, "risk", "Grade the risk (APP minimum action)"))
    elif facts.graded_level == "HIGH" and not facts.cra_decided:
        gaps.append(
            Gap(
                GapCode.CHILD_RESCUE_ALERT,
                "child_rescue_alert",
                "Graded high: record whether a Child Rescue Alert was considered and why",
            )
        )
    if facts.found and not facts.prevention_interview_done:
        gaps.append(
            Gap(
                GapCode.PREVENTION_INTERVIEW,
                "prevention_interview",
                "Record the police prevention (safe and well) interview",
            )
        )
    if facts.found and not facts.return_interview_requested:
        gaps.append(
            Gap(
                GapCode.RETURN_INTERVIEW,
                "return_interview",
                "Request the return interview from the local authority",
            )
        )
    return gaps
