from django.urls import path

from safeguard.online_abuse.web import views

app_name = "online_abuse"
urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("new/", views.ReferralCreateView.as_view(), name="referral-create"),
    path("<uuid:referral_id>/", views.ReferralDetailView.as_view(), name="referral-detail"),
    path("<uuid:referral_id>/grade/", views.GradeView.as_view(), name="referral-grade"),
    path("<uuid:referral_id>/stage/", views.AdvanceView.as_view(), name="referral-advance"),
    path(
        "<uuid:referral_id>/children/<uuid:row_id>/",
        views.ChildDecisionView.as_view(),
        name="child-decide",
    ),
]
