"""The named user a media command acts as (audit needs a person, not "system")."""

from __future__ import annotations

from django.core.management.base import CommandError

from safeguard.accounts.models import User


def command_actor(username: str) -> User:
    """Return the active user ``username``.

    :raises CommandError: no such active user
    """
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user is named {username!r}; pass --as USERNAME.")
    return user
