"""Force policy for online CSEA referrals, read from ``settings.SAFEGUARD`` (DOMAIN.md §6).

Every value here is [S] or [U] in DOMAIN.md, so a force sets it; each reader validates what
it reads and fails loudly on a malformed setting.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from safeguard.online_abuse.rules.codes import Stage
from safeguard.online_abuse.rules.times import DEFAULT_ACTION_HOURS
from safeguard.risk.rules.kirat import KiratLevel

DEFAULT_STAGE_HOURS: dict[str, int] = {
    Stage.RESEARCH: 72,
    Stage.PARTNER_REFERRAL: 24,
    Stage.WARRANT: 72,
    Stage.SAFEGUARDING_VISIT: 24,
    Stage.OUTCOME: 30 * 24,
}
"""Hours to finish each stage once it starts [U]: this project's design, force policy."""


def _hours(name: str, default: dict[str, int], keys: set[str]) -> dict[str, int]:
    value: Any = settings.SAFEGUARD.get(name, default)
    if not isinstance(value, dict) or not set(value) <= keys:
        raise ImproperlyConfigured(f"SAFEGUARD[{name!r}] must map {sorted(keys)} to hours")
    for key, hours in value.items():
        if isinstance(hours, bool) or not isinstance(hours, int) or hours < 1:
            raise ImproperlyConfigured(f"SAFEGUARD[{name!r}][{key!r}] must be whole hours from 1")
    return {str(k): int(v) for k, v in value.items()}


def action_hours() -> dict[str, int]:
    """Hours from receipt to action, per KIRAT level (DOMAIN.md §6.2 [S]/[U])."""
    levels = {level.value for level in KiratLevel}
    hours = _hours("ONLINE_KIRAT_ACTION_HOURS", dict(DEFAULT_ACTION_HOURS), levels)
    if set(hours) != levels:
        raise ImproperlyConfigured("SAFEGUARD['ONLINE_KIRAT_ACTION_HOURS'] needs every level")
    return hours


def stage_hours() -> dict[str, int]:
    """Hours to finish each stage once it starts (this project's design [U])."""
    return _hours("ONLINE_STAGE_HOURS", DEFAULT_STAGE_HOURS, {s.value for s in Stage})
