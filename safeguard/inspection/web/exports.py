"""Every table of the inspection pages as CSV (issue 9 item 5).

Tables of counts (indicators, breakdowns, trends, self-assessment, the action plan, audit
results) carry no personal data about anyone the police deal with and are not audited. A
table that names records about people (the records behind an indicator, an audit's cases)
needs a purpose and is logged as a disclosure of every record in it (DPA 2018 s.62).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse

from safeguard.access.rules.capabilities import Capability
from safeguard.core import clock
from safeguard.core.rules.calendar import LONDON
from safeguard.core.rules.indicators import Share
from safeguard.inspection.indicators import INDICATORS
from safeguard.inspection.rules.areas import AREA_LABELS, AUDIT_GRADE_LABELS, Area
from safeguard.inspection.rules.breakdowns import Dimension
from safeguard.inspection.selectors import (
    action_plan,
    case_audit_export,
    case_audit_get,
    case_audits,
    indicator_breakdowns,
    indicator_drill_down,
    indicator_trends,
    indicators_by_area,
    self_assessments_latest,
)
from safeguard.inspection.web.views import chosen_period
from safeguard.web.purposes import PurposeForm
from safeguard.web.views import CapabilityView

PURPOSE_NEEDED = (
    "This file names records about people, so downloading it is logged as a disclosure with "
    "your reason. Open the page, choose why you need the records, then download again."
)


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _share_cells(share: Share | None) -> list[Any]:
    if share is None or share.value is None:
        return ["" if share is None else share.numerator, "" if share is None else 0, ""]
    return [share.numerator, share.denominator, round(share.value, 4)]


def _purpose(request: HttpRequest) -> str | None:
    form = PurposeForm(request.GET)
    return form.purpose_text() if form.is_valid() else None


def _refused() -> HttpResponse:
    return HttpResponse(PURPOSE_NEEDED, status=400, content_type="text/plain; charset=utf-8")


class IndicatorsCsvView(CapabilityView):
    """Every indicator for the chosen months, by area: counts only."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        months, start, since, until = chosen_period(request)
        blocks = indicators_by_area(actor=request.user, since=since, until=until)  # type: ignore[arg-type]
        return csv_response(
            f"indicators-{start:%Y-%m}-{months}m.csv",
            [
                "area",
                "code",
                "indicator",
                "numerator",
                "denominator",
                "value",
                "definition",
                "source",
            ],
            (
                [
                    block.label,
                    v.indicator.code,
                    v.indicator.title,
                    v.result.share.numerator if v.result.share else "",
                    v.result.share.denominator if v.result.share else "",
                    "" if v.result.value is None else v.result.value,
                    v.indicator.definition,
                    v.indicator.source,
                ]
                for block in blocks
                for v in block.values
            ),
        )


class BreakdownCsvView(CapabilityView):
    """An indicator's breakdowns (all of them, or one ``dimension``): counts only."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        months, start, since, until = chosen_period(request)
        drill = indicator_breakdowns(actor=request.user, code=code, since=since, until=until)  # type: ignore[arg-type]
        wanted = request.GET.get("dimension", "")
        rows = [
            [label, group, *_share_cells(share)]
            for dimension, label, table in drill.breakdowns
            if not wanted or dimension == wanted
            for group, share in table
        ]
        suffix = f"-{wanted}" if wanted in set(Dimension) else ""
        return csv_response(
            f"{code}-breakdown{suffix}-{start:%Y-%m}-{months}m.csv",
            ["breakdown", "group", "met", "counted", "share"],
            rows,
        )


class RecordsCsvView(CapabilityView):
    """The records behind an indicator that did not meet it: a disclosure of each."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        purpose = _purpose(request)
        if purpose is None:
            return _refused()
        months, start, since, until = chosen_period(request)
        drill = indicator_drill_down(
            actor=request.user,  # type: ignore[arg-type]
            code=code,
            since=since,
            until=until,
            purpose=purpose,
            export=True,
        )
        return csv_response(
            f"{code}-records-{start:%Y-%m}-{months}m.csv",
            ["reference", "when", "team"],
            (
                [r.reference, r.when.astimezone(LONDON).isoformat(timespec="minutes"), r.team]
                for r in drill.records
            ),
        )


class TrendsCsvView(CapabilityView):
    """Each indicator's kept monthly figures over the chosen months."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        months, start, _, until = chosen_period(request)
        end = until.astimezone(LONDON).date()
        trends = indicator_trends(actor=request.user, start=start, end=end)  # type: ignore[arg-type]
        titles = {i.code: i.title for i in INDICATORS}
        return csv_response(
            f"indicator-trends-{start:%Y-%m}-{months}m.csv",
            ["code", "indicator", "month", "value"],
            (
                [code, titles[code], point.label, "" if point.value is None else point.value]
                for code, points in trends.items()
                for point in points
            ),
        )


class SelfAssessmentCsvView(CapabilityView):
    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        latest = self_assessments_latest(actor=request.user)  # type: ignore[arg-type]
        rows = []
        for area in Area:
            a = latest.get(area.value)
            rows.append(
                [
                    AREA_LABELS[area],
                    a.get_grade_display() if a else "Not assessed",
                    a.assessed_on.isoformat() if a else "",
                    a.evidence if a else "",
                ]
            )
        today = clock.today_in_london()
        return csv_response(
            f"self-assessment-{today:%Y-%m-%d}.csv",
            ["area", "grade", "assessed on", "evidence"],
            rows,
        )


class PlanCsvView(CapabilityView):
    """Every report's findings and actions, each action rated (RAG)."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = []
        for plan in action_plan(actor=request.user):  # type: ignore[arg-type]
            for row in plan.findings:
                finding = row.finding
                base = [
                    plan.report.title,
                    plan.report.published_on.isoformat(),
                    plan.report.action_plan_due_on.isoformat(),
                    finding.get_kind_display(),
                    finding.get_area_display(),
                    finding.text,
                ]
                if not row.actions:
                    rows.append([*base, "", "", "", "", "", "", ""])
                for a in row.actions:
                    action = a.action
                    rows.append(
                        [
                            *base,
                            action.description,
                            action.owner.get_username(),
                            action.due_on.isoformat(),
                            action.get_status_display(),
                            a.rag.title(),
                            "yes" if a.overdue else "no",
                            action.evidence,
                        ]
                    )
        today = clock.today_in_london()
        return csv_response(
            f"action-plan-{today:%Y-%m-%d}.csv",
            [
                "report",
                "published on",
                "plan due on",
                "finding kind",
                "area",
                "finding",
                "action",
                "owner",
                "due on",
                "status",
                "RAG",
                "overdue",
                "evidence",
            ],
            rows,
        )


class AuditsCsvView(CapabilityView):
    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        return csv_response(
            "case-audits.csv",
            ["title", "since", "until", "size", "seed", "pathways", "strata"],
            (
                [
                    a.title,
                    a.since.isoformat(),
                    a.until.isoformat(),
                    a.size,
                    a.seed,
                    " ".join(a.pathways),
                    " ".join(map(str, a.strata)),
                ]
                for a in case_audits(actor=request.user)  # type: ignore[arg-type]
            ),
        )


class AuditResultsCsvView(CapabilityView):
    """One audit's results by area: counts only."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest, audit_id: UUID) -> HttpResponse:
        view = case_audit_get(actor=request.user, audit_id=audit_id)  # type: ignore[arg-type]
        grades = list(AUDIT_GRADE_LABELS)
        return csv_response(
            f"case-audit-{audit_id}-results.csv",
            ["area", *(AUDIT_GRADE_LABELS[g] for g in grades)],
            (
                [AREA_LABELS[area], *(counts.get(g, 0) for g in grades)]
                for area, counts in view.results.items()
            ),
        )


class AuditCasesCsvView(CapabilityView):
    """One audit's cases with their grades: a disclosure of each case."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest, audit_id: UUID) -> HttpResponse:
        purpose = _purpose(request)
        if purpose is None:
            return _refused()
        view = case_audit_export(actor=request.user, audit_id=audit_id, purpose=purpose)  # type: ignore[arg-type]
        return csv_response(
            f"case-audit-{audit_id}-cases.csv",
            ["reference", "pathway", "area", "grade", "reasons", "graded by", "graded at"],
            (
                [
                    c.reference,
                    c.pathway,
                    c.get_area_display(),
                    c.get_grade_display() if c.grade else "",
                    c.reasons,
                    c.audited_by.get_username() if c.audited_by else "",
                    c.audited_at.astimezone(LONDON).isoformat(timespec="minutes")
                    if c.audited_at
                    else "",
                ]
                for c in view.cases
            ),
        )
