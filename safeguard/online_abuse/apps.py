from django.apps import AppConfig


class OnlineAbuseConfig(AppConfig):
    name = "safeguard.online_abuse"
    label = "online_abuse"
    verbose_name = "Online child sexual exploitation and abuse"
    default_auto_field = "django.db.models.BigAutoField"
