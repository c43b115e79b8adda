from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "safeguard.risk"
    label = "risk"
    default_auto_field = "django.db.models.BigAutoField"
