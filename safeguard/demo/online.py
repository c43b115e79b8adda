"""Online child abuse referrals in the demo force (issue 7): a few packages, through the
services, so the queue, a matched household and a breach are there from the first view.

One household's adult has an email the force already holds and the household's IP address
on record; one package names him (graded high, children listed), one names no one known,
and one arrived ten days ago and was graded medium, untouched: a breach in progress.
All names, emails and addresses are synthetic ("example.invalid", documentation IPs).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.accounts.models import User
from safeguard.core.clock import FixedClock, use_clock
from safeguard.online_abuse.models import IpSubscriber, KnownIdentifier
from safeguard.online_abuse.services import referral_grade, referral_receive
from safeguard.people.models import Person, PersonAddress
from safeguard.risk.rules.kirat import KIRAT_V2

ACTOR = "investigator"
DEMO_IP = "198.51.100.77"  # RFC 5737 documentation range: never a real subscriber


def _answers(*yes: str) -> dict[str, str]:
    return {q.code: ("YES" if q.code in yes else "NO") for q in KIRAT_V2.questions}


def _household(today: dt.date) -> tuple[Person, Any] | None:
    """An adult man living with at least one child, found in the planned population."""
    child_born_after = today.replace(year=today.year - 16)
    adult_born_before = today.replace(year=today.year - 25)
    homes = PersonAddress.objects.filter(
        ends_on__isnull=True, person__date_of_birth__gt=child_born_after
    ).values_list("address_id", flat=True)
    adult = (
        PersonAddress.objects.filter(
            ends_on__isnull=True,
            address_id__in=homes[:50],
            person__sex="MALE",
            person__date_of_birth__lt=adult_born_before,
        )
        .select_related("person", "address")
        .order_by("person__reference")
        .first()
    )
    return (adult.person, adult.address) if adult is not None else None


def _package(reference: str, received: dt.datetime, **suspect: Any) -> dict[str, Any]:
    return {
        "format": "safeguard-online-referral/1",
        "source": "NCA_CEOP",
        "reference": reference,
        "platform": "FictionalChat",
        "received_at": received.isoformat(),
        "summary": "Synthetic demo package: an account shared indecent images of children.",
        "suspect": suspect,
    }


def online_demo_write(*, now: dt.datetime, counts: dict[str, int]) -> None:
    actor = User.objects.filter(username=ACTOR).first()
    found = _household(now.date())
    if actor is None or found is None:
        return
    suspect, address = found
    KnownIdentifier.objects.get_or_create(
        person=suspect,
        kind="EMAIL",
        normalised="demo.suspect@example.invalid",
        defaults={"source": "Synthetic earlier occurrence"},
    )
    IpSubscriber.objects.create(
        ip_address=DEMO_IP,
        starts_at=now - dt.timedelta(days=60),
        ends_at=now + dt.timedelta(days=30),
        address=address,
        source="Synthetic communications data return",
    )
    plans = [
        (
            _package(
                "NCA-DEMO-000001",
                now - dt.timedelta(hours=5),
                emails=["Demo.Suspect@example.invalid"],
                ip_addresses=[{"ip": DEMO_IP, "seen_at": (now - dt.timedelta(days=3)).isoformat()}],
            ),
            now - dt.timedelta(hours=4),
            _answers("CHILDREN_IN_HOUSEHOLD"),
        ),
        (
            _package(
                "NCA-DEMO-000002", now - dt.timedelta(hours=2), emails=["unknown@example.invalid"]
            ),
            None,
            None,
        ),
        (
            _package("NCA-DEMO-000003", now - dt.timedelta(days=16), phones=["07700 900999"]),
            now - dt.timedelta(days=15),
            _answers("OTHER_CONVICTIONS"),
        ),
    ]
    for package, graded_at, answers in plans:
        received = dt.datetime.fromisoformat(package["received_at"])
        with use_clock(FixedClock(received + dt.timedelta(minutes=20))):
            referral = referral_receive(actor=actor, data=package)
        if graded_at is not None and answers is not None:
            with use_clock(FixedClock(graded_at)):
                referral_grade(actor=actor, referral_id=referral.pk, answers=answers)
        counts["online referrals"] = counts.get("online referrals", 0) + 1
