from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeguard.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"
