from django.urls import path

from safeguard.media.api import views

app_name = "media-api"
urlpatterns = [
    path("seizures/", views.SeizureListApi.as_view(), name="seizure-list"),
    path("seizures/<uuid:seizure_id>/files/", views.SeizureUploadApi.as_view(), name="upload"),
    path("seizures/<uuid:seizure_id>/items/", views.SeizureItemsApi.as_view(), name="items"),
    path("seizures/<uuid:seizure_id>/counts/", views.SeizureCountsApi.as_view(), name="counts"),
    path(
        "items/<uuid:item_id>/categorise/",
        views.ItemCategoriseApi.as_view(),
        name="item-categorise",
    ),
]
