"""The auditor's access log: search it, and export it as CSV (the export is itself audited)."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safeguard.access.rules.capabilities import Capability
from safeguard.audit.selectors import ACCESS_LOG_LIMIT, AccessLogQuery, access_log_events
from safeguard.audit.services import access_log_csv_rows
from safeguard.audit.web.forms import AccessLogForm, ExportForm
from safeguard.web.views import CapabilityView


def _query(data: dict[str, object]) -> AccessLogQuery:
    return AccessLogQuery(
        subject_id=str(data.get("subject_id") or ""),
        actor_username=str(data.get("actor_username") or ""),
        operation=str(data.get("operation") or ""),
        occurred_from=data.get("occurred_from"),  # type: ignore[arg-type]
        occurred_to=data.get("occurred_to"),  # type: ignore[arg-type]
    )


class AccessLogView(CapabilityView):
    required_capability = Capability.AUDIT_LOG_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AccessLogForm(request.GET or None)
        events = None
        if form.is_bound and form.is_valid():
            events = list(access_log_events(_query(form.cleaned_data))[:ACCESS_LOG_LIMIT])
        elif not form.is_bound:
            events = list(access_log_events(AccessLogQuery())[:100])
        export_form = ExportForm(initial=request.GET.dict())
        return render(
            request,
            "audit/access_log.html",
            {"form": form, "events": events, "export_form": export_form},
            status=400 if form.errors else 200,
        )


class AccessLogExportView(CapabilityView):
    required_capability = Capability.AUDIT_LOG_EXPORT

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ExportForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "audit/access_log.html",
                {"form": AccessLogForm(), "events": None, "export_form": form},
                status=400,
            )
        events = access_log_events(_query(form.cleaned_data))[:50_000]
        rows = access_log_csv_rows(
            actor=request.user,  # type: ignore[arg-type]
            events=events,
            justification=form.cleaned_data["justification"],
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="access-log.csv"'
        csv.writer(response).writerows(rows)
        return response
