"""The /api/v1/ routes and the OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from safeguard.access.rules.capabilities import Capability
from safeguard.api.views import BaseApi


class SchemaApi(BaseApi, SpectacularAPIView):
    required_capability = Capability.API_SCHEMA_VIEW


urlpatterns = [
    path("people/", include("safeguard.people.api.urls")),
    path("audit/", include("safeguard.audit.api.urls")),
    path("incidents/", include("safeguard.incidents.api.urls")),
    path("referrals/", include("safeguard.referrals.api.urls")),
    path("domestic-abuse/", include("safeguard.domestic.api.urls")),
    path("missing/", include("safeguard.missing.api.urls")),
    path("risk/", include("safeguard.risk.api.urls")),
    path("linkage/", include("safeguard.linkage.api.urls")),
    path("chronology/", include("safeguard.chronology.api.urls")),
    path("online/", include("safeguard.online_abuse.api.urls")),
    path("child-deaths/", include("safeguard.child_deaths.api.urls")),
    path("inspection/", include("safeguard.inspection.api.urls")),
    path("media/", include("safeguard.media.api.urls")),
    path("places/", include("safeguard.places.api.urls")),
    path("schema/", SchemaApi.as_view(), name="api-schema"),
]
