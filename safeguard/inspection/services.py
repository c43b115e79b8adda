"""Writes for inspection readiness (issue 9): reports and findings, the action plan, the
self-assessment. Each in one transaction with its audit event; none holds personal data
about children, but every write is still logged (who changed the force's plan, and when)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import User
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import ClockNotRunning, clock_start, clock_stop
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON
from safeguard.inspection.audits import PATHWAYS, CaseRow, month_of
from safeguard.inspection.indicators import INDICATORS, Period
from safeguard.inspection.models import (
    Action,
    AuditedCase,
    CaseAudit,
    Finding,
    IndicatorSnapshot,
    InspectionReport,
    SelfAssessment,
)
from safeguard.inspection.rules.areas import Area, AuditGrade, FindingKind, Grade
from safeguard.inspection.rules.plan import DEFAULT_ACTION_PLAN_WEEKS, ActionStatus, action_plan_due
from safeguard.inspection.rules.sampling import Case, stratified_sample

MIN_TEXT = 10

ACTION_CLOCK = "inspection.action"
"""The clock each action of the plan runs against, from its recording to its completion."""
ACTION_RULE = "Action plan: each action done by its due date"
ACTION_RULE_SOURCE = "DOMAIN.md §1.6 [P] (the due date is the force's own)"
"""§1.6: HMICFRS asks for an action plan [P]; the register it needs is "action → owner →
due date → evidence → status". No source sets the dates: each is the force's own."""
ACTION_RULE_VERSION = "inspection-action-v1"
ACTION_LABEL_CHARS = 60
_LATE = "Completed after its due date: "


class InspectionInvalid(DomainError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(" ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def plan_weeks() -> int:
    """Weeks from publication to the action plan (force policy; default eight, issue 9)."""
    value: Any = settings.SAFEGUARD.get("INSPECTION_ACTION_PLAN_WEEKS", DEFAULT_ACTION_PLAN_WEEKS)
    return int(value)


def _audit(actor: User, event: str, instance: Any, changes: dict[str, Any]) -> None:
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION if event.endswith("recorded") else Operation.ALTERATION,
        event_type=f"inspection.{event}",
        subjects=[Subject.of(instance)],
        changes=changes,
    )


@transaction.atomic
def report_record(*, actor: User, title: str, published_on: dt.date) -> InspectionReport:
    """Record a published report; its action plan is due ``INSPECTION_ACTION_PLAN_WEEKS`` after.

    :raises InspectionInvalid: no title, or a publication date to come
    """
    require_capability(actor, Capability.INSPECTION_MANAGE)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = ["Give the report's title."]
    if published_on > clock.today_in_london():
        errors["published_on"] = ["The report has not been published yet."]
    if errors:
        raise InspectionInvalid(errors)
    report = InspectionReport.objects.create(
        title=title.strip(),
        published_on=published_on,
        action_plan_due_on=action_plan_due(published_on, plan_weeks()),
        recorded_by=actor,
    )
    _audit(
        actor,
        "report_recorded",
        report,
        {"title": report.title, "published_on": published_on.isoformat()},
    )
    return report


@transaction.atomic
def finding_record(
    *,
    actor: User,
    report_id: UUID,
    kind: FindingKind,
    area: Area,
    text: str,
    cause_id: UUID | None = None,
) -> Finding:
    """Record a finding; a recommendation may name the cause of concern it answers.

    :raises NotFoundOrForbidden: no such report (or cause in it)
    :raises InspectionInvalid: text too short, or a cause given for anything but a recommendation
    """
    require_capability(actor, Capability.INSPECTION_MANAGE)
    report = InspectionReport.objects.filter(pk=report_id).first()
    if report is None:
        raise NotFoundOrForbidden()
    errors: dict[str, list[str]] = {}
    if len(text.strip()) < MIN_TEXT:
        errors["text"] = [f"Give the finding's words (at least {MIN_TEXT} characters)."]
    cause = None
    if cause_id is not None:
        cause = Finding.objects.filter(
            pk=cause_id, report=report, kind=FindingKind.CAUSE_OF_CONCERN
        ).first()
        if cause is None:
            raise NotFoundOrForbidden()
        if kind is not FindingKind.RECOMMENDATION:
            errors["cause"] = ["Only a recommendation answers a cause of concern."]
    if errors:
        raise InspectionInvalid(errors)
    finding = Finding.objects.create(
        report=report, kind=kind, area=area, text=text.strip(), cause=cause
    )
    _audit(actor, "finding_recorded", finding, {"kind": kind.value, "area": area.value})
    return finding


def action_due_at(due_on: dt.date) -> dt.datetime:
    """Return the instant an action due on ``due_on`` falls due: the end of that London day.

    That is midnight (Europe/London) at the start of the next day, in UTC: 23:00 UTC the
    same day in summer time, 00:00 UTC the next day in winter. Midnight exists once on
    every London day (the clocks change at 01:00 GMT), so there is no gap or fold. It is
    the day boundary :func:`~safeguard.inspection.rules.plan.overdue` uses: an action is
    overdue from the London day after its due date, and its clock from this instant.
    """
    next_midnight = dt.datetime.combine(due_on + dt.timedelta(days=1), dt.time(), tzinfo=LONDON)
    return next_midnight.astimezone(dt.UTC)


@transaction.atomic
def action_record(
    *, actor: User, finding_id: UUID, description: str, owner_username: str, due_on: dt.date
) -> Action:
    """Add an action to the plan, with its owner and due date, and start its clock.

    The action's ``inspection.action`` clock (:data:`ACTION_CLOCK`) starts now and falls due
    at the end of the due date in London (:func:`action_due_at`), owned by the owner and
    the owner's team; ``manage.py clocks_escalate`` then reminds the owner when it falls
    due and escalates to the team's supervisors, then the on-call senior officer, as for
    any statutory clock. The action-recorded audit event covers the start.

    :raises NotFoundOrForbidden: no such finding
    :raises InspectionInvalid: no description, no police user with that username, or an
        owner in no team (an overdue action could not be escalated)
    """
    require_capability(actor, Capability.INSPECTION_MANAGE)
    finding = Finding.objects.filter(pk=finding_id).first()
    if finding is None:
        raise NotFoundOrForbidden()
    errors: dict[str, list[str]] = {}
    if len(description.strip()) < MIN_TEXT:
        errors["description"] = [f"Describe the action (at least {MIN_TEXT} characters)."]
    owner = (
        User.objects.select_related("team")
        .filter(username=owner_username.strip(), organisation__isnull=True)
        .first()
    )
    if owner is None:
        errors["owner"] = ["No police user has that username."]
    elif owner.team is None:
        errors["owner"] = [
            "The owner must belong to a team, so an overdue action can be escalated."
        ]
    if errors:
        raise InspectionInvalid(errors)
    assert owner is not None
    assert owner.team is not None
    action = Action.objects.create(
        finding=finding, description=description.strip(), owner=owner, due_on=due_on
    )
    due_at = action_due_at(due_on)
    clock_start(
        subject=Subject.of(action),
        kind=ACTION_CLOCK,
        label=f"Inspection action: {action.description[:ACTION_LABEL_CHARS]}",
        # An action entered after its due date (a plan being loaded) is overdue at once,
        # so the next escalation run picks it up.
        started_at=min(clock.now(), due_at),
        due_at=due_at,
        rule=ACTION_RULE,
        rule_source=ACTION_RULE_SOURCE,
        rule_version=ACTION_RULE_VERSION,
        owner_team=owner.team,
        owner_user=owner,
    )
    _audit(
        actor, "action_recorded", action, {"owner": owner_username, "due_on": due_on.isoformat()}
    )
    return action


@transaction.atomic
def action_update(*, actor: User, action_id: UUID, status: ActionStatus, evidence: str) -> Action:
    """Move an action on: its status and the evidence; completing it dates it today.

    Completing it also stops its running clock now: met if by the end of its due date,
    breached if later, with the reason "Completed after its due date: " and the evidence
    (``clock_stop`` writes its own ``clock.stopped`` event). An action with no running
    clock (already completed once, or recorded before actions had clocks) is completed
    without one.

    Re-opening a completed action (back to not started, in progress or blocked) restarts
    nothing: its clock stays stopped with the outcome of the first completion, so the
    re-opened action is not escalated again; the plan's RAG rating and
    :func:`~safeguard.inspection.rules.plan.overdue` still show it late.

    :raises NotFoundOrForbidden: no such action
    :raises InspectionInvalid: completing without evidence
    """
    require_capability(actor, Capability.INSPECTION_MANAGE)
    action = Action.objects.select_for_update().filter(pk=action_id).first()
    if action is None:
        raise NotFoundOrForbidden()
    if status is ActionStatus.COMPLETE and len((evidence or action.evidence).strip()) < MIN_TEXT:
        raise InspectionInvalid({"evidence": ["Say what shows the action is complete."]})
    action.status = status
    if evidence.strip():
        action.evidence = evidence.strip()
    action.completed_on = clock.today_in_london() if status is ActionStatus.COMPLETE else None
    action.save()
    if status is ActionStatus.COMPLETE:
        with contextlib.suppress(ClockNotRunning):
            clock_stop(
                actor=actor,
                subject=Subject.of(action),
                kind=ACTION_CLOCK,
                stopped_at=clock.now(),
                breach_reason=f"{_LATE}{action.evidence}",
            )
    _audit(actor, "action_updated", action, {"status": status.value})
    return action


@transaction.atomic
def self_assessment_record(
    *, actor: User, area: Area, grade: Grade, evidence: str
) -> SelfAssessment:
    """The lead grades an area and says what evidence supports it (the system suggests none).

    :raises InspectionInvalid: no evidence
    """
    require_capability(actor, Capability.INSPECTION_MANAGE)
    if len(evidence.strip()) < MIN_TEXT:
        raise InspectionInvalid({"evidence": ["Give the evidence for the grade."]})
    assessment = SelfAssessment.objects.create(
        area=area,
        grade=grade,
        evidence=evidence.strip(),
        assessed_by=actor,
        assessed_on=clock.today_in_london(),
    )
    _audit(
        actor, "self_assessment_recorded", assessment, {"area": area.value, "grade": grade.value}
    )
    return assessment


@transaction.atomic
def case_audit_create(
    *,
    actor: User,
    title: str,
    since: dt.date,
    until: dt.date,
    size: int,
    pathways: Sequence[str],
    strata: Sequence[str],
    seed: int,
) -> CaseAudit:
    """Draw a stratified random sample of cases for audit; the same seed draws the same cases.

    :raises InspectionInvalid: no title, an empty or backwards period, an unknown pathway or
        stratum, a size below one, or no case in the period
    """
    require_capability(actor, Capability.INSPECTION_MANAGE)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = ["Name the audit."]
    if until <= since:
        errors["until"] = ["The period must end after it starts."]
    unknown = [p for p in pathways if p not in PATHWAYS]
    if not pathways or unknown:
        errors["pathways"] = ["Choose the pathways to sample from."]
    if errors:
        raise InspectionInvalid(errors)
    start = dt.datetime.combine(since, dt.time(), tzinfo=LONDON)
    end = dt.datetime.combine(until, dt.time(), tzinfo=LONDON)
    rows: dict[str, tuple[str, CaseRow]] = {}
    for code in pathways:
        for row in PATHWAYS[code].cases(start, end):
            rows[f"{row.subject_type}:{row.subject_id}"] = (code, row)
    cases = [Case(key, code, month_of(row.when)) for key, (code, row) in rows.items()]
    if not cases:
        raise InspectionInvalid({"since": ["No case in these pathways and this period."]})
    try:
        sample = stratified_sample(cases, size=size, strata=tuple(strata), seed=seed)
    except ValueError as exc:
        raise InspectionInvalid({"size": [str(exc)]}) from exc
    audit = CaseAudit.objects.create(
        title=title.strip(),
        since=since,
        until=until,
        size=size,
        strata=list(strata),
        pathways=list(pathways),
        seed=seed,
        created_by=actor,
    )
    AuditedCase.objects.bulk_create(
        AuditedCase(
            audit=audit,
            pathway=rows[case.case_id][0],
            area=PATHWAYS[rows[case.case_id][0]].area,
            subject_type=rows[case.case_id][1].subject_type,
            subject_id=rows[case.case_id][1].subject_id,
            reference=rows[case.case_id][1].reference,
        )
        for case in sample
    )
    _audit(
        actor,
        "case_audit_recorded",
        audit,
        {"size": len(sample), "seed": seed, "strata": list(strata)},
    )
    return audit


@transaction.atomic
def audited_case_grade(
    *, actor: User, case_id: UUID, grade: AuditGrade, reasons: str
) -> AuditedCase:
    """Grade one sampled case with the reasons (good / requires improvement / inadequate).

    :raises NotFoundOrForbidden: no such case
    :raises InspectionInvalid: no reasons
    """
    require_capability(actor, Capability.INSPECTION_MANAGE)
    case = AuditedCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFoundOrForbidden()
    if len(reasons.strip()) < MIN_TEXT:
        raise InspectionInvalid({"reasons": ["Give the reasons for the grade."]})
    case.grade, case.reasons = grade, reasons.strip()
    case.audited_by, case.audited_at = actor, clock.now()
    case.save(update_fields=["grade", "reasons", "audited_by", "audited_at", "updated_at"])
    _audit(actor, "case_graded", case, {"grade": grade.value})
    return case


def snapshots_take(*, month: dt.date) -> int:
    """Compute every indicator for the calendar month starting ``month`` and keep it.

    Run by the system each month (``manage.py inspection_snapshot``); running it again for a
    month replaces that month's figures. Counts only, so nothing personal is read.
    """
    start = month.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    period = Period(
        since=dt.datetime.combine(start, dt.time(), tzinfo=LONDON),
        until=dt.datetime.combine(following, dt.time(), tzinfo=LONDON),
    )
    with transaction.atomic():
        for indicator in INDICATORS:
            result = indicator.compute(period)
            share = result.share
            IndicatorSnapshot.objects.update_or_create(
                month=start,
                code=indicator.code,
                defaults={
                    "numerator": share.numerator if share else None,
                    "denominator": share.denominator if share else None,
                    "count": result.count,
                },
            )
    return len(INDICATORS)
