"""Writes for people: record, amend, break glass. Each in one transaction with its audit event."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.access.services import break_glass_open
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, EditConflict, NotFoundOrForbidden
from safeguard.core.services import reference_issue
from safeguard.people.models import Address, Person, PersonAddress, Relationship
from safeguard.people.policies import PERSON_SUBJECT_TYPE, person_in_scope, scope_people
from safeguard.people.rules.codes import RelationshipKind
from safeguard.people.rules.names import name_search_key, normalise_postcode
from safeguard.people.rules.recording_standards import RecordingIssue, Severity
from safeguard.people.rules.validation import (
    AddressDetails,
    PersonDetails,
    address_errors,
    person_details_errors,
)
from safeguard.people.selectors import person_recording_issues_for

if TYPE_CHECKING:
    from safeguard.accounts.models import User


class PersonInvalid(DomainError):
    """The details have field errors; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("The person's details have errors.")
        self.errors = errors


AUDITED_FIELDS = [f.name for f in dataclasses.fields(PersonDetails)]


def _validate(details: PersonDetails, address: AddressDetails | None) -> None:
    errors = person_details_errors(details, today=clock.today_in_london())
    if address is not None:
        errors.update({f"address_{k}": v for k, v in address_errors(address).items()})
    if errors:
        raise PersonInvalid(errors)


def _apply(person: Person, details: PersonDetails) -> None:
    for name in AUDITED_FIELDS:
        setattr(person, name, getattr(details, name))
    person.estimated_on = clock.today_in_london() if details.estimated_age is not None else None
    person.search_name = name_search_key(f"{details.given_name} {details.family_name}")
    person.search_family_name = name_search_key(details.family_name)


def _blocking(issues: list[RecordingIssue]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for issue in issues:
        if issue.severity is Severity.BLOCK:
            errors.setdefault(issue.field, []).append(issue.message)
    return errors


def _refuse_blocking_issues(person: Person, *, has_address: bool) -> None:
    issues = person_recording_issues_for(person, has_current_address=has_address)
    blocking = _blocking(issues)
    if blocking:
        raise PersonInvalid(blocking)


@transaction.atomic
def person_create(
    *,
    actor: User,
    details: PersonDetails,
    address: AddressDetails | None = None,
    education_setting_id: UUID | None = None,
) -> Person:
    """Record a new person (a *collection* under s.62) with an optional current address.

    :raises CapabilityMissing: the actor cannot record people
    :raises PersonInvalid: field errors, or a recording standard the force blocks on
    """
    require_capability(actor, Capability.PERSON_CREATE)
    _validate(details, address)
    now = clock.now()
    person = Person(created_by=actor, owning_team_id=actor.team_id, created_at=now, updated_at=now)
    _apply(person, details)
    person.education_setting_id = education_setting_id
    _refuse_blocking_issues(person, has_address=address is not None)
    person.reference = reference_issue(prefix="PER", year=now.year)[0]
    person.save(force_insert=True)
    if address is not None:
        _add_address(person, address)
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="person.recorded",
        subjects=[Subject.of(person)],
        changes={
            "new": _snapshot(person),
            "address": dataclasses.asdict(address) if address else None,
        },
    )
    return person


def _add_address(person: Person, address: AddressDetails) -> PersonAddress:
    today = clock.today_in_london()
    PersonAddress.objects.filter(person=person, ends_on__isnull=True).update(ends_on=today)
    stored = Address.objects.create(
        line_1=address.line_1.strip(),
        line_2=address.line_2.strip(),
        town=address.town.strip(),
        postcode=normalise_postcode(address.postcode),
    )
    return PersonAddress.objects.create(person=person, address=stored, starts_on=today)


def _snapshot(person: Person) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(person, name) for name in AUDITED_FIELDS}
    setting = person.education_setting_id
    values["education_setting_id"] = str(setting) if setting is not None else None
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}


@transaction.atomic
def person_update(
    *,
    actor: User,
    person_id: UUID,
    expected_version: int,
    details: PersonDetails,
    education_setting_id: UUID | None = None,
) -> Person:
    """Amend a person's details (an *alteration*), refusing to overwrite someone else's save.

    :raises CapabilityMissing: the actor cannot amend people
    :raises NotFoundOrForbidden: no such person in the actor's scope
    :raises PersonInvalid: field errors, or a recording standard the force blocks on
    :raises EditConflict: the person was saved by someone else since ``expected_version``
    """
    require_capability(actor, Capability.PERSON_EDIT)
    person = person_in_scope(actor, person_id)
    _validate(details, None)
    before = _snapshot(person)
    _apply(person, details)
    person.education_setting_id = education_setting_id
    has_address = person.address_history.filter(ends_on__isnull=True).exists()
    _refuse_blocking_issues(person, has_address=has_address)
    now = clock.now()
    update = {name: getattr(person, name) for name in AUDITED_FIELDS}
    updated = Person.objects.filter(pk=person.pk, version=expected_version).update(
        **update,
        estimated_on=person.estimated_on,
        search_name=person.search_name,
        search_family_name=person.search_family_name,
        education_setting_id=education_setting_id,
        version=expected_version + 1,
        updated_at=now,
    )
    if updated == 0:
        raise EditConflict()
    person.refresh_from_db()
    after = _snapshot(person)
    changed = {k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]}
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="person.amended",
        subjects=[Subject.of(person)],
        changes=changed,
    )
    return person


@transaction.atomic
def person_address_add(*, actor: User, person_id: UUID, address: AddressDetails) -> PersonAddress:
    """Record a new current address for a person; the previous one ends today.

    :raises NotFoundOrForbidden: no such person in the actor's scope
    :raises PersonInvalid: the address has errors
    """
    require_capability(actor, Capability.PERSON_EDIT)
    person = person_in_scope(actor, person_id)
    errors = address_errors(address)
    if errors:
        raise PersonInvalid({f"address_{k}": v for k, v in errors.items()})
    stored = _add_address(person, address)
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="person.address_added",
        subjects=[Subject.of(person)],
        changes={"address": dataclasses.asdict(address)},
    )
    return stored


@transaction.atomic
def person_break_glass(*, actor: User, reference: str, reason: str) -> Person:
    """Open a person's record beyond the actor's scope, for a written reason.

    :raises CapabilityMissing: the actor has no break-glass capability
    :raises NotFoundOrForbidden: no person has that reference
    :raises ReasonTooShort: the reason is too short to review
    """
    require_capability(actor, Capability.BREAK_GLASS)
    person = Person.objects.filter(reference=reference.strip().upper()).first()
    if person is None:
        raise NotFoundOrForbidden("No person has that reference.")
    break_glass_open(
        actor=actor, subject=Subject(PERSON_SUBJECT_TYPE, str(person.pk)), reason=reason
    )
    return person


class RelationshipInvalid(DomainError):
    """The relationship cannot be recorded; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("The relationship has errors.")
        self.errors = errors


@transaction.atomic
def relationship_record(
    *, actor: User, from_person_id: UUID, to_person_reference: str, kind: RelationshipKind
) -> Relationship:
    """Record that one person is ``kind`` of another (an *alteration* of both records).

    :raises NotFoundOrForbidden: the first person is not in the actor's scope
    :raises RelationshipInvalid: the other person is unknown or out of scope, is the same
        person, or the relationship is already recorded
    """
    require_capability(actor, Capability.PERSON_EDIT)
    from_person = person_in_scope(actor, from_person_id)
    to_person = scope_people(actor).filter(reference=to_person_reference.strip().upper()).first()
    if to_person is None:
        raise RelationshipInvalid(
            {"to_person_reference": ["No person you can see has that reference"]}
        )
    if to_person.pk == from_person.pk:
        raise RelationshipInvalid(
            {"to_person_reference": ["A person cannot be related to themselves"]}
        )
    exists = Relationship.objects.filter(
        from_person=from_person, to_person=to_person, kind=kind.value
    )
    if exists.exists():
        raise RelationshipInvalid({"kind": ["This relationship is already recorded"]})
    relationship = Relationship.objects.create(
        from_person=from_person,
        to_person=to_person,
        kind=kind.value,
        starts_on=clock.today_in_london(),
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="person.relationship_recorded",
        subjects=[Subject.of(from_person), Subject.of(to_person)],
        changes={"kind": kind.value, "from": str(from_person.pk), "to": str(to_person.pk)},
    )
    return relationship
