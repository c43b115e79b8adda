from django.urls import URLPattern

app_name = "inspection-api"
urlpatterns: list[URLPattern] = []
