"""Who may see which occurrences: force-wide for police staff, restricted ones by team."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from safeguard.access.policies import scope_filter
from safeguard.access.rules.capabilities import Capability
from safeguard.access.rules.record_scope import ScopeLevel
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.incidents.models import Occurrence

if TYPE_CHECKING:
    from safeguard.accounts.models import User

OCCURRENCE_SUBJECT_TYPE = "incidents.occurrence"


def scope_occurrences(actor: User) -> QuerySet[Occurrence]:
    """Return the occurrences the actor may see (partners: none)."""
    return Occurrence.objects.filter(
        scope_filter(
            actor,
            subject_type=OCCURRENCE_SUBJECT_TYPE,
            view_capability=Capability.INCIDENT_VIEW,
            level=ScopeLevel.FORCE,
        )
    )


def occurrence_in_scope(actor: User, occurrence_id: UUID) -> Occurrence:
    """Return the occurrence if the actor may see it.

    :raises NotFoundOrForbidden: missing or out of scope (the same answer)
    """
    occurrence = scope_occurrences(actor).filter(pk=occurrence_id).first()
    if occurrence is None:
        raise NotFoundOrForbidden()
    return occurrence
