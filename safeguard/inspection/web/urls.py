from django.urls import path

from safeguard.inspection.web import exports, views

app_name = "inspection"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("plan.csv", exports.PlanCsvView.as_view(), name="plan-csv"),
    path("self-assessment/", views.SelfAssessmentView.as_view(), name="self-assessment"),
    path(
        "self-assessment.csv", exports.SelfAssessmentCsvView.as_view(), name="self-assessment-csv"
    ),
    path("indicators/<slug:code>/", views.DrillDownView.as_view(), name="drill-down"),
    path(
        "indicators/<slug:code>/breakdown.csv",
        exports.BreakdownCsvView.as_view(),
        name="breakdown-csv",
    ),
    path(
        "indicators/<slug:code>/records.csv", exports.RecordsCsvView.as_view(), name="records-csv"
    ),
    path("audits/", views.CaseAuditListView.as_view(), name="audits"),
    path("audits.csv", exports.AuditsCsvView.as_view(), name="audits-csv"),
    path("pack.pdf", views.PackView.as_view(), name="pack"),
    path("indicators.csv", exports.IndicatorsCsvView.as_view(), name="indicators-csv"),
    path("trends.csv", exports.TrendsCsvView.as_view(), name="trends-csv"),
    path("audits/<uuid:audit_id>/", views.CaseAuditView.as_view(), name="audit"),
    path(
        "audits/<uuid:audit_id>/results.csv",
        exports.AuditResultsCsvView.as_view(),
        name="audit-results-csv",
    ),
    path(
        "audits/<uuid:audit_id>/cases.csv",
        exports.AuditCasesCsvView.as_view(),
        name="audit-cases-csv",
    ),
]
