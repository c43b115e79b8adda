"""Who may see and change places and business concerns (STYLE.md §4.7).

Police staff with the place capability see every place and concern force-wide (the MASH
works them as one queue). A business reporter sees only its own organisation's places
and submissions, and only through the submitter selectors; every police read answers
them exactly as a missing record (DESIGN.md invariants 3 and 4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.places.models import BusinessConcern, Place
from safeguard.places.rules.codes import BUSINESS_CONCERN_SUBJECT_TYPE

if TYPE_CHECKING:
    from safeguard.accounts.models import User

PLACE_SUBJECT_TYPE = "places.place"
CONCERN_SUBJECT_TYPE = BUSINESS_CONCERN_SUBJECT_TYPE


def is_police_with(actor: User, capability: Capability) -> bool:
    """Tell whether ``actor`` is police staff (not a partner) holding ``capability``."""
    if actor.organisation_id is not None:
        return False
    return has_capability(actor, capability)


def place_in_scope(actor: User, place_id: UUID) -> Place:
    """Return the place for police work.

    :raises NotFoundOrForbidden: no such place, or the actor may not see places
    """
    if not is_police_with(actor, Capability.PLACE_VIEW):
        raise NotFoundOrForbidden()
    place = Place.objects.filter(pk=place_id).first()
    if place is None:
        raise NotFoundOrForbidden()
    return place


def own_place(actor: User, place_id: UUID) -> Place:
    """Return a place the reporter's own organisation runs.

    :raises NotFoundOrForbidden: no such place, another organisation's, or not a reporter
    """
    if actor.organisation_id is None:
        raise NotFoundOrForbidden()
    if not has_capability(actor, Capability.BUSINESS_CONCERN_SUBMIT):
        raise NotFoundOrForbidden()
    place = Place.objects.filter(pk=place_id, organisation_id=actor.organisation_id).first()
    if place is None:
        raise NotFoundOrForbidden()
    return place


def concern_in_scope(actor: User, concern_id: UUID) -> BusinessConcern:
    """Return the concern for police work.

    :raises NotFoundOrForbidden: no such concern, or the actor may not see concerns
    """
    if not is_police_with(actor, Capability.PLACE_VIEW):
        raise NotFoundOrForbidden()
    concern = BusinessConcern.objects.filter(pk=concern_id).first()
    if concern is None:
        raise NotFoundOrForbidden()
    return concern


def concern_subject_in_scope(actor: User, subject_id: str) -> object:
    """The scope check the risk framework calls for a Makesafe grading of a concern."""
    try:
        concern_id = UUID(subject_id)
    except ValueError as exc:
        raise NotFoundOrForbidden() from exc
    return concern_in_scope(actor, concern_id)
