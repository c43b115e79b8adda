from django.urls import path

from safeguard.referrals.web import views

app_name = "referrals"
urlpatterns = [
    path("", views.ReferralListView.as_view(), name="referral-list"),
    path("concerns/new/", views.ConcernCreateView.as_view(), name="concern-create"),
    path("triage/", views.TriageQueueView.as_view(), name="triage-queue"),
    path(
        "concerns/<uuid:concern_id>/risk-review/",
        views.ConcernRiskReviewView.as_view(),
        name="concern-risk-review",
    ),
    path(
        "concerns/<uuid:concern_id>/allocate/",
        views.ConcernAllocateView.as_view(),
        name="concern-allocate",
    ),
    path("concerns/<uuid:concern_id>/", views.ConcernDetailView.as_view(), name="concern-detail"),
    path(
        "concerns/<uuid:concern_id>/purpose/",
        views.ConcernPurposeView.as_view(),
        name="concern-purpose",
    ),
    path(
        "concerns/<uuid:concern_id>/triage/",
        views.ConcernTriageView.as_view(),
        name="concern-triage",
    ),
    path(
        "concerns/<uuid:concern_id>/refer/", views.ReferralSendView.as_view(), name="referral-send"
    ),
    path("<uuid:referral_id>/", views.ReferralDetailView.as_view(), name="referral-detail"),
    path(
        "<uuid:referral_id>/purpose/", views.ReferralPurposeView.as_view(), name="referral-purpose"
    ),
    path(
        "<uuid:referral_id>/acknowledge/",
        views.ReferralAcknowledgeView.as_view(),
        name="referral-acknowledge",
    ),
    path("<uuid:referral_id>/decide/", views.ReferralDecideView.as_view(), name="referral-decide"),
    path(
        "<uuid:referral_id>/strategy-discussions/",
        views.StrategyDiscussionRecordView.as_view(),
        name="strategy-discussion-record",
    ),
    path(
        "police-protection/new/", views.PoliceProtectionStartView.as_view(), name="protection-start"
    ),
    path(
        "police-protection/<uuid:protection_id>/",
        views.ProtectionDetailView.as_view(),
        name="protection-detail",
    ),
    path(
        "police-protection/<uuid:protection_id>/purpose/",
        views.ProtectionPurposeView.as_view(),
        name="protection-purpose",
    ),
    path(
        "police-protection/<uuid:protection_id>/notices/",
        views.ProtectionNoticeView.as_view(),
        name="protection-notice",
    ),
    path(
        "police-protection/<uuid:protection_id>/end/",
        views.ProtectionEndView.as_view(),
        name="protection-end",
    ),
]
