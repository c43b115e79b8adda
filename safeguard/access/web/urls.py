from django.urls import path

from safeguard.access.web import views

app_name = "access"
urlpatterns = [
    path("break-glass/", views.BreakGlassListView.as_view(), name="break-glass-list"),
    path(
        "break-glass/<uuid:grant_id>/",
        views.BreakGlassReviewView.as_view(),
        name="break-glass-review",
    ),
]
