from django.urls import path

from safeguard.inspection.web import views

app_name = "inspection"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
]
