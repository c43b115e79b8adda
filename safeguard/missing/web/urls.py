from django.urls import path

from safeguard.missing.web import views

app_name = "missing"
urlpatterns = [
    path("", views.EpisodeListView.as_view(), name="episode-list"),
    path("new/", views.EpisodeCreateView.as_view(), name="episode-create"),
    path("<uuid:episode_id>/", views.EpisodeDetailView.as_view(), name="episode-detail"),
    path("<uuid:episode_id>/purpose/", views.EpisodePurposeView.as_view(), name="episode-purpose"),
    path("<uuid:episode_id>/grade/", views.EpisodeGradeView.as_view(), name="episode-grade"),
    path("<uuid:episode_id>/review/", views.ReviewView.as_view(), name="episode-review"),
    path("<uuid:episode_id>/child-rescue-alert/", views.CraView.as_view(), name="episode-cra"),
    path(
        "<uuid:episode_id>/risk-information/",
        views.RiskInformationAddView.as_view(),
        name="episode-risk-information",
    ),
    path("<uuid:episode_id>/found/", views.FoundView.as_view(), name="episode-found"),
    path(
        "<uuid:episode_id>/prevention-interview/",
        views.PreventionInterviewView.as_view(),
        name="episode-prevention",
    ),
    path("<uuid:episode_id>/strategy/", views.StrategyView.as_view(), name="episode-strategy"),
    path("<uuid:episode_id>/screening/", views.ScreeningView.as_view(), name="episode-screening"),
    path("<uuid:episode_id>/nrm/", views.NrmView.as_view(), name="episode-nrm"),
    path(
        "<uuid:episode_id>/nrm/decisions/",
        views.NrmDecisionView.as_view(),
        name="episode-nrm-decision",
    ),
    path(
        "return-interviews/",
        views.ReturnInterviewInboxView.as_view(),
        name="return-interview-inbox",
    ),
    path(
        "return-interviews/<uuid:episode_id>/",
        views.ReturnInterviewView.as_view(),
        name="return-interview",
    ),
    path("philomena/", views.ProfileListView.as_view(), name="profile-list"),
    path("philomena/new/", views.ProfileCreateView.as_view(), name="profile-create"),
    path("philomena/<uuid:profile_id>/", views.ProfileEditView.as_view(), name="profile-edit"),
    path(
        "philomena/<uuid:profile_id>/archive/",
        views.ProfileArchiveView.as_view(),
        name="profile-archive",
    ),
]
