"""The risk API mounted where config/api.py mounts it, for tests that must not depend on it."""

from django.urls import include, path

urlpatterns = [path("api/v1/risk/", include("safeguard.risk.api.urls"))]
