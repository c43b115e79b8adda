"""Linkage pages, mounted under /people/ beside the people pages."""

from django.urls import path

from safeguard.linkage.web import views

app_name = "linkage"
urlpatterns = [
    path("new/", views.PersonEntryView.as_view(), name="person-create"),
    path("new/check/", views.EntryCheckView.as_view(), name="entry-check"),
    path("duplicates/", views.ReviewQueueView.as_view(), name="review-queue"),
    path("duplicates/<uuid:candidate_id>/", views.ReviewPairView.as_view(), name="review-pair"),
    path("links/<uuid:link_id>/undo/", views.LinkUndoView.as_view(), name="link-undo"),
    path(
        "<uuid:person_id>/merge/<uuid:other_id>/",
        views.LinkMergeView.as_view(),
        name="link-merge",
    ),
]
