"""A hotel user can reach nothing of the police's: every police page and record answers
exactly as a record that does not exist would (issue 10: "same 404 as missing")."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.people.tests.factories import make_person
from safeguard.places.services import concern_submit
from safeguard.places.tests.support import concern_input, place_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(researcher: Any, hotel_b: Any, reporter_b: Any, mash_team: Any) -> dict[str, Any]:
    child = make_person(given_name="Zoë", family_name="Ørsted-Fictional")
    episode_place = place_of(hotel_b, researcher, name="Canal Lodge")
    other = concern_submit(actor=reporter_b, place_id=episode_place.pk, details=concern_input())
    return {"child": child, "place": episode_place, "concern": other}


def _unmasked(body: bytes) -> bytes:
    """The page without its CSRF token, which is masked afresh on every response."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)


def _pages(records: dict[str, Any], id_of: dict[str, Any]) -> list[str]:
    return [
        reverse("people:person-detail", kwargs={"person_id": id_of["child"]}),
        reverse("chronology:chronology", kwargs={"person_id": id_of["child"]}),
        reverse("places:place-detail", kwargs={"place_id": id_of["place"]}),
        reverse("places:concern-detail", kwargs={"concern_id": id_of["concern"]}),
        f"/api/v1/people/{id_of['child']}/?purpose=x",
        f"/api/v1/places/concerns/{id_of['concern']}/",
        f"/api/v1/places/places/{id_of['place']}/history/?purpose=x",
    ]


def test_another_organisation_s_records_look_exactly_like_missing_ones(
    client_for: Any, hotel_a: Any, records: dict[str, Any]
) -> None:
    client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    real = _pages(records, {name: r.pk for name, r in records.items()})
    missing = _pages(records, {name: uuid.uuid4() for name in records})
    before = AuditEvent.objects.count()
    for there, nowhere in zip(real, missing, strict=True):
        seen, unseen = client.get(there), client.get(nowhere)
        assert seen.status_code == unseen.status_code == 404, there
        assert _unmasked(seen.content) == _unmasked(unseen.content), there
    # Nothing about anyone was read, so nothing was logged as read.
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "url",
    [
        "/people/",
        "/missing/",
        "/referrals/",
        "/work/out-of-hours/",
        "/inspection/",
        "/places/",
        "/places/concerns/",
        "/places/engagement/",
        "/online/",
        "/child-deaths/",
    ],
)
def test_police_lists_are_not_found(client_for: Any, hotel_a: Any, url: str) -> None:
    client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    assert client.get(url).status_code == 404


def test_a_unicode_place_name_round_trips(client_for: Any, hotel_a: Any, researcher: Any) -> None:
    place = place_of(hotel_a, researcher, name="Hôtel Ærø — 東京 Inn")
    client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    form = client.get(reverse("places:portal-new")).content.decode()
    assert "Hôtel Ærø — 東京 Inn" in form
    assert str(place.pk) in form
