from django.urls import path

app_name = "media-api"
urlpatterns: list[path] = []
