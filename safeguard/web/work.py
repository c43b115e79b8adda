"""Work pages across every pathway: my work, the supervisor's view, the out-of-hours board.

They read the stored clocks (and risk assessments awaiting review), so they sit in the web
layer above the apps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.child_deaths.selectors import responses_open
from safeguard.clocks.selectors import (
    ClockWithStatus,
    caseload_by_officer,
    clock_list_breached,
    clock_list_for_user,
    clock_list_urgent,
    notification_list_for_user,
)
from safeguard.core import clock
from safeguard.risk.selectors import risk_assessment_list_awaiting_review
from safeguard.web.subjects import subject_url
from safeguard.web.views import CapabilityView

BOARD_REFRESH_SECONDS = 60
# The supervision page shows overdue clocks and breaches of the last four weeks, at most 50.
BREACH_WINDOW = dt.timedelta(days=28)
BREACH_ROWS = 50


@dataclass(frozen=True)
class ClockRow:
    item: ClockWithStatus
    url: str


def _rows(items: list[ClockWithStatus]) -> list[ClockRow]:
    return [
        ClockRow(item=i, url=subject_url(i.clock.subject_type, i.clock.subject_id)) for i in items
    ]


class MyWorkView(CapabilityView):
    required_capability = Capability.WORK_QUEUE_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        actor = acting_user(request)
        context = {
            "rows": _rows(clock_list_for_user(actor=actor)),
            "notifications": notification_list_for_user(actor=actor, unread_only=True, limit=50),
        }
        return render(request, "clocks/my_work.html", context)


class SupervisionView(CapabilityView):
    required_capability = Capability.SUPERVISION_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        actor = acting_user(request)
        approvals = (
            risk_assessment_list_awaiting_review(actor=actor, limit=50)
            if has_capability(actor, Capability.RISK_REVIEW)
            else []
        )
        context = {
            "rows": _rows(
                clock_list_breached(
                    actor=actor, stopped_since=clock.now() - BREACH_WINDOW, limit=BREACH_ROWS
                )
            ),
            "caseload": caseload_by_officer(actor=actor),
            "approvals": [(a, subject_url(a.subject_type, a.subject_id)) for a in approvals],
        }
        return render(request, "clocks/supervision.html", context)


class OutOfHoursBoardView(CapabilityView):
    required_capability = Capability.OUT_OF_HOURS_BOARD_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        actor = acting_user(request)
        rows = _rows(clock_list_urgent(actor=actor))
        # Open child-death responses first, each with its next overdue step (issue 8).
        deaths = (
            responses_open(actor=actor)
            if has_capability(actor, Capability.CHILD_DEATH_VIEW)
            else []
        )
        response = render(request, "clocks/out_of_hours.html", {"rows": rows, "deaths": deaths})
        response["Refresh"] = str(BOARD_REFRESH_SECONDS)
        return response
