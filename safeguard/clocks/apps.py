from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "safeguard.clocks"
    label = "clocks"
    default_auto_field = "django.db.models.BigAutoField"
