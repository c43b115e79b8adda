"""Child-death pages: bad input gets clear errors (never a 500); partners see nothing;
the rota shows gaps in trained cover."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.child_deaths.models import ChildDeathResponse, RotaShift
from safeguard.core.clock import FixedClock, use_clock
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 1, 10, 3, 15, tzinfo=dt.UTC)
CREATE = reverse("child_deaths:response-create")
ROTA = reverse("child_deaths:rota")


@pytest.fixture(autouse=True)
def _clock():
    with use_clock(FixedClock(NOW)):
        yield


def page(response: Any) -> str:
    return str(html.unescape(response.content.decode()))


def _form(reference: str, **changes: str) -> dict[str, Any]:
    form: dict[str, Any] = {
        "child_reference": reference,
        "died_at": "2027-01-10T02:40",
        "reported_at": "2027-01-10T03:10",
        "place": "Home",
        "circumstances": "Found unresponsive (fictional)",
        "criteria": ["SUDDEN_NO_CAUSE"],
    }
    form.update(changes)
    return form


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"died_at": ""}, "Give the time of death"),
        ({"reported_at": "2027-01-10T02:00"}, "The report cannot be before the death"),
        ({"criteria": []}, "Choose the Joint Agency Response criteria"),
        ({"died_at": "not a time"}, "Enter a valid date/time"),
        ({"child_reference": "PER-2026-999999"}, "No person you may see has that reference"),
        ({"circumstances": "<script>alert(1)</script>", "place": ""}, "This field is required"),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_saved(client_for, changes, message: str) -> None:
    client, _ = client_for(Role.RESPONSE_OFFICER)
    child = make_person(
        given_name="Baby", family_name="Fictionaldeath", date_of_birth=dt.date(2026, 9, 1)
    )
    response = client.post(CREATE, _form(child.reference, **changes))
    assert response.status_code == 400
    assert message in page(response)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not ChildDeathResponse.objects.exists()


def test_a_good_report_starts_the_response(client_for) -> None:
    client, _ = client_for(Role.RESPONSE_OFFICER)
    child = make_person(
        given_name="Baby", family_name="Fictionaldeath", date_of_birth=dt.date(2026, 9, 1)
    )
    response = client.post(CREATE, _form(child.reference))
    assert response.status_code == 302
    record = ChildDeathResponse.objects.get()
    body = page(client.get(response["Location"]))
    assert record.reference in body
    assert "No trained officer was on call to ask." in body


@pytest.mark.parametrize(
    "role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER, Role.CARER, Role.SOCIAL_CARE_USER]
)
def test_partners_see_nothing(client_for, role: Role) -> None:
    client, _ = client_for(role)
    for url in (reverse("child_deaths:response-list"), CREATE, ROTA):
        assert client.get(url).status_code == 404


def test_the_rota_shows_gaps_and_refuses_an_overlap(client_for) -> None:
    client, _ = client_for(Role.SUPERVISOR)
    _, detective = client_for(Role.INVESTIGATOR)
    body = page(client.get(ROTA))
    assert "No trained detective" in body
    shift = {
        "form": "shift",
        "officer": detective.username,
        "duty": "DETECTIVE",
        "starts_at": "2027-01-10T08:00",
        "ends_at": "2027-01-10T20:00",
        "rank": "1",
    }
    assert client.post(ROTA, shift).status_code == 302
    overlapping = {**shift, "starts_at": "2027-01-10T19:00", "ends_at": "2027-01-11T02:00"}
    response = client.post(ROTA, overlapping)
    assert response.status_code == 400
    assert "already on call" in page(response)
    assert RotaShift.objects.count() == 1
    training = {
        "form": "training",
        "officer": detective.username,
        "course": "Fictional course",
        "completed_on": "2027-02-01",
        "expires_on": "2027-01-01",
    }
    response = client.post(ROTA, training)
    assert response.status_code == 400
    assert "must expire after it was completed" in page(response)
    assert "has not been completed yet" in page(response)
