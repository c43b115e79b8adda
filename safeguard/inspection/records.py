"""What the inspection pages need to know about the records behind an indicator (issue 9).

Given the ids of records of one kind, one query or two per kind: the reference, when, the
owning team, the children the record is about and the page it opens on. A statutory clock
is described by the record it runs against. Reads personal data (children's ids); the
selector that calls this audits the consultation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any
from uuid import UUID

from django.db.models import Model

from safeguard.child_deaths.models import ChildDeathResponse
from safeguard.clocks.models import StatutoryClock
from safeguard.domestic.models import ChildVictim, DomesticAbuseIncident
from safeguard.missing.models import MissingEpisode
from safeguard.online_abuse.models import ChildAroundSuspect, OnlineReferral
from safeguard.people.models import Person
from safeguard.places.models import BusinessConcern
from safeguard.referrals.models import ChildConcern, Referral


@dataclass(frozen=True)
class Record:
    instance: Model
    reference: str
    when: dt.datetime
    team: str
    child_ids: tuple[UUID, ...]
    url_name: str = ""
    url_kwarg: str = ""
    subject_id: UUID | None = None  # the id the url opens, when not the instance's own


def _team(record: Any) -> str:
    team = record.owning_team
    return team.name if team is not None else ""


def _children_of(model: type[Model], owner: str, ids: list[UUID]) -> dict[UUID, tuple[UUID, ...]]:
    """The children linked to each record through ``model`` (its ``owner`` and ``child``)."""
    found: dict[UUID, list[UUID]] = defaultdict(list)
    rows = model._default_manager.filter(**{f"{owner}_id__in": ids})
    for record_id, child_id in rows.values_list(f"{owner}_id", "child_id"):
        found[record_id].append(child_id)
    return {record_id: tuple(children) for record_id, children in found.items()}


@dataclass(frozen=True)
class Kind:
    """How to describe the records of one model."""

    model: type[Model]
    url_name: str
    url_kwarg: str
    reference: Callable[[Any], str] = attrgetter("reference")
    when: Callable[[Any], dt.datetime] = attrgetter("created_at")
    # The children a record is about: its own field, or rows of a linking model.
    child: Callable[[Any], UUID | None] | None = None
    children_through: tuple[type[Model], str] | None = None
    related: tuple[str, ...] = ("owning_team",)

    def describe(self, ids: list[UUID]) -> dict[UUID, Record]:
        linked = _children_of(*self.children_through, ids) if self.children_through else {}
        found: dict[UUID, Record] = {}
        for record in self.model._default_manager.filter(pk__in=ids).select_related(*self.related):
            own = self.child(record) if self.child else None
            children = (own,) if own is not None else linked.get(record.pk, ())
            found[record.pk] = Record(
                record,
                self.reference(record),
                self.when(record),
                _team(record),
                children,
                self.url_name,
                self.url_kwarg,
            )
        return found


KINDS: dict[str, Kind] = {
    "domestic.domesticabuseincident": Kind(
        DomesticAbuseIncident,
        "domestic:incident-detail",
        "incident_id",
        reference=attrgetter("occurrence.reference"),
        when=attrgetter("occurrence.occurred_at"),
        children_through=(ChildVictim, "incident"),
        related=("occurrence", "owning_team"),
    ),
    "missing.missingepisode": Kind(
        MissingEpisode,
        "missing:episode-detail",
        "episode_id",
        when=attrgetter("last_seen_at"),
        child=attrgetter("child_id"),
    ),
    "online_abuse.onlinereferral": Kind(
        OnlineReferral,
        "online_abuse:referral-detail",
        "referral_id",
        when=attrgetter("received_at"),
        children_through=(ChildAroundSuspect, "referral"),
    ),
    "child_deaths.childdeathresponse": Kind(
        ChildDeathResponse,
        "child_deaths:response-detail",
        "response_id",
        when=attrgetter("reported_at"),
        child=attrgetter("child_id"),
    ),
    # A person is counted for their own record: "their children" is themselves.
    "people.person": Kind(Person, "people:person-detail", "person_id", child=attrgetter("pk")),
    "referrals.childconcern": Kind(
        ChildConcern, "referrals:concern-detail", "concern_id", child=attrgetter("child_id")
    ),
    "referrals.referral": Kind(
        Referral, "referrals:referral-detail", "referral_id", child=attrgetter("child_id")
    ),
    "places.businessconcern": Kind(
        BusinessConcern,
        "places:concern-detail",
        "concern_id",
        when=attrgetter("submitted_at"),
        child=attrgetter("matched_child_id"),
    ),
}


def _clocks(ids: list[UUID]) -> dict[UUID, Record]:
    clocks = list(StatutoryClock.objects.filter(pk__in=ids).select_related("owner_team"))
    by_kind: dict[str, list[UUID]] = defaultdict(list)
    for c in clocks:
        by_kind[c.subject_type].append(UUID(str(c.subject_id)))
    subjects: dict[UUID, Record] = {}
    for kind, subject_ids in by_kind.items():
        if kind in KINDS:
            subjects.update(KINDS[kind].describe(subject_ids))
    found: dict[UUID, Record] = {}
    for c in clocks:
        subject = subjects.get(UUID(str(c.subject_id)))
        found[c.pk] = Record(
            c,
            subject.reference if subject else c.label,
            c.stopped_at or c.due_at,
            c.owner_team.name,
            subject.child_ids if subject else (),
            subject.url_name if subject else "",
            subject.url_kwarg if subject else "",
            subject.instance.pk if subject else None,
        )
    return found


def records_of(kind: str, ids: list[UUID]) -> dict[UUID, Record]:
    """The records of ``kind`` (an audit subject type) with these ids."""
    if kind == "clocks.statutoryclock":
        return _clocks(ids)
    return KINDS[kind].describe(ids)
