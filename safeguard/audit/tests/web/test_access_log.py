from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.people.tests.factories import make_person
from safeguard.web.purposes import SESSION_KEY as SESSION_PURPOSES

pytestmark = pytest.mark.django_db
LOG = reverse("audit:access-log")
EXPORT = reverse("audit:access-log-export")


def consult(client, person, purpose: str) -> None:
    session = client.session
    session[SESSION_PURPOSES] = {str(person.pk): purpose}
    session.save()
    assert (
        client.get(reverse("people:person-detail", kwargs={"person_id": person.pk})).status_code
        == 200
    )


class TestAccessLog:
    def test_answers_who_consulted_this_child_when_and_why(self, client_for) -> None:
        officer_client, officer = client_for(Role.MASH_RESEARCHER)
        child, other = make_person(), make_person()
        consult(officer_client, child, "Risk assessment: MASH-42")
        consult(officer_client, other, "Investigation")
        auditor, _ = client_for(Role.AUDITOR)
        page = auditor.get(LOG, {"subject_id": str(child.pk), "operation": "consultation"})
        body = page.content.decode()
        assert page.status_code == 200
        assert "1 event" in body
        assert "Risk assessment: MASH-42" in body
        assert officer.username in body
        assert "Investigation" not in body

    def test_filters_by_user_and_date(self, client_for) -> None:
        officer_client, officer = client_for(Role.MASH_RESEARCHER)
        consult(officer_client, make_person(), "Safeguarding enquiry")
        auditor, _ = client_for(Role.AUDITOR)
        hit = auditor.get(
            LOG,
            {
                "actor_username": officer.username,
                "occurred_from": "2000-01-01",
                "occurred_to": "2100-01-01",
            },
        )
        miss = auditor.get(LOG, {"actor_username": officer.username, "occurred_to": "2000-01-01"})
        assert "Safeguarding enquiry" in hit.content.decode()
        assert "0 events" in miss.content.decode()

    def test_bad_filters_get_field_errors(self, client_for) -> None:
        auditor, _ = client_for(Role.AUDITOR)
        response = auditor.get(LOG, {"occurred_from": "not-a-date", "operation": "nonsense"})
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()

    @pytest.mark.parametrize("role", [Role.RESPONSE_OFFICER, Role.SCHOOL_DSL, Role.SUPERVISOR])
    def test_only_auditors_see_the_log(self, client_for, role) -> None:
        client, _ = client_for(role)
        assert client.get(LOG).status_code == 404
        assert client.post(EXPORT, {"justification": "x"}).status_code == 404

    def test_csv_export_is_itself_logged_as_a_disclosure(self, client_for) -> None:
        officer_client, _ = client_for(Role.MASH_RESEARCHER)
        child = make_person()
        consult(officer_client, child, "Risk assessment")
        auditor, auditor_user = client_for(Role.AUDITOR)
        response = auditor.post(
            EXPORT, {"subject_id": str(child.pk), "justification": "DPO review 2026-11"}
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:3] == ["sequence", "occurred_at", "actor"]
        assert any("Risk assessment" in row for row in rows[1:])
        disclosure = AuditEvent.objects.get(event_type="audit.access_log_exported")
        assert disclosure.operation == "disclosure"
        assert disclosure.recipients == [auditor_user.username]
        assert disclosure.justification == "DPO review 2026-11"
        assert {"type": "people.person", "id": str(child.pk)} in disclosure.subjects

    def test_export_without_a_justification_is_refused(self, client_for) -> None:
        auditor, _ = client_for(Role.AUDITOR)
        response = auditor.post(EXPORT, {"justification": ""})
        assert response.status_code == 400
        assert not AuditEvent.objects.filter(event_type="audit.access_log_exported").exists()

    def test_api_lists_events_for_auditors(self, client_for) -> None:
        officer_client, _ = client_for(Role.MASH_RESEARCHER)
        child = make_person()
        consult(officer_client, child, "Risk assessment")
        auditor, _ = client_for(Role.AUDITOR)
        response = auditor.get(reverse("audit-api:event-list"), {"subject_id": str(child.pk)})
        assert response.status_code == 200
        assert response.json()[0]["justification"] == "Risk assessment"
        bad = auditor.get(reverse("audit-api:event-list"), {"operation": "nonsense"})
        assert bad.status_code == 400
        assert "operation" in bad.json()["errors"]


class TestActorContext:
    def test_events_record_role_and_team_at_the_time(self, client_for) -> None:
        client, user = client_for(Role.MASH_RESEARCHER)
        consult(client, make_person(), "Risk assessment")
        event = AuditEvent.objects.get(event_type="person.consulted")
        assert event.actor_roles == Role.MASH_RESEARCHER.value
        assert event.actor_team == user.team.name
        assert event.request_id

    def test_partner_events_record_the_organisation(self, make_user) -> None:
        from safeguard.audit.rules.operations import Operation
        from safeguard.audit.services import audit_event_record

        partner = make_user(Role.SCHOOL_DSL)
        event = audit_event_record(
            actor=partner, operation=Operation.COLLECTION, event_type="test.partner"
        )
        assert event.actor_team == partner.organisation.name
