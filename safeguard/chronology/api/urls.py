from django.urls import path

from safeguard.chronology.api import views

app_name = "chronology-api"
urlpatterns = [
    path("<uuid:person_id>/", views.ChronologyDetailApi.as_view(), name="chronology"),
]
