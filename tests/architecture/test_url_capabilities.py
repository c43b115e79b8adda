"""Invariant 1: every URL declares the capability it needs or is explicitly public."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, path

from safeguard.web.views import CapabilityView


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def undeclared(patterns: list[Any]) -> list[str]:
    """Return the routes whose view names neither a capability nor a public allowance."""
    missing = []
    for route, callback in walk(patterns):
        view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        capability = getattr(view, "required_capability", None)
        public = getattr(view, "public", False) is True
        if capability is None and not public:
            missing.append(route)
    return missing


class TestEveryUrlDeclaresWhatItNeeds:
    def test_project_urls(self) -> None:
        routes = list(walk(get_resolver().url_patterns))
        assert len(routes) >= 15
        assert undeclared(get_resolver().url_patterns) == []

    def test_the_check_catches_an_undeclared_view(self) -> None:
        def bare(request: Any) -> HttpResponse:
            return HttpResponse()

        assert undeclared([path("bare/", bare)]) == ["bare/"]

    def test_a_capability_view_without_a_capability_cannot_be_mounted(self) -> None:
        import pytest
        from django.core.exceptions import ImproperlyConfigured

        class Forgetful(CapabilityView):
            pass

        with pytest.raises(ImproperlyConfigured):
            Forgetful.as_view()
