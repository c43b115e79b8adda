from django.urls import path

from safeguard.missing.api import views

app_name = "missing-api"
urlpatterns = [
    path("episodes/", views.EpisodeListApi.as_view(), name="episode-list"),
    path("episodes/<uuid:episode_id>/", views.EpisodeDetailApi.as_view(), name="episode-detail"),
    path(
        "episodes/<uuid:episode_id>/risk-information/",
        views.RiskInformationAddApi.as_view(),
        name="risk-information-add",
    ),
    path(
        "episodes/<uuid:episode_id>/grade/",
        views.EpisodeGradeApi.as_view(),
        name="episode-grade",
    ),
    path(
        "episodes/<uuid:episode_id>/child-rescue-alert/",
        views.ChildRescueAlertApi.as_view(),
        name="child-rescue-alert",
    ),
    path(
        "episodes/<uuid:episode_id>/found/",
        views.EpisodeFoundApi.as_view(),
        name="episode-found",
    ),
    path(
        "episodes/<uuid:episode_id>/prevention-interview/",
        views.PreventionInterviewApi.as_view(),
        name="prevention-interview",
    ),
    path(
        "episodes/<uuid:episode_id>/review/",
        views.EpisodeReviewApi.as_view(),
        name="episode-review",
    ),
    path(
        "episodes/<uuid:episode_id>/nrm-referrals/",
        views.NrmReferralApi.as_view(),
        name="nrm-referral",
    ),
    path(
        "nrm-referrals/<uuid:referral_id>/decisions/",
        views.NrmDecisionApi.as_view(),
        name="nrm-decision",
    ),
    path(
        "repeat-prompts/<uuid:prompt_id>/strategy-discussion/",
        views.StrategyDiscussionApi.as_view(),
        name="strategy-discussion",
    ),
    path(
        "screenings/<uuid:screening_id>/complete/",
        views.ScreeningCompleteApi.as_view(),
        name="screening-complete",
    ),
    path(
        "return-interviews/",
        views.ReturnInterviewInboxApi.as_view(),
        name="return-interview-inbox",
    ),
    path(
        "return-interviews/<uuid:episode_id>/",
        views.ReturnInterviewApi.as_view(),
        name="return-interview",
    ),
    path(
        "philomena-profiles/",
        views.PhilomenaProfileListApi.as_view(),
        name="profile-list",
    ),
    path(
        "philomena-profiles/<uuid:profile_id>/",
        views.PhilomenaProfileDetailApi.as_view(),
        name="profile-detail",
    ),
]
