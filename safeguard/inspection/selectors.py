"""Reads for inspection readiness (issue 9): the indicators by area for a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.inspection.indicators import INDICATORS, Behind, Indicator, Period, Result
from safeguard.inspection.models import (
    Action,
    AuditedCase,
    CaseAudit,
    Finding,
    IndicatorSnapshot,
    InspectionReport,
    SelfAssessment,
)
from safeguard.inspection.rules.areas import AREA_LABELS, Area, AuditGrade
from safeguard.inspection.rules.plan import ActionStatus, Rag, action_rag, overdue, plan_summary
from safeguard.inspection.rules.sampling import audit_results_by_area
from safeguard.inspection.rules.trends import month_label, month_start, monthly_series

if TYPE_CHECKING:
    from safeguard.accounts.models import User


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    result: Result


@dataclass(frozen=True)
class AreaBlock:
    area: Area
    label: str
    values: list[IndicatorValue]


def indicators_by_area(*, actor: User, since: dt.datetime, until: dt.datetime) -> list[AreaBlock]:
    """Every indicator for the period ``[since, until)``, grouped by area in the NCPI order.

    Counts only (no personal data), so nothing is audited here.

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    period = Period(since=since, until=until)
    blocks: list[AreaBlock] = []
    for area in Area:
        values = [
            IndicatorValue(indicator=i, result=i.compute(period))
            for i in INDICATORS
            if i.area == area
        ]
        blocks.append(AreaBlock(area=area, label=AREA_LABELS[area], values=values))
    return blocks


@dataclass(frozen=True)
class ActionRow:
    action: Action
    rag: Rag
    overdue: bool


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    actions: list[ActionRow]


@dataclass(frozen=True)
class ReportPlan:
    report: InspectionReport
    findings: list[FindingRow]
    summary: dict[Rag, int]
    plan_overdue: bool


def action_plan(*, actor: User) -> list[ReportPlan]:
    """Every report with its findings and their actions, each action rated (RAG).

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    today = clock.today_in_london()
    plans: list[ReportPlan] = []
    reports = InspectionReport.objects.prefetch_related("findings__actions__owner")
    for report in reports:
        rows: list[FindingRow] = []
        rags: list[Rag] = []
        for finding in report.findings.all():
            actions = []
            for action in finding.actions.all():
                status = ActionStatus(action.status)
                rag = action_rag(status, action.due_on, today)
                rags.append(rag)
                actions.append(ActionRow(action, rag, overdue(status, action.due_on, today)))
            rows.append(FindingRow(finding, actions))
        plans.append(
            ReportPlan(
                report=report,
                findings=rows,
                summary=plan_summary(rags),
                plan_overdue=report.action_plan_due_on < today and not rags,
            )
        )
    return plans


def self_assessments_latest(*, actor: User) -> dict[str, SelfAssessment]:
    """The latest self-assessment per area (area code -> assessment).

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    latest: dict[str, SelfAssessment] = {}
    for assessment in SelfAssessment.objects.select_related("assessed_by").order_by(
        "assessed_on", "created_at"
    ):
        latest[assessment.area] = assessment
    return latest


@dataclass(frozen=True)
class DrillDown:
    indicator: Indicator
    result: Result
    records: list[Behind]


def indicator_drill_down(
    *, actor: User, code: str, since: dt.datetime, until: dt.datetime, purpose: str
) -> DrillDown:
    """The records behind an indicator that did not meet it. One consultation naming them,
    with the purpose; each record then opens on its own page, audited there.

    :raises CapabilityMissing: the actor may not read indicators
    :raises NotFoundOrForbidden: no such indicator, or none with records to show yet
    :raises PurposeRequired: no purpose was given
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    justification = require_purpose(purpose)
    indicator = next((i for i in INDICATORS if i.code == code), None)
    if indicator is None or indicator.misses is None:
        raise NotFoundOrForbidden()
    period = Period(since=since, until=until)
    records = indicator.misses(period)
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="inspection.drill_down",
        subjects=[Subject.of(r.instance) for r in records],
        justification=justification,
        changes={"indicator": code, "since": since.isoformat(), "until": until.isoformat()},
    )
    return DrillDown(indicator=indicator, result=indicator.compute(period), records=records)


@dataclass(frozen=True)
class AuditView:
    audit: CaseAudit
    cases: list[AuditedCase]
    results: dict[Area, dict[AuditGrade, int]]
    graded: int


def case_audits(*, actor: User) -> list[CaseAudit]:
    """Every case audit, newest first (titles and sizes only)."""
    require_capability(actor, Capability.INDICATOR_VIEW)
    return list(CaseAudit.objects.all())


def case_audit_get(*, actor: User, audit_id: UUID) -> AuditView:
    """One audit: its sampled cases (references only) and the results by area.

    :raises NotFoundOrForbidden: no such audit
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    audit = CaseAudit.objects.filter(pk=audit_id).first()
    if audit is None:
        raise NotFoundOrForbidden()
    cases = list(audit.cases.select_related("audited_by"))
    graded = [(Area(c.area), AuditGrade(c.grade)) for c in cases if c.grade]
    return AuditView(
        audit=audit, cases=cases, results=audit_results_by_area(graded), graded=len(graded)
    )


@dataclass(frozen=True)
class TrendPoint:
    label: str
    value: float | None


def indicator_trends(*, actor: User, start: dt.date, end: dt.date) -> dict[str, list[TrendPoint]]:
    """Each indicator's kept monthly figures from ``start`` to ``end`` ("no data" where none).

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    values: dict[str, dict[dt.date, float | None]] = {}
    for snap in IndicatorSnapshot.objects.filter(month__gte=month_start(start), month__lte=end):
        if snap.denominator is not None:
            value = (snap.numerator or 0) / snap.denominator if snap.denominator else None
        else:
            value = snap.count
        values.setdefault(snap.code, {})[snap.month] = value
    return {
        i.code: [
            TrendPoint(month_label(p.month), p.value)
            for p in monthly_series(values.get(i.code, {}), month_start(start), month_start(end))
        ]
        for i in INDICATORS
    }
