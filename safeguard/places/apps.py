from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "safeguard.places"
    label = "places"
    verbose_name = "Places and business concerns (Operation Makesafe)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from safeguard.places.policies import CONCERN_SUBJECT_TYPE, concern_subject_in_scope
        from safeguard.risk.policies import subject_scope_register

        subject_scope_register(CONCERN_SUBJECT_TYPE, concern_subject_in_scope)
