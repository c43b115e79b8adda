from django.urls import path

from safeguard.inspection.web import views

app_name = "inspection"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("self-assessment/", views.SelfAssessmentView.as_view(), name="self-assessment"),
    path("indicators/<slug:code>/", views.DrillDownView.as_view(), name="drill-down"),
    path("audits/", views.CaseAuditListView.as_view(), name="audits"),
    path("pack.pdf", views.PackView.as_view(), name="pack"),
    path("indicators.csv", views.IndicatorsCsvView.as_view(), name="indicators-csv"),
    path("audits/<uuid:audit_id>/", views.CaseAuditView.as_view(), name="audit"),
]
