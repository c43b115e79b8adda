"""The breach of an unanswered referral is seen by its owner, the supervisor and the on-call board."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.clocks.selectors import caseload_by_officer
from safeguard.core.clock import FixedClock, use_clock
from safeguard.referrals.tests.factories import a_referral, social_care

pytestmark = pytest.mark.django_db
FRIDAY = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
TUESDAY = dt.datetime(2026, 12, 1, 3, 10, tzinfo=dt.UTC)  # the decision was due by Monday midnight


class TestUnansweredReferral:
    def test_breach_shows_on_my_work_supervision_and_the_out_of_hours_board(
        self, client_for, make_user, team
    ) -> None:
        researcher_client, researcher = client_for(Role.MASH_RESEARCHER)
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER), researcher, social_care(), at=FRIDAY
            )
            on_time = researcher_client.get(reverse("work:my-work")).content.decode()
        assert "Social care acknowledgement and decision" in on_time
        assert "RUNNING" in on_time
        supervisor_client, supervisor = client_for(Role.SUPERVISOR)
        oncall_client, _ = client_for(Role.ON_CALL_SENIOR_OFFICER)
        with use_clock(FixedClock(TUESDAY)):
            mine = researcher_client.get(reverse("work:my-work")).content.decode()
            breaches = supervisor_client.get(reverse("work:supervision")).content.decode()
            board = oncall_client.get(reverse("work:out-of-hours"))
            caseload = caseload_by_officer(actor=supervisor)
        assert "OVERDUE" in mine
        assert f"/referrals/{referral.pk}/" in breaches
        assert "OVERDUE" in breaches
        assert f"/referrals/{referral.pk}/" in board.content.decode()
        assert board["Refresh"] == "60"
        row = next(c for c in caseload if c.officer.pk == researcher.pk)
        assert (row.running, row.overdue) == (1, 1)

    @pytest.mark.parametrize(
        ("role", "route"),
        [
            (Role.RESPONSE_OFFICER, "work:supervision"),
            (Role.RESPONSE_OFFICER, "work:out-of-hours"),
            (Role.SOCIAL_CARE_USER, "work:my-work"),
            (Role.HOTEL_REPORTER, "work:out-of-hours"),
        ],
    )
    def test_each_page_needs_its_capability(self, client_for, role, route) -> None:
        client, _ = client_for(role)
        assert client.get(reverse(route)).status_code == 404
