from django.urls import path

from safeguard.audit.api import views

app_name = "audit-api"
urlpatterns = [path("events/", views.AccessLogApi.as_view(), name="event-list")]
