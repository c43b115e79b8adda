from django.urls import path

from safeguard.places.web import views

app_name = "places"
urlpatterns = [
    path("", views.PlaceListView.as_view(), name="place-list"),
    path("<uuid:place_id>/", views.PlaceDetailView.as_view(), name="place-detail"),
    path("concerns/", views.ConcernQueueView.as_view(), name="concern-queue"),
    path("concerns/<uuid:concern_id>/", views.ConcernDetailView.as_view(), name="concern-detail"),
    path(
        "concerns/<uuid:concern_id>/triage/",
        views.ConcernTriageView.as_view(),
        name="concern-triage",
    ),
    path("business/", views.PortalView.as_view(), name="portal"),
    path("business/new/", views.PortalConcernView.as_view(), name="portal-new"),
]
