from django.urls import path

from safeguard.media.web import views

app_name = "media"
urlpatterns = [
    path("", views.SeizureListView.as_view(), name="seizure-list"),
    path("seizures/<uuid:seizure_id>/", views.ReviewQueueView.as_view(), name="review-queue"),
    path(
        "items/<uuid:item_id>/categorise/",
        views.ItemCategoriseView.as_view(),
        name="item-categorise",
    ),
    path("items/<uuid:item_id>/thumbnail/", views.ThumbnailView.as_view(), name="thumbnail"),
]
