from django.urls import path

from safeguard.domestic.web import views

app_name = "domestic"
urlpatterns = [
    path("", views.IncidentListView.as_view(), name="incident-list"),
    path("new/", views.IncidentCreateView.as_view(), name="incident-create"),
    path("<uuid:incident_id>/", views.IncidentDetailView.as_view(), name="incident-detail"),
    path(
        "<uuid:incident_id>/purpose/", views.IncidentPurposeView.as_view(), name="incident-purpose"
    ),
    path(
        "<uuid:incident_id>/assess/<str:code>/",
        views.IncidentAssessView.as_view(),
        name="incident-assess",
    ),
    path(
        "<uuid:incident_id>/children/<uuid:victim_id>/assess/",
        views.ChildRiskAssessView.as_view(),
        name="child-assess",
    ),
    path(
        "<uuid:incident_id>/marac/<uuid:marac_id>/referred/",
        views.MaracReferredView.as_view(),
        name="marac-referred",
    ),
    path(
        "<uuid:incident_id>/waive-referral/",
        views.ReferralWaiveView.as_view(),
        name="referral-waive",
    ),
    path("encompass/", views.EncompassInboxView.as_view(), name="encompass-inbox"),
    path("encompass/queue/", views.EncompassQueueView.as_view(), name="encompass-queue"),
    path(
        "encompass/<uuid:notification_id>/",
        views.EncompassNotificationView.as_view(),
        name="notification-detail",
    ),
    path(
        "encompass/<uuid:notification_id>/send/",
        views.NotificationSendView.as_view(),
        name="notification-send",
    ),
    path(
        "encompass/<uuid:notification_id>/route/",
        views.NotificationRouteView.as_view(),
        name="notification-route",
    ),
    path(
        "encompass/<uuid:notification_id>/acknowledge/",
        views.EncompassAcknowledgeView.as_view(),
        name="notification-acknowledge",
    ),
]
