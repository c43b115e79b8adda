"""The engagement register page and closing a concern from its page (issue 10)."""

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
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.rules.calendar import LONDON
from safeguard.places.models import BusinessConcern, BusinessEngagement, Place
from safeguard.places.selectors import record_by_reference
from safeguard.places.services import concern_submit, concern_triage, engagement_record
from safeguard.places.tests.support import NOW, concern_input

pytestmark = pytest.mark.django_db

ClientFor = Callable[..., tuple[Client, User]]
ENGAGEMENT = reverse("places:engagement")
TODAY = NOW.astimezone(LONDON).date()
ANSWERS = dict.fromkeys(
    ("THREAT", "HARM", "RISK", "INVESTIGATION", "VULNERABILITY", "ENGAGEMENT"), "MEDIUM"
)


def _engagement_data(business: Organisation, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": str(business.pk),
        "training_given": "Makesafe awareness session for night staff",
        "given_on": (TODAY - dt.timedelta(days=3)).isoformat(),
        "contact_name": "Night Manager Fictional",
        "contact_details": "01785 000 001",
        "notes": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def concern(reporter_a: User, place_a: Place, mash_team: Team) -> BusinessConcern:
    return concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())


def _triaged(concern: BusinessConcern, researcher: User) -> BusinessConcern:
    return concern_triage(
        actor=researcher,
        concern_id=concern.pk,
        answers=ANSWERS,
        action_taken="Patrol attended, nobody at risk found",
    )


class TestEngagementPage:
    def test_engagement_is_recorded_and_listed(
        self, client_for: ClientFor, mash_team: Team, hotel_a: Organisation
    ) -> None:
        client, user = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
        page = client.get(ENGAGEMENT)
        assert page.status_code == 200
        assert 'id="engagement-form"' in page.content.decode()
        response = client.post(ENGAGEMENT, _engagement_data(hotel_a))
        assert response.status_code == 302
        assert response["Location"] == ENGAGEMENT
        entry = BusinessEngagement.objects.get()
        assert (entry.organisation, entry.recorded_by) == (hotel_a, user)
        body = html.unescape(client.get(ENGAGEMENT).content.decode())
        assert "Makesafe awareness session for night staff" in body
        assert "Night Manager Fictional" in body
        assert AuditEvent.objects.filter(
            event_type="business_engagement.recorded", operation="collection"
        ).exists()
        assert AuditEvent.objects.filter(
            event_type="business_engagement.consulted", operation="consultation"
        ).exists()

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"given_on": (TODAY + dt.timedelta(days=1)).isoformat()}, "cannot be in the future"),
            ({"training_given": "   "}, "This field is required"),
            ({"contact_name": "x" * 201}, "200 characters or fewer"),
            ({"given_on": ""}, "This field is required"),
            ({"organisation": ""}, "This field is required"),
        ],
    )
    def test_bad_input_is_a_400_with_the_form_again(
        self,
        client_for: ClientFor,
        mash_team: Team,
        hotel_a: Organisation,
        changes: dict[str, object],
        message: str,
    ) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
        response = client.post(ENGAGEMENT, _engagement_data(hotel_a, **changes))
        assert response.status_code == 400
        body = html.unescape(response.content.decode())
        assert "There is a problem" in body
        assert message in body
        assert not BusinessEngagement.objects.exists()

    def test_a_school_is_not_a_business_to_engage(
        self, client_for: ClientFor, mash_team: Team
    ) -> None:
        school = Organisation.objects.create(name="Fictional Academy", kind="SCHOOL")
        client, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
        assert school.name not in client.get(ENGAGEMENT).content.decode()
        assert client.post(ENGAGEMENT, _engagement_data(school)).status_code == 400

    def test_a_viewer_reads_the_register_but_may_not_record(
        self, client_for: ClientFor, hotel_a: Organisation, researcher: User
    ) -> None:
        engagement_record(
            actor=researcher,
            organisation_id=hotel_a.pk,
            training_given="Makesafe awareness",
            given_on=TODAY,
            contact_name="Manager Fictional",
            contact_details="01785 000 002",
        )
        client, _ = client_for(Role.RESPONSE_OFFICER)
        page = client.get(ENGAGEMENT).content.decode()
        assert "Manager Fictional" in page
        assert 'id="engagement-form"' not in page
        assert 'id="engagement-indicator"' not in page  # no INDICATOR_VIEW
        assert client.post(ENGAGEMENT, _engagement_data(hotel_a)).status_code == 404
        assert BusinessEngagement.objects.count() == 1

    def test_a_supervisor_sees_the_indicator_with_no_data_never_0_percent(
        self,
        client_for: ClientFor,
        hotel_a: Organisation,
        hotel_b: Organisation,
        concern: BusinessConcern,
        researcher: User,
    ) -> None:
        # hotel A sent one concern, actioned; hotel B was trained but sent nothing
        with use_clock(FixedClock(NOW + dt.timedelta(minutes=5))):
            _triaged(concern, researcher)
        engagement_record(
            actor=researcher,
            organisation_id=hotel_b.pk,
            training_given="Makesafe awareness",
            given_on=TODAY - dt.timedelta(days=1),
            contact_name="Manager Fictional",
            contact_details="01785 000 002",
        )
        client, _ = client_for(Role.SUPERVISOR)
        with use_clock(FixedClock(NOW + dt.timedelta(minutes=10))):
            body = html.unescape(client.get(ENGAGEMENT).content.decode())
        table = body.split('id="engagement-indicator"')[1].split("</table>")[0]
        row_a = table.split(hotel_a.name)[1].split("</tr>")[0]
        row_b = table.split(hotel_b.name)[1].split("</tr>")[0]
        assert "100%" in row_a
        assert "No data" in row_b
        assert "0%" not in row_b
        assert 'id="engagement-register"' in body

    def test_a_performance_lead_sees_the_indicator_only(
        self, client_for: ClientFor, hotel_a: Organisation, researcher: User
    ) -> None:
        engagement_record(
            actor=researcher,
            organisation_id=hotel_a.pk,
            training_given="Makesafe awareness",
            given_on=TODAY - dt.timedelta(days=1),
            contact_name="Manager Fictional",
            contact_details="01785 000 002",
        )
        client, _ = client_for(Role.PERFORMANCE_LEAD)
        response = client.get(ENGAGEMENT)
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="engagement-indicator"' in body
        assert hotel_a.name in body
        assert "Manager Fictional" not in body  # the register names contacts
        assert 'id="engagement-form"' not in body
        assert client.post(ENGAGEMENT, _engagement_data(hotel_a)).status_code == 404

    def test_a_hotel_reporter_gets_404(self, client_for: ClientFor, hotel_a: Organisation) -> None:
        client, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
        assert client.get(ENGAGEMENT).status_code == 404
        assert client.post(ENGAGEMENT, _engagement_data(hotel_a)).status_code == 404
        assert not BusinessEngagement.objects.exists()


def _close_url(concern: BusinessConcern) -> str:
    return reverse("places:concern-close", kwargs={"concern_id": concern.pk})


def _detail_url(concern: BusinessConcern) -> str:
    return reverse("places:concern-detail", kwargs={"concern_id": concern.pk})


class TestCloseAConcernPage:
    def test_an_actioned_concern_is_closed_from_its_page(
        self,
        client_for: ClientFor,
        mash_team: Team,
        concern: BusinessConcern,
        researcher: User,
        hotel_a: Organisation,
    ) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
        client.post(_detail_url(concern), {"purpose": "Safeguarding enquiry"})
        assert 'id="close-form"' not in client.get(_detail_url(concern)).content.decode()
        _triaged(concern, researcher)
        assert 'id="close-form"' in client.get(_detail_url(concern)).content.decode()
        response = client.post(
            _close_url(concern), {"close-reason": "No further police action needed"}
        )
        assert response.status_code == 302
        assert response["Location"] == _detail_url(concern)
        concern.refresh_from_db()
        assert concern.status == "CLOSED"
        event = AuditEvent.objects.get(event_type="business_concern.closed")
        assert event.operation == "alteration"
        page = client.get(_detail_url(concern)).content.decode()
        assert 'id="close-form"' not in page
        reporter, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
        portal = reporter.get(reverse("places:portal")).content.decode()
        assert "Closed" in portal
        assert "No further police action" not in portal

    @pytest.mark.parametrize("reason", ["", "short"])
    def test_a_bad_reason_is_a_400_on_the_concern_page(
        self,
        client_for: ClientFor,
        mash_team: Team,
        concern: BusinessConcern,
        researcher: User,
        reason: str,
    ) -> None:
        _triaged(concern, researcher)
        client, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
        client.post(_detail_url(concern), {"purpose": "Safeguarding enquiry"})
        response = client.post(_close_url(concern), {"close-reason": reason})
        assert response.status_code == 400
        body = html.unescape(response.content.decode())
        assert "There is a problem" in body
        assert concern.reference in body
        concern.refresh_from_db()
        assert concern.status == "ACTIONED"

    def test_a_concern_still_to_triage_is_not_closed(
        self, client_for: ClientFor, mash_team: Team, concern: BusinessConcern
    ) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
        response = client.post(_close_url(concern), {"close-reason": "No further action needed"})
        assert response.status_code == 400
        concern.refresh_from_db()
        assert concern.status == "RECEIVED"

    def test_partners_and_officers_get_404(
        self,
        client_for: ClientFor,
        concern: BusinessConcern,
        researcher: User,
        hotel_a: Organisation,
    ) -> None:
        _triaged(concern, researcher)
        data = {"close-reason": "No further police action needed"}
        reporter, _ = client_for(Role.HOTEL_REPORTER, organisation=hotel_a)
        assert reporter.post(_close_url(concern), data).status_code == 404
        officer, _ = client_for(Role.RESPONSE_OFFICER)
        assert officer.post(_close_url(concern), data).status_code == 404
        concern.refresh_from_db()
        assert concern.status == "ACTIONED"


def test_a_business_concern_is_found_by_its_reference(
    researcher: User, concern: BusinessConcern
) -> None:
    assert record_by_reference(actor=researcher, reference=concern.reference) == (
        "places.businessconcern",
        concern.pk,
    )
