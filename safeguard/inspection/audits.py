"""Where audited cases come from: each pathway's cases in a period, and its inspection area.

A case is identified by its record and reference only (what the sample needs); an auditor
opens the record itself on its own page, audited there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from safeguard.child_deaths.models import ChildDeathResponse
from safeguard.core.rules.calendar import LONDON
from safeguard.domestic.models import DomesticAbuseIncident
from safeguard.inspection.rules.areas import Area
from safeguard.missing.models import MissingEpisode
from safeguard.online_abuse.models import OnlineReferral
from safeguard.referrals.models import ChildConcern


@dataclass(frozen=True)
class CaseRow:
    subject_type: str
    subject_id: Any
    reference: str
    when: dt.datetime


@dataclass(frozen=True)
class Pathway:
    code: str
    label: str
    area: Area
    cases: Callable[[dt.datetime, dt.datetime], list[CaseRow]]


def _concerns(since: dt.datetime, until: dt.datetime) -> list[CaseRow]:
    rows = ChildConcern.objects.filter(created_at__gte=since, created_at__lt=until)
    return [CaseRow("referrals.childconcern", c.pk, c.reference, c.created_at) for c in rows]


def _domestic(since: dt.datetime, until: dt.datetime) -> list[CaseRow]:
    rows = DomesticAbuseIncident.objects.filter(
        occurrence__occurred_at__gte=since, occurrence__occurred_at__lt=until
    ).select_related("occurrence")
    return [
        CaseRow(
            "domestic.domesticabuseincident", i.pk, i.occurrence.reference, i.occurrence.occurred_at
        )
        for i in rows
    ]


def _missing(since: dt.datetime, until: dt.datetime) -> list[CaseRow]:
    rows = MissingEpisode.objects.filter(last_seen_at__gte=since, last_seen_at__lt=until)
    return [CaseRow("missing.missingepisode", e.pk, e.reference, e.last_seen_at) for e in rows]


def _online(since: dt.datetime, until: dt.datetime) -> list[CaseRow]:
    rows = OnlineReferral.objects.filter(received_at__gte=since, received_at__lt=until)
    return [CaseRow("online_abuse.onlinereferral", r.pk, r.reference, r.received_at) for r in rows]


def _deaths(since: dt.datetime, until: dt.datetime) -> list[CaseRow]:
    rows = ChildDeathResponse.objects.filter(reported_at__gte=since, reported_at__lt=until)
    return [
        CaseRow("child_deaths.childdeathresponse", r.pk, r.reference, r.reported_at) for r in rows
    ]


PATHWAYS: dict[str, Pathway] = {
    p.code: p
    for p in (
        Pathway("CHILD_CONCERN", "Child concerns and referrals", Area.RISK_AND_REFERRAL, _concerns),
        Pathway(
            "DOMESTIC_ABUSE",
            "Domestic abuse incidents with children",
            Area.INITIAL_RESPONSE,
            _domestic,
        ),
        Pathway("MISSING", "Missing children", Area.INITIAL_RESPONSE, _missing),
        Pathway("ONLINE", "Online child abuse referrals", Area.INVESTIGATION, _online),
        Pathway("CHILD_DEATH", "Unexpected child deaths", Area.INVESTIGATION, _deaths),
    )
}


def month_of(when: dt.datetime) -> str:
    return when.astimezone(LONDON).strftime("%Y-%m")
