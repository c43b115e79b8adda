"""Force policy values (DOMAIN.md: [S]/[U] values are configurable, never constants)."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def force_policy(name: str) -> Any:
    """Return one force-policy value from ``settings.SAFEGUARD``.

    :raises KeyError: the setting does not exist (a typo must fail loudly)
    """
    return settings.SAFEGUARD[name]
