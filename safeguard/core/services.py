"""Shared write helpers with no domain knowledge."""

from __future__ import annotations

from django.db import transaction

from safeguard.core.models import ReferenceCounter
from safeguard.core.rules.references import format_reference


@transaction.atomic
def reference_issue(*, prefix: str, year: int, count: int = 1) -> list[str]:
    """Issue ``count`` new references such as ``PER-2026-000123``, unique per prefix and year."""
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(
        prefix=prefix, year=year
    )
    first = counter.last_value + 1
    counter.last_value += count
    counter.save(update_fields=["last_value"])
    return [
        format_reference(prefix=prefix, year=year, number=n) for n in range(first, first + count)
    ]
