from django.urls import path

from safeguard.linkage.api import views

app_name = "linkage-api"
urlpatterns = [
    path("check/", views.EntryCheckApi.as_view(), name="entry-check"),
    path("links/", views.LinkRecordApi.as_view(), name="link-record"),
    path("links/<uuid:link_id>/undo/", views.LinkUndoApi.as_view(), name="link-undo"),
    path("merges/", views.MergeApi.as_view(), name="merge"),
    path("review/", views.ReviewQueueApi.as_view(), name="review-queue"),
    path("review/<uuid:candidate_id>/", views.ReviewPairApi.as_view(), name="review-pair"),
]
