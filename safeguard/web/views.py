"""Base classes for every web view: each names the capability it needs, or says it is public."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views import View
from django.views.generic import TemplateView

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden


class CapabilityView(View):
    """Refuses (as not found) anyone without ``required_capability``; deny by default."""

    required_capability: ClassVar[Capability | None] = None

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        if cls.required_capability is None:
            raise ImproperlyConfigured(f"{cls.__name__} must declare required_capability")
        return super().as_view(**initkwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        assert self.required_capability is not None
        if not has_capability(request.user, self.required_capability):  # type: ignore[arg-type]
            raise Http404()
        try:
            return super().dispatch(request, *args, **kwargs)
        except (NotFoundOrForbidden, CapabilityMissing) as exc:
            raise Http404() from exc


class PublicView(View):
    """A page anyone may see without signing in (sign-in itself, health check)."""

    public: ClassVar[bool] = True

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return login_not_required(super().as_view(**initkwargs))


class HomeView(CapabilityView, TemplateView):
    required_capability = Capability.HOME_VIEW
    template_name = "core/home.html"


class HealthView(PublicView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok", content_type="text/plain")


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "core/500.html", status=500)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/csrf_failure.html", status=403)
