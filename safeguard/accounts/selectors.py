"""Reads for accounts: organisations for pick-lists (no personal data)."""

from __future__ import annotations

from django.db.models import QuerySet

from safeguard.accounts.models import Organisation, OrganisationKind


def education_settings() -> QuerySet[Organisation]:
    """Return the schools and education settings known to the force, by name."""
    return Organisation.objects.filter(kind=OrganisationKind.SCHOOL).order_by("name")


def education_setting_choices() -> list[tuple[str, str]]:
    """Return (id, name) pairs for a school pick-list."""
    return [(str(pk), name) for pk, name in education_settings().values_list("pk", "name")]
