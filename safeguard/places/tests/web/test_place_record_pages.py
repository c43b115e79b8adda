"""Recording a place, flagging it and linking records to it from its page (issue 10)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, Team, User
from safeguard.audit.models import AuditEvent
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON
from safeguard.people.tests.factories import make_person
from safeguard.places.models import Place, PlaceFlag, PlaceLink
from safeguard.places.selectors import record_by_reference
from safeguard.places.tests.support import NOW, found_episode

pytestmark = pytest.mark.django_db

ClientFor = Callable[..., tuple[Client, User]]
NEW = reverse("places:place-new")
TODAY = NOW.astimezone(LONDON).date()


def _place_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "HOTEL",
        "name": "Riverside Inn",
        "address_line": "3 Imaginary Road",
        "town": "Stafford",
        "postcode": "st16 9zz",
        "operator": "Fictional Inns Ltd",
        "organisation": "",
    }
    data.update(changes)
    return data


def _url(name: str, place: Place) -> str:
    return reverse(f"places:{name}", kwargs={"place_id": place.pk})


@pytest.fixture
def police(client_for: ClientFor, mash_team: Team) -> tuple[Client, User]:
    return client_for(Role.MASH_RESEARCHER, user_team=mash_team)


def _opened(client: Client, place: Place) -> Client:
    client.post(_url("place-detail", place), {"purpose": "Safeguarding enquiry"})
    return client


class TestRecordAPlace:
    def test_the_place_is_recorded_and_opens_directly(
        self, police: tuple[Client, User], hotel_a: Organisation
    ) -> None:
        client, user = police
        response = client.post(NEW, _place_data(organisation=str(hotel_a.pk)))
        place = Place.objects.get(name="Riverside Inn")
        assert response.status_code == 302
        assert response["Location"] == _url("place-detail", place)
        assert (place.postcode, place.organisation, place.recorded_by) == (
            "ST16 9ZZ",
            hotel_a,
            user,
        )
        page = client.get(response["Location"])
        assert page.status_code == 200
        body = page.content.decode()
        assert "Riverside Inn" in body
        assert "Why are you opening" not in body
        assert AuditEvent.objects.filter(
            event_type="place.recorded", operation="collection"
        ).exists()
        consulted = AuditEvent.objects.get(event_type="place.history_consulted")
        assert consulted.justification == "Recording this place"

    def test_the_form_offers_business_partners_only(
        self, police: tuple[Client, User], hotel_a: Organisation
    ) -> None:
        school = Organisation.objects.create(name="Fictional Academy", kind="SCHOOL")
        client, _ = police
        body = client.get(NEW).content.decode()
        assert hotel_a.name in body
        assert school.name not in body
        response = client.post(NEW, _place_data(organisation=str(school.pk)))
        assert response.status_code == 400
        assert not Place.objects.filter(name="Riverside Inn").exists()

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"name": "   "}, "Give the place a name"),
            ({"kind": ""}, "This field is required"),
            ({"kind": "CASTLE"}, "Select a valid choice"),
            ({"postcode": "X" * 11}, "10 characters or fewer"),
            ({"name": "<script>alert(1)</script>" + "x" * 300}, "200 characters or fewer"),
        ],
    )
    def test_bad_input_is_a_400_with_the_form_again(
        self, police: tuple[Client, User], changes: dict[str, object], message: str
    ) -> None:
        client, _ = police
        response = client.post(NEW, _place_data(**changes))
        assert response.status_code == 400
        body = html.unescape(response.content.decode())
        assert "There is a problem" in body
        assert message in body
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert not Place.objects.exists()

    def test_an_officer_who_only_views_places_may_not_record_one(
        self, client_for: ClientFor
    ) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        assert client.get(NEW).status_code == 404
        assert client.post(NEW, _place_data()).status_code == 404
        listing = client.get(reverse("places:place-list")).content.decode()
        assert NEW not in listing

    def test_the_places_list_links_to_the_new_pages(self, police: tuple[Client, User]) -> None:
        client, _ = police
        listing = client.get(reverse("places:place-list")).content.decode()
        assert NEW in listing
        assert reverse("places:engagement") in listing


class TestFlagAPlace:
    def test_flag_then_lower(self, police: tuple[Client, User], place_a: Place) -> None:
        client = _opened(police[0], place_a)
        review = (TODAY + dt.timedelta(days=30)).isoformat()
        response = client.post(
            _url("place-flag", place_a),
            {"flag-reason": "Repeated sightings of missing children", "flag-review_on": review},
        )
        assert response.status_code == 302
        assert response["Location"] == _url("place-detail", place_a)
        flag = PlaceFlag.objects.get(place=place_a)
        assert flag.review_on.isoformat() == review
        page = client.get(_url("place-detail", place_a)).content.decode()
        assert "Repeated sightings of missing children" in page
        assert 'id="flag-lower-form"' in page
        response = client.post(
            _url("place-flag-lower", place_a), {"lower-reason": "Premises under new management"}
        )
        assert response.status_code == 302
        flag.refresh_from_db()
        assert flag.lowered_reason == "Premises under new management"
        events = AuditEvent.objects.filter(operation="alteration").values_list(
            "event_type", flat=True
        )
        assert set(events) >= {"place.flagged", "place.flag_lowered"}
        assert 'id="flag-form"' in client.get(_url("place-detail", place_a)).content.decode()

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"flag-reason": "", "flag-review_on": "2026-12-30"}, "This field is required"),
            ({"flag-reason": "Too short", "flag-review_on": "2026-12-30"}, "at least 10"),
            (
                {"flag-reason": "Repeated sightings here", "flag-review_on": TODAY.isoformat()},
                "after today",
            ),
            ({"flag-reason": "Repeated sightings here", "flag-review_on": "soon"}, "valid date"),
        ],
    )
    def test_a_bad_flag_shows_the_place_again_with_a_400(
        self, police: tuple[Client, User], place_a: Place, data: dict[str, str], message: str
    ) -> None:
        client = _opened(police[0], place_a)
        response = client.post(_url("place-flag", place_a), data)
        assert response.status_code == 400
        body = html.unescape(response.content.decode())
        assert "There is a problem" in body
        assert message in body
        assert "Station Hotel" in body
        assert not PlaceFlag.objects.exists()

    def test_lowering_without_a_flag_or_a_reason_is_a_400(
        self, police: tuple[Client, User], place_a: Place
    ) -> None:
        client = _opened(police[0], place_a)
        response = client.post(_url("place-flag-lower", place_a), {"lower-reason": "x"})
        assert response.status_code == 400
        body = html.unescape(response.content.decode())
        assert "no flag up" in body
        assert "at least 10" in body

    def test_a_viewer_sees_no_forms_and_may_not_post(
        self, client_for: ClientFor, place_a: Place
    ) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        page = _opened(client, place_a).get(_url("place-detail", place_a)).content.decode()
        assert "Station Hotel" in page
        assert 'id="flag-form"' not in page
        assert 'id="link-form"' not in page
        data = {"flag-reason": "Repeated sightings here", "flag-review_on": "2026-12-30"}
        assert client.post(_url("place-flag", place_a), data).status_code == 404
        assert not PlaceFlag.objects.exists()


class TestLinkARecord:
    def test_a_missing_episode_is_linked_by_its_reference(
        self, police: tuple[Client, User], place_a: Place, researcher: User
    ) -> None:
        episode = found_episode(make_person(), researcher, found_place="Station Hotel")
        client = _opened(police[0], place_a)
        response = client.post(
            _url("place-link", place_a),
            {
                "link-reference": f" {episode.reference.lower()} ",
                "link-role": "FOUND_AT",
                "link-reason": "Found in room 12 by the night manager",
            },
        )
        assert response.status_code == 302
        link = PlaceLink.objects.get(place=place_a)
        assert (link.subject_type, link.subject_id, link.role) == (
            "missing.missingepisode",
            episode.pk,
            "FOUND_AT",
        )
        assert AuditEvent.objects.filter(
            event_type="place.linked", operation="combination"
        ).exists()
        assert episode.reference in client.get(_url("place-detail", place_a)).content.decode()

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"link-reference": "MIS-2026-999999"}, "No missing episode, occurrence"),
            ({"link-role": "INCIDENT_AT"}, "For this record choose one of"),
            ({"link-reason": "short"}, "at least 10"),
            ({"link-reference": ""}, "This field is required"),
        ],
    )
    def test_bad_links_show_the_place_again_with_a_400(
        self,
        police: tuple[Client, User],
        place_a: Place,
        researcher: User,
        data: dict[str, str],
        message: str,
    ) -> None:
        episode = found_episode(make_person(), researcher, found_place="Station Hotel")
        client = _opened(police[0], place_a)
        form = {
            "link-reference": episode.reference,
            "link-role": "FOUND_AT",
            "link-reason": "Found in room 12 by the night manager",
        }
        response = client.post(_url("place-link", place_a), {**form, **data})
        assert response.status_code == 400
        body = html.unescape(response.content.decode())
        assert "There is a problem" in body
        assert message in body
        assert not PlaceLink.objects.exists()

    def test_the_same_link_twice_is_refused(
        self, police: tuple[Client, User], place_a: Place, researcher: User
    ) -> None:
        episode = found_episode(make_person(), researcher, found_place="Station Hotel")
        client = _opened(police[0], place_a)
        form = {
            "link-reference": episode.reference,
            "link-role": "FOUND_AT",
            "link-reason": "Found in room 12 by the night manager",
        }
        assert client.post(_url("place-link", place_a), form).status_code == 302
        response = client.post(_url("place-link", place_a), form)
        assert response.status_code == 400
        assert "already linked" in html.unescape(response.content.decode())


class TestRecordByReference:
    def test_finds_an_episode_and_a_business_concern_by_reference(
        self, researcher: User, place_a: Place
    ) -> None:
        episode = found_episode(make_person(), researcher, found_place="Station Hotel")
        assert record_by_reference(actor=researcher, reference=episode.reference) == (
            "missing.missingepisode",
            episode.pk,
        )
        assert record_by_reference(actor=researcher, reference="MKS-2026-000001") is None
        assert record_by_reference(actor=researcher, reference="") is None
        assert record_by_reference(actor=researcher, reference="x" * 500) is None

    def test_a_partner_is_refused(self, reporter_a: User) -> None:
        with pytest.raises((CapabilityMissing, NotFoundOrForbidden)):
            record_by_reference(actor=reporter_a, reference="MIS-2026-000001")


def test_a_hotel_reporter_gets_404_on_every_new_place_page(
    client_for: ClientFor, hotel_a: Organisation, place_a: Place
) -> None:
    client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, _place_data()).status_code == 404
    for name, data in (
        ("place-flag", {"flag-reason": "Repeated sightings", "flag-review_on": "2026-12-30"}),
        ("place-flag-lower", {"lower-reason": "Premises under new management"}),
        ("place-link", {"link-reference": "MIS-2026-000001", "link-role": "FOUND_AT"}),
    ):
        assert client.post(_url(name, place_a), data).status_code == 404
        assert client.get(_url(name, place_a)).status_code in {404, 405}
    assert not Place.objects.exclude(pk=place_a.pk).exists()
    assert not PlaceFlag.objects.exists()
