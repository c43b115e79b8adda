"""Who may see and change which people (STYLE.md §4.7)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from safeguard.access.policies import scope_filter
from safeguard.access.rules.capabilities import Capability
from safeguard.access.rules.record_scope import ScopeLevel
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.people.models import Person

if TYPE_CHECKING:
    from safeguard.accounts.models import User

PERSON_SUBJECT_TYPE = "people.person"


def scope_people(actor: User, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """Narrow ``queryset`` to the people the actor may see.

    Police staff see every unrestricted person force-wide (an officer must be able to find a
    child anywhere), restricted people only in their owning team or through break glass.
    Partner users see no person records.
    """
    base = Person.objects.all() if queryset is None else queryset
    return base.filter(
        scope_filter(
            actor,
            subject_type=PERSON_SUBJECT_TYPE,
            view_capability=Capability.PERSON_VIEW,
            level=ScopeLevel.FORCE,
        )
    )


def person_in_scope(actor: User, person_id: UUID) -> Person:
    """Return the person if the actor may see them.

    :raises NotFoundOrForbidden: no such person, or outside the actor's scope (same answer)
    """
    person = scope_people(actor).filter(pk=person_id).first()
    if person is None:
        raise NotFoundOrForbidden()
    return person
