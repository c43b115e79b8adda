from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.chronology.tests import factories as f
from safeguard.core import clock
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def url(person_id: object) -> str:
    return reverse("chronology-api:chronology", kwargs={"person_id": person_id})


class TestChronologyApi:
    def test_returns_records_flags_gaps_and_entries(self, client_for) -> None:
        client, user = client_for(Role.INVESTIGATOR)
        child = make_person(given_name="Zoë", family_name="Ní Bhriain")
        with clock.use_clock(clock.FixedClock(f.london(2026, 5, 12, 9))):
            episode = f.missing_episode(child, by=user, last_seen_at=f.london(2026, 5, 11, 22))
            f.plan(child, starts_on=f.london(2026, 1, 1).date())
            response = client.get(url(child.pk), {"purpose": "Investigation: OP-FICTION"})
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["person"]["full_name"] == "Zoë Ní Bhriain"
        assert [r["reference"] for r in body["records"]] == [child.reference]
        assert body["hidden_count"] == 0
        assert body["flags"]["missing_now"] is True
        assert body["flags"]["on_protection_plan"] is True
        assert {flag["code"] for flag in body["flags_shown"]} == {"PROTECTION_PLAN", "MISSING_NOW"}
        assert isinstance(body["gaps"], list)
        kinds = [e["kind"] for e in body["entries"]]
        assert kinds.index("MISSING_LAST_SEEN") < kinds.index("PROTECTION_PLAN_STARTED")
        first = body["entries"][kinds.index("MISSING_LAST_SEEN")]
        assert first["kind_label"] == "Missing: last seen"
        assert first["occurred_at"] == "2026-05-11T21:00:00Z"
        assert first["occurred_on"] == "2026-05-11"
        assert first["person_reference"] == child.reference
        assert first["url"] == reverse("missing:episode-detail", kwargs={"episode_id": episode.pk})
        plan_entry = next(e for e in body["entries"] if e["kind"] == "PROTECTION_PLAN_STARTED")
        assert plan_entry["occurred_at"] is None
        assert plan_entry["occurred_on"] == "2026-01-01"
        assert plan_entry["url"] is None
        event = AuditEvent.objects.get(event_type="chronology.consulted")
        assert event.justification == "Investigation: OP-FICTION"

    def test_the_purpose_header_is_accepted(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person()
        response = client.get(url(child.pk), headers={"X-Purpose": "Safeguarding enquiry"})
        assert response.status_code == 200

    def test_no_purpose_is_a_field_error(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        response = client.get(url(make_person().pk))
        assert response.status_code == 400
        assert "purpose" in response.json()["errors"]
        assert not AuditEvent.objects.filter(event_type="chronology.consulted").exists()

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER, Role.SOCIAL_CARE_USER])
    def test_partners_get_the_same_404_as_a_missing_id(self, client_for, role) -> None:
        client, _ = client_for(role)
        real = client.get(url(make_person().pk), {"purpose": "Investigation"})
        missing = client.get(url(uuid.uuid4()), {"purpose": "Investigation"})
        assert real.status_code == missing.status_code == 404
        assert real.json() == missing.json()

    def test_a_restricted_child_is_not_found(self, client_for, other_team) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        restricted = make_person(owning_team=other_team, is_restricted=True)
        response = client.get(url(restricted.pk), {"purpose": "Investigation"})
        assert response.status_code == 404
