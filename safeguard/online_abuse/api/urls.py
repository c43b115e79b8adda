from django.urls import path

from safeguard.online_abuse.api import views

app_name = "online_abuse-api"
urlpatterns = [
    path("referrals/", views.OnlineReferralListApi.as_view(), name="referral-list"),
    path("referrals/import/", views.OnlineImportApi.as_view(), name="referral-import"),
    path(
        "referrals/<uuid:referral_id>/",
        views.OnlineReferralDetailApi.as_view(),
        name="referral-detail",
    ),
    path(
        "referrals/<uuid:referral_id>/grade/",
        views.OnlineGradeApi.as_view(),
        name="referral-grade",
    ),
    path(
        "referrals/<uuid:referral_id>/stage/",
        views.OnlineAdvanceApi.as_view(),
        name="referral-advance",
    ),
    path(
        "children/<uuid:row_id>/decision/",
        views.OnlineChildDecisionApi.as_view(),
        name="child-decide",
    ),
]
