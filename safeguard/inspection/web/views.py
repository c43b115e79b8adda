"""Inspection readiness pages (issue 9): what an inspector would see, any morning."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from safeguard.access.rules.capabilities import Capability
from safeguard.core import clock
from safeguard.core.rules.calendar import LONDON
from safeguard.inspection.rules.trends import bar_chart_svg
from safeguard.inspection.selectors import indicators_by_area
from safeguard.web.views import CapabilityView

PERIODS = {"3": 3, "6": 6, "12": 12}


class DashboardView(CapabilityView):
    """Each area's indicators for the chosen months: a chart and its data table."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        months = PERIODS.get(request.GET.get("months", "12"), 12)
        until = clock.now()
        today = until.astimezone(LONDON).date()
        start = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
        since = dt.datetime.combine(start, dt.time(), tzinfo=LONDON)
        blocks = indicators_by_area(actor=request.user, since=since, until=until)  # type: ignore[arg-type]
        charts = {
            block.area: mark_safe(  # noqa: S308 - bar_chart_svg escapes every text it writes
                bar_chart_svg(
                    block.label,
                    [
                        (v.indicator.title, v.result.value)
                        for v in block.values
                        if v.indicator.kind == "share"
                    ],
                    max_value=1.0,
                )
            )
            for block in blocks
            if any(v.indicator.kind == "share" for v in block.values)
        }
        context = {"blocks": blocks, "charts": charts, "since": start, "months": months}
        return render(request, "inspection/dashboard.html", context)
