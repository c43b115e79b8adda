from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.chronology.tests import factories as f
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.services import person_link_record
from safeguard.people.tests.factories import make_person
from safeguard.web.purposes import SESSION_KEY

pytestmark = pytest.mark.django_db


def url(person_id: object) -> str:
    return reverse("chronology:chronology", kwargs={"person_id": person_id})


def without_csrf(body: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)


def state(client, person_id, purpose="Safeguarding enquiry") -> None:
    session = client.session
    session[SESSION_KEY] = {str(person_id): purpose}
    session.save()


class TestPurpose:
    def test_asks_why_before_showing_anything_then_shows_the_chronology(self, client_for) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER)
        child = make_person(given_name="Zoë", family_name="Ní Bhriain")
        # given no purpose stated: the purpose form, with the reference only
        asked = client.get(url(child.pk))
        assert asked.status_code == 200
        body = asked.content.decode()
        assert "Why are you opening this chronology?" in body
        assert child.reference in body
        assert "Zoë" not in body
        assert not AuditEvent.objects.filter(event_type="chronology.consulted").exists()
        # when a purpose is stated
        stated = client.post(url(child.pk), {"purpose": "Risk assessment", "detail": "MASH-1"})
        assert stated.status_code == 302
        assert stated["Location"] == url(child.pk)
        # then the chronology shows and the consultation carries the purpose
        page = client.get(url(child.pk))
        assert page.status_code == 200
        assert "Zoë Ní Bhriain" in page.content.decode()
        event = AuditEvent.objects.get(event_type="chronology.consulted")
        assert event.justification == "Risk assessment: MASH-1"

    def test_a_purpose_stated_on_the_person_page_is_not_asked_again(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person()
        client.post(
            reverse("people:person-purpose", kwargs={"person_id": child.pk}),
            {"purpose": "Investigation"},
        )
        page = client.get(url(child.pk))
        assert page.status_code == 200
        assert "Timeline, newest first" in page.content.decode()

    def test_an_empty_purpose_shows_the_error_not_a_failure(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person()
        response = client.post(url(child.pk), {"purpose": ""})
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()


class TestPage:
    def test_shows_records_flags_gaps_and_an_accessible_timeline(self, client_for) -> None:
        # given a child with a linked record, a flag, a gap and entries from two apps
        client, user = client_for(Role.MASH_RESEARCHER)
        child = make_person(given_name="Zoë", family_name="Ní Bhriain", looked_after="YES")
        other = make_person(given_name="Zoe", family_name="O'Brien")
        person_link_record(
            actor=user,
            first_id=child.pk,
            second_id=other.pk,
            decision=LinkDecision.SAME,
            reason="same child, checked",
            source=LinkSource.REVIEW,
        )
        episode = f.missing_episode(other, by=user, last_seen_at=f.london(2026, 1, 3, 18))
        f.involve(child, f.occurrence(by=user, at=f.london(2026, 1, 2, 9)))
        state(client, child.pk)
        # when
        page = client.get(url(child.pk))
        # then
        body = page.content.decode()
        assert page.status_code == 200
        assert "Also recorded as: Zoe O&#x27;Brien" in body
        assert child.reference in body
        assert other.reference in body
        assert 'class="govuk-tag govuk-tag--red">Looked after' in body
        assert 'class="govuk-tag govuk-tag--red">Missing now' in body
        assert "The voice of the child is not recorded" in body
        assert "<caption" in body
        assert 'scope="col"' in body
        assert 'scope="row"' in body
        assert reverse("missing:episode-detail", kwargs={"episode_id": episode.pk}) in body
        event = AuditEvent.objects.get(event_type="chronology.consulted")
        assert {s["id"] for s in event.subjects} == {str(child.pk), str(other.pk)}

    def test_says_how_many_linked_records_are_hidden(
        self, client_for, make_user, other_team
    ) -> None:
        client, _ = client_for(Role.MASH_RESEARCHER)
        insider = make_user(Role.MASH_RESEARCHER, user_team=other_team)
        child = make_person()
        restricted = make_person(owning_team=other_team, is_restricted=True)
        person_link_record(
            actor=insider,
            first_id=child.pk,
            second_id=restricted.pk,
            decision=LinkDecision.SAME,
            reason="same child, checked",
            source=LinkSource.REVIEW,
        )
        state(client, child.pk)
        body = client.get(url(child.pk)).content.decode()
        assert "1 linked record you cannot see is left out" in body
        assert restricted.reference not in body

    def test_a_new_record_shows_only_its_creation(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person()
        state(client, child.pk)
        body = client.get(url(child.pk)).content.decode()
        assert "Person record created" in body


class TestRefusals:
    @pytest.mark.parametrize(
        "role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER, Role.SOCIAL_CARE_USER, Role.CARER]
    )
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_partners_get_the_same_404_as_a_missing_id(self, client_for, role, method) -> None:
        client, _ = client_for(role)
        child = make_person()
        send = getattr(client, method)
        real = send(url(child.pk), {"purpose": "Investigation"})
        missing = send(url(uuid.uuid4()), {"purpose": "Investigation"})
        assert real.status_code == missing.status_code == 404
        assert without_csrf(real.content) == without_csrf(missing.content)

    def test_a_restricted_child_answers_like_a_missing_one(self, client_for, other_team) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        restricted = make_person(owning_team=other_team, is_restricted=True)
        state(client, restricted.pk)
        real = client.get(url(restricted.pk))
        state(client, uuid.uuid4())
        missing = client.get(url(uuid.uuid4()))
        assert real.status_code == missing.status_code == 404
        assert without_csrf(real.content) == without_csrf(missing.content)
        unasked = client.get(url(restricted.pk))  # no purpose stated: the prompt path
        assert unasked.status_code == 404
        assert without_csrf(unasked.content) == without_csrf(missing.content)
        posted = client.post(url(restricted.pk), {"purpose": "Investigation"})
        assert posted.status_code == 404
