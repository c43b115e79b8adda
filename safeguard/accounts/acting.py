"""The signed-in user an interface acts for."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from safeguard.accounts.models import User


def acting_user(request: Any) -> User:
    """Return the request's signed-in user (web or API request).

    :raises PermissionDenied: nobody is signed in (the middleware and permission classes
        normally stop such a request before a view runs)
    """
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
