from django.urls import path

from safeguard.places.web import views

app_name = "places"
urlpatterns = [
    path("", views.PlaceListView.as_view(), name="place-list"),
    path("new/", views.PlaceNewView.as_view(), name="place-new"),
    path("engagement/", views.EngagementView.as_view(), name="engagement"),
    path("<uuid:place_id>/", views.PlaceDetailView.as_view(), name="place-detail"),
    path("<uuid:place_id>/flag/", views.PlaceFlagView.as_view(), name="place-flag"),
    path(
        "<uuid:place_id>/flag/lower/", views.PlaceFlagLowerView.as_view(), name="place-flag-lower"
    ),
    path("<uuid:place_id>/link/", views.PlaceLinkView.as_view(), name="place-link"),
    path("concerns/", views.ConcernQueueView.as_view(), name="concern-queue"),
    path("concerns/<uuid:concern_id>/", views.ConcernDetailView.as_view(), name="concern-detail"),
    path(
        "concerns/<uuid:concern_id>/triage/",
        views.ConcernTriageView.as_view(),
        name="concern-triage",
    ),
    path(
        "concerns/<uuid:concern_id>/close/",
        views.ConcernCloseView.as_view(),
        name="concern-close",
    ),
    path("business/", views.PortalView.as_view(), name="portal"),
    path("business/new/", views.PortalConcernView.as_view(), name="portal-new"),
]
