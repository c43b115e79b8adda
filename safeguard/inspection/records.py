"""What the inspection pages need to know about the records behind an indicator (issue 9).

Given the ids of records of one kind, one query or two per kind: the reference, when, the
owning team, the children the record is about and the page it opens on. A statutory clock
is described by the record it runs against. Reads personal data (children's ids); the
selector that calls this audits the consultation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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


def _children(rows: Iterable[tuple[UUID, UUID]]) -> dict[UUID, tuple[UUID, ...]]:
    found: dict[UUID, list[UUID]] = defaultdict(list)
    for owner, child in rows:
        found[owner].append(child)
    return {owner: tuple(children) for owner, children in found.items()}


def _incidents(ids: list[UUID]) -> dict[UUID, Record]:
    children = _children(
        ChildVictim.objects.filter(incident_id__in=ids).values_list("incident_id", "child_id")
    )
    return {
        i.pk: Record(
            i,
            i.occurrence.reference,
            i.occurrence.occurred_at,
            _team(i),
            children.get(i.pk, ()),
            "domestic:incident-detail",
            "incident_id",
        )
        for i in DomesticAbuseIncident.objects.filter(pk__in=ids).select_related(
            "occurrence", "owning_team"
        )
    }


def _episodes(ids: list[UUID]) -> dict[UUID, Record]:
    return {
        e.pk: Record(
            e,
            e.reference,
            e.last_seen_at,
            _team(e),
            (e.child_id,),
            "missing:episode-detail",
            "episode_id",
        )
        for e in MissingEpisode.objects.filter(pk__in=ids).select_related("owning_team")
    }


def _online(ids: list[UUID]) -> dict[UUID, Record]:
    children = _children(
        ChildAroundSuspect.objects.filter(referral_id__in=ids).values_list(
            "referral_id", "child_id"
        )
    )
    return {
        r.pk: Record(
            r,
            r.reference,
            r.received_at,
            _team(r),
            children.get(r.pk, ()),
            "online_abuse:referral-detail",
            "referral_id",
        )
        for r in OnlineReferral.objects.filter(pk__in=ids).select_related("owning_team")
    }


def _deaths(ids: list[UUID]) -> dict[UUID, Record]:
    return {
        r.pk: Record(
            r,
            r.reference,
            r.reported_at,
            _team(r),
            (r.child_id,),
            "child_deaths:response-detail",
            "response_id",
        )
        for r in ChildDeathResponse.objects.filter(pk__in=ids).select_related("owning_team")
    }


def _people(ids: list[UUID]) -> dict[UUID, Record]:
    return {
        p.pk: Record(
            p,
            p.reference,
            p.created_at,
            _team(p),
            (p.pk,),
            "people:person-detail",
            "person_id",
        )
        for p in Person.objects.filter(pk__in=ids).select_related("owning_team")
    }


def _concerns(ids: list[UUID]) -> dict[UUID, Record]:
    return {
        c.pk: Record(
            c,
            c.reference,
            c.created_at,
            _team(c),
            (c.child_id,),
            "referrals:concern-detail",
            "concern_id",
        )
        for c in ChildConcern.objects.filter(pk__in=ids).select_related("owning_team")
    }


def _referrals(ids: list[UUID]) -> dict[UUID, Record]:
    return {
        r.pk: Record(
            r,
            r.reference,
            r.created_at,
            _team(r),
            (r.child_id,),
            "referrals:referral-detail",
            "referral_id",
        )
        for r in Referral.objects.filter(pk__in=ids).select_related("owning_team")
    }


def _business_concerns(ids: list[UUID]) -> dict[UUID, Record]:
    return {
        c.pk: Record(
            c,
            c.reference,
            c.submitted_at,
            _team(c),
            (c.matched_child_id,) if c.matched_child_id else (),
            "places:concern-detail",
            "concern_id",
        )
        for c in BusinessConcern.objects.filter(pk__in=ids).select_related("owning_team")
    }


KINDS: dict[str, Callable[[list[UUID]], dict[UUID, Record]]] = {
    "domestic.domesticabuseincident": _incidents,
    "missing.missingepisode": _episodes,
    "online_abuse.onlinereferral": _online,
    "child_deaths.childdeathresponse": _deaths,
    "people.person": _people,
    "referrals.childconcern": _concerns,
    "referrals.referral": _referrals,
    "places.businessconcern": _business_concerns,
}


def _clocks(ids: list[UUID]) -> dict[UUID, Record]:
    clocks = list(StatutoryClock.objects.filter(pk__in=ids).select_related("owner_team"))
    by_kind: dict[str, list[UUID]] = defaultdict(list)
    for c in clocks:
        by_kind[c.subject_type].append(UUID(str(c.subject_id)))
    subjects: dict[UUID, Record] = {}
    for kind, subject_ids in by_kind.items():
        if kind in KINDS:
            subjects.update(KINDS[kind](subject_ids))
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


KINDS["clocks.statutoryclock"] = _clocks


def records_of(kind: str, ids: list[UUID]) -> dict[UUID, Record]:
    """The records of ``kind`` (an audit subject type) with these ids."""
    return KINDS[kind](ids)
