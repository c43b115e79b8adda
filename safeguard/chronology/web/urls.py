from django.urls import path

from safeguard.chronology.web import views

app_name = "chronology"
urlpatterns = [
    path("<uuid:person_id>/", views.ChronologyView.as_view(), name="chronology"),
]
