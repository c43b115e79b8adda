from django.urls import path

from safeguard.people.web import views

app_name = "people"
urlpatterns = [
    path("", views.PersonSearchView.as_view(), name="person-search"),
    path("break-glass/", views.PersonBreakGlassView.as_view(), name="person-break-glass"),
    path("<uuid:person_id>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("<uuid:person_id>/purpose/", views.PersonPurposeView.as_view(), name="person-purpose"),
    path("<uuid:person_id>/edit/", views.PersonEditView.as_view(), name="person-edit"),
    path(
        "<uuid:person_id>/addresses/",
        views.PersonAddressAddView.as_view(),
        name="person-address-add",
    ),
    path(
        "<uuid:person_id>/relationships/",
        views.RelationshipAddView.as_view(),
        name="relationship-add",
    ),
]
