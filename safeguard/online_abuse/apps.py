from django.apps import AppConfig


class OnlineAbuseConfig(AppConfig):
    name = "safeguard.online_abuse"
    label = "online_abuse"
    verbose_name = "Online child sexual exploitation and abuse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from safeguard.online_abuse.policies import (
            REFERRAL_SUBJECT_TYPE,
            referral_subject_in_scope,
        )
        from safeguard.risk.policies import subject_scope_register

        subject_scope_register(REFERRAL_SUBJECT_TYPE, referral_subject_in_scope)
