"""Reads of occurrences; each returns personal data and writes a consultation event."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Prefetch

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.incidents.models import Involvement, Occurrence
from safeguard.incidents.policies import occurrence_in_scope, scope_occurrences

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def occurrence_get(*, actor: User, occurrence_id: UUID, purpose: str) -> Occurrence:
    """Return an occurrence with its people and children's voices; log the consultation.

    :raises NotFoundOrForbidden: missing or out of scope
    :raises PurposeRequired: no purpose given
    """
    require_capability(actor, Capability.INCIDENT_VIEW)
    justification = require_purpose(purpose, what="this occurrence")
    occurrence_in_scope(actor, occurrence_id)
    occurrence = Occurrence.objects.prefetch_related(
        Prefetch("involvements", queryset=Involvement.objects.select_related("person", "voice"))
    ).get(pk=occurrence_id)
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="occurrence.consulted",
        subjects=[
            Subject.of(occurrence),
            *(Subject.of(i.person) for i in occurrence.involvements.all()),
        ],
        justification=justification,
    )
    return occurrence


def occurrence_reference_in_scope(*, actor: User, occurrence_id: UUID) -> str:
    """Return only the reference number (for the purpose prompt); no personal data, no audit."""
    require_capability(actor, Capability.INCIDENT_VIEW)
    return occurrence_in_scope(actor, occurrence_id).reference


def occurrence_list_recent(*, actor: User, limit: int = 50) -> list[Occurrence]:
    """Return the newest occurrences the actor may see (reference, type, time: no people)."""
    require_capability(actor, Capability.INCIDENT_VIEW)
    recent = scope_occurrences(actor).only("id", "reference", "occurrence_type", "occurred_at")
    return list(recent.order_by("-occurred_at")[:limit])
