"""Force policy for child deaths, read from ``settings.SAFEGUARD`` (DOMAIN.md §5).

Every value here is [S] or [U] in DOMAIN.md, so a force sets it; each reader validates what
it reads and fails loudly on a malformed setting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from safeguard.child_deaths.rules.checklist import DEFAULT_HOURS


def _minutes(name: str, default: int) -> dt.timedelta:
    value: Any = settings.SAFEGUARD.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"SAFEGUARD[{name!r}] must be whole minutes from 1")
    return dt.timedelta(minutes=value)


def accept_within() -> dt.timedelta:
    """How long an asked officer has to accept before the next is asked [U]."""
    return _minutes("CHILD_DEATH_ACCEPT_MINUTES", 15)


def assign_target() -> dt.timedelta:
    """The indicator's target for a trained officer accepting after the report [U]."""
    return _minutes("CHILD_DEATH_ASSIGN_TARGET_MINUTES", 60)


def checklist_hours() -> dict[str, int]:
    """Hours from the report to each checklist step (DOMAIN.md §5.2 [S]; force policy)."""
    value: Any = settings.SAFEGUARD.get("CHILD_DEATH_CHECKLIST_HOURS", DEFAULT_HOURS)
    if not isinstance(value, dict) or not set(value) <= set(DEFAULT_HOURS):
        raise ImproperlyConfigured("SAFEGUARD['CHILD_DEATH_CHECKLIST_HOURS'] names unknown steps")
    for code, hours in value.items():
        if isinstance(hours, bool) or not isinstance(hours, int) or hours < 1:
            raise ImproperlyConfigured(
                f"SAFEGUARD['CHILD_DEATH_CHECKLIST_HOURS'][{code!r}] must be whole hours"
            )
    return {**DEFAULT_HOURS, **value}
