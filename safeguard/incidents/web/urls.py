from django.urls import path

from safeguard.incidents.web import views

app_name = "incidents"
urlpatterns = [
    path("", views.OccurrenceListView.as_view(), name="occurrence-list"),
    path("new/", views.OccurrenceCreateView.as_view(), name="occurrence-create"),
    path("<uuid:occurrence_id>/", views.OccurrenceDetailView.as_view(), name="occurrence-detail"),
    path(
        "<uuid:occurrence_id>/purpose/",
        views.OccurrencePurposeView.as_view(),
        name="occurrence-purpose",
    ),
]
