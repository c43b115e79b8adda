"""Fictional hotels, places and concerns for tests (never real data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.accounts.models import Organisation, OrganisationKind, Team, User
from safeguard.places.models import Place
from safeguard.places.rules.concern import ConcernInput

NOW = dt.datetime(2026, 11, 27, 23, 30, tzinfo=dt.UTC)


def mash(code: str = "MASH") -> Team:
    team, _ = Team.objects.get_or_create(code=code, defaults={"name": "MASH"})
    return team


def hotel(name: str = "Fictional Station Hotel Ltd") -> Organisation:
    return Organisation.objects.create(name=name, kind=OrganisationKind.HOTEL)


def place_of(
    organisation: Organisation | None,
    recorded_by: User,
    *,
    name: str = "Station Hotel",
    postcode: str = "ST16 2AB",
    kind: str = "HOTEL",
) -> Place:
    """A place created directly (no audit): for tests of what happens there."""
    return Place.objects.create(
        reference=f"PLC-2026-{Place.objects.count() + 900001:06d}",
        kind=kind,
        name=name,
        search_name=name.lower(),
        address_line="1 Imaginary Street",
        town="Stafford",
        postcode=postcode,
        organisation=organisation,
        recorded_by=recorded_by,
    )


def concern_input(**changes: Any) -> ConcernInput:
    values: dict[str, Any] = {
        "indicators": ("NERVOUS_YOUNG_PERSON", "CASH_OR_NO_CARD", "NO_LUGGAGE"),
        "young_person_description": "Girl of about 15, dark hair, school coat",
        "adults_description": "Two men, about 40 and 50",
        "room": "214",
        "booking_details": "Booked at 22:40 tonight, paid cash, one night",
        "seen_at": NOW - dt.timedelta(minutes=15),
        "still_on_site": True,
    }
    values.update(changes)
    return ConcernInput(**values)


def found_episode(
    child: Any,
    recorded_by: User,
    *,
    found_place: str,
    days_ago: int = 10,
    last_seen_place: str = "Home address",
) -> Any:
    """A closed missing episode (created directly, no audit) found at ``found_place``."""
    from safeguard.missing.models import MissingEpisode

    last_seen = NOW - dt.timedelta(days=days_ago)
    return MissingEpisode.objects.create(
        reference=f"MIS-2026-{MissingEpisode.objects.count() + 900001:06d}",
        child=child,
        category="MISSING",
        missing_from="HOME",
        status="FOUND",
        last_seen_at=last_seen,
        last_seen_place=last_seen_place,
        found_at=last_seen + dt.timedelta(hours=20),
        found_place=found_place,
        recorded_by=recorded_by,
    )
