from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "safeguard.media"
    label = "media"
    verbose_name = "Seized media triage"
    default_auto_field = "django.db.models.BigAutoField"
