"""Reads of people. Every read that returns personal data writes a *consultation* event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q, QuerySet

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.core.policy import force_policy
from safeguard.people.models import (
    ChildProtectionPlan,
    Person,
    PersonAddress,
    PersonAlias,
    PersonLink,
    Relationship,
)
from safeguard.people.policies import person_in_scope, scope_people
from safeguard.people.rules.age import age_on, is_child
from safeguard.people.rules.codes import (
    LinkDecision,
    OfficerDefinedEthnicity,
    SelfDefinedEthnicity,
    Sex,
    YesNoUnknown,
)
from safeguard.people.rules.links import group_of, merge_root
from safeguard.people.rules.names import name_search_key, normalise_postcode
from safeguard.people.rules.recording_standards import (
    PersonFacts,
    RecordingIssue,
    person_recording_issues,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import User

SEARCH_LIMIT = 50


def recording_policy() -> dict[str, str]:
    """Return the force's recording-standards policy (block, warn or off per issue)."""
    standards: dict[str, str] = dict(force_policy("RECORDING_STANDARDS"))
    return standards


def person_facts(person: Person, *, has_current_address: bool) -> PersonFacts:
    """Return the plain values the recording standards look at."""
    return PersonFacts(
        date_of_birth=person.date_of_birth,
        estimated_age=person.estimated_age,
        estimated_on=person.estimated_on,
        sex=Sex(person.sex),
        self_defined_ethnicity=SelfDefinedEthnicity(person.self_defined_ethnicity),
        officer_defined_ethnicity=OfficerDefinedEthnicity(person.officer_defined_ethnicity),
        has_education_setting=person.education_setting_id is not None,
        home_educated=person.home_educated,
        looked_after=YesNoUnknown(person.looked_after),
        placing_authority=person.placing_authority,
        first_language=person.first_language,
        interpreter_needed=YesNoUnknown(person.interpreter_needed),
        has_current_address=has_current_address,
    )


def person_recording_issues_for(
    person: Person, *, has_current_address: bool
) -> list[RecordingIssue]:
    """Return the recording standards this person's record falls short of today."""
    return person_recording_issues(
        person_facts(person, has_current_address=has_current_address),
        today=clock.today_in_london(),
        policy=recording_policy(),
    )


def person_reference_in_scope(*, actor: User, person_id: UUID) -> str:
    """Return only the person's reference number (for the purpose prompt).

    :raises NotFoundOrForbidden: no such person in the actor's scope
    """
    require_capability(actor, Capability.PERSON_VIEW)
    reference = scope_people(actor).filter(pk=person_id).values_list("reference", flat=True).first()
    if reference is None:
        raise NotFoundOrForbidden()
    return reference


@dataclass(frozen=True)
class PersonRecord:
    """A person with everything the person page shows."""

    person: Person
    aliases: list[PersonAlias]
    addresses: list[PersonAddress]
    relationships: list[Relationship]
    protection_plans: list[ChildProtectionPlan]
    recording_issues: list[RecordingIssue]
    age: int | None
    links: list[PersonLink]


def person_get(*, actor: User, person_id: UUID, purpose: str) -> PersonRecord:
    """Return a person's whole record and log the consultation with its purpose.

    :raises CapabilityMissing: the actor cannot view people
    :raises NotFoundOrForbidden: no such person in the actor's scope
    :raises PurposeRequired: no purpose was given
    """
    require_capability(actor, Capability.PERSON_VIEW)
    justification = require_purpose(purpose)
    person = person_in_scope(actor, person_id)
    addresses = list(person.address_history.select_related("address").order_by("-starts_on"))
    relationships = list(
        person.relationships_from.select_related("to_person").order_by("kind")
    ) + list(person.relationships_to.select_related("from_person").order_by("kind"))
    has_current = any(a.ends_on is None for a in addresses)
    record = PersonRecord(
        person=person,
        aliases=list(person.aliases.all()),
        addresses=list(addresses),
        relationships=relationships,
        protection_plans=list(person.protection_plans.all()),
        recording_issues=person_recording_issues_for(person, has_current_address=has_current),
        age=age_on(
            on=clock.today_in_london(),
            date_of_birth=person.date_of_birth,
            estimated_age=person.estimated_age,
            estimated_on=person.estimated_on,
        ),
        links=standing_links_of(person_id=person.pk),
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="person.consulted",
        subjects=[Subject.of(person)],
        justification=justification,
    )
    return record


@dataclass(frozen=True)
class PersonSearch:
    name: str = ""
    date_of_birth: dt.date | None = None
    postcode: str = ""

    def is_empty(self) -> bool:
        return not (self.name.strip() or self.date_of_birth or self.postcode.strip())


def person_search(*, actor: User, query: PersonSearch) -> list[Person]:
    """Return up to 50 people in scope matching every given term, and log the consultation.

    Names match case- and accent-insensitively on given and family names and on aliases.

    :raises CapabilityMissing: the actor cannot search people
    """
    require_capability(actor, Capability.PERSON_SEARCH)
    if query.is_empty():
        return []
    people = scope_people(actor)
    for token in name_search_key(query.name).split():
        alias_match = PersonAlias.objects.filter(search_name__contains=token).values("person_id")
        people = people.filter(Q(search_name__contains=token) | Q(pk__in=alias_match))
    if query.date_of_birth is not None:
        people = people.filter(date_of_birth=query.date_of_birth)
    if query.postcode.strip():
        people = people.filter(
            address_history__address__postcode=normalise_postcode(query.postcode)
        ).distinct()
    results = list(people.order_by("family_name", "given_name", "reference")[:SEARCH_LIMIT])
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="person.searched",
        subjects=[Subject.of(p) for p in results],
        justification="Search to identify a person",
        changes={
            "query": {
                "name": query.name,
                "date_of_birth": query.date_of_birth.isoformat() if query.date_of_birth else None,
                "postcode": query.postcode,
            },
            "result_count": len(results),
        },
    )
    return results


def person_id_for_reference(*, actor: User, reference: str) -> UUID | None:
    """Return the id of the person with this reference if the actor may see them (no audit)."""
    require_capability(actor, Capability.PERSON_VIEW)
    found = (
        scope_people(actor).filter(reference=reference.strip().upper()).values_list("pk", flat=True)
    )
    return found.first()


def _standing_same_links() -> QuerySet[PersonLink]:
    return PersonLink.objects.filter(undone_at__isnull=True, decision=LinkDecision.SAME)


def person_group_ids(*, person_id: UUID) -> list[UUID]:
    """The ids of every record linked to this one as the same person, this one first.

    Ids only (no personal data, so no audit): callers that read the records audit them.
    Walks the links a level at a time, so a query per level, not per record.
    """
    edges: set[tuple[UUID, UUID]] = set()
    seen = {person_id}
    frontier = {person_id}
    while frontier:
        rows = (
            _standing_same_links()
            .filter(Q(left_id__in=frontier) | Q(right_id__in=frontier))
            .values_list("left_id", "right_id")
        )
        edges.update(rows)
        frontier = {pk for edge in edges for pk in edge} - seen
        seen |= frontier
    group = group_of(person_id, edges)
    return [person_id, *sorted(group - {person_id}, key=str)]


def standing_merges() -> dict[UUID, UUID]:
    """Merged-away record id -> kept record id, for every merge that stands."""
    rows = (
        _standing_same_links()
        .filter(kept__isnull=False)
        .values_list("left_id", "right_id", "kept_id")
    )
    return {(right if kept == left else left): kept for left, right, kept in rows}


def person_merged_into(*, person_id: UUID) -> UUID | None:
    """The record a merged-away id now redirects to (following merges), or None (ids only)."""
    merges = standing_merges()
    if person_id not in merges:
        return None
    return merge_root(person_id, merges)


def standing_links_of(*, person_id: UUID) -> list[PersonLink]:
    """The links about this record that stand, for its page (read within its consultation)."""
    return list(
        PersonLink.objects.filter(undone_at__isnull=True)
        .filter(Q(left_id=person_id) | Q(right_id=person_id))
        .select_related("left", "right", "decided_by")
        .order_by("-decided_at")
    )


def _is_child_on(person: Person, today: dt.date) -> bool:
    return is_child(
        age=age_on(
            on=today,
            date_of_birth=person.date_of_birth,
            estimated_age=person.estimated_age,
            estimated_on=person.estimated_on,
        )
    )


def current_address_ids(*, person_id: UUID) -> set[UUID]:
    """The addresses a person lives at now (ids only; the caller audits what it shows)."""
    return set(
        PersonAddress.objects.filter(person_id=person_id, ends_on__isnull=True).values_list(
            "address_id", flat=True
        )
    )


def children_living_at(*, address_ids: Collection[UUID], today: dt.date) -> set[UUID]:
    """The people under 18 (Children Act 1989 s.105) living now at any of the addresses.

    Ids only; the caller audits what it shows.
    """
    residents = PersonAddress.objects.filter(address_id__in=address_ids, ends_on__isnull=True)
    return {
        r.person_id for r in residents.select_related("person") if _is_child_on(r.person, today)
    }


def children_related_to(
    *, person_id: UUID, today: dt.date, kinds: Collection[str] | None = None
) -> set[UUID]:
    """The people under 18 with a recorded relationship to this person (of ``kinds``, or any).

    Ids only; the caller audits what it shows.
    """
    related = Relationship.objects.filter(Q(from_person_id=person_id) | Q(to_person_id=person_id))
    if kinds is not None:
        related = related.filter(kind__in=kinds)
    found: set[UUID] = set()
    for rel in related.select_related("from_person", "to_person"):
        other = rel.to_person if rel.from_person_id == person_id else rel.from_person
        if _is_child_on(other, today):
            found.add(other.pk)
    return found
