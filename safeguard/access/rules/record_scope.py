"""Record scope: which records an actor may see, decided from plain values.

The same decision is applied to lists (``access.policies.scope_filter``) and to single
records, so a record outside scope answers exactly like one that does not exist
(DESIGN.md invariant 3; STYLE.md §4.7).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from safeguard.access.rules.capabilities import Capability


class ScopeLevel(StrEnum):
    """How widely police staff see a kind of record."""

    # Every unrestricted record in the force (people: an officer must find a child anywhere).
    FORCE = "FORCE"
    # Only records owned by the actor's own team (cases worked by a team).
    TEAM = "TEAM"


@dataclass(frozen=True)
class ActorScope:
    capabilities: frozenset[Capability]
    team_id: UUID | None = None
    organisation_id: UUID | None = None
    granted_record_ids: frozenset[UUID] = field(default_factory=frozenset)


@dataclass(frozen=True)
class RecordScope:
    record_id: UUID
    owning_team_id: UUID | None = None
    restricted: bool = False
    shared_with_organisation_ids: frozenset[UUID] = field(default_factory=frozenset)


def is_in_scope(
    *, actor: ActorScope, record: RecordScope, view_capability: Capability, level: ScopeLevel
) -> bool:
    """Decide whether ``actor`` may see ``record``.

    Partners see only what was sent to their organisation (DESIGN.md invariant 4); police
    staff see by level; restricted records only by their owning team; an unexpired
    break-glass grant opens one record beyond that.
    """
    if view_capability not in actor.capabilities:
        return False
    if actor.organisation_id is not None:
        return actor.organisation_id in record.shared_with_organisation_ids
    if record.record_id in actor.granted_record_ids:
        return True
    is_own_team = actor.team_id is not None and record.owning_team_id == actor.team_id
    if is_own_team:
        return True
    if level is ScopeLevel.TEAM:
        return False
    return not record.restricted
