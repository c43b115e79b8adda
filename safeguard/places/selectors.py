"""Reads of places, their history, business concerns and the engagement register.

Police reads that return personal data write one *consultation* naming every record
shown. A business reporter reads only through the submitter selectors
(``places_of_organisation``, ``concerns_of_organisation``, ``submitted_concern_get``),
which return plain rows of their own organisation's submissions: reference, time, place
and status, never a name, a matched child or a police note (issue 10 item 2). Every
police selector refuses them (``CapabilityMissing`` or ``NotFoundOrForbidden``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.selectors import ClockWithStatus, clock_list_for_subject
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON
from safeguard.incidents.policies import scope_occurrences
from safeguard.linkage.rules.records import LinkRecord
from safeguard.linkage.selectors import EntryMatch, entry_check
from safeguard.missing.policies import scope_episodes
from safeguard.people.models import Person
from safeguard.people.rules.names import name_search_key, normalise_postcode
from safeguard.places.models import (
    BusinessConcern,
    BusinessEngagement,
    Place,
    PlaceFlag,
    PlaceLink,
)
from safeguard.places.policies import concern_in_scope, is_police_with, place_in_scope
from safeguard.places.rules.codes import (
    BUSINESS_CONCERN_SUBJECT_TYPE,
    CHILD_CONCERN_SUBJECT_TYPE,
    EPISODE_SUBJECT_TYPE,
    LINK_ROLE_LABELS,
    OCCURRENCE_SUBJECT_TYPE,
    REFERRAL_SUBJECT_TYPE,
    ConcernStatus,
    LinkRole,
    submitter_status,
)
from safeguard.places.rules.engagement import (
    ConcernFacts,
    EngagementFacts,
    EngagementIndicator,
    engagement_indicator,
)
from safeguard.places.rules.urgency import ON_SITE_CLOCK, TRIAGE_CLOCK
from safeguard.referrals.policies import scope_concerns, scope_referrals
from safeguard.risk.models import RiskAssessment

if TYPE_CHECKING:
    from safeguard.accounts.models import User

LIST_LIMIT = 200
QUEUE_LIMIT = 200


def _require_police(actor: User, capability: Capability) -> None:
    """Refuse anyone but police staff holding ``capability``.

    :raises CapabilityMissing: the actor's roles do not grant ``capability``
    :raises NotFoundOrForbidden: a partner user (whatever their roles grant)
    """
    require_capability(actor, capability)
    if not is_police_with(actor, capability):
        raise NotFoundOrForbidden()


# Places -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    flag: PlaceFlag | None
    records: int


def _summaries(places: list[Place]) -> list[PlaceSummary]:
    flags = {
        f.place_id: f
        for f in PlaceFlag.objects.filter(
            place_id__in=[p.pk for p in places], lowered_at__isnull=True
        )
    }
    return [
        PlaceSummary(place=p, flag=flags.get(p.pk), records=getattr(p, "record_count", 0))
        for p in places
    ]


def place_list(
    *, actor: User, kind: str | None = None, flagged: bool = False
) -> list[PlaceSummary]:
    """Places, by name, with their open flag and how many records are linked.

    Premises and their flags, no one's identity: no consultation.

    :raises CapabilityMissing: the actor may not see places
    """
    _require_police(actor, Capability.PLACE_VIEW)
    places = Place.objects.annotate(record_count=Count("links", distinct=True))
    if kind:
        places = places.filter(kind=kind)
    if flagged:
        places = places.filter(flags__lowered_at__isnull=True, flags__isnull=False)
    return _summaries(list(places.order_by("name", "reference")[:LIST_LIMIT]))


def place_search(*, actor: User, query: str) -> list[PlaceSummary]:
    """Places whose name holds every word of ``query``, or whose postcode or reference it is.

    :raises CapabilityMissing: the actor may not see places
    """
    _require_police(actor, Capability.PLACE_VIEW)
    text = query.strip()
    if not text:
        return []
    by_name = Q()
    for token in name_search_key(text).split():
        by_name &= Q(search_name__contains=token)
    places = Place.objects.annotate(record_count=Count("links", distinct=True)).filter(
        by_name | Q(postcode=normalise_postcode(text)) | Q(reference=text.upper())
    )
    return _summaries(list(places.order_by("name", "reference")[:LIST_LIMIT]))


@dataclass(frozen=True)
class HistoryEntry:
    """One record linked to the place, as the history shows it."""

    link: PlaceLink
    role_label: str
    record: object
    child: Person | None


@dataclass(frozen=True)
class PlaceHistory:
    place: Place
    flags: list[PlaceFlag]
    entries: list[HistoryEntry]
    # Linked records outside the actor's scope (restricted): counted, never shown.
    withheld: int = 0


def _scoped(actor: User, subject_type: str) -> QuerySet[Any]:
    """The records of ``subject_type`` the actor may see (none of an unknown type)."""
    if subject_type == EPISODE_SUBJECT_TYPE:
        return scope_episodes(actor).select_related("child")
    if subject_type == OCCURRENCE_SUBJECT_TYPE:
        return scope_occurrences(actor)
    if subject_type == REFERRAL_SUBJECT_TYPE:
        return scope_referrals(actor).select_related("child")
    if subject_type == CHILD_CONCERN_SUBJECT_TYPE:
        return scope_concerns(actor).select_related("child")
    if subject_type == BUSINESS_CONCERN_SUBJECT_TYPE:
        return BusinessConcern.objects.select_related("matched_child")
    return BusinessConcern.objects.none()


def _visible_records(actor: User, links: list[PlaceLink]) -> dict[tuple[str, UUID], object]:
    """The linked records the actor may see, each by (type, id)."""
    ids: dict[str, set[UUID]] = {}
    for link in links:
        ids.setdefault(link.subject_type, set()).add(link.subject_id)
    found: dict[tuple[str, UUID], object] = {}
    for subject_type, wanted in ids.items():
        for record in _scoped(actor, subject_type).filter(pk__in=wanted):
            found[(subject_type, record.pk)] = record
    return found


def _child_of(record: object) -> Person | None:
    if isinstance(record, BusinessConcern):
        return record.matched_child
    child = getattr(record, "child", None)
    return child if isinstance(child, Person) else None


def place_history(*, actor: User, place_id: UUID, purpose: str) -> PlaceHistory:
    """Everything linked to the place, newest first, with its flags.

    Linked records outside the actor's scope are withheld (counted only). One
    consultation names the place, every record shown and every child they name.

    :raises CapabilityMissing: the actor may not see places
    :raises NotFoundOrForbidden: no such place
    :raises PurposeRequired: no purpose was given
    """
    justification = require_purpose(purpose, what="this place's history")
    _require_police(actor, Capability.PLACE_VIEW)
    place = place_in_scope(actor, place_id)
    links = list(place.links.select_related("linked_by").order_by("-occurred_at", "-created_at"))
    records = _visible_records(actor, links)
    entries: list[HistoryEntry] = []
    withheld: set[tuple[str, UUID]] = set()
    for link in links:
        key = (link.subject_type, link.subject_id)
        record = records.get(key)
        if record is None:
            withheld.add(key)
            continue
        entries.append(
            HistoryEntry(
                link=link,
                role_label=LINK_ROLE_LABELS[LinkRole(link.role)],
                record=record,
                child=_child_of(record),
            )
        )
    history = PlaceHistory(
        place=place,
        flags=list(place.flags.select_related("raised_by", "lowered_by")),
        entries=entries,
        withheld=len(withheld),
    )
    subjects = [Subject.of(place)]
    subjects += [Subject(e.link.subject_type, str(e.link.subject_id)) for e in entries]
    subjects += [Subject.of(e.child) for e in entries if e.child is not None]
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="place.history_consulted",
        subjects=list({(s.type, s.id): s for s in subjects}.values()),
        justification=justification,
        changes={"records": len(entries), "withheld": history.withheld},
    )
    return history


# Business concerns (police) ---------------------------------------------------------


@dataclass(frozen=True)
class ConcernQueueRow:
    concern: BusinessConcern
    clock: StatutoryClock | None


def concern_queue(*, actor: User) -> list[ConcernQueueRow]:
    """Business concerns for triage: open first, urgent first, then oldest first.

    References, places, signs and times, no one's identity: no consultation.

    :raises CapabilityMissing: the actor may not triage business concerns
    """
    _require_police(actor, Capability.BUSINESS_CONCERN_TRIAGE)
    concerns = list(
        BusinessConcern.objects.select_related("place", "organisation")
        .annotate(
            closed_rank=Case(
                When(status=ConcernStatus.RECEIVED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("closed_rank", "-urgent", "submitted_at")[:QUEUE_LIMIT]
    )
    clocks: dict[UUID, StatutoryClock] = {}
    for running in StatutoryClock.objects.filter(
        kind__in=[ON_SITE_CLOCK, TRIAGE_CLOCK], subject_id__in=[c.pk for c in concerns]
    ).order_by("started_at"):
        clocks[running.subject_id] = running
    return [ConcernQueueRow(concern=c, clock=clocks.get(c.pk)) for c in concerns]


@dataclass(frozen=True)
class ConcernRecord:
    concern: BusinessConcern
    place: Place
    assessment: RiskAssessment | None
    clocks: list[ClockWithStatus]
    place_flag: PlaceFlag | None
    earlier_at_place: int = 0
    links: list[PlaceLink] = field(default_factory=list)


def concern_get(*, actor: User, concern_id: UUID, purpose: str) -> ConcernRecord:
    """The whole concern: the report, its place and flag, the grading, the clocks.

    One consultation naming the concern, its place and the matched child.

    :raises NotFoundOrForbidden: no such concern the actor may see (a partner always)
    :raises PurposeRequired: no purpose was given
    """
    justification = require_purpose(purpose)
    concern_in_scope(actor, concern_id)
    concern = BusinessConcern.objects.select_related(
        "place", "organisation", "matched_child", "risk_assessment", "triaged_by"
    ).get(pk=concern_id)
    place = concern.place
    record = ConcernRecord(
        concern=concern,
        place=place,
        assessment=concern.risk_assessment,
        clocks=clock_list_for_subject(subject=Subject.of(concern)),
        place_flag=PlaceFlag.objects.filter(place=place, lowered_at__isnull=True).first(),
        earlier_at_place=place.links.exclude(subject_id=concern.pk)
        .values("subject_type", "subject_id")
        .distinct()
        .count(),
        links=list(PlaceLink.objects.filter(subject_id=concern.pk)),
    )
    subjects = [Subject.of(concern), Subject.of(place)]
    if concern.matched_child is not None:
        subjects.append(Subject.of(concern.matched_child))
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="business_concern.consulted",
        subjects=subjects,
        justification=justification,
    )
    return record


def concern_match_candidates(
    *,
    actor: User,
    concern_id: UUID,
    first_name: str = "",
    surname: str = "",
    estimated_age: int | None = None,
    date_of_birth: dt.date | None = None,
) -> list[EntryMatch]:
    """Known people who may be the concern's young person: the linkage real-time check
    (issue 6) from a name, an age or a date of birth, near the place's postcode.

    The check logs its own consultation naming each person offered.

    :raises CapabilityMissing: the actor may not triage business concerns or search people
    :raises NotFoundOrForbidden: no such concern
    """
    _require_police(actor, Capability.BUSINESS_CONCERN_TRIAGE)
    concern = concern_in_scope(actor, concern_id)
    if not (first_name.strip() or surname.strip()):
        return []
    place = Place.objects.get(pk=concern.place_id)
    record = LinkRecord(
        record_id=f"business-concern-{concern.pk}",
        first_name=first_name.strip(),
        surname=surname.strip(),
        date_of_birth=date_of_birth,
        postcode=place.postcode,
        estimated_age=estimated_age,
        estimated_on=concern.seen_at.astimezone(LONDON).date()
        if estimated_age is not None
        else None,
    )
    return entry_check(actor=actor, record=record)


# Business concerns (the submitting business) --------------------------------------------


@dataclass(frozen=True)
class OwnPlace:
    id: UUID
    name: str


@dataclass(frozen=True)
class SubmittedConcern:
    """What a business sees of its own submission: never a name or a police note."""

    id: UUID
    reference: str
    submitted_at: dt.datetime
    place_name: str
    status: str
    status_label: str


def _require_reporter(actor: User) -> UUID:
    """Return the reporter's organisation.

    :raises CapabilityMissing: the actor cannot submit business concerns
    :raises NotFoundOrForbidden: the actor belongs to no organisation
    """
    require_capability(actor, Capability.BUSINESS_CONCERN_SUBMIT)
    if actor.organisation_id is None:
        raise NotFoundOrForbidden()
    return actor.organisation_id


def places_of_organisation(*, actor: User) -> list[OwnPlace]:
    """The places the reporter's own organisation runs, for the concern form.

    :raises CapabilityMissing: the actor cannot submit business concerns
    """
    organisation_id = _require_reporter(actor)
    rows = (
        Place.objects.filter(organisation_id=organisation_id)
        .order_by("name")
        .values_list("pk", "name")
    )
    return [OwnPlace(id=pk, name=name) for pk, name in rows]


_SUBMITTED_FIELDS = ("pk", "reference", "submitted_at", "place__name", "status")


def _submitted(organisation_id: UUID, concern_id: UUID | None = None) -> list[SubmittedConcern]:
    rows = BusinessConcern.objects.filter(organisation_id=organisation_id)
    if concern_id is not None:
        rows = rows.filter(pk=concern_id)
    # Only these columns are read: nothing else of the concern can leak to the business.
    values = rows.order_by("-submitted_at").values_list(*_SUBMITTED_FIELDS)[:LIST_LIMIT]
    return [
        SubmittedConcern(
            id=pk,
            reference=reference,
            submitted_at=at,
            place_name=place_name,
            status=status,
            status_label=submitter_status(status),
        )
        for pk, reference, at, place_name, status in values
    ]


def concerns_of_organisation(*, actor: User) -> list[SubmittedConcern]:
    """The reporter's own organisation's submissions, newest first: reference, time,
    place and status only. No personal data is returned, so nothing to audit.

    :raises CapabilityMissing: the actor cannot submit business concerns
    """
    return _submitted(_require_reporter(actor))


def submitted_concern_get(*, actor: User, concern_id: UUID) -> SubmittedConcern:
    """One of the reporter's own organisation's submissions, as in the list.

    :raises CapabilityMissing: the actor cannot submit business concerns
    :raises NotFoundOrForbidden: no such concern from the actor's organisation
    """
    rows = _submitted(_require_reporter(actor), concern_id)
    if not rows:
        raise NotFoundOrForbidden()
    return rows[0]


# Engagement ---------------------------------------------------------------------------


def engagement_register(*, actor: User) -> list[BusinessEngagement]:
    """The businesses engaged, newest engagement first, with their contacts.

    One consultation naming each entry (a contact is a person).

    :raises CapabilityMissing: the actor may not see places
    """
    _require_police(actor, Capability.PLACE_VIEW)
    entries = list(
        BusinessEngagement.objects.select_related("organisation", "recorded_by").order_by(
            "-given_on", "organisation__name"
        )[:LIST_LIMIT]
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="business_engagement.consulted",
        subjects=[Subject.of(e) for e in entries],
        justification="Partnership engagement register",
    )
    return entries


def engagement_facts(*, since: dt.datetime, until: dt.datetime) -> EngagementFacts:
    """What the engagement indicator needs for concerns submitted in ``[since, until)``.

    Businesses are those engaged before ``until`` or that sent a concern in the period; a
    concern counts as actioned if triaged before ``until``. Counts only: nothing to audit.
    """
    concerns = list(
        BusinessConcern.objects.filter(submitted_at__gte=since, submitted_at__lt=until)
        .values_list("pk", "organisation_id", "triaged_at")
        .order_by("submitted_at")
    )
    trained = frozenset(
        BusinessEngagement.objects.filter(given_on__lt=until.astimezone(LONDON).date()).values_list(
            "organisation_id", flat=True
        )
    )
    ids = trained | {org for _pk, org, _at in concerns}
    names = dict(
        Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.HOTEL).values_list(
            "pk", "name"
        )
    )
    return EngagementFacts(
        businesses=names,
        concerns=[
            ConcernFacts(
                organisation_id=org,
                actioned=at is not None and at < until,
                subject_id=pk,
            )
            for pk, org, at in concerns
        ],
        trained=trained,
    )


def engagement_indicator_for(*, actor: User, since: dt.datetime) -> EngagementIndicator:
    """The partnership indicator since ``since``: per business, concerns received and
    actioned (counts only).

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    return engagement_indicator(engagement_facts(since=since, until=clock.now()))


# Linking records ----------------------------------------------------------------------

_LINKABLE_TYPES = (
    EPISODE_SUBJECT_TYPE,
    OCCURRENCE_SUBJECT_TYPE,
    REFERRAL_SUBJECT_TYPE,
    CHILD_CONCERN_SUBJECT_TYPE,
    BUSINESS_CONCERN_SUBJECT_TYPE,
)


def record_by_reference(*, actor: User, reference: str) -> tuple[str, UUID] | None:
    """The (subject type, id) of the missing episode, occurrence, referral, child concern
    or business concern with ``reference``, if the actor may see it; None otherwise (a
    record out of scope answers as one that does not exist).

    Only the type and id are returned, nothing of the record: no consultation.

    :raises CapabilityMissing: the actor may not see places
    :raises NotFoundOrForbidden: a partner user
    """
    _require_police(actor, Capability.PLACE_VIEW)
    text = reference.strip().upper()
    if not text or len(text) > 20:
        return None
    for subject_type in _LINKABLE_TYPES:
        found = _scoped(actor, subject_type).filter(reference=text).values_list("pk", flat=True)
        for pk in found[:1]:
            return subject_type, pk
    return None
