from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "safeguard.missing"
    label = "missing"
    verbose_name = "Missing children"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A risk grading about an episode is within scope exactly when the episode is.
        from safeguard.missing.policies import episode_scope_check
        from safeguard.risk.policies import subject_scope_register

        subject_scope_register("missing.missingepisode", episode_scope_check)
