"""Writes for occurrences: record one with the people involved and each child's voice."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.core.services import reference_issue
from safeguard.incidents.models import Involvement, Occurrence, VoiceOfChildRecord
from safeguard.incidents.rules.codes import InvolvementRole, OccurrenceType
from safeguard.incidents.rules.voice_of_child import (
    VoiceOfChild,
    is_child_involvement,
    voice_of_child_errors,
)
from safeguard.people.policies import person_in_scope
from safeguard.people.rules.age import age_on
from safeguard.people.rules.names import normalise_postcode

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.people.models import Person

MAX_NARRATIVE = 20_000


class OccurrenceInvalid(DomainError):
    """Field errors; ``errors`` maps a field (``involvements.N.field`` for people) to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("The occurrence has errors.")
        self.errors = errors


@dataclass(frozen=True)
class OccurrenceDetails:
    occurrence_type: str
    occurred_at: dt.datetime
    location: str
    narrative: str
    postcode: str = ""


@dataclass(frozen=True)
class InvolvementDetails:
    person_id: UUID
    role: str
    voice: VoiceOfChild | None = None


def _details_errors(details: OccurrenceDetails, *, now: dt.datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if details.occurrence_type not in {t.value for t in OccurrenceType}:
        errors["occurrence_type"] = ["Choose the type of occurrence"]
    if details.occurred_at.tzinfo is None:
        errors["occurred_at"] = ["Give the time with its time zone"]
    elif details.occurred_at > now:
        errors["occurred_at"] = ["The occurrence cannot be in the future"]
    if not details.location.strip():
        errors["location"] = ["Enter where it happened"]
    if not details.narrative.strip():
        errors["narrative"] = ["Enter what happened"]
    if len(details.narrative) > MAX_NARRATIVE:
        errors["narrative"] = [f"Keep the narrative under {MAX_NARRATIVE} characters"]
    return errors


def _involvement_errors(
    actor: User, index: int, involvement: InvolvementDetails, occurred_on: dt.date
) -> tuple[Person | None, dict[str, list[str]]]:
    prefix = f"involvements.{index}"
    if involvement.role not in {r.value for r in InvolvementRole}:
        return None, {f"{prefix}.role": ["Choose how the person was involved"]}
    try:
        person = person_in_scope(actor, involvement.person_id)
    except NotFoundOrForbidden:
        return None, {f"{prefix}.person_id": ["No person you can see has that id"]}
    age = age_on(
        on=occurred_on,
        date_of_birth=person.date_of_birth,
        estimated_age=person.estimated_age,
        estimated_on=person.estimated_on,
    )
    if not is_child_involvement(role=InvolvementRole(involvement.role), age=age):
        return person, {}
    errors = voice_of_child_errors(involvement.voice)
    return person, {f"{prefix}.{field}": messages for field, messages in errors.items()}


@transaction.atomic
def occurrence_record(
    *,
    actor: User,
    details: OccurrenceDetails,
    involvements: Sequence[InvolvementDetails],
    idempotency_key: str = "",
) -> Occurrence:
    """Record an occurrence with everyone involved; every child's voice is required.

    The same ``idempotency_key`` from the same officer returns the first occurrence unchanged.

    :raises CapabilityMissing: the actor cannot record incidents
    :raises OccurrenceInvalid: field errors, an unknown person, or a child without their voice
    """
    require_capability(actor, Capability.INCIDENT_RECORD)
    key = idempotency_key.strip()[:100]
    if key:
        existing = Occurrence.objects.filter(recorded_by=actor, idempotency_key=key).first()
        if existing is not None:
            return existing
    now = clock.now()
    errors = _details_errors(details, now=now)
    if not involvements:
        errors["involvements"] = ["Add at least one person"]
    occurred_on = clock.today_in_london() if "occurred_at" in errors else details.occurred_at.date()
    people: list[Person] = []
    for index, involvement in enumerate(involvements):
        person, found = _involvement_errors(actor, index, involvement, occurred_on)
        errors.update(found)
        if person is not None:
            people.append(person)
    if errors:
        raise OccurrenceInvalid(errors)
    occurrence = Occurrence.objects.create(
        reference=reference_issue(prefix="INC", year=now.year)[0],
        occurrence_type=details.occurrence_type,
        occurred_at=details.occurred_at,
        location=details.location.strip(),
        postcode=normalise_postcode(details.postcode) if details.postcode.strip() else "",
        narrative=details.narrative,
        owning_team_id=actor.team_id,
        recorded_by=actor,
        idempotency_key=key,
        created_at=now,
        updated_at=now,
    )
    for involvement, person in zip(involvements, people, strict=True):
        row = Involvement.objects.create(
            occurrence=occurrence, person=person, role=involvement.role
        )
        if involvement.voice is not None:
            VoiceOfChildRecord.objects.create(
                involvement=row, **dataclasses.asdict(involvement.voice)
            )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="occurrence.recorded",
        subjects=[Subject.of(occurrence), *(Subject.of(p) for p in people)],
        changes={
            "reference": occurrence.reference,
            "type": occurrence.occurrence_type,
            "involvements": [{"person": str(i.person_id), "role": i.role} for i in involvements],
        },
    )
    return occurrence
