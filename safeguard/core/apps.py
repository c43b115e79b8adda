import datetime as dt

from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "safeguard.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Demo and browser journeys only: local settings may move the clock (never production).
        start = getattr(settings, "SAFEGUARD_CLOCK_START", "")
        if start:
            from safeguard.core.clock import OffsetClock, install

            install(OffsetClock(dt.datetime.fromisoformat(start)))
