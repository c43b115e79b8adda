"""Record a domestic-abuse incident so that no child is missed (issue 4; DOMAIN.md §3).

One write for the whole incident, in one transaction: the occurrence and everyone involved
(each child with their voice), any child recorded for the first time, the child-victim
records (Domestic Abuse Act 2021 s.3), how each child the system found was dealt with, an
Operation Encompass notification per child of school age (§3.2), and a child concern per
child for MASH triage and the referral to children's social care. Any error leaves nothing
written, and the caller gets every error at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.domestic.detection import known_children, narrative_children
from safeguard.domestic.models import (
    ChildVictim,
    DetectedChildRecord,
    DomesticAbuseIncident,
)
from safeguard.domestic.rules.children import (
    DetectedChild,
    Outcome,
    ResolutionChoice,
    resolve_detected,
)
from safeguard.domestic.rules.codes import PartyRelationship, RelatedTo
from safeguard.domestic.rules.parties import household_adult_error, party_age_error
from safeguard.domestic.services.encompass import notification_create
from safeguard.incidents.models import Occurrence
from safeguard.incidents.rules.codes import InvolvementRole, OccurrenceType
from safeguard.incidents.rules.voice_of_child import VoiceOfChild, voice_of_child_errors
from safeguard.incidents.services import (
    InvolvementDetails,
    OccurrenceDetails,
    OccurrenceInvalid,
    occurrence_record,
)
from safeguard.people.models import Person
from safeguard.people.policies import person_in_scope
from safeguard.people.rules.age import ADULT_AGE, age_on
from safeguard.people.rules.validation import PersonDetails
from safeguard.people.services import PersonInvalid, person_create
from safeguard.referrals.services import concern_raise_for_occurrence

if TYPE_CHECKING:
    from safeguard.accounts.models import User

MAX_CHILDREN = 20


class IncidentInvalid(DomainError):
    """Field errors, and the detected children not yet recorded or dismissed.

    ``errors`` maps a field (``children.N.field`` for a child row, ``detected.<key>`` for a
    detected child) to messages; ``unresolved`` lists the detected children still open and
    ``detected`` every child found, so a form can offer them.
    """

    def __init__(
        self,
        errors: dict[str, list[str]],
        *,
        detected: Sequence[DetectedChild] = (),
        unresolved: Sequence[DetectedChild] = (),
    ) -> None:
        super().__init__("The domestic-abuse incident has errors.")
        self.errors = errors
        self.detected = list(detected)
        self.unresolved = list(unresolved)


@dataclass(frozen=True)
class NewChild:
    """A child recorded for the first time; a date of birth or an estimated age is needed."""

    given_name: str
    family_name: str
    date_of_birth: dt.date | None = None
    estimated_age: int | None = None
    sex: str = "NOT_RECORDED"


@dataclass(frozen=True)
class ChildDetails:
    """One child present or normally resident, and how the abuse touched them (s.3)."""

    present: bool
    saw: bool
    heard: bool
    experienced_effects: bool
    related_to: str
    voice: VoiceOfChild | None
    person_id: UUID | None = None
    new_child: NewChild | None = None
    where_present: str = ""
    education_setting_id: UUID | None = None
    home_educated: bool = False
    local_authority_id: UUID | None = None
    unlisted_setting_name: str = ""


@dataclass(frozen=True)
class IncidentDetails:
    occurred_at: dt.datetime
    location: str
    narrative: str
    relationship: str
    victim_id: UUID | None
    suspect_id: UUID | None
    postcode: str = ""
    household_member_ids: tuple[UUID, ...] = ()
    circumstances_for_school: str = ""
    other_information_for_school: str = ""


@dataclass
class _Checked:
    errors: dict[str, list[str]] = field(default_factory=dict)
    parties: dict[str, Person] = field(default_factory=dict)
    household: list[Person] = field(default_factory=list)
    existing: dict[int, Person] = field(default_factory=dict)
    settings: dict[int, Organisation | None] = field(default_factory=dict)

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


def _person(actor: User, person_id: UUID | None) -> Person | None:
    if person_id is None:
        return None
    try:
        return person_in_scope(actor, person_id)
    except NotFoundOrForbidden:
        return None


def _age(person: Person, on: dt.date) -> int | None:
    return age_on(
        on=on,
        date_of_birth=person.date_of_birth,
        estimated_age=person.estimated_age,
        estimated_on=person.estimated_on,
    )


def _check_parties(actor: User, details: IncidentDetails, on: dt.date, checked: _Checked) -> None:
    if details.relationship not in {r.value for r in PartyRelationship}:
        checked.add("relationship", "Choose how the victim and suspect are connected")
    for name, person_id in (("victim", details.victim_id), ("suspect", details.suspect_id)):
        person = _person(actor, person_id)
        if person is None:
            checked.add(f"{name}_id", f"Give the {name}: a person you can see")
            continue
        error = party_age_error(role=name, age=_age(person, on))
        if error is not None:
            checked.add(f"{name}_id", error)
        checked.parties[name] = person
    if details.victim_id is not None and details.victim_id == details.suspect_id:
        checked.add("suspect_id", "The suspect and the victim must be different people")
    for index, member_id in enumerate(details.household_member_ids):
        member = _person(actor, member_id)
        if member is None:
            checked.add(f"household_member_ids.{index}", "No person you can see has that id")
            continue
        error = household_adult_error(age=_age(member, on))
        if error is not None:
            checked.add(f"household_member_ids.{index}", error)
        checked.household.append(member)


def _check_new_child(prefix: str, child: NewChild, on: dt.date, checked: _Checked) -> None:
    if not child.given_name.strip() and not child.family_name.strip():
        checked.add(f"{prefix}.given_name", "Enter the child's name, or 'Unknown' if not known")
    if child.date_of_birth is None and child.estimated_age is None:
        checked.add(f"{prefix}.date_of_birth", "Give the date of birth or an estimated age")
    age = age_on(on=on, date_of_birth=child.date_of_birth, estimated_age=child.estimated_age)
    if child.date_of_birth is not None and child.date_of_birth > on:
        checked.add(f"{prefix}.date_of_birth", "The date of birth is after the incident")
    elif age is not None and age >= ADULT_AGE:
        checked.add(f"{prefix}.date_of_birth", "This person is 18 or over: record them as an adult")


def _check_setting(prefix: str, child: ChildDetails, index: int, checked: _Checked) -> None:
    setting: Organisation | None = None
    if child.home_educated:
        setting = (
            Organisation.objects.filter(
                pk=child.local_authority_id, kind=OrganisationKind.LOCAL_AUTHORITY
            ).first()
            if child.local_authority_id
            else None
        )
        if setting is None:
            checked.add(f"{prefix}.local_authority_id", "Choose the local authority to notify")
    elif child.education_setting_id is not None:
        setting = Organisation.objects.filter(
            pk=child.education_setting_id, kind=OrganisationKind.SCHOOL
        ).first()
        if setting is None:
            checked.add(f"{prefix}.education_setting_id", "Choose a school from the list")
    checked.settings[index] = setting


def _check_identity(
    *,
    actor: User,
    prefix: str,
    index: int,
    child: ChildDetails,
    on: dt.date,
    checked: _Checked,
    seen: set[UUID],
) -> None:
    if (child.person_id is None) == (child.new_child is None):
        checked.add(f"{prefix}.person_id", "Choose a known child or enter a new one")
    elif child.person_id is not None:
        person = _person(actor, child.person_id)
        if person is None:
            checked.add(f"{prefix}.person_id", "No person you can see has that id")
        elif person.pk in seen:
            checked.add(f"{prefix}.person_id", "This child is already listed")
        else:
            seen.add(person.pk)
            checked.existing[index] = person
            age = _age(person, on)
            if age is not None and age >= ADULT_AGE:
                checked.add(f"{prefix}.person_id", "This person is 18 or over")
    elif child.new_child is not None:
        _check_new_child(f"{prefix}.new_child", child.new_child, on, checked)


def _check_children(
    actor: User, children: Sequence[ChildDetails], on: dt.date, checked: _Checked
) -> None:
    if len(children) > MAX_CHILDREN:
        checked.add("children", f"Record at most {MAX_CHILDREN} children on one incident")
        return
    seen: set[UUID] = set()
    for index, child in enumerate(children):
        prefix = f"children.{index}"
        _check_identity(
            actor=actor, prefix=prefix, index=index, child=child, on=on, checked=checked, seen=seen
        )
        if child.related_to not in {r.value for r in RelatedTo}:
            checked.add(f"{prefix}.related_to", "Say which party the child is related to")
        if child.present and not child.where_present.strip():
            checked.add(f"{prefix}.where_present", "Say where the child was during the incident")
        for name, messages in voice_of_child_errors(child.voice).items():
            for message in messages:
                checked.add(f"{prefix}.{name}", message)
        _check_setting(prefix, child, index, checked)


def children_detect(
    *, actor: User, details: IncidentDetails, children: Sequence[ChildDetails]
) -> list[DetectedChild]:
    """Return every child the system finds around the incident, for the officer to deal with.

    Known children are read only if both parties are people the actor may see; the read is
    an audited consultation.
    """
    party_ids = [pid for pid in (details.victim_id, details.suspect_id) if pid is not None]
    parties = [p for p in (_person(actor, pid) for pid in party_ids) if p is not None]
    on = details.occurred_at.date() if details.occurred_at.tzinfo else clock.today_in_london()
    known = known_children(
        actor=actor, party_ids=[p.pk for p in parties], postcode=details.postcode, on=on
    )
    if known:
        audit_event_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            event_type="domestic_abuse.children_found",
            subjects=[Subject("people.person", k.person_id or "") for k in known],
            justification="Finding the children around a domestic-abuse incident (DA Act 2021 s.3)",
        )
    return known + narrative_children(details.narrative)


def _write_errors(exc: OccurrenceInvalid | PersonInvalid) -> dict[str, list[str]]:
    """Errors found while writing: the occurrence's own fields keep their names (they are the
    incident's); errors about a person (an adult household member under 18 needs a voice
    record, say) are reported under ``people`` so none is lost."""
    errors: dict[str, list[str]] = {}
    for key, messages in exc.errors.items():
        own_field = isinstance(exc, OccurrenceInvalid) and not key.startswith("involvements")
        target = key if own_field else "people"
        errors.setdefault(target, []).extend(
            messages if own_field else [f"{key}: {m}" for m in messages]
        )
    return errors


@transaction.atomic
def da_incident_record(
    *,
    actor: User,
    details: IncidentDetails,
    children: Sequence[ChildDetails],
    choices: Mapping[str, ResolutionChoice],
    idempotency_key: str = "",
) -> DomesticAbuseIncident:
    """Record a domestic-abuse incident with every child dealt with.

    The same ``idempotency_key`` from the same officer returns the first incident unchanged.

    :raises CapabilityMissing: the actor cannot record incidents or concerns
    :raises IncidentInvalid: field errors, or detected children neither recorded nor dismissed
    """
    require_capability(actor, Capability.INCIDENT_RECORD)
    require_capability(actor, Capability.CONCERN_RECORD)
    key = idempotency_key.strip()[:100]
    if key:
        existing = DomesticAbuseIncident.objects.filter(recorded_by=actor, idempotency_key=key)
        if (found := existing.first()) is not None:
            return found
    on = details.occurred_at.date() if details.occurred_at.tzinfo else clock.today_in_london()
    checked = _Checked()
    _check_parties(actor, details, on, checked)
    _check_children(actor, children, on, checked)
    if children and len(details.circumstances_for_school.strip()) < 10:
        checked.add(
            "circumstances_for_school",
            "Write the circumstances for the school (Operation Encompass), in plain words",
        )
    detected = children_detect(actor=actor, details=details, children=children)
    recorded_ids = [str(c.person_id) if c.person_id else None for c in children]
    outcomes, unresolved = resolve_detected(
        detected=detected, recorded_person_ids=recorded_ids, choices=choices
    )
    for detected_key, message in unresolved.items():
        checked.add(f"detected.{detected_key}", message)
    open_items = [d for d in detected if d.key in unresolved]
    if checked.errors:
        raise IncidentInvalid(checked.errors, detected=detected, unresolved=open_items)
    try:
        return _write(
            actor=actor,
            details=details,
            children=children,
            outcomes=outcomes,
            checked=checked,
            key=key,
        )
    except (OccurrenceInvalid, PersonInvalid) as exc:
        raise IncidentInvalid(
            _write_errors(exc),
            detected=detected,
        ) from exc


def _new_person(actor: User, child: NewChild, setting: Organisation | None, home: bool) -> Person:
    school = setting.pk if setting is not None and setting.kind == OrganisationKind.SCHOOL else None
    return person_create(
        actor=actor,
        details=PersonDetails(
            given_name=child.given_name.strip() or "Unknown",
            family_name=child.family_name.strip() or "Unknown",
            date_of_birth=child.date_of_birth,
            estimated_age=child.estimated_age if child.date_of_birth is None else None,
            sex=child.sex,
            home_educated=home,
        ),
        education_setting_id=school,
    )


def _write(
    *,
    actor: User,
    details: IncidentDetails,
    children: Sequence[ChildDetails],
    outcomes: list[Outcome],
    checked: _Checked,
    key: str,
) -> DomesticAbuseIncident:
    people: list[Person] = []
    for index, child in enumerate(children):
        person = checked.existing.get(index)
        if person is None:
            assert child.new_child is not None
            person = _new_person(
                actor, child.new_child, checked.settings.get(index), child.home_educated
            )
        people.append(person)
    involvements = [
        InvolvementDetails(person_id=checked.parties["victim"].pk, role=InvolvementRole.VICTIM),
        InvolvementDetails(person_id=checked.parties["suspect"].pk, role=InvolvementRole.SUSPECT),
        *(
            InvolvementDetails(person_id=m.pk, role=InvolvementRole.HOUSEHOLD_MEMBER)
            for m in checked.household
        ),
        *(
            InvolvementDetails(
                person_id=person.pk,
                role=InvolvementRole.CHILD_PRESENT
                if c.present
                else InvolvementRole.CHILD_IN_HOUSEHOLD,
                voice=c.voice,
            )
            for c, person in zip(children, people, strict=True)
        ),
    ]
    occurrence = occurrence_record(
        actor=actor,
        details=OccurrenceDetails(
            occurrence_type=OccurrenceType.DOMESTIC_ABUSE,
            occurred_at=details.occurred_at,
            location=details.location,
            postcode=details.postcode,
            narrative=details.narrative,
        ),
        involvements=involvements,
    )
    now = clock.now()
    incident = DomesticAbuseIncident.objects.create(
        occurrence=occurrence,
        victim=checked.parties["victim"],
        suspect=checked.parties["suspect"],
        relationship=details.relationship,
        circumstances_for_school=details.circumstances_for_school.strip(),
        other_information_for_school=details.other_information_for_school.strip(),
        owning_team_id=actor.team_id,
        recorded_by=actor,
        idempotency_key=key,
        created_at=now,
        updated_at=now,
    )
    _record_outcomes(incident, outcomes, people)
    for index, (child, person) in enumerate(zip(children, people, strict=True)):
        _child_victim(
            actor=actor,
            incident=incident,
            occurrence=occurrence,
            child=child,
            person=person,
            setting=checked.settings.get(index),
        )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="domestic_abuse.recorded",
        subjects=[Subject.of(incident), Subject.of(occurrence), *(Subject.of(p) for p in people)],
        changes={
            "occurrence": occurrence.reference,
            "children": len(people),
            "detected": [{"key": o.detected.key, "resolution": o.resolution} for o in outcomes],
        },
    )
    return incident


def _record_outcomes(
    incident: DomesticAbuseIncident, outcomes: list[Outcome], people: list[Person]
) -> None:
    for outcome in outcomes:
        row = DetectedChildRecord.objects.create(
            incident=incident,
            key=outcome.detected.key[:300],
            source=outcome.detected.source,
            description=outcome.detected.description[:400],
            known_person_id=outcome.detected.person_id,
            resolution=outcome.resolution,
            dismissed_reason=outcome.reason,
        )
        if outcome.child_indexes:
            row.recorded_children.set([people[i] for i in outcome.child_indexes])


def _child_victim(
    *,
    actor: User,
    incident: DomesticAbuseIncident,
    occurrence: Occurrence,
    child: ChildDetails,
    person: Person,
    setting: Organisation | None,
) -> None:
    affected = [
        word
        for flag, word in (
            (child.saw, "saw"),
            (child.heard, "heard"),
            (child.experienced_effects, "experienced the effects of"),
        )
        if flag
    ]
    how = " and ".join(affected) or "lives with"
    concern = concern_raise_for_occurrence(
        actor=actor,
        occurrence=occurrence,
        child=person,
        summary=(
            f"Domestic-abuse incident {occurrence.reference}: the child {how} the abuse"
            f"{' and was present' if child.present else ''}. {incident.circumstances_for_school}"
        ).strip(),
    )
    victim = ChildVictim.objects.create(
        incident=incident,
        child=person,
        present=child.present,
        where_present=child.where_present.strip(),
        saw=child.saw,
        heard=child.heard,
        experienced_effects=child.experienced_effects,
        related_to=child.related_to,
        concern=concern,
    )
    if child.related_to != RelatedTo.NEITHER:
        notification_create(
            actor=actor,
            child_victim=victim,
            setting=setting or person.education_setting,
            home_educated=child.home_educated,
            unlisted_setting_name=child.unlisted_setting_name.strip(),
        )
