from django.urls import path

from safeguard.audit.web import views

app_name = "audit"
urlpatterns = [
    path("access-log/", views.AccessLogView.as_view(), name="access-log"),
    path("access-log/export/", views.AccessLogExportView.as_view(), name="access-log-export"),
]
