"""Scope for domestic-abuse incidents and Operation Encompass notifications.

Police see incidents force-wide (restricted ones only in the owning team). A school's DSL
sees a notification only once it has been sent to their own setting (``shared_with``), and
nothing else: any other notification, incident or person answers exactly as a missing one
(DESIGN.md invariants 3 and 4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from safeguard.access.policies import scope_filter
from safeguard.access.rules.capabilities import Capability
from safeguard.access.rules.record_scope import ScopeLevel
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.domestic.models import DomesticAbuseIncident, EncompassNotification

if TYPE_CHECKING:
    from safeguard.accounts.models import User

INCIDENT_SUBJECT_TYPE = "domestic.domesticabuseincident"
NOTIFICATION_SUBJECT_TYPE = "domestic.encompassnotification"


def scope_incidents(actor: User) -> QuerySet[DomesticAbuseIncident]:
    return DomesticAbuseIncident.objects.filter(
        scope_filter(
            actor,
            subject_type=INCIDENT_SUBJECT_TYPE,
            view_capability=Capability.INCIDENT_VIEW,
            level=ScopeLevel.FORCE,
        )
    )


def incident_in_scope(actor: User, incident_id: UUID) -> DomesticAbuseIncident:
    """:raises NotFoundOrForbidden: missing or out of scope (the same answer)"""
    incident = scope_incidents(actor).filter(pk=incident_id).first()
    if incident is None:
        raise NotFoundOrForbidden()
    return incident


def incident_scope_check(actor: User, subject_id: str) -> None:
    """Risk's scope check for a DASH or DARA about an incident.

    :raises NotFoundOrForbidden: the incident is missing or out of scope
    """
    try:
        incident_id = UUID(subject_id)
    except ValueError as exc:
        raise NotFoundOrForbidden() from exc
    incident_in_scope(actor, incident_id)


def child_victim_scope_check(actor: User, subject_id: str) -> None:
    """Risk's scope check for a child's own risk assessment: within scope with its incident.

    :raises NotFoundOrForbidden: the child record or its incident is missing or out of scope
    """
    from safeguard.domestic.models import ChildVictim

    try:
        victim = ChildVictim.objects.filter(pk=UUID(subject_id)).first()
    except ValueError as exc:
        raise NotFoundOrForbidden() from exc
    if victim is None:
        raise NotFoundOrForbidden()
    incident_in_scope(actor, victim.incident_id)


def scope_notifications(actor: User) -> QuerySet[EncompassNotification]:
    return EncompassNotification.objects.filter(
        scope_filter(
            actor,
            subject_type=NOTIFICATION_SUBJECT_TYPE,
            view_capability=Capability.ENCOMPASS_VIEW,
            level=ScopeLevel.FORCE,
            shared_organisations_field="shared_with_id",
        )
    )


def notification_in_scope(actor: User, notification_id: UUID) -> EncompassNotification:
    """:raises NotFoundOrForbidden: missing, unsent to this partner, or out of scope"""
    notification = scope_notifications(actor).filter(pk=notification_id).first()
    if notification is None:
        raise NotFoundOrForbidden()
    return notification
