"""Finding every child around a domestic-abuse incident (issue 4, DOMAIN.md §3.1 s.3).

Three sources, each offered to the officer to record or dismiss:

- children already known to live at the incident's postcode or at either party's current
  address;
- children related to either party in the relationships records (parent, parental
  responsibility, carer, household member; and a party's children's siblings);
- children mentioned only in the narrative (:mod:`safeguard.domestic.rules.narrative`).

Only people the officer may see are offered (record scope); a restricted child is found
by their owning team. Reading known children is a consultation and is audited by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q

from safeguard.domestic.rules.children import DetectedChild
from safeguard.domestic.rules.codes import DetectionSource
from safeguard.domestic.rules.narrative import child_mentions
from safeguard.people.models import Person, PersonAddress, Relationship
from safeguard.people.policies import scope_people
from safeguard.people.rules.age import age_on, is_child
from safeguard.people.rules.codes import RelationshipKind
from safeguard.people.rules.names import normalise_postcode

if TYPE_CHECKING:
    from safeguard.accounts.models import User

CARING_KINDS = (
    RelationshipKind.PARENT,
    RelationshipKind.PARENTAL_RESPONSIBILITY,
    RelationshipKind.CARER,
    RelationshipKind.HOUSEHOLD_MEMBER,
)
KNOWN_LIMIT = 30


def _age_text(person: Person, on: dt.date) -> str:
    age = age_on(
        on=on,
        date_of_birth=person.date_of_birth,
        estimated_age=person.estimated_age,
        estimated_on=person.estimated_on,
    )
    if age is None:
        return "age not known"
    return f"aged {age}" if person.date_of_birth else f"aged about {age}"


def _children_only(people: Iterable[Person], on: dt.date) -> list[Person]:
    return [
        p
        for p in people
        if is_child(
            age=age_on(
                on=on,
                date_of_birth=p.date_of_birth,
                estimated_age=p.estimated_age,
                estimated_on=p.estimated_on,
            )
        )
    ]


def _at_addresses(party_ids: list[UUID], postcode: str) -> set[UUID]:
    current = PersonAddress.objects.filter(ends_on__isnull=True)
    address_ids = set(current.filter(person_id__in=party_ids).values_list("address_id", flat=True))
    where = Q(address_id__in=address_ids)
    if postcode.strip():
        where |= Q(address__postcode=normalise_postcode(postcode))
    ids = current.filter(where).exclude(person_id__in=party_ids).values_list("person_id", flat=True)
    return set(ids[:200])


def _related(party_ids: list[UUID]) -> set[UUID]:
    links = Relationship.objects.filter(ends_on__isnull=True, kind__in=CARING_KINDS)
    ids = set(links.filter(from_person_id__in=party_ids).values_list("to_person_id", flat=True))
    ids |= set(links.filter(to_person_id__in=party_ids).values_list("from_person_id", flat=True))
    return ids - set(party_ids)


def known_children(
    *, actor: User, party_ids: list[UUID], postcode: str, on: dt.date
) -> list[DetectedChild]:
    """Return the children known at the address or related to a party, that the actor may see."""
    at_address = _at_addresses(party_ids, postcode)
    related = _related(party_ids)
    people = scope_people(actor).filter(pk__in=at_address | related).order_by("date_of_birth")
    found = []
    for person in _children_only(people[:KNOWN_LIMIT], on):
        source = (
            DetectionSource.RELATED_TO_PARTY
            if person.pk in related
            else DetectionSource.KNOWN_AT_ADDRESS
        )
        found.append(
            DetectedChild(
                key=f"person:{person.pk}",
                source=source,
                description=f"{person.full_name} ({person.reference}), {_age_text(person, on)}",
                person_id=str(person.pk),
            )
        )
    return found


def narrative_children(narrative: str) -> list[DetectedChild]:
    """Return the children mentioned in the narrative, one per phrase."""
    return [
        DetectedChild(
            key=f"narrative:{mention.key}",
            source=DetectionSource.NARRATIVE,
            description=f"“{mention.phrase}” in the narrative",
            count=mention.count,
            count_stated=mention.count_stated,
        )
        for mention in child_mentions(narrative)
    ]
