from django.urls import URLPattern

app_name = "online_abuse-api"
urlpatterns: list[URLPattern] = []
