from django.urls import path

from safeguard.domestic.api import views

app_name = "domestic-api"
urlpatterns = [
    path("incidents/", views.IncidentRecordApi.as_view(), name="incident-record"),
    path("encompass/", views.EncompassInboxApi.as_view(), name="encompass-inbox"),
    path(
        "encompass/<uuid:notification_id>/",
        views.NotificationDetailApi.as_view(),
        name="notification-detail",
    ),
    path(
        "encompass/<uuid:notification_id>/acknowledge/",
        views.NotificationAcknowledgeApi.as_view(),
        name="notification-acknowledge",
    ),
    path(
        "encompass/<uuid:notification_id>/send/",
        views.NotificationSendApi.as_view(),
        name="notification-send",
    ),
]
