"""The demo force's places, engagement register and business concerns (issue 10)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

from safeguard.accounts.models import Organisation, OrganisationKind, User
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.selectors import clock_list_urgent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.demo import names
from safeguard.demo.generator import SIZES, ForceGenerator
from safeguard.demo.places import hotel_plans
from safeguard.missing.models import MissingEpisode
from safeguard.places.models import BusinessConcern, BusinessEngagement, Place, PlaceLink

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def seeded(db: Any) -> None:
    with use_clock(FixedClock(NOW)):
        call_command("seed_demo", size="tiny", seed=1, stdout=io.StringIO(), stderr=io.StringIO())


def _plans(seed: int, size: str = "tiny") -> list[Any]:
    generator = ForceGenerator(seed=seed, size=SIZES[size], today=NOW.date())
    return hotel_plans(generator.setting(), streets=generator.streets, seed=seed, now=NOW)


class TestHotelPlans:
    def test_the_same_seed_gives_the_same_places(self) -> None:
        assert _plans(1) == _plans(1)

    def test_every_hotel_has_an_address_in_its_town_and_two_thirds_are_trained(self) -> None:
        plans = _plans(1, "demo")
        districts = {town: codes for town, codes, _, _ in names.TOWNS}
        for plan in plans:
            assert plan.details.name.endswith(f", {plan.details.town}")
            assert plan.details.address_line
            assert plan.details.postcode.split()[0] in districts[plan.details.town]
            assert plan.recorded_at < NOW - dt.timedelta(days=365)
        trained = [p.trained_at for p in plans if p.trained_at is not None]
        assert len(trained) == round(len(plans) * 2 / 3)
        assert all(NOW - dt.timedelta(days=366) < at < NOW for at in trained)


@pytest.mark.django_db
class TestDemoPlaces:
    def test_every_hotel_has_its_place_recorded_by_the_mash(self, seeded: None) -> None:
        hotels = Organisation.objects.filter(kind=OrganisationKind.HOTEL)
        assert hotels.exists()
        mash = User.objects.get(username="mash")
        for hotel in hotels:
            place = Place.objects.get(organisation=hotel)
            assert (place.kind, place.name, place.recorded_by) == ("HOTEL", hotel.name, mash)
            assert all((place.address_line, place.town, place.postcode))
        assert AuditEvent.objects.filter(event_type="place.recorded").count() == hotels.count()

    def test_engagement_is_recorded_in_the_last_year(self, seeded: None) -> None:
        engagements = BusinessEngagement.objects.all()
        assert engagements.exists()
        for engagement in engagements:
            assert NOW.date() - dt.timedelta(days=366) < engagement.given_on <= NOW.date()
            assert engagement.contact_details.endswith(".example.invalid")

    def test_the_demo_hotel_has_one_actioned_and_one_urgent_received_concern(
        self, seeded: None
    ) -> None:
        hotel_user = User.objects.get(username="hotel")
        assert hotel_user.organisation_id is not None
        concerns = BusinessConcern.objects.filter(
            organisation_id=hotel_user.organisation_id, submitted_by=hotel_user
        )
        assert concerns.count() == 2
        actioned = concerns.get(status="ACTIONED")
        assert not actioned.urgent
        assert actioned.grade
        assert actioned.triaged_by == User.objects.get(username="mash")
        assert actioned.triaged_at is not None
        assert NOW - dt.timedelta(days=28) < actioned.submitted_at < actioned.triaged_at < NOW
        urgent = concerns.get(status="RECEIVED")
        assert urgent.urgent
        assert urgent.still_on_site
        assert NOW - dt.timedelta(days=1) < urgent.submitted_at < NOW
        on_site = StatutoryClock.objects.get(subject_id=urgent.pk)
        assert on_site.urgent
        assert on_site.due_at <= NOW
        assert on_site.stopped_at is None
        with use_clock(FixedClock(NOW)):
            board = clock_list_urgent(actor=User.objects.get(username="oncall"))
        assert on_site.pk in {row.clock.pk for row in board}

    def test_a_missing_episode_found_at_the_demo_hotel_is_linked_to_its_place(
        self, seeded: None
    ) -> None:
        hotel_user = User.objects.get(username="hotel")
        assert hotel_user.organisation_id is not None
        place = Place.objects.get(organisation_id=hotel_user.organisation_id)
        link = PlaceLink.objects.get(place=place, role="FOUND_AT")
        assert link.subject_type == "missing.missingepisode"
        episode = MissingEpisode.objects.get(pk=link.subject_id)
        assert (episode.found_place, episode.found_at) == (place.name, link.occurred_at)
        roles = set(PlaceLink.objects.filter(place=place).values_list("role", flat=True))
        assert roles == {"FOUND_AT", "CONCERN_AT"}
