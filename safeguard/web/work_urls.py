from django.urls import path

from safeguard.web import work as views

app_name = "work"
urlpatterns = [
    path("", views.MyWorkView.as_view(), name="my-work"),
    path("supervision/", views.SupervisionView.as_view(), name="supervision"),
    path("out-of-hours/", views.OutOfHoursBoardView.as_view(), name="out-of-hours"),
]
