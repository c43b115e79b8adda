"""Central access checks: capability first, then record scope (STYLE.md §4.7).

Every selector calls these before returning anything. Lists and single records go through
the same :func:`scope_filter`, so the two can never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q

from safeguard.access.models import BreakGlassGrant
from safeguard.access.rules.capabilities import Capability
from safeguard.access.rules.record_scope import ActorScope, ScopeLevel
from safeguard.core import clock
from safeguard.core.exceptions import CapabilityMissing

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def has_capability(actor: User, capability: Capability) -> bool:
    """Tell whether any of the actor's roles grants ``capability``."""
    if not actor.is_active:
        return False
    return actor.has_perm(f"access.{capability.value}")


def require_capability(actor: User, capability: Capability) -> None:
    """Refuse the action unless the actor holds ``capability``.

    :raises CapabilityMissing: if no role of the actor's grants it
    """
    if not has_capability(actor, capability):
        raise CapabilityMissing(f"Your role does not allow: {capability.label}.")


def actor_capabilities(actor: User) -> frozenset[Capability]:
    """Return the capabilities the actor holds now."""
    if not actor.is_active:
        return frozenset()
    names = {p.split(".", 1)[1] for p in actor.get_all_permissions() if p.startswith("access.")}
    return frozenset(c for c in Capability if c.value in names)


def granted_record_ids(actor: User, *, subject_type: str) -> frozenset[UUID]:
    """Return the records of ``subject_type`` the actor holds an unexpired break-glass grant for."""
    ids = BreakGlassGrant.objects.filter(
        user=actor, subject_type=subject_type, expires_at__gt=clock.now()
    ).values_list("subject_id", flat=True)
    return frozenset(ids)


def actor_scope(actor: User, *, subject_type: str) -> ActorScope:
    """Return the plain-value description of the actor that the scope rules decide on."""
    return ActorScope(
        capabilities=actor_capabilities(actor),
        team_id=actor.team_id,
        organisation_id=actor.organisation_id,
        granted_record_ids=granted_record_ids(actor, subject_type=subject_type),
    )


def scope_filter(
    actor: User,
    *,
    subject_type: str,
    view_capability: Capability,
    level: ScopeLevel,
    owning_team_field: str = "owning_team",
    restricted_field: str = "is_restricted",
    shared_organisations_field: str | None = None,
) -> Q:
    """Return the query condition equal to ``access.rules.record_scope.is_in_scope``.

    A test checks the two agree row for row.
    """
    nothing = Q(pk__in=[])
    if not has_capability(actor, view_capability):
        return nothing
    if actor.organisation_id is not None:
        if shared_organisations_field is None:
            return nothing
        return Q(**{shared_organisations_field: actor.organisation_id})
    granted = Q(pk__in=list(granted_record_ids(actor, subject_type=subject_type)))
    own_team = (
        Q(**{f"{owning_team_field}_id": actor.team_id}) if actor.team_id is not None else nothing
    )
    if level is ScopeLevel.TEAM:
        return granted | own_team
    return granted | own_team | Q(**{restricted_field: False})
