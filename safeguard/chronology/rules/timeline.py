"""The timeline of a child: what happened, when, from which record (issue 6 item 5).

Pure: the standard library and ``core.rules`` only; never reads the clock.

Records give times in two shapes: aware datetimes (an occurrence, a report) and bare dates
(a move of address, a child protection plan, an NRM referral). A date has no time of day, so
it is placed at the start of that day in Europe/London (DESIGN.md "Time"): on a shared day a
timed event is then always shown above the dated one when the newest come first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from safeguard.core.rules.calendar import LONDON


class EntryKind(StrEnum):
    """What an entry records; the value is the code the API gives, the label is for people."""

    PERSON_RECORDED = "PERSON_RECORDED"
    ADDRESS_MOVED_IN = "ADDRESS_MOVED_IN"
    ADDRESS_MOVED_OUT = "ADDRESS_MOVED_OUT"
    RELATIONSHIP_RECORDED = "RELATIONSHIP_RECORDED"
    PROTECTION_PLAN_STARTED = "PROTECTION_PLAN_STARTED"
    PROTECTION_PLAN_ENDED = "PROTECTION_PLAN_ENDED"
    OCCURRENCE = "OCCURRENCE"
    VOICE_OF_CHILD_RECORDED = "VOICE_OF_CHILD_RECORDED"
    CONCERN_RAISED = "CONCERN_RAISED"
    CONCERN_TRIAGED = "CONCERN_TRIAGED"
    REFERRAL_SENT = "REFERRAL_SENT"
    REFERRAL_ACKNOWLEDGED = "REFERRAL_ACKNOWLEDGED"
    REFERRAL_DECIDED = "REFERRAL_DECIDED"
    STRATEGY_DISCUSSION = "STRATEGY_DISCUSSION"
    POLICE_PROTECTION_STARTED = "POLICE_PROTECTION_STARTED"
    POLICE_PROTECTION_ENDED = "POLICE_PROTECTION_ENDED"
    DOMESTIC_ABUSE_CHILD_VICTIM = "DOMESTIC_ABUSE_CHILD_VICTIM"
    DOMESTIC_ABUSE_CHILD_FOUND = "DOMESTIC_ABUSE_CHILD_FOUND"
    ENCOMPASS_SENT = "ENCOMPASS_SENT"
    ENCOMPASS_ACKNOWLEDGED = "ENCOMPASS_ACKNOWLEDGED"
    MISSING_LAST_SEEN = "MISSING_LAST_SEEN"
    MISSING_REPORTED = "MISSING_REPORTED"
    MISSING_FOUND = "MISSING_FOUND"
    PREVENTION_INTERVIEW = "PREVENTION_INTERVIEW"
    RETURN_INTERVIEW_REQUESTED = "RETURN_INTERVIEW_REQUESTED"
    RETURN_INTERVIEW_OUTCOME = "RETURN_INTERVIEW_OUTCOME"
    REPEAT_MISSING_PROMPTED = "REPEAT_MISSING_PROMPTED"
    REPEAT_MISSING_DISCUSSED = "REPEAT_MISSING_DISCUSSED"
    EXPLOITATION_SCREENING_RAISED = "EXPLOITATION_SCREENING_RAISED"
    EXPLOITATION_SCREENING_COMPLETED = "EXPLOITATION_SCREENING_COMPLETED"
    NRM_REFERRAL = "NRM_REFERRAL"
    NRM_REASONABLE_GROUNDS = "NRM_REASONABLE_GROUNDS"
    NRM_CONCLUSIVE_GROUNDS = "NRM_CONCLUSIVE_GROUNDS"
    RISK_ASSESSMENT = "RISK_ASSESSMENT"
    BUSINESS_CONCERN = "BUSINESS_CONCERN"
    BUSINESS_CONCERN_ACTIONED = "BUSINESS_CONCERN_ACTIONED"


ENTRY_KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.PERSON_RECORDED: "Person record created",
    EntryKind.ADDRESS_MOVED_IN: "Moved in",
    EntryKind.ADDRESS_MOVED_OUT: "Moved out",
    EntryKind.RELATIONSHIP_RECORDED: "Relationship",
    EntryKind.PROTECTION_PLAN_STARTED: "Child protection plan started",
    EntryKind.PROTECTION_PLAN_ENDED: "Child protection plan ended",
    EntryKind.OCCURRENCE: "Occurrence",
    EntryKind.VOICE_OF_CHILD_RECORDED: "Voice of the child recorded",
    EntryKind.CONCERN_RAISED: "Concern for a child raised",
    EntryKind.CONCERN_TRIAGED: "Concern triaged by the MASH",
    EntryKind.REFERRAL_SENT: "Referral to children's social care sent",
    EntryKind.REFERRAL_ACKNOWLEDGED: "Referral acknowledged",
    EntryKind.REFERRAL_DECIDED: "Social care decision",
    EntryKind.STRATEGY_DISCUSSION: "Strategy discussion held",
    EntryKind.POLICE_PROTECTION_STARTED: "Police protection started",
    EntryKind.POLICE_PROTECTION_ENDED: "Police protection ended",
    EntryKind.DOMESTIC_ABUSE_CHILD_VICTIM: "Child victim of domestic abuse",
    EntryKind.DOMESTIC_ABUSE_CHILD_FOUND: "Child found in a domestic abuse incident",
    EntryKind.ENCOMPASS_SENT: "Operation Encompass notification sent",
    EntryKind.ENCOMPASS_ACKNOWLEDGED: "Operation Encompass notification acknowledged",
    EntryKind.MISSING_LAST_SEEN: "Missing: last seen",
    EntryKind.MISSING_REPORTED: "Missing episode reported",
    EntryKind.MISSING_FOUND: "Found after going missing",
    EntryKind.PREVENTION_INTERVIEW: "Prevention (safe and well) interview",
    EntryKind.RETURN_INTERVIEW_REQUESTED: "Return interview requested",
    EntryKind.RETURN_INTERVIEW_OUTCOME: "Return interview outcome",
    EntryKind.REPEAT_MISSING_PROMPTED: "Repeat missing: strategy discussion prompted",
    EntryKind.REPEAT_MISSING_DISCUSSED: "Repeat missing: strategy discussion held",
    EntryKind.EXPLOITATION_SCREENING_RAISED: "Exploitation screening raised",
    EntryKind.EXPLOITATION_SCREENING_COMPLETED: "Exploitation screening completed",
    EntryKind.NRM_REFERRAL: "National Referral Mechanism referral",
    EntryKind.NRM_REASONABLE_GROUNDS: "NRM reasonable grounds decision",
    EntryKind.NRM_CONCLUSIVE_GROUNDS: "NRM conclusive grounds decision",
    EntryKind.RISK_ASSESSMENT: "Risk assessment",
    EntryKind.BUSINESS_CONCERN: "Concern from a business (Operation Makesafe)",
    EntryKind.BUSINESS_CONCERN_ACTIONED: "Business concern actioned",
}


@dataclass(frozen=True)
class Entry:
    """One thing that happened to the child, as shown on the chronology.

    ``person_reference`` names the person record it came from (a child may have several
    linked records). ``record_reference`` names the record itself where it has one (an
    occurrence or episode number). ``link_name`` and ``link_kwargs`` name the record's own
    page (a URL name and its arguments) when it has one; resolving them is the interface's job.
    """

    when: dt.datetime | dt.date
    kind: EntryKind
    summary: str
    person_id: str
    person_reference: str
    record_reference: str = ""
    link_name: str = ""
    link_kwargs: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return ENTRY_KIND_LABELS[self.kind]

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, dt.datetime)


def instant_of(when: dt.datetime | dt.date) -> dt.datetime:
    """Return the instant an entry sorts at: a date is the start of that day in London.

    :raises ValueError: a naive datetime (storage is always aware; a naive one is a bug)
    """
    if isinstance(when, dt.datetime):
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError("A timeline datetime must be timezone-aware")
        return when
    return dt.datetime.combine(when, dt.time.min, tzinfo=LONDON)


def timeline_order(entries: Iterable[Entry]) -> list[Entry]:
    """Return the entries newest first; entries at the same instant keep their given order.

    Stable, so the selector's order (by source, then by record) decides ties the same way
    every time the page is opened.
    """
    return sorted(entries, key=lambda entry: instant_of(entry.when), reverse=True)
