from django.apps import AppConfig


class ChildDeathsConfig(AppConfig):
    name = "safeguard.child_deaths"
    label = "child_deaths"
    verbose_name = "Unexpected child deaths: the Joint Agency Response"
    default_auto_field = "django.db.models.BigAutoField"
