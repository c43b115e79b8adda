from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "safeguard.referrals"
    label = "referrals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Risk assessments of a child concern are within scope exactly when the concern is.
        from safeguard.referrals.policies import concern_scope_check
        from safeguard.risk.policies import subject_scope_register

        subject_scope_register("referrals.childconcern", concern_scope_check)
