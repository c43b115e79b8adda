from django.urls import path

from safeguard.incidents.api import views

app_name = "incidents-api"
urlpatterns = [
    path("", views.OccurrenceRecordApi.as_view(), name="occurrence-record"),
    path("<uuid:occurrence_id>/", views.OccurrenceDetailApi.as_view(), name="occurrence-detail"),
]
