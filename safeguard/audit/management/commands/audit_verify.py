from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.audit.models import AuditEvent
from safeguard.audit.selectors import audit_chain_first_break


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and report the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = audit_chain_first_break()
        if broken is not None:
            raise CommandError(f"Audit log broken at event #{broken.sequence}: {broken.reason}")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {count} events verified."))
