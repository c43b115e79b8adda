"""Invariant 2: every read of a person's record, web or API, writes a consultation event."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.urls.resolvers import URLPattern

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent, AuditSubject
from safeguard.people.tests.factories import make_person
from safeguard.web.purposes import SESSION_KEY as SESSION_PURPOSES

pytestmark = pytest.mark.django_db


def person_routes() -> list[str]:
    names = []
    for resolver_name, module in (
        ("people", "safeguard.people.web.urls"),
        ("people-api", "safeguard.people.api.urls"),
    ):
        urlconf = __import__(module, fromlist=["urlpatterns"])
        for pattern in urlconf.urlpatterns:
            if isinstance(pattern, URLPattern) and "person_id" in str(pattern.pattern):
                names.append(f"{resolver_name}:{pattern.name}")
    return names


class TestPersonReadsWriteConsultations:
    def test_every_person_route_that_returns_data_logs_a_consultation(self, client_for) -> None:
        client, _user = client_for(Role.SUPERVISOR)
        routes = person_routes()
        assert len(routes) >= 4
        served = 0
        for name in routes:
            person = make_person()
            session = client.session
            session[SESSION_PURPOSES] = {str(person.pk): "Supervision or review"}
            session.save()
            before = AuditEvent.objects.count()
            response = client.get(
                reverse(name, kwargs={"person_id": person.pk}),
                headers={"X-Purpose": "Supervision or review"},
            )
            if response.status_code != 200:
                continue
            if name.endswith("person-purpose"):
                # The purpose prompt shows only the reference number, no personal data.
                continue
            served += 1
            new_consultations = AuditSubject.objects.filter(
                subject_id=str(person.pk),
                event__operation="consultation",
                event__sequence__gt=before,
            )
            assert new_consultations.exists(), f"{name} read a person without a consultation event"
        assert served >= 3

    def test_the_check_would_catch_a_silent_read(self, client_for) -> None:
        # A request that reads nothing writes no consultation: the check above can fail.
        client, _ = client_for(Role.SUPERVISOR)
        person = make_person()
        client.get(reverse("people:person-purpose", kwargs={"person_id": person.pk}))
        assert not AuditSubject.objects.filter(
            subject_id=str(person.pk), event__operation="consultation"
        ).exists()
