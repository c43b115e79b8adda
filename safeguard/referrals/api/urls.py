from django.urls import path

from safeguard.referrals.api import views

app_name = "referrals-api"
urlpatterns = [
    path("", views.ReferralListApi.as_view(), name="referral-list"),
    path("concerns/", views.ConcernRecordApi.as_view(), name="concern-record"),
    path(
        "concerns/<uuid:concern_id>/triage/",
        views.ConcernTriageApi.as_view(),
        name="concern-triage",
    ),
    path(
        "concerns/<uuid:concern_id>/refer/", views.ReferralSendApi.as_view(), name="referral-send"
    ),
    path(
        "<uuid:referral_id>/acknowledge/",
        views.ReferralAcknowledgeApi.as_view(),
        name="referral-acknowledge",
    ),
    path("<uuid:referral_id>/decide/", views.ReferralDecideApi.as_view(), name="referral-decide"),
    path(
        "<uuid:referral_id>/strategy-discussions/",
        views.StrategyDiscussionRecordApi.as_view(),
        name="strategy-discussion-record",
    ),
    path("police-protection/", views.PoliceProtectionStartApi.as_view(), name="protection-start"),
    path(
        "police-protection/<uuid:protection_id>/notices/",
        views.ProtectionNoticeApi.as_view(),
        name="protection-notice",
    ),
    path(
        "police-protection/<uuid:protection_id>/end/",
        views.ProtectionEndApi.as_view(),
        name="protection-end",
    ),
]
