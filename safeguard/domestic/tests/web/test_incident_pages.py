from __future__ import annotations

import re

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.domestic.models import DomesticAbuseIncident, EncompassNotification
from safeguard.domestic.services import da_incident_record, encompass_dispatch
from safeguard.domestic.tests.factories import a_school, details, household, london, new_child_row

pytestmark = pytest.mark.django_db


def base_form(parties, **extra):
    data = {
        "idempotency_key": "web-form-1",
        "occurred_at": "2026-11-20T23:40",
        "location": "Living room",
        "postcode": "ST16 9ZZ",
        "victim_reference": parties["victim"].reference,
        "suspect_reference": parties["suspect"].reference,
        "relationship": "INTIMATE_PARTNER",
        "narrative": "He shouted at her. Her son aged 7 was asleep upstairs.",
        "circumstances_for_school": "Police attended an argument at home late at night.",
        "children-TOTAL_FORMS": "0",
        "children-INITIAL_FORMS": "0",
        "action": "submit",
    }
    data.update(extra)
    return data


def child_fields(school, index=0):
    p = f"children-{index}-"
    return {
        p + "given_name": "Oskar",
        p + "family_name": "Wiśniewski-Fictional",
        p + "date_of_birth": "2019-03-03",
        p + "related_to": "VICTIM",
        p + "present": "yes",
        p + "where_present": "Asleep upstairs",
        p + "heard": "on",
        p + "education_setting": str(school.pk),
        p + "seen": "yes",
        p + "spoken_to": "no",
        p + "behaviour_and_demeanour": "Sleepy, calm",
        p + "reason_not_seen_or_spoken_to": "Asleep; not woken",
    }


class TestRecordingPage:
    def test_the_narrative_child_must_be_dealt_with_before_submitting(self, client_for) -> None:
        school = a_school()
        officer, _ = client_for(Role.RESPONSE_OFFICER)
        parties = household()
        url = reverse("domestic:incident-create")
        assert officer.get(url).status_code == 200
        blocked = officer.post(url, base_form(parties))
        assert blocked.status_code == 400
        body = blocked.content.decode()
        assert "still to deal with" in body
        assert "son aged 7" in body
        assert not DomesticAbuseIncident.objects.exists()
        # The officer adds the child; the page keeps what was typed.
        added = officer.post(url, base_form(parties, action="add_child"))
        assert added.status_code == 200
        assert 'name="children-TOTAL_FORMS" value="1"' in added.content.decode()
        assert "He shouted at her." in added.content.decode()
        found = re.search(r'name="detected-0-key" value="([^"]+)"', body)
        assert found is not None
        key = found.group(1)
        data = base_form(
            parties,
            **child_fields(school),
            **{"children-TOTAL_FORMS": "1", "detected-0-key": key, "detected-0-children": "0"},
        )
        done = officer.post(url, data)
        assert done.status_code == 302, done.content.decode()[:3000]
        incident = DomesticAbuseIncident.objects.get()
        page = officer.get(done["Location"]).content.decode()
        assert "Oskar Wiśniewski-Fictional" in page
        assert "Victim in their own right" in page
        notification = EncompassNotification.objects.get(incident=incident)
        assert notification.reference in page
        # A second submission of the same form records nothing new.
        again = officer.post(url, data)
        assert again.status_code == 302
        assert DomesticAbuseIncident.objects.count() == 1

    def test_bad_dates_give_a_clear_error_and_keep_the_input(self, client_for) -> None:
        officer, _ = client_for(Role.RESPONSE_OFFICER)
        parties = household()
        response = officer.post(
            reverse("domestic:incident-create"), base_form(parties, occurred_at="not a date")
        )
        assert response.status_code == 400
        assert "Enter a valid date/time" in response.content.decode()
        assert "He shouted at her." in response.content.decode()

    def test_a_partner_cannot_open_the_form_or_an_incident(self, client_for, make_user) -> None:
        dsl, _ = client_for(Role.SCHOOL_DSL)
        assert dsl.get(reverse("domestic:incident-create")).status_code == 404
        officer = make_user(Role.RESPONSE_OFFICER)
        with use_clock(FixedClock(london(2026, 11, 21, 0, 5))):
            incident = da_incident_record(
                actor=officer,
                details=details(household(), occurred_at=london(2026, 11, 20, 23, 40)),
                children=[],
                choices={},
            )
        url = reverse("domestic:incident-detail", kwargs={"incident_id": incident.pk})
        assert dsl.get(url).status_code == 404


class TestSchoolPortalPages:
    def test_the_dsl_reads_and_acknowledges_and_another_school_gets_404(
        self, client_for, make_user
    ) -> None:
        school = a_school()
        officer = make_user(Role.RESPONSE_OFFICER)
        with use_clock(FixedClock(london(2026, 11, 21, 0, 5))):
            incident = da_incident_record(
                actor=officer,
                details=details(household(), occurred_at=london(2026, 11, 20, 23, 40)),
                children=[new_child_row(school)],
                choices={},
            )
            encompass_dispatch(now=london(2026, 11, 21, 0, 5))
        notification = EncompassNotification.objects.get(incident=incident)
        dsl, _ = client_for(Role.SCHOOL_DSL, organisation=school)
        other, _ = client_for(Role.SCHOOL_DSL, organisation=a_school("Elsewhere Fictional School"))
        inbox = dsl.get(reverse("domestic:encompass-inbox")).content.decode()
        assert notification.reference in inbox
        assert (
            notification.reference
            not in other.get(reverse("domestic:encompass-inbox")).content.decode()
        )
        url = reverse("domestic:notification-detail", kwargs={"notification_id": notification.pk})
        assert "Zoë Ní Fhictional" in dsl.get(url).content.decode()
        assert other.get(url).status_code == 404
        ack = reverse(
            "domestic:notification-acknowledge", kwargs={"notification_id": notification.pk}
        )
        assert other.post(ack).status_code == 404
        assert dsl.post(ack).status_code == 302
        notification.refresh_from_db()
        assert notification.status == "ACKNOWLEDGED"
        # The DSL cannot reach police pages.
        assert dsl.get(reverse("domestic:encompass-queue")).status_code == 404
        assert dsl.get(reverse("domestic:incident-list")).status_code == 404

    def test_police_send_on_demand_from_the_queue(self, client_for, make_user) -> None:
        school = a_school()
        officer, user = client_for(Role.MASH_RESEARCHER)
        with use_clock(FixedClock(london(2026, 11, 21, 0, 5))):
            incident = da_incident_record(
                actor=user,
                details=details(household(), occurred_at=london(2026, 11, 20, 23, 40)),
                children=[new_child_row(school)],
                choices={},
            )
        notification = EncompassNotification.objects.get(incident=incident)
        queue = officer.get(reverse("domestic:encompass-queue")).content.decode()
        assert notification.reference in queue
        send = reverse("domestic:notification-send", kwargs={"notification_id": notification.pk})
        response = officer.post(send, {"delay_reason": "Recorded late after a busy night shift"})
        assert response.status_code == 302
        notification.refresh_from_db()
        assert notification.status == "SENT"


class TestAssessmentPages:
    def test_dash_page_flags_marac_and_child_risk_shows_on_the_incident(self, client_for) -> None:
        from safeguard.domestic.models import ChildVictim
        from safeguard.risk.rules.da_child import INDICATORS_V1
        from safeguard.risk.rules.dash import SCORED_V1

        officer, user = client_for(Role.RESPONSE_OFFICER)
        with use_clock(FixedClock(london(2026, 11, 21, 0, 5))):
            incident = da_incident_record(
                actor=user,
                details=details(household(), occurred_at=london(2026, 11, 20, 23, 40)),
                children=[new_child_row(a_school())],
                choices={},
            )
        dash = reverse(
            "domestic:incident-assess", kwargs={"incident_id": incident.pk, "code": "DASH"}
        )
        assert officer.get(dash).status_code == 200
        half = {"instrument_version": "1", **dict.fromkeys(SCORED_V1[:5], "YES")}
        assert officer.post(dash, half).status_code == 400
        full = {
            "instrument_version": "1",
            **{c: ("YES" if i < 14 else "NO") for i, c in enumerate(SCORED_V1)},
        }
        done = officer.post(dash, full)
        assert done.status_code == 302
        purpose = reverse("domestic:incident-purpose", kwargs={"incident_id": incident.pk})
        assert officer.post(purpose, {"purpose": "Risk assessment"}).status_code == 302
        page = officer.get(done["Location"]).content.decode()
        assert "MARAC referral criteria met" in page
        unknown = reverse(
            "domestic:incident-assess", kwargs={"incident_id": incident.pk, "code": "NOPE"}
        )
        assert officer.get(unknown).status_code == 404
        victim = ChildVictim.objects.get(incident=incident)
        child = reverse(
            "domestic:child-assess", kwargs={"incident_id": incident.pk, "victim_id": victim.pk}
        )
        answers = {
            "instrument_version": "1",
            **dict.fromkeys(INDICATORS_V1, "NO"),
            "UNDER_ONE_OR_UNBORN": "YES",
        }
        assert officer.post(child, answers).status_code == 302
        assert "Medium" in officer.get(done["Location"]).content.decode()
