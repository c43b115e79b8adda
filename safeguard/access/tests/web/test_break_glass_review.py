from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from safeguard.access.models import BreakGlassGrant
from safeguard.access.rules.capabilities import Role
from safeguard.access.selectors import break_glass_list
from safeguard.access.services import break_glass_open
from safeguard.audit.services import Subject
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db
REASON = "Child missing overnight, needed the family history"


class TestBreakGlassReviewPages:
    def test_supervisor_reviews_an_access(self, client_for, make_user) -> None:
        researcher = make_user(Role.MASH_RESEARCHER)
        grant = break_glass_open(
            actor=researcher, subject=Subject("people.person", str(make_person().pk)), reason=REASON
        )
        client, supervisor = client_for(Role.SUPERVISOR)
        listing = client.get(reverse("access:break-glass-list"))
        assert REASON in listing.content.decode()
        url = reverse("access:break-glass-review", kwargs={"grant_id": grant.pk})
        assert client.get(url).status_code == 200
        assert client.post(url, {"outcome": ""}).status_code == 400
        assert (
            client.post(url, {"outcome": "JUSTIFIED", "note": "Proportionate"}).status_code == 302
        )
        grant.refresh_from_db()
        assert grant.reviewed_by_id == supervisor.pk
        again = client.post(url, {"outcome": "NOT_JUSTIFIED"})
        assert again.status_code == 400
        assert "already been reviewed" in again.content.decode()
        assert list(break_glass_list(actor=supervisor)) == []
        assert list(break_glass_list(actor=supervisor, unreviewed_only=False)) == [grant]

    def test_unknown_grant_is_not_found(self, client_for) -> None:
        client, _ = client_for(Role.AUDITOR)
        assert (
            client.get(
                reverse("access:break-glass-review", kwargs={"grant_id": uuid.uuid4()})
            ).status_code
            == 404
        )

    def test_officers_cannot_review(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        assert client.get(reverse("access:break-glass-list")).status_code == 404
        assert not BreakGlassGrant.objects.exists()
