"""Reads for unexpected child deaths. Every read that returns personal data writes a
*consultation* event with its purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Q

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.child_deaths import policy
from safeguard.child_deaths.models import (
    ChecklistItem,
    ChildDeathResponse,
    ChildDeathTraining,
    HouseholdChild,
    ResponseAssignment,
    RotaShift,
)
from safeguard.child_deaths.policies import response_in_scope
from safeguard.child_deaths.rules.checklist import next_overdue
from safeguard.child_deaths.rules.codes import AssignmentState, Duty, ItemState
from safeguard.child_deaths.rules.indicators import (
    ChildDeathIndicators,
    ResponseFacts,
    child_death_indicators,
)
from safeguard.child_deaths.rules.rota import Gap, Shift, Training, cover_gaps
from safeguard.core import clock

if TYPE_CHECKING:
    from safeguard.accounts.models import User

GAP_DAYS = 14


@dataclass(frozen=True)
class ResponseRecord:
    response: ChildDeathResponse
    assignments: list[ResponseAssignment]
    items: list[ChecklistItem]
    children: list[HouseholdChild]
    next_overdue: ChecklistItem | None


def _next_overdue(items: list[ChecklistItem], now: dt.datetime) -> ChecklistItem | None:
    code = next_overdue(
        {i.code: i.due_at for i in items}, {i.code for i in items if i.state == ItemState.OPEN}, now
    )
    return next((i for i in items if i.code == code), None)


def response_get(*, actor: User, response_id: UUID, purpose: str) -> ResponseRecord:
    """The whole response: who was asked, the checklist, the children of the household.
    One consultation naming the response, the child who died and each child of the household.

    :raises NotFoundOrForbidden: no such response the actor may see
    :raises PurposeRequired: no purpose was given
    """
    justification = require_purpose(purpose)
    response_in_scope(actor, response_id)
    response = ChildDeathResponse.objects.select_related("child").get(pk=response_id)
    items = list(response.items.select_related("recorded_by"))
    children = list(response.children.select_related("child", "concern", "decided_by"))
    record = ResponseRecord(
        response=response,
        assignments=list(response.assignments.select_related("officer")),
        items=items,
        children=children,
        next_overdue=_next_overdue(items, clock.now()),
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="child_death.consulted",
        subjects=[
            Subject.of(response),
            Subject.of(response.child),
            *(Subject.of(c.child) for c in children),
        ],
        justification=justification,
    )
    return record


@dataclass(frozen=True)
class OpenResponse:
    """An open response for the board: references and times, no one's identity."""

    response: ChildDeathResponse
    accepted_by: str
    next_overdue: ChecklistItem | None


def responses_open(*, actor: User) -> list[OpenResponse]:
    """Open responses, newest first, with who accepted and the next overdue step.

    :raises CapabilityMissing: the actor may not see child-death responses
    """
    require_capability(actor, Capability.CHILD_DEATH_VIEW)
    now = clock.now()
    rows: list[OpenResponse] = []
    for response in ChildDeathResponse.objects.filter(closed_at__isnull=True).prefetch_related(
        "items", "assignments__officer"
    ):
        accepted = next(
            (a for a in response.assignments.all() if a.state == AssignmentState.ACCEPTED), None
        )
        rows.append(
            OpenResponse(
                response=response,
                accepted_by=accepted.officer.get_full_name() or accepted.officer.get_username()
                if accepted
                else "",
                next_overdue=_next_overdue(list(response.items.all()), now),
            )
        )
    return rows


def my_asks(*, actor: User) -> list[ResponseAssignment]:
    """The responses this officer is asked to accept now (no personal data)."""
    require_capability(actor, Capability.CHILD_DEATH_VIEW)
    return list(
        ResponseAssignment.objects.filter(
            officer=actor,
            state__in=[AssignmentState.OFFERED, AssignmentState.INFORMED],
            response__closed_at__isnull=True,
        ).select_related("response")
    )


@dataclass(frozen=True)
class RotaView:
    shifts: list[RotaShift]
    trained_until: dict[UUID, dt.date]
    gaps: list[Gap]


def rota_view(*, actor: User) -> RotaView:
    """The next fortnight's shifts, who is trained until when, and the gaps in trained cover.

    :raises CapabilityMissing: the actor may not see child-death responses
    """
    require_capability(actor, Capability.CHILD_DEATH_VIEW)
    return _rota(clock.now())


def _rota(now: dt.datetime) -> RotaView:
    start = now.replace(minute=0 if now.minute < 30 else 30, second=0, microsecond=0)
    end = start + dt.timedelta(days=GAP_DAYS)
    shifts = list(
        RotaShift.objects.filter(ends_at__gt=start, starts_at__lt=end).select_related("officer")
    )
    officers = {s.officer_id for s in shifts}
    training_rows = list(ChildDeathTraining.objects.filter(officer_id__in=officers))
    trained_until: dict[UUID, dt.date] = {}
    for row in training_rows:
        trained_until[row.officer_id] = max(
            trained_until.get(row.officer_id, row.expires_on), row.expires_on
        )
    gaps = cover_gaps(
        [Shift(s.officer_id, Duty(s.duty), s.starts_at, s.ends_at, s.rank) for s in shifts],
        [Training(t.officer_id, t.completed_on, t.expires_on) for t in training_rows],
        start=start,
        end=end,
    )
    return RotaView(shifts=shifts, trained_until=trained_until, gaps=gaps)


def indicator_facts(*, since: dt.datetime, until: dt.datetime) -> list[ResponseFacts]:
    """The facts behind the child-death indicators for responses reported in ``[since, until)``.

    Counts and times only, no personal data: nothing to audit.
    """
    responses = ChildDeathResponse.objects.filter(
        reported_at__gte=since, reported_at__lt=until
    ).annotate(
        children_count=Count("children", distinct=True),
        decided_count=Count("children", filter=~Q(children__decision=""), distinct=True),
    )
    facts = []
    for r in responses:
        accepted = r.assignments.filter(state=AssignmentState.ACCEPTED).first()
        visit = r.items.filter(code="JOINT_HOME_VISIT").first()
        facts.append(
            ResponseFacts(
                began_at=r.reported_at,
                accepted_at=accepted.accepted_at if accepted else None,
                home_visit_due=visit.due_at if visit else r.reported_at,
                home_visited_at=visit.done_at if visit else None,
                children=r.children_count,
                children_decided=r.decided_count,
                subject_id=r.pk,
            )
        )
    return facts


def indicators_over(
    *, since: dt.datetime, until: dt.datetime, now: dt.datetime
) -> ChildDeathIndicators:
    """The issue 8 indicators for responses in the period, and the fortnight's cover from
    ``now`` (counts only)."""
    gaps = _rota(now).gaps
    return child_death_indicators(
        indicator_facts(since=since, until=until),
        now=until,
        assign_within=policy.assign_target(),
        uncovered=sum((g.ends_at - g.starts_at for g in gaps), dt.timedelta()),
    )


def child_death_indicators_for(*, actor: User, since: dt.datetime) -> ChildDeathIndicators:
    """The issue 8 indicators over responses since ``since`` and the coming fortnight's cover.

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    now = clock.now()
    return indicators_over(since=since, until=now, now=now)
