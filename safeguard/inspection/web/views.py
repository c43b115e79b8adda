"""Inspection readiness pages (issue 9): what an inspector would see, any morning."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON
from safeguard.inspection.audits import PATHWAYS
from safeguard.inspection.charts import area_charts, breakdown_charts
from safeguard.inspection.pack import inspection_pack_pdf
from safeguard.inspection.records import Record
from safeguard.inspection.rules.areas import (
    AREA_LABELS,
    GRADE_DEFINITIONS,
    GRADED_AREAS,
    Area,
    AuditGrade,
    FindingKind,
    Grade,
)
from safeguard.inspection.rules.plan import ActionStatus
from safeguard.inspection.rules.trends import months_back
from safeguard.inspection.selectors import (
    action_plan,
    case_audit_get,
    case_audits,
    indicator_breakdowns,
    indicator_drill_down,
    indicator_trends,
    indicators_by_area,
    self_assessments_latest,
)
from safeguard.inspection.services import (
    InspectionInvalid,
    action_record,
    action_update,
    audited_case_grade,
    case_audit_create,
    finding_record,
    report_record,
    self_assessment_record,
)
from safeguard.inspection.web.forms import (
    ActionForm,
    ActionUpdateForm,
    CaseAuditForm,
    CaseGradeForm,
    FindingForm,
    ReportForm,
    SelfAssessmentForm,
)
from safeguard.web.purposes import PurposeForm
from safeguard.web.subjects import subject_url
from safeguard.web.views import CapabilityView

PERIODS = {"3": 3, "6": 6, "12": 12}


def chosen_period(request: HttpRequest) -> tuple[int, dt.date, dt.datetime, dt.datetime]:
    """The months asked for (3, 6 or 12; else 12), from the first of the month in London:
    this month and the ones before it."""
    months = PERIODS.get(request.GET.get("months", "12"), 12)
    until = clock.now()
    today = until.astimezone(LONDON).date()
    start = months_back(today, months)
    return months, start, dt.datetime.combine(start, dt.time(), tzinfo=LONDON), until


class DashboardView(CapabilityView):
    """Each area's indicators for the chosen months: a chart and its data table."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        months, start, since, until = chosen_period(request)
        blocks = indicators_by_area(actor=request.user, since=since, until=until)  # type: ignore[arg-type]
        charts = area_charts(blocks)
        actor = request.user
        end = until.astimezone(LONDON).date()
        trends = indicator_trends(actor=actor, start=start, end=end)  # type: ignore[arg-type]
        context = {
            "blocks": blocks,
            "charts": charts,
            "since": start,
            "months": months,
            "trends": trends,
        }
        return render(request, "inspection/dashboard.html", context)


def _errors_to(form: Any, exc: InspectionInvalid) -> None:
    for field, errors in exc.errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


class PlanView(CapabilityView):
    """The findings register and the action plan, with RAG; forms for those who manage it."""

    required_capability = Capability.INDICATOR_VIEW

    def _render(
        self, request: HttpRequest, forms_: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        context = {
            "plans": action_plan(actor=request.user),  # type: ignore[arg-type]
            "report_form": ReportForm(),
            "finding_form": FindingForm(),
            "action_form": ActionForm(),
            "update_form": ActionUpdateForm(),
            **(forms_ or {}),
        }
        return render(request, "inspection/plan.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        require = Capability.INSPECTION_MANAGE
        if not has_capability(request.user, require):  # type: ignore[arg-type]
            raise NotFoundOrForbidden()
        kind = request.POST.get("form", "")
        handlers = {
            "report": (ReportForm, self._report),
            "finding": (FindingForm, self._finding),
            "action": (ActionForm, self._action),
            "update": (ActionUpdateForm, self._update),
        }
        if kind not in handlers:
            return self._render(request, status=400)
        form_class, handle = handlers[kind]
        form = form_class(request.POST)
        if form.is_valid():
            try:
                handle(request, form.cleaned_data)
            except InspectionInvalid as exc:
                _errors_to(form, exc)
            else:
                messages.success(request, "Recorded.")
                return HttpResponseRedirect(reverse("inspection:plan"))
        return self._render(request, {f"{kind}_form": form, "failed": kind}, status=400)

    def _report(self, request: HttpRequest, data: dict[str, Any]) -> None:
        report_record(actor=request.user, title=data["title"], published_on=data["published_on"])  # type: ignore[arg-type]

    def _finding(self, request: HttpRequest, data: dict[str, Any]) -> None:
        cause = request.POST.get("cause") or None
        finding_record(
            actor=request.user,  # type: ignore[arg-type]
            report_id=_uuid(request.POST.get("report", "")),
            kind=FindingKind(data["kind"]),
            area=Area(data["area"]),
            text=data["text"],
            cause_id=_uuid(cause) if cause else None,
        )

    def _action(self, request: HttpRequest, data: dict[str, Any]) -> None:
        action_record(
            actor=request.user,  # type: ignore[arg-type]
            finding_id=_uuid(request.POST.get("finding", "")),
            description=data["description"],
            owner_username=data["owner"],
            due_on=data["due_on"],
        )

    def _update(self, request: HttpRequest, data: dict[str, Any]) -> None:
        action_update(
            actor=request.user,  # type: ignore[arg-type]
            action_id=_uuid(request.POST.get("action", "")),
            status=ActionStatus(data["status"]),
            evidence=data["evidence"],
        )


def _uuid(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as exc:
        raise NotFoundOrForbidden() from exc


class SelfAssessmentView(CapabilityView):
    required_capability = Capability.INDICATOR_VIEW

    def _render(
        self, request: HttpRequest, form: SelfAssessmentForm, status: int = 200
    ) -> HttpResponse:
        latest = self_assessments_latest(actor=request.user)  # type: ignore[arg-type]
        rows = [(area, AREA_LABELS[area], latest.get(area.value)) for area in GRADED_AREAS]
        context = {"rows": rows, "form": form, "definitions": GRADE_DEFINITIONS}
        return render(request, "inspection/self_assessment.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, SelfAssessmentForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not has_capability(request.user, Capability.INSPECTION_MANAGE):  # type: ignore[arg-type]
            raise NotFoundOrForbidden()
        form = SelfAssessmentForm(request.POST)
        if form.is_valid():
            try:
                self_assessment_record(
                    actor=request.user,  # type: ignore[arg-type]
                    area=Area(form.cleaned_data["area"]),
                    grade=Grade(form.cleaned_data["grade"]),
                    evidence=form.cleaned_data["evidence"],
                )
            except InspectionInvalid as exc:
                _errors_to(form, exc)
            else:
                messages.success(request, "Self-assessment recorded.")
                return HttpResponseRedirect(reverse("inspection:self-assessment"))
        return self._render(request, form, status=400)


def _record_url(record: Record) -> str:
    if not record.url_name:
        return ""
    subject_id = record.subject_id or record.instance.pk
    return reverse(record.url_name, kwargs={record.url_kwarg: subject_id})


class DrillDownView(CapabilityView):
    """An indicator broken down (counts only), and after the purpose is given the records
    behind it that did not meet it."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        months, start, since, until = chosen_period(request)
        actor = request.user
        form = PurposeForm(request.GET if "purpose" in request.GET else None)
        context: dict[str, Any] = {"form": form, "code": code, "months": months, "since": start}
        if not form.is_bound or not form.is_valid():
            breakdowns = indicator_breakdowns(
                actor=actor,  # type: ignore[arg-type]
                code=code,
                since=since,
                until=until,
            )
            context["drill"] = breakdowns
            context["charts"] = breakdown_charts(breakdowns.breakdowns)
            status = 400 if form.is_bound else 200
            return render(request, "inspection/drill_down.html", context, status=status)
        drill = indicator_drill_down(
            actor=actor,  # type: ignore[arg-type]
            code=code,
            since=since,
            until=until,
            purpose=form.purpose_text(),
        )
        context["drill"] = drill
        context["charts"] = breakdown_charts(drill.breakdowns)
        context["show_records"] = True
        context["rows"] = [(r, _record_url(r)) for r in drill.records]
        context["purpose_query"] = request.GET.urlencode()
        return render(request, "inspection/drill_down.html", context)


def _pathway_choices() -> list[tuple[str, str]]:
    return [(code, p.label) for code, p in PATHWAYS.items()]


class CaseAuditListView(CapabilityView):
    required_capability = Capability.INDICATOR_VIEW

    def _render(self, request: HttpRequest, form: CaseAuditForm, status: int = 200) -> HttpResponse:
        context = {"audits": case_audits(actor=request.user), "form": form}  # type: ignore[arg-type]
        return render(request, "inspection/audits.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, CaseAuditForm(pathway_choices=_pathway_choices()))

    def post(self, request: HttpRequest) -> HttpResponse:
        if not has_capability(request.user, Capability.INSPECTION_MANAGE):  # type: ignore[arg-type]
            raise NotFoundOrForbidden()
        form = CaseAuditForm(request.POST, pathway_choices=_pathway_choices())
        if form.is_valid():
            data = form.cleaned_data
            try:
                audit = case_audit_create(
                    actor=request.user,  # type: ignore[arg-type]
                    title=data["title"],
                    since=data["since"],
                    until=data["until"],
                    size=data["size"],
                    pathways=data["pathways"],
                    strata=("pathway", "period") if data["by_period"] else ("pathway",),
                    seed=data["seed"],
                )
            except InspectionInvalid as exc:
                _errors_to(form, exc)
            else:
                messages.success(request, f"{audit.cases.count()} cases drawn for audit.")
                return HttpResponseRedirect(
                    reverse("inspection:audit", kwargs={"audit_id": audit.pk})
                )
        return self._render(request, form, status=400)


class CaseAuditView(CapabilityView):
    required_capability = Capability.INDICATOR_VIEW

    def _render(
        self,
        request: HttpRequest,
        audit_id: UUID,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        view = case_audit_get(actor=request.user, audit_id=audit_id)  # type: ignore[arg-type]
        rows = [(c, subject_url(c.subject_type, c.subject_id)) for c in view.cases]
        context = {
            "view": view,
            "rows": rows,
            "grades": CaseGradeForm().fields["grade"].choices,  # type: ignore[attr-defined]
            "errors": errors or {},
            "area_labels": {a.value: label for a, label in AREA_LABELS.items()},
            "purpose_form": PurposeForm(),
        }
        return render(request, "inspection/audit.html", context, status=status)

    def get(self, request: HttpRequest, audit_id: UUID) -> HttpResponse:
        return self._render(request, audit_id)

    def post(self, request: HttpRequest, audit_id: UUID) -> HttpResponse:
        if not has_capability(request.user, Capability.INSPECTION_MANAGE):  # type: ignore[arg-type]
            raise NotFoundOrForbidden()
        case_id = _uuid(request.POST.get("case", ""))
        form = CaseGradeForm(request.POST)
        error = "Choose a grade and give the reasons."
        if form.is_valid():
            try:
                audited_case_grade(
                    actor=request.user,  # type: ignore[arg-type]
                    case_id=case_id,
                    grade=AuditGrade(form.cleaned_data["grade"]),
                    reasons=form.cleaned_data["reasons"],
                )
            except InspectionInvalid as exc:
                error = str(exc)
            else:
                messages.success(request, "Case graded.")
                return HttpResponseRedirect(
                    reverse("inspection:audit", kwargs={"audit_id": audit_id})
                )
        return self._render(request, audit_id, {str(case_id): error}, status=400)


class PackView(CapabilityView):
    """The inspection pack as a PDF for the chosen months."""

    required_capability = Capability.INDICATOR_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        _, _, since, until = chosen_period(request)
        pdf = inspection_pack_pdf(actor=request.user, since=since, until=until)  # type: ignore[arg-type]
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"inspection-pack-{clock.today_in_london():%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
