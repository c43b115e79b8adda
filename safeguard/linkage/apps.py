from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "safeguard.linkage"
    label = "linkage"
    verbose_name = "Record linkage"
    default_auto_field = "django.db.models.BigAutoField"
