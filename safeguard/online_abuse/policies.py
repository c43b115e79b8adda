"""Who may see and change online CSEA referrals (STYLE.md §4.7).

Police staff with the online-referral capability see every referral force-wide (the unit
works them as one queue); partners never do. Out of scope is answered as not found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.online_abuse.models import OnlineReferral

if TYPE_CHECKING:
    from safeguard.accounts.models import User

REFERRAL_SUBJECT_TYPE = "online_abuse.onlinereferral"


def referral_in_scope(actor: User, referral_id: UUID) -> OnlineReferral:
    """Return the referral if the actor may see it.

    :raises NotFoundOrForbidden: no such referral, or the actor may not see referrals
    """
    if not has_capability(actor, Capability.ONLINE_REFERRAL_VIEW):
        raise NotFoundOrForbidden()
    referral = OnlineReferral.objects.filter(pk=referral_id).first()
    if referral is None:
        raise NotFoundOrForbidden()
    return referral


def referral_subject_in_scope(actor: User, subject_id: str) -> object:
    """The scope check the risk framework calls for a KIRAT grading of a referral."""
    try:
        referral_id = UUID(subject_id)
    except ValueError as exc:
        raise NotFoundOrForbidden() from exc
    return referral_in_scope(actor, referral_id)
