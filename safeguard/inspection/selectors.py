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
from safeguard.core.rules.calendar import LONDON
from safeguard.core.rules.indicators import Share
from safeguard.inspection.indicators import (
    INDICATORS,
    Indicator,
    Period,
    Result,
    facts_read_once,
)
from safeguard.inspection.models import (
    Action,
    AuditedCase,
    CaseAudit,
    Finding,
    IndicatorSnapshot,
    InspectionReport,
    SelfAssessment,
)
from safeguard.inspection.records import Record, records_of
from safeguard.inspection.rules.areas import AREA_LABELS, Area, AuditGrade
from safeguard.inspection.rules.breakdowns import (
    DIMENSION_LABELS,
    Dimension,
    Part,
    age_band,
    breakdown,
    ethnic_group,
    sex_label,
    total,
)
from safeguard.inspection.rules.plan import ActionStatus, Rag, action_rag, overdue, plan_summary
from safeguard.inspection.rules.sampling import audit_results_by_area
from safeguard.inspection.rules.trends import month_label, month_start, monthly_series
from safeguard.people.models import Person
from safeguard.people.rules.age import age_on

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
    with facts_read_once():
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


DRILL_DOWN_LIMIT = 500


@dataclass(frozen=True)
class DrillDown:
    indicator: Indicator
    result: Result
    breakdowns: list[tuple[Dimension, str, list[tuple[str, Share]]]]
    records: list[Record]  # the records that missed, oldest first, at most DRILL_DOWN_LIMIT
    missed: int  # how many missed in all


def _groups(
    found: list[Part], records: dict[UUID, Record]
) -> dict[Dimension, dict[UUID, list[str]]]:
    """Each counted record's groups: its team, and its children's ethnicity, sex and age band."""
    child_ids = {c for r in records.values() for c in r.child_ids}
    children = {
        row["pk"]: row
        for row in Person.objects.filter(pk__in=child_ids).values(
            "pk", "date_of_birth", "estimated_age", "estimated_on", "sex", "self_defined_ethnicity"
        )
    }
    groups: dict[Dimension, dict[UUID, list[str]]] = {d: {} for d in Dimension}
    for part in found:
        record = records.get(part.subject_id)
        if record is None:
            continue
        on = record.when.astimezone(LONDON).date()
        if record.team:
            groups[Dimension.TEAM][part.subject_id] = [record.team]
        rows = [children[c] for c in record.child_ids if c in children]
        groups[Dimension.ETHNICITY][part.subject_id] = [
            ethnic_group(r["self_defined_ethnicity"]) for r in rows
        ]
        groups[Dimension.SEX][part.subject_id] = [sex_label(r["sex"]) for r in rows]
        groups[Dimension.AGE_BAND][part.subject_id] = [
            age_band(
                age_on(
                    on=on,
                    date_of_birth=r["date_of_birth"],
                    estimated_age=r["estimated_age"],
                    estimated_on=r["estimated_on"],
                )
            )
            for r in rows
        ]
    return groups


@dataclass(frozen=True)
class Breakdowns:
    indicator: Indicator
    result: Result
    breakdowns: list[tuple[Dimension, str, list[tuple[str, Share]]]]


def _indicator_with_parts(code: str) -> Indicator:
    indicator = next((i for i in INDICATORS if i.code == code), None)
    if indicator is None or indicator.parts is None:
        raise NotFoundOrForbidden()
    return indicator


def _counted(indicator: Indicator, period: Period) -> tuple[list[Part], dict[UUID, Record]]:
    assert indicator.parts is not None
    found = indicator.parts(period)
    return found, records_of(indicator.records, [p.subject_id for p in found])


def _tables(
    found: list[Part], records: dict[UUID, Record]
) -> list[tuple[Dimension, str, list[tuple[str, Share]]]]:
    groups = _groups(found, records)
    return [
        (dimension, DIMENSION_LABELS[dimension], breakdown(found, groups[dimension], dimension))
        for dimension in Dimension
    ]


def indicator_breakdowns(
    *, actor: User, code: str, since: dt.datetime, until: dt.datetime
) -> Breakdowns:
    """An indicator broken down by team and by the children's ethnicity, sex and age band.

    Counts only: the records are read to group them, but nothing about anyone is shown, so
    nothing is audited (as for the dashboard).

    :raises CapabilityMissing: the actor may not read indicators
    :raises NotFoundOrForbidden: no such indicator, or one that counts no records (a count)
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    indicator = _indicator_with_parts(code)
    found, records = _counted(indicator, Period(since=since, until=until))
    return Breakdowns(indicator, Result(share=total(found)), _tables(found, records))


def indicator_drill_down(
    *,
    actor: User,
    code: str,
    since: dt.datetime,
    until: dt.datetime,
    purpose: str,
    export: bool = False,
) -> DrillDown:
    """An indicator's breakdowns and the records behind it that did not meet it.

    On screen (at most ``DRILL_DOWN_LIMIT`` records): one consultation naming the records
    shown, with the purpose; each record then opens on its own page, audited there. As a
    file (``export``): every record, and the event is a disclosure (DPA 2018 s.62).

    :raises CapabilityMissing: the actor may not read indicators
    :raises NotFoundOrForbidden: no such indicator, or one that counts no records (a count)
    :raises PurposeRequired: no purpose was given
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    justification = require_purpose(purpose)
    indicator = _indicator_with_parts(code)
    found, records = _counted(indicator, Period(since=since, until=until))
    missed = sorted(
        (records[p.subject_id] for p in found if p.missed and p.subject_id in records),
        key=lambda r: r.when,
    )
    shown = missed if export else missed[:DRILL_DOWN_LIMIT]
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE if export else Operation.CONSULTATION,
        event_type="inspection.records_exported" if export else "inspection.drill_down",
        subjects=[Subject.of(r.instance) for r in shown],
        justification=justification,
        recipients=[actor.get_username()] if export else (),
        changes={"indicator": code, "since": since.isoformat(), "until": until.isoformat()},
    )
    return DrillDown(
        indicator=indicator,
        result=Result(share=total(found)),
        breakdowns=_tables(found, records),
        records=shown,
        missed=len(missed),
    )


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


def case_audit_export(*, actor: User, audit_id: UUID, purpose: str) -> AuditView:
    """One audit's sampled cases for a file: a disclosure naming every case (DPA 2018 s.62).

    :raises NotFoundOrForbidden: no such audit
    :raises PurposeRequired: no purpose was given
    """
    justification = require_purpose(purpose)
    view = case_audit_get(actor=actor, audit_id=audit_id)
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="inspection.audit_exported",
        subjects=[Subject(c.subject_type, str(c.subject_id)) for c in view.cases],
        justification=justification,
        recipients=[actor.get_username()],  # the file goes to the person downloading it
        changes={"audit": str(audit_id)},
    )
    return view
