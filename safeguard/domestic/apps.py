from django.apps import AppConfig


class DomesticConfig(AppConfig):
    name = "safeguard.domestic"
    label = "domestic"
    verbose_name = "Domestic abuse and Operation Encompass"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A DASH or DARA about an incident is within scope exactly when the incident is.
        from safeguard.domestic.policies import child_victim_scope_check, incident_scope_check
        from safeguard.risk.policies import subject_scope_register

        subject_scope_register("domestic.domesticabuseincident", incident_scope_check)
        # A child's own risk (DA_CHILD) is assessed on their child-victim record.
        subject_scope_register("domestic.childvictim", child_victim_scope_check)
