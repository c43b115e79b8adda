"""Who may see and change child-death responses (STYLE.md §4.7).

Police staff with the capability see every response force-wide (a death at 03:00 is
everyone's business that night); partners never do. Out of scope is answered as not found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.child_deaths.models import ChildDeathResponse
from safeguard.core.exceptions import NotFoundOrForbidden

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def response_in_scope(actor: User, response_id: UUID) -> ChildDeathResponse:
    """Return the response if the actor may see it.

    :raises NotFoundOrForbidden: no such response, or the actor may not see responses
    """
    if not has_capability(actor, Capability.CHILD_DEATH_VIEW):
        raise NotFoundOrForbidden()
    response = ChildDeathResponse.objects.filter(pk=response_id).first()
    if response is None:
        raise NotFoundOrForbidden()
    return response
