"""Places and business concerns in the demo force (issue 10), through the places services.

Every hotel partner organisation gets its place (a hotel, run by that organisation, at an
invented address in its town), recorded by the MASH researcher a little over a year ago;
about two thirds of them have had Operation Makesafe training in the last year (the
engagement register). The demo hotel account's place then has a history from the first
view: the missing child the demo found at that hotel is linked to it (found at), one
concern submitted there eleven days ago and triaged by the MASH, and one submitted in the
last hour with the young person still on site, untriaged: its short clock is overdue, so
it is on the out-of-hours board and at the top of the business concerns queue.

Each call runs under ``use_clock(FixedClock(instant))`` at the instant planned for it, as
the missing-children and online referral steps do, so references, clocks and audit events
are what the services write. A force-year load has 60 hotels: 60 ``place_record`` calls and
40 ``engagement_record`` calls, a second or so. All text is synthetic: no names of people,
emails at ``example.invalid``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import User
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.rules.calendar import LONDON
from safeguard.demo import names
from safeguard.demo.generator import CARE_HOME_TOWN, HOTEL, Setting, postcode
from safeguard.missing.models import MissingEpisode
from safeguard.places.models import Place
from safeguard.places.rules.codes import EPISODE_SUBJECT_TYPE, Indicator, LinkRole, PlaceKind
from safeguard.places.rules.concern import ConcernInput
from safeguard.places.rules.places import PlaceInput
from safeguard.places.services import (
    concern_submit,
    concern_triage,
    engagement_record,
    place_link_record,
    place_record,
)

ACTOR = "mash"
REPORTER = "hotel"
# Places were recorded when the force began its Makesafe work, a little over a year ago.
RECORDED_DAYS_AGO = 380
ENGAGED_SHARE = 2 / 3
TRAINING = "Operation Makesafe awareness: reception, housekeeping and night staff"
CONTACT_ROLES = ("Duty manager", "General manager", "Front of house manager", "Night manager")
# The concern the MASH triaged, and when; the one still on site came in this long ago.
TRIAGED_DAYS_AGO = 11
TRIAGE_AFTER = dt.timedelta(hours=2, minutes=10)
ON_SITE_SUBMITTED_AGO = dt.timedelta(minutes=40)
TRIAGE_ANSWERS: Mapping[str, str] = {
    "THREAT": "MEDIUM",
    "HARM": "MEDIUM",
    "RISK": "MEDIUM",
    "INVESTIGATION": "MEDIUM",
    "VULNERABILITY": "HIGH",
    "ENGAGEMENT": "MEDIUM",
}
TRIAGE_ACTION = (
    "Patrol attended the next morning: room empty. CCTV viewed, intelligence submitted and "
    "the hotel reminded how to call 999 while a young person is still on site."
)


@dataclass(frozen=True)
class HotelPlan:
    """One hotel's place and, if it was trained, its engagement record."""

    organisation_id: str
    details: PlaceInput
    recorded_at: dt.datetime
    trained_at: dt.datetime | None
    contact_name: str
    contact_details: str


def _london(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON).astimezone(dt.UTC)


def hotel_plans(
    setting: Setting, *, streets: Sequence[str], seed: int, now: dt.datetime
) -> list[HotelPlan]:
    """Plan a place for every hotel organisation in ``setting``, from a stream of its own
    (so nothing else in the force changes), at an address in the hotel's town."""
    rng = random.Random(f"places:{seed}")
    districts = {town: codes for town, codes, _, _ in names.TOWNS}
    today = now.astimezone(LONDON).date()
    first_day = today - dt.timedelta(days=RECORDED_DAYS_AGO)
    hotels = [o for o in setting.organisations if o.kind == HOTEL]
    trained = set(rng.sample(range(len(hotels)), max(1, round(len(hotels) * ENGAGED_SHARE))))
    plans = []
    for index, hotel in enumerate(hotels):
        town = hotel.town or CARE_HOME_TOWN
        stem = hotel.name.rsplit(", ", 1)[0]
        details = PlaceInput(
            kind=PlaceKind.HOTEL.value,
            name=hotel.name,
            address_line=f"{rng.randint(1, 180)} {rng.choice(streets)}",
            town=town,
            postcode=postcode(rng, districts.get(town, districts[CARE_HOME_TOWN])),
            operator=f"{stem.removeprefix('The ')} Ltd (fictional)",
        )
        trained_at = None
        if index in trained:
            day = today - dt.timedelta(days=rng.randint(7, 350))
            trained_at = _london(day, rng.randint(10, 15), rng.choice((0, 15, 30, 45)))
        slug = re.sub(r"[^a-z0-9]+", "-", hotel.name.lower().removeprefix("the ")).strip("-")
        plans.append(
            HotelPlan(
                organisation_id=hotel.id,
                details=details,
                recorded_at=_london(first_day, 9) + dt.timedelta(minutes=3 * index),
                trained_at=trained_at,
                contact_name=rng.choice(CONTACT_ROLES),
                contact_details=f"reception@{slug}.example.invalid",
            )
        )
    return plans


def places_demo_write(
    *, plans: Sequence[HotelPlan], now: dt.datetime, counts: dict[str, int]
) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=[ACTOR, REPORTER])}
    actor = users.get(ACTOR)
    # A kept, pre-existing "mash" account may be anyone's: only the demo's records places.
    if not plans or actor is None or not has_capability(actor, Capability.PLACE_RECORD):
        return
    places: dict[UUID, Place] = {}
    for plan in plans:
        with use_clock(FixedClock(plan.recorded_at)):
            places[UUID(plan.organisation_id)] = place_record(
                actor=actor, details=plan.details, organisation_id=UUID(plan.organisation_id)
            )
    counts["places"] = len(places)
    engaged = 0
    for plan in plans:
        if plan.trained_at is None:
            continue
        with use_clock(FixedClock(plan.trained_at)):
            engagement_record(
                actor=actor,
                organisation_id=UUID(plan.organisation_id),
                training_given=TRAINING,
                given_on=plan.trained_at.astimezone(LONDON).date(),
                contact_name=plan.contact_name,
                contact_details=plan.contact_details,
                notes="Synthetic demo record.",
            )
        engaged += 1
    counts["business engagements"] = engaged
    reporter = users.get(REPORTER)
    home = None
    if reporter is not None and reporter.organisation_id is not None:
        home = places.get(reporter.organisation_id)
    linked = _link_found_episode(actor, places, prefer=home, now=now)
    counts["place links"] = linked
    if reporter is not None and home is not None:
        counts["business concerns"] = _concerns(actor, reporter, home, now=now)


def _link_found_episode(
    actor: User, places: Mapping[UUID, Place], *, prefer: Place | None, now: dt.datetime
) -> int:
    """Link the latest episode found at a demo hotel (the demo hotel's first) to its place."""
    by_name = {p.name: p for p in places.values()}
    found = MissingEpisode.objects.filter(found_at__isnull=False).order_by("-found_at")
    episode = None
    if prefer is not None:
        episode = found.filter(found_place=prefer.name).first()
    if episode is None:
        episode = found.filter(found_place__in=list(by_name)).first()
    if episode is None or episode.found_at is None:
        return 0
    at = min(episode.found_at + dt.timedelta(days=1), now - dt.timedelta(minutes=1))
    with use_clock(FixedClock(at)):
        place_link_record(
            actor=actor,
            place_id=by_name[episode.found_place].pk,
            subject_type=EPISODE_SUBJECT_TYPE,
            subject_id=episode.pk,
            role=LinkRole.FOUND_AT.value,
            reason="Found here by a patrol called by hotel staff (synthetic demo record)",
        )
    return 1


def _concerns(actor: User, reporter: User, place: Place, *, now: dt.datetime) -> int:
    """Two concerns at the demo hotel: one triaged by the MASH, one still on site now."""
    day = now.astimezone(LONDON).date() - dt.timedelta(days=TRIAGED_DAYS_AGO)
    submitted = _london(day, 22, 5)
    with use_clock(FixedClock(submitted)):
        earlier = concern_submit(
            actor=reporter,
            place_id=place.pk,
            details=ConcernInput(
                indicators=(
                    Indicator.SHORT_NOTICE_BOOKING.value,
                    Indicator.CASH_OR_NO_CARD.value,
                    Indicator.NO_LUGGAGE.value,
                    Indicator.NERVOUS_YOUNG_PERSON.value,
                ),
                young_person_description="Girl, looked about 14 or 15, school-style rucksack",
                adults_description="Man in his thirties, grey tracksuit; did most of the talking",
                room="12",
                booking_details="Booked at the desk at 21:20 for one night, paid cash",
                seen_at=submitted - dt.timedelta(minutes=35),
                still_on_site=False,
            ),
        )
    with use_clock(FixedClock(submitted + TRIAGE_AFTER)):
        concern_triage(
            actor=actor,
            concern_id=earlier.pk,
            answers=TRIAGE_ANSWERS,
            action_taken=TRIAGE_ACTION,
        )
    received = now - ON_SITE_SUBMITTED_AGO
    with use_clock(FixedClock(received)):
        concern_submit(
            actor=reporter,
            place_id=place.pk,
            details=ConcernInput(
                indicators=(
                    Indicator.NERVOUS_YOUNG_PERSON.value,
                    Indicator.MANY_VISITORS.value,
                    Indicator.BEDROOM_ACTIVITY.value,
                ),
                young_person_description="Girl of about 15, dark hair, school coat",
                adults_description="Two men, about 40 and 50; several visitors to the room",
                room="214",
                booking_details="Booked online this afternoon, one night, card refused at desk",
                seen_at=received - dt.timedelta(minutes=15),
                still_on_site=True,
            ),
        )
    return 2
