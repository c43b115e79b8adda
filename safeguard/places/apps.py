from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "safeguard.places"
    label = "places"
    verbose_name = "Places and business concerns (Operation Makesafe)"
    default_auto_field = "django.db.models.BigAutoField"
