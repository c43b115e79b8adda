from django.urls import path

from safeguard.risk.api import views

app_name = "risk-api"
urlpatterns = [
    path("instruments/", views.RiskInstrumentListApi.as_view(), name="instrument-list"),
    path("assessments/", views.RiskAssessmentRecordApi.as_view(), name="assessment-record"),
    path(
        "assessments/<uuid:assessment_id>/review/",
        views.RiskAssessmentReviewApi.as_view(),
        name="assessment-review",
    ),
]
