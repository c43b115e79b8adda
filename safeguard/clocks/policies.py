"""Who sees which clocks and notifications (STYLE.md §4.7).

Clocks carry no personal data (a label, a rule and a deadline against a record's id), so
their scope is ownership: the owning officer and the owning team. Partner users own no
clocks. A notification is seen by the user, team or partner organisation it is addressed to.
Opening the record a clock runs against goes through that record's own scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

if TYPE_CHECKING:
    from safeguard.accounts.models import User

_NOTHING = Q(pk__in=[])


def owned_clocks_filter(actor: User) -> Q:
    """Return the condition for the clocks the actor or the actor's team owns."""
    if not actor.is_active:
        return _NOTHING
    if actor.organisation_id is not None:
        return _NOTHING
    condition = Q(owner_user_id=actor.pk)
    if actor.team_id is not None:
        condition |= Q(owner_team_id=actor.team_id)
    return condition


def addressed_notifications_filter(actor: User) -> Q:
    """Return the condition for the notifications addressed to the actor.

    Staff see those addressed to them and to their team; partner users see those
    addressed to their organisation.
    """
    if not actor.is_active:
        return _NOTHING
    condition = Q(recipient_user_id=actor.pk)
    if actor.team_id is not None:
        condition |= Q(recipient_team_id=actor.team_id)
    if actor.organisation_id is not None:
        condition |= Q(recipient_organisation_id=actor.organisation_id)
    return condition
