"""The business portal and the police pages of places (issue 10)."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.core.rules.calendar import LONDON
from safeguard.people.tests.factories import make_person
from safeguard.places.models import BusinessConcern, PlaceLink
from safeguard.places.tests.support import NOW, found_episode, place_of
from safeguard.risk.catalogue import instrument_get

pytestmark = pytest.mark.django_db

PORTAL = reverse("places:portal")
NEW = reverse("places:portal-new")


def _form(place, **changes) -> dict[str, object]:
    seen = (NOW - dt.timedelta(minutes=20)).astimezone(LONDON)
    data: dict[str, object] = {
        "place": str(place.pk),
        "still_on_site": "yes",
        "indicators": ["NERVOUS_YOUNG_PERSON", "CASH_OR_NO_CARD"],
        "seen_on": seen.strftime("%d/%m/%Y"),
        "seen_time": seen.strftime("%H:%M"),
        "young_person_description": "Girl of about 15, school coat",
        "adults_description": "Two men, about 40 and 50",
        "room": "214",
        "booking_details": "Paid cash",
        "other_details": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def hotel_place(hotel_a, researcher):
    return place_of(hotel_a, researcher, name="Station Hotel")


def test_a_still_on_site_concern_is_received_urgent_and_the_status_shows_no_names(
    client_for, hotel_a, hotel_place, mash_team
) -> None:
    client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    response = client.post(NEW, _form(hotel_place))
    assert response.status_code == 302
    concern = BusinessConcern.objects.get()
    assert concern.urgent
    assert StatutoryClock.objects.get(subject_id=concern.pk).urgent
    page = html.unescape(client.get(PORTAL).content.decode())
    assert concern.reference in page
    assert "Girl of about 15" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"indicators": [], "young_person_description": "", "adults_description": ""}, ""),
        ({"seen_on": "01/01/2099"}, "future"),
        ({"young_person_description": "x" * 5000}, "characters or fewer"),
    ],
)
@pytest.mark.usefixtures("mash_team")
def test_bad_concerns_are_refused_clearly_and_nothing_is_recorded(
    client_for, hotel_a, hotel_place, changes, message
) -> None:
    client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    response = client.post(NEW, _form(hotel_place, **changes))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert message in html.unescape(response.content.decode())
    assert not BusinessConcern.objects.exists()


def test_a_5_mb_description_is_a_bad_request_not_a_server_error(
    client_for, hotel_a, hotel_place, mash_team
) -> None:
    client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    response = client.post(NEW, _form(hotel_place, young_person_description="x" * 5_000_000))
    assert response.status_code == 400
    assert not BusinessConcern.objects.exists()


def test_a_script_tag_is_shown_as_text(client_for, hotel_a, hotel_place, mash_team) -> None:
    reporter, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    script = "<script>alert('x')</script>"
    assert reporter.post(NEW, _form(hotel_place, adults_description=script)).status_code == 302
    concern = BusinessConcern.objects.get()
    assert concern.adults_description == script
    police, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
    url = reverse("places:concern-detail", kwargs={"concern_id": concern.pk})
    police.post(url, {"purpose": "Safeguarding enquiry"})
    body = police.get(url).content.decode()
    assert script not in body
    assert "&lt;script&gt;" in body


def test_another_organisation_s_reporter_sees_nothing_of_it(
    client_for, hotel_a, hotel_b, hotel_place, mash_team
) -> None:
    a, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    a.post(NEW, _form(hotel_place))
    concern = BusinessConcern.objects.get()
    b, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_b)
    assert concern.reference not in b.get(PORTAL).content.decode()
    assert b.post(NEW, _form(hotel_place)).status_code == 400  # not one of B's places
    for url in (
        reverse("places:concern-detail", kwargs={"concern_id": concern.pk}),
        reverse("places:concern-queue"),
        reverse("places:place-list"),
        reverse("places:place-detail", kwargs={"place_id": hotel_place.pk}),
    ):
        assert b.get(url).status_code == 404


def test_the_researcher_triages_and_matches_the_child_found_at_the_place(
    client_for, hotel_a, hotel_place, mash_team, researcher
) -> None:
    reporter, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    reporter.post(NEW, _form(hotel_place))
    concern = BusinessConcern.objects.get()
    child = make_person(
        given_name="Amara", family_name="Fictitious", date_of_birth=dt.date(2011, 5, 1)
    )
    episode = found_episode(child, researcher, found_place="Station Hotel, Stafford")
    police, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
    queue = police.get(reverse("places:concern-queue")).content.decode()
    assert concern.reference in queue
    url = reverse("places:concern-detail", kwargs={"concern_id": concern.pk})
    assert "Why are you opening this concern?" in police.get(url).content.decode()
    police.post(url, {"purpose": "Safeguarding enquiry"})
    triage = reverse("places:concern-triage", kwargs={"concern_id": concern.pk})
    answers = {
        f"thrive-{code}": "HIGH"
        for code in ("THREAT", "HARM", "RISK", "INVESTIGATION", "VULNERABILITY", "ENGAGEMENT")
    }
    answers["thrive-instrument_version"] = str(instrument_get("THRIVE").version)
    assert police.post(triage, {**answers, "action_taken": "x"}).status_code == 400
    response = police.post(
        triage,
        {**answers, "child": str(child.pk), "action_taken": "Patrol sent; girl safeguarded."},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.matched_child == child
    assert PlaceLink.objects.filter(place=hotel_place, subject_id=episode.pk).exists()
    place_url = reverse("places:place-detail", kwargs={"place_id": hotel_place.pk})
    police.post(place_url, {"purpose": "Safeguarding enquiry"})
    history = police.get(place_url).content.decode()
    assert concern.reference in history
    assert episode.reference in history
    assert AuditEvent.objects.filter(event_type="business_concern.consulted").exists()
    status = html.unescape(reporter.get(PORTAL).content.decode())
    assert "Amara" not in status
