"""The partnership indicator: concerns received and actioned per business (issue 10 item 4).

HMICFRS named a force's proactive work with hotels as a strength (DOMAIN.md §7 [S]). Per
business: how many concerns it sent, how many the police actioned, and the share. A
business engaged (trained) but sending nothing shows "no data", never 0% (issue 9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from safeguard.core.rules.indicators import Share


@dataclass(frozen=True)
class ConcernFacts:
    organisation_id: UUID
    actioned: bool
    # The concern counted, so a dashboard can list the records behind a figure.
    subject_id: UUID | None = None


@dataclass(frozen=True)
class EngagementFacts:
    """Businesses by id and name, the ones trained, and each concern in the period."""

    businesses: dict[UUID, str]
    concerns: list[ConcernFacts] = field(default_factory=list)
    trained: frozenset[UUID] = frozenset()


@dataclass(frozen=True)
class BusinessRow:
    organisation_id: UUID
    name: str
    trained: bool
    received: int
    actioned: Share


@dataclass(frozen=True)
class EngagementIndicator:
    businesses: list[BusinessRow]
    actioned: Share
    engaged: int


def engagement_indicator(facts: EngagementFacts) -> EngagementIndicator:
    """Return one row per business (by name), and the force-wide share actioned."""
    received: dict[UUID, int] = dict.fromkeys(facts.businesses, 0)
    actioned: dict[UUID, int] = dict.fromkeys(facts.businesses, 0)
    for concern in facts.concerns:
        received[concern.organisation_id] = received.get(concern.organisation_id, 0) + 1
        if concern.actioned:
            actioned[concern.organisation_id] = actioned.get(concern.organisation_id, 0) + 1
    rows = [
        BusinessRow(
            organisation_id=org,
            name=facts.businesses.get(org, ""),
            trained=org in facts.trained,
            received=received[org],
            actioned=Share(numerator=actioned.get(org, 0), denominator=received[org]),
        )
        for org in received
    ]
    rows.sort(key=lambda row: (row.name.casefold(), str(row.organisation_id)))
    return EngagementIndicator(
        businesses=rows,
        actioned=Share(numerator=sum(actioned.values()), denominator=sum(received.values())),
        engaged=len(facts.trained),
    )
