from django.urls import path

from safeguard.people.api import views

app_name = "people-api"
urlpatterns = [
    path("", views.PersonListApi.as_view(), name="person-list"),
    path("new/", views.PersonCreateApi.as_view(), name="person-create"),
    path("break-glass/", views.PersonBreakGlassApi.as_view(), name="person-break-glass"),
    path("<uuid:person_id>/", views.PersonDetailApi.as_view(), name="person-detail"),
    path("<uuid:person_id>/update/", views.PersonUpdateApi.as_view(), name="person-update"),
    path(
        "<uuid:person_id>/addresses/",
        views.PersonAddressAddApi.as_view(),
        name="person-address-add",
    ),
    path(
        "<uuid:person_id>/relationships/",
        views.RelationshipRecordApi.as_view(),
        name="relationship-record",
    ),
]
