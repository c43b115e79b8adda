from django.urls import path

from safeguard.places.api import views

app_name = "places-api"
urlpatterns = [
    path("concerns/", views.PlacesConcernListApi.as_view(), name="concern-list"),
    path(
        "concerns/<uuid:concern_id>/",
        views.PlacesConcernDetailApi.as_view(),
        name="concern-detail",
    ),
    path(
        "places/<uuid:place_id>/history/",
        views.PlacesHistoryApi.as_view(),
        name="place-history",
    ),
]
