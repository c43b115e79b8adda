"""Indicators for children in domestic-abuse households, for the inspection dashboard.

Pure functions of plain facts, so the inspection-readiness dashboard (issue 9) can reuse
them. HMICFRS asks forces to get better at "recognising children affected by domestic
abuse" (DOMAIN.md §0); Operation Encompass asks for notification before the next school
day (§3.2 [S]); a referral to children's social care follows each incident with a child
unless a supervisor records why not (issue 4). A share with no incidents behind it is
``None`` ("no data"), never zero.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from safeguard.core.rules.indicators import Share


@dataclass(frozen=True)
class NotificationFact:
    due_at: dt.datetime
    sent_at: dt.datetime | None


@dataclass(frozen=True)
class IncidentFact:
    """One domestic-abuse incident with at least one child, as the indicators see it."""

    occurred_at: dt.datetime
    children_detected: int
    children_accounted_for: int
    children_recorded: int
    notifications: tuple[NotificationFact, ...]
    children_referred: int
    referral_waived: bool
    # The record counted, so the inspection dashboard can break the figure down and list the
    # records behind it (issue 9); None in hand-built facts.
    subject_id: UUID | None = None


def share_every_child_recorded(incidents: Sequence[IncidentFact]) -> Share:
    """Share of incidents where every child the system found was recorded or dismissed.

    Incidents recorded in Safeguard always pass (submission needs it); incidents loaded from
    an older system may not, which is exactly what an inspector would sample.
    """
    return Share(
        sum(1 for i in incidents if i.children_accounted_for >= i.children_detected),
        len(incidents),
    )


def share_notified_on_time(incidents: Sequence[IncidentFact]) -> Share:
    """Share of incidents whose every notification was sent before its due time."""
    with_notifications = [i for i in incidents if i.notifications]
    on_time = sum(
        1
        for i in with_notifications
        if all(n.sent_at is not None and n.sent_at < n.due_at for n in i.notifications)
    )
    return Share(on_time, len(with_notifications))


def share_referred(incidents: Sequence[IncidentFact]) -> Share:
    """Share of incidents where every child recorded was referred, or a supervisor waived it."""
    return Share(
        sum(
            1 for i in incidents if i.referral_waived or i.children_referred >= i.children_recorded
        ),
        len(incidents),
    )


def hours_to_notification(incidents: Sequence[IncidentFact]) -> list[float]:
    """Return the hours from each incident to each notification sent for it."""
    return [
        (n.sent_at - i.occurred_at).total_seconds() / 3600
        for i in incidents
        for n in i.notifications
        if n.sent_at is not None
    ]


def median_hours_to_notification(incidents: Sequence[IncidentFact]) -> float | None:
    """Return the median hours from incident to notification, or None with none sent."""
    hours = hours_to_notification(incidents)
    return statistics.median(hours) if hours else None
