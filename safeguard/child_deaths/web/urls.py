from django.urls import path

from safeguard.child_deaths.web import views

app_name = "child_deaths"
urlpatterns = [
    path("", views.ResponseListView.as_view(), name="response-list"),
    path("new/", views.ResponseCreateView.as_view(), name="response-create"),
    path("rota/", views.RotaView.as_view(), name="rota"),
    path("<uuid:response_id>/", views.ResponseDetailView.as_view(), name="response-detail"),
    path("<uuid:response_id>/accept/", views.AcceptView.as_view(), name="accept"),
    path("<uuid:response_id>/steps/<uuid:item_id>/", views.ItemView.as_view(), name="item"),
    path(
        "<uuid:response_id>/children/<uuid:row_id>/",
        views.HouseholdChildView.as_view(),
        name="household-child",
    ),
]
