"""Reads of the s.62 log for auditors: who consulted which record, when, and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from safeguard.audit.models import AuditEvent, AuditSubject
from safeguard.audit.rules.chain import BrokenLink, ChainLink, first_broken_link

if TYPE_CHECKING:
    pass

ACCESS_LOG_LIMIT = 500


@dataclass(frozen=True)
class AccessLogQuery:
    subject_id: str = ""
    actor_username: str = ""
    operation: str = ""
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None


def access_log_events(query: AccessLogQuery) -> QuerySet[AuditEvent]:
    """Return the events matching ``query``, newest first.

    Callers check the AUDIT_LOG_VIEW capability first (the audit app sits below access).
    """
    events = AuditEvent.objects.all()
    if query.subject_id.strip():
        matching = AuditSubject.objects.filter(subject_id=query.subject_id.strip()).values(
            "event_id"
        )
        events = events.filter(sequence__in=matching)
    if query.actor_username.strip():
        events = events.filter(actor_username=query.actor_username.strip())
    if query.operation:
        events = events.filter(operation=query.operation)
    if query.occurred_from is not None:
        events = events.filter(occurred_at__date__gte=query.occurred_from)
    if query.occurred_to is not None:
        events = events.filter(occurred_at__date__lte=query.occurred_to)
    return events.order_by("-sequence")


def _chain_links(batch_size: int) -> Iterator[ChainLink]:
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        yield ChainLink(
            sequence=event.sequence,
            previous_digest=event.previous_digest,
            digest=event.digest,
            payload=event.chain_payload(),
        )


def audit_chain_first_break(*, batch_size: int = 2000) -> BrokenLink | None:
    """Return the first broken link of the hash chain, or None if the log is intact.

    Also checks the subject index rows against each event's own subject list.
    """
    broken = first_broken_link(_chain_links(batch_size))
    if broken is not None:
        return broken
    indexed: dict[int, list[tuple[str, str]]] = {}
    for event_id, subject_type, subject_id in AuditSubject.objects.values_list(
        "event_id", "subject_type", "subject_id"
    ).order_by("event_id", "id"):
        indexed.setdefault(event_id, []).append((subject_type, subject_id))
    for event in (
        AuditEvent.objects.order_by("sequence")
        .only("sequence", "subjects")
        .iterator(chunk_size=batch_size)
    ):
        expected = sorted((s["type"], s["id"]) for s in event.subjects)
        if sorted(indexed.pop(event.sequence, [])) != expected:
            return BrokenLink(event.sequence, "subject index does not match the event")
    if indexed:
        return BrokenLink(min(indexed), "subject index names an event that does not exist")
    return None
