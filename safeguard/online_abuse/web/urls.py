from django.urls import URLPattern

app_name = "online_abuse"
urlpatterns: list[URLPattern] = []
