from django.urls import URLPattern

app_name = "child_deaths-api"
urlpatterns: list[URLPattern] = []
