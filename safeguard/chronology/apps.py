from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "safeguard.chronology"
    label = "chronology"
    verbose_name = "Single view of the child"
    default_auto_field = "django.db.models.BigAutoField"
