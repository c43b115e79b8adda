"""Reads for access: break-glass grants awaiting review."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from safeguard.access.models import BreakGlassGrant
from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.core.exceptions import NotFoundOrForbidden

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def break_glass_list(*, actor: User, unreviewed_only: bool = True) -> QuerySet[BreakGlassGrant]:
    """Return break-glass grants for review, newest first.

    :raises CapabilityMissing: the actor cannot review break-glass access
    """
    require_capability(actor, Capability.BREAK_GLASS_REVIEW)
    grants = BreakGlassGrant.objects.select_related("user", "reviewed_by")
    if unreviewed_only:
        grants = grants.filter(reviewed_at__isnull=True)
    return grants.order_by("-created_at")


def break_glass_get(*, actor: User, grant_id: UUID) -> BreakGlassGrant:
    """Return one grant for review.

    :raises NotFoundOrForbidden: no such grant, or the actor cannot review
    """
    require_capability(actor, Capability.BREAK_GLASS_REVIEW)
    grant = BreakGlassGrant.objects.select_related("user").filter(pk=grant_id).first()
    if grant is None:
        raise NotFoundOrForbidden()
    return grant
