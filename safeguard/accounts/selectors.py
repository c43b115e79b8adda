"""Reads for accounts: organisations for pick-lists (no personal data)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from safeguard.accounts.models import Organisation, OrganisationKind, SchoolClosure, SchoolTerm
from safeguard.core.rules.calendar import SchoolCalendar
from safeguard.core.rules.periods import DatePeriod


def education_settings() -> QuerySet[Organisation]:
    """Return the schools and education settings known to the force, by name."""
    return Organisation.objects.filter(kind=OrganisationKind.SCHOOL).order_by("name")


def education_setting_choices() -> list[tuple[str, str]]:
    """Return (id, name) pairs for a school pick-list."""
    return [(str(pk), name) for pk, name in education_settings().values_list("pk", "name")]


def school_calendar(*, organisation_id: UUID) -> SchoolCalendar:
    """Return a setting's calendar (terms, closures, day start) for the deadline rules.

    :raises Organisation.DoesNotExist: no such organisation
    """
    organisation = Organisation.objects.get(pk=organisation_id)
    terms = tuple(
        DatePeriod(starts_on=start, ends_on=end)
        for start, end in SchoolTerm.objects.filter(organisation=organisation)
        .order_by("starts_on")
        .values_list("starts_on", "ends_on")
    )
    closures = frozenset(
        SchoolClosure.objects.filter(organisation=organisation).values_list("closed_on", flat=True)
    )
    return SchoolCalendar(terms=terms, closures=closures, day_starts_at=organisation.day_starts_at)


def social_care_choices() -> list[tuple[str, str]]:
    """Return (id, name) pairs of children's social care teams, for a referral pick-list."""
    teams = Organisation.objects.filter(kind=OrganisationKind.CHILDRENS_SOCIAL_CARE).order_by(
        "name"
    )
    return [(str(pk), name) for pk, name in teams.values_list("pk", "name")]
