from typing import Any

from django.core.management.base import BaseCommand

from safeguard.access.services import roles_sync


class Command(BaseCommand):
    help = "Create or update the role groups from access.rules.capabilities."

    def handle(self, *args: Any, **options: Any) -> None:
        groups = roles_sync()
        self.stdout.write(f"{len(groups)} roles in step with their capabilities.")
