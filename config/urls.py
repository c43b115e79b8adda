"""Mounts each app's web and API routes. Every route declares a capability or is public."""

from django.urls import include, path

urlpatterns = [
    path("", include("safeguard.web.urls")),
    path("accounts/", include("safeguard.accounts.web.urls")),
    path("people/", include("safeguard.linkage.web.urls")),
    path("people/", include("safeguard.people.web.urls")),
    path("chronology/", include("safeguard.chronology.web.urls")),
    path("online/", include("safeguard.online_abuse.web.urls")),
    path("child-deaths/", include("safeguard.child_deaths.web.urls")),
    path("inspection/", include("safeguard.inspection.web.urls")),
    path("media/", include("safeguard.media.web.urls")),
    path("places/", include("safeguard.places.web.urls")),
    path("audit/", include("safeguard.audit.web.urls")),
    path("access/", include("safeguard.access.web.urls")),
    path("incidents/", include("safeguard.incidents.web.urls")),
    path("referrals/", include("safeguard.referrals.web.urls")),
    path("domestic-abuse/", include("safeguard.domestic.web.urls")),
    path("missing/", include("safeguard.missing.web.urls")),
    path("work/", include("safeguard.web.work_urls")),
    path("api/v1/", include("config.api")),
]

handler400 = "safeguard.web.views.error_400"
handler403 = "safeguard.web.views.error_403"
handler404 = "safeguard.web.views.error_404"
handler500 = "safeguard.web.views.error_500"
