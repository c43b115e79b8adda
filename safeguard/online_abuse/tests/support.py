"""Fictional online referral packages and the people around them, for tests (never real data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.online_abuse.models import IpSubscriber, KnownIdentifier
from safeguard.people.models import Address, Person, PersonAddress
from safeguard.people.tests.factories import make_person

RECEIVED = dt.datetime(2026, 11, 20, 9, 15, tzinfo=dt.UTC)
SEEN = dt.datetime(2026, 11, 18, 22, 40, tzinfo=dt.UTC)


def package(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "safeguard-online-referral/1",
        "source": "NCA_CEOP",
        "reference": "NCA-TEST-000001",
        "platform": "FictionalChat",
        "received_at": RECEIVED.isoformat(),
        "summary": "Fictional test package: an account shared indecent images.",
        "suspect": {
            "emails": ["Suspect.Fictional@example.invalid"],
            "ip_addresses": [{"ip": "203.0.113.7", "seen_at": SEEN.isoformat()}],
        },
        "media": [{"md5": "0" * 32}],
    }
    data.update(changes)
    return data


def household() -> tuple[Person, list[Person], Address]:
    """A known adult whose email the force holds, living with two children; the IP's
    subscriber address is theirs."""
    suspect = make_person(
        given_name="Adultfictional",
        family_name="Suspectson",
        date_of_birth=dt.date(1985, 2, 2),
        sex="MALE",
    )
    address = Address.objects.create(line_1="3 Test Lane", town="Stafford", postcode="ST16 1AA")
    children = [
        make_person(given_name=name, family_name="Suspectson", date_of_birth=born)
        for name, born in (("Childone", dt.date(2015, 5, 5)), ("Childtwo", dt.date(2018, 8, 8)))
    ]
    for person in (suspect, *children):
        PersonAddress.objects.create(person=person, address=address, starts_on=dt.date(2020, 1, 1))
    KnownIdentifier.objects.create(
        person=suspect,
        kind="EMAIL",
        normalised="suspect.fictional@example.invalid",
        source="Earlier fictional occurrence",
    )
    IpSubscriber.objects.create(
        ip_address="203.0.113.7",
        starts_at=SEEN - dt.timedelta(days=30),
        ends_at=SEEN + dt.timedelta(days=30),
        address=address,
        source="Fictional communications data return",
    )
    return suspect, children, address
