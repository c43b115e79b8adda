"""Scope for missing episodes and Philomena Protocol profiles (DESIGN.md invariants 3 and 4).

Police see episodes force-wide (restricted ones only in the owning team). Children's social
care sees an episode only once its return interview was requested from that organisation
(``return_interview_organisation``), and then only what the request carries. A carer sees
the profiles their organisation holds and nothing else. Anything out of scope answers
exactly as a missing record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from safeguard.access.policies import has_capability, scope_filter
from safeguard.access.rules.capabilities import Capability
from safeguard.access.rules.record_scope import ScopeLevel
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.missing.models import MissingEpisode, PhilomenaProfile

if TYPE_CHECKING:
    from safeguard.accounts.models import User

EPISODE_SUBJECT_TYPE = "missing.missingepisode"


def scope_episodes(actor: User) -> QuerySet[MissingEpisode]:
    """Episodes the actor may see: police by force scope, a partner by the request sent to it."""
    capability = (
        Capability.RETURN_INTERVIEW_RESPOND
        if actor.organisation_id is not None
        else Capability.MISSING_VIEW
    )
    return MissingEpisode.objects.filter(
        scope_filter(
            actor,
            subject_type=EPISODE_SUBJECT_TYPE,
            view_capability=capability,
            level=ScopeLevel.FORCE,
            shared_organisations_field="return_interview_organisation_id",
        )
    )


def episode_in_scope(actor: User, episode_id: UUID) -> MissingEpisode:
    """:raises NotFoundOrForbidden: missing or out of scope (the same answer)"""
    episode = scope_episodes(actor).filter(pk=episode_id).first()
    if episode is None:
        raise NotFoundOrForbidden()
    return episode


def police_episode_in_scope(actor: User, episode_id: UUID) -> MissingEpisode:
    """An episode for police work: partners never pass, whatever was shared with them.

    :raises NotFoundOrForbidden: a partner user, or missing or out of scope
    """
    if actor.organisation_id is not None:
        raise NotFoundOrForbidden()
    return episode_in_scope(actor, episode_id)


def episode_scope_check(actor: User, subject_id: str) -> None:
    """Risk's scope check for a grading about an episode (police only).

    :raises NotFoundOrForbidden: the episode is missing or out of scope
    """
    try:
        episode_id = UUID(subject_id)
    except ValueError as exc:
        raise NotFoundOrForbidden() from exc
    police_episode_in_scope(actor, episode_id)


def scope_profiles(actor: User) -> QuerySet[PhilomenaProfile]:
    """Profiles held by the actor's own organisation; none for anyone else."""
    if actor.organisation_id is None or not has_capability(actor, Capability.PHILOMENA_MANAGE):
        return PhilomenaProfile.objects.none()
    return PhilomenaProfile.objects.filter(holder_id=actor.organisation_id)


def profile_in_scope(actor: User, profile_id: UUID) -> PhilomenaProfile:
    """:raises NotFoundOrForbidden: not held by the actor's organisation (the same answer)"""
    profile = scope_profiles(actor).filter(pk=profile_id).first()
    if profile is None:
        raise NotFoundOrForbidden()
    return profile
