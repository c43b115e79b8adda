from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from safeguard.access.policies import actor_capabilities
from safeguard.core.policy import force_policy


def safeguard(request: HttpRequest) -> dict[str, Any]:
    """Give templates the demo-mode flag and the signed-in user's capabilities (for menus)."""
    user = getattr(request, "user", None)
    capabilities = (
        {c.value for c in actor_capabilities(user)}
        if user is not None and user.is_authenticated
        else set()
    )
    return {
        "relax_second_factor": force_policy("RELAX_SECOND_FACTOR"),
        "clock_moved": bool(getattr(settings, "SAFEGUARD_CLOCK_START", "")),
        "capabilities": capabilities,
    }
