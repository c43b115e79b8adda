"""Writes for unexpected child deaths (issue 8, DOMAIN.md §5): the training register and
rota, the response and who is sent, the checklist, and the children of the household.
Each write runs in one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import User
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
from safeguard.child_deaths.rules.checklist import STEPS, completion_errors, due_times
from safeguard.child_deaths.rules.codes import (
    AssignmentState,
    Duty,
    ItemState,
    JarCriterion,
    SiblingDecision,
)
from safeguard.child_deaths.rules.escalation import Asked, next_step
from safeguard.child_deaths.rules.rota import Shift, Training, on_call, overlap_errors
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.core.services import reference_issue
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.people.policies import person_in_scope
from safeguard.people.rules.codes import RelationshipKind
from safeguard.people.selectors import (
    children_living_at,
    children_related_to,
    current_address_ids,
)
from safeguard.referrals.services import ConcernDetails, concern_record

if TYPE_CHECKING:
    from safeguard.child_deaths.rules.escalation import Next

MIN_REASON = 10


class ChildDeathInvalid(DomainError):
    """The request breaks a rule; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(" ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def _refuse(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ChildDeathInvalid(errors)


# The register and the rota ---------------------------------------------------------------


@transaction.atomic
def training_record(
    *, actor: User, officer_username: str, course: str, completed_on: dt.date, expires_on: dt.date
) -> ChildDeathTraining:
    """Record an officer's child-death training.

    :raises CapabilityMissing: the actor does not manage the rota
    :raises ChildDeathInvalid: no course, an expiry not after completion, completion to come
    """
    require_capability(actor, Capability.CHILD_DEATH_ROTA_MANAGE)
    errors: dict[str, list[str]] = {}
    if not course.strip():
        errors["course"] = ["Name the course."]
    if expires_on <= completed_on:
        errors["expires_on"] = ["The training must expire after it was completed."]
    if completed_on > clock.today_in_london():
        errors["completed_on"] = ["The course has not been completed yet."]
    officer = _police_officer(officer_username)
    if officer is None:
        errors["officer"] = ["No police officer has that username."]
    _refuse(errors)
    assert officer is not None
    training = ChildDeathTraining.objects.create(
        officer=officer, course=course.strip(), completed_on=completed_on, expires_on=expires_on
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="child_death.training_recorded",
        subjects=[Subject.of(training)],
        changes={"officer": officer.get_username(), "expires_on": expires_on.isoformat()},
    )
    return training


def _police_officer(username: str) -> User | None:
    return User.objects.filter(
        username=username.strip(), organisation__isnull=True, is_active=True
    ).first()


def _shift(row: RotaShift) -> Shift:
    return Shift(row.officer_id, Duty(row.duty), row.starts_at, row.ends_at, row.rank)


@transaction.atomic
def shift_record(
    *,
    actor: User,
    officer_username: str,
    duty: Duty,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    rank: int = 1,
) -> RotaShift:
    """Put an officer on call for child deaths from ``starts_at`` to ``ends_at``.

    :raises CapabilityMissing: the actor does not manage the rota
    :raises ChildDeathInvalid: the shift ends before it starts, or overlaps another of the
        officer's shifts, or the officer is not a police officer
    """
    require_capability(actor, Capability.CHILD_DEATH_ROTA_MANAGE)
    officer = _police_officer(officer_username)
    if officer is None:
        raise ChildDeathInvalid({"officer": ["No police officer has that username."]})
    existing = RotaShift.objects.select_for_update().filter(
        officer=officer, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    errors = overlap_errors(
        Shift(officer.pk, duty, starts_at, ends_at, rank), [_shift(s) for s in existing]
    )
    if rank < 1:
        errors.append("The order on the list starts at 1.")
    _refuse({"starts_at": errors} if errors else {})
    shift = RotaShift.objects.create(
        officer=officer, duty=duty, starts_at=starts_at, ends_at=ends_at, rank=rank
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="child_death.shift_recorded",
        subjects=[Subject.of(shift)],
        changes={
            "officer": officer.get_username(),
            "duty": duty.value,
            "starts_at": starts_at.isoformat(),
        },
    )
    return shift


def _on_call(at: dt.datetime, duty: Duty) -> list[Shift]:
    shifts = [_shift(s) for s in RotaShift.objects.filter(starts_at__lte=at, ends_at__gt=at)]
    officers = {s.officer for s in shifts}
    training = [
        Training(t.officer_id, t.completed_on, t.expires_on)
        for t in ChildDeathTraining.objects.filter(officer_id__in=officers)
    ]
    return on_call(shifts, training, at=at, duty=duty)


# The response -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseDetails:
    child_id: UUID
    died_at: dt.datetime | None
    reported_at: dt.datetime | None
    place: str
    circumstances: str
    criteria: Sequence[str]
    concerns: bool = False


def _details_errors(details: ResponseDetails, now: dt.datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if details.died_at is None:
        errors["died_at"] = ["Give the time of death, or the time the child was found."]
    if details.reported_at is None:
        errors["reported_at"] = ["Give the time the death was reported to the police."]
    if details.died_at and details.reported_at and details.reported_at < details.died_at:
        errors["reported_at"] = ["The report cannot be before the death."]
    for name in ("died_at", "reported_at"):
        value = getattr(details, name)
        if value is not None and value > now:
            errors.setdefault(name, []).append("This time has not come yet.")
    if not details.place.strip():
        errors["place"] = ["Say where the child died or was found."]
    if not details.circumstances.strip():
        errors["circumstances"] = ["Describe the circumstances as known."]
    known = {c.value for c in JarCriterion}
    if not details.criteria or any(c not in known for c in details.criteria):
        errors["criteria"] = ["Choose the Joint Agency Response criteria that apply."]
    return errors


def _household(child_id: UUID, today: dt.date) -> set[UUID]:
    """Children under 18 living with the child, and the child's siblings, but not the child."""
    found = children_living_at(address_ids=current_address_ids(person_id=child_id), today=today)
    found |= children_related_to(person_id=child_id, today=today, kinds=[RelationshipKind.SIBLING])
    found.discard(child_id)
    return found


@transaction.atomic
def response_start(*, actor: User, details: ResponseDetails) -> ChildDeathResponse:
    """Record an unexpected child death and start the Joint Agency Response.

    Lists the checklist with its times from the report, the children of the household for a
    decision each, and asks the trained detective on call now (or tells the on-call senior
    officer that nobody trained is on call).

    :raises CapabilityMissing: the actor cannot record child deaths
    :raises NotFoundOrForbidden: the child is not a person the actor may see
    :raises ChildDeathInvalid: no time of death, a report before the death or a time to
        come, no place or circumstances, or no JAR criterion
    """
    require_capability(actor, Capability.CHILD_DEATH_RECORD)
    now = clock.now()
    _refuse(_details_errors(details, now))
    child = person_in_scope(actor, details.child_id)
    assert details.died_at is not None
    assert details.reported_at is not None
    response = ChildDeathResponse.objects.create(
        reference=reference_issue(prefix="JAR", year=now.year)[0],
        child=child,
        died_at=details.died_at,
        reported_at=details.reported_at,
        place=details.place.strip(),
        circumstances=details.circumstances.strip(),
        criteria=sorted(set(details.criteria)),
        concerns=details.concerns,
        owning_team=actor.team,
        created_by=actor,
    )
    due = due_times(details.reported_at, policy.checklist_hours())
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            response=response,
            code=step.code,
            position=position,
            label=step.label,
            due_at=due[step.code],
            state=ItemState.OPEN,
        )
        for position, step in enumerate(STEPS, start=1)
    )
    household = _household(child.pk, clock.today_in_london())
    HouseholdChild.objects.bulk_create(
        HouseholdChild(response=response, child_id=pk) for pk in sorted(household, key=str)
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="child_death.response_started",
        subjects=[
            Subject.of(response),
            Subject.of(child),
            *(Subject.of(h.child) for h in response.children.select_related("child")),
        ],
        changes={
            "reference": response.reference,
            "criteria": response.criteria,
            "household": len(household),
        },
    )
    _escalate(response, now)
    return response


def _apply(response: ChildDeathResponse, step: Next, now: dt.datetime) -> int:
    changes = 0
    if step.time_out:
        changes += ResponseAssignment.objects.filter(
            response=response, officer_id__in=step.time_out, state=AssignmentState.OFFERED
        ).update(state=AssignmentState.TIMED_OUT, timed_out_at=now, updated_at=now)
    if step.ask is not None:
        ResponseAssignment.objects.create(
            response=response,
            officer_id=step.ask,  # type: ignore[misc]
            duty=Duty.DETECTIVE,
            state=AssignmentState.OFFERED,
            offered_at=now,
            accept_by=now + policy.accept_within(),
            reason="On call and trained for child deaths now",
        )
        changes += 1
    if step.tell_senior:
        seniors = _on_call(now, Duty.SENIOR_OFFICER)
        if seniors:
            ResponseAssignment.objects.create(
                response=response,
                officer_id=seniors[0].officer,  # type: ignore[misc]
                duty=Duty.SENIOR_OFFICER,
                state=AssignmentState.INFORMED,
                offered_at=now,
                reason="; ".join(step.reasons) or "Escalation",
            )
            changes += 1
    if changes:
        audit_event_record(
            actor=None,
            operation=Operation.DISCLOSURE,
            event_type="child_death.escalated",
            subjects=[Subject.of(response)],
            justification="Find a trained officer to respond to an unexpected child death",
            recipients=[str(o) for o in ([step.ask] if step.ask is not None else [])]
            + (["on-call senior officer"] if step.tell_senior else []),
            changes={"timed_out": [str(o) for o in step.time_out], "reasons": list(step.reasons)},
        )
    return changes


def _escalate(response: ChildDeathResponse, now: dt.datetime) -> int:
    rows = list(response.assignments.all())
    asked = [
        Asked(
            officer=r.officer_id,
            offered_at=r.offered_at,
            accepted=r.state == AssignmentState.ACCEPTED,
            timed_out=r.state == AssignmentState.TIMED_OUT,
        )
        for r in rows
        if r.duty == Duty.DETECTIVE
    ]
    step = next_step(
        asked=asked,
        candidates=[s.officer for s in _on_call(now, Duty.DETECTIVE)],
        senior_told=any(r.duty == Duty.SENIOR_OFFICER for r in rows),
        now=now,
        accept_within=policy.accept_within(),
    )
    return _apply(response, step, now)


@transaction.atomic
def responses_escalate_due() -> int:
    """Time out unanswered asks, ask the next trained officer, tell the senior officer.

    Run by the worker every few minutes (``manage.py child_deaths_escalate``). The decision
    is a function of what has happened, so running it twice changes nothing more.
    """
    now = clock.now()
    changes = 0
    open_responses = ChildDeathResponse.objects.select_for_update().filter(closed_at__isnull=True)
    for response in open_responses.exclude(assignments__state=AssignmentState.ACCEPTED):
        changes += _escalate(response, now)
    return changes


@transaction.atomic
def assignment_accept(*, actor: User, response_id: UUID) -> ResponseAssignment:
    """The asked officer accepts: they are the response's trained officer.

    :raises NotFoundOrForbidden: no response, or the actor was not asked
    :raises ChildDeathInvalid: the ask timed out and another officer has been asked
    """
    require_capability(actor, Capability.CHILD_DEATH_RECORD)
    response = response_in_scope(actor, response_id)
    mine = (
        ResponseAssignment.objects.select_for_update()
        .filter(response=response, officer=actor, duty=Duty.DETECTIVE)
        .first()
    )
    if mine is None:
        raise NotFoundOrForbidden()
    if mine.state == AssignmentState.ACCEPTED:
        return mine
    if response.assignments.filter(state=AssignmentState.ACCEPTED).exists():
        raise ChildDeathInvalid({"response": ["Another officer has already accepted."]})
    now = clock.now()
    mine.state, mine.accepted_at, mine.updated_at = AssignmentState.ACCEPTED, now, now
    mine.save(update_fields=["state", "accepted_at", "updated_at"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="child_death.accepted",
        subjects=[Subject.of(response)],
        changes={"accepted_at": now.isoformat()},
    )
    return mine


# The checklist and the household ----------------------------------------------------------


@transaction.atomic
def checklist_item_record(
    *, actor: User, item_id: UUID, done_at: dt.datetime | None, not_applicable_reason: str = ""
) -> ChecklistItem:
    """Record a step done (at a time) or not applicable (with the reason).

    :raises NotFoundOrForbidden: no such step on a response the actor may see
    :raises ChildDeathInvalid: neither or both given, a time before the response began or
        to come, a short reason, or a step already recorded
    """
    require_capability(actor, Capability.CHILD_DEATH_RECORD)
    item = (
        ChecklistItem.objects.select_for_update(of=("self",))
        .select_related("response")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise NotFoundOrForbidden()
    response_in_scope(actor, item.response_id)
    if item.state != ItemState.OPEN:
        raise ChildDeathInvalid({"done_at": ["This step is already recorded."]})
    now = clock.now()
    _refuse(
        completion_errors(
            done_at=done_at,
            not_applicable_reason=not_applicable_reason,
            began_at=item.response.reported_at,
            now=now,
            min_reason=MIN_REASON,
        )
    )
    if done_at is not None:
        item.state, item.done_at = ItemState.DONE, done_at
    else:
        item.state, item.not_applicable_reason = (
            ItemState.NOT_APPLICABLE,
            not_applicable_reason.strip(),
        )
    item.recorded_by, item.updated_at = actor, now
    item.save(
        update_fields=["state", "done_at", "not_applicable_reason", "recorded_by", "updated_at"]
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="child_death.step_recorded",
        subjects=[Subject.of(item.response)],
        changes={
            "step": item.code,
            "state": item.state,
            "done_at": done_at.isoformat() if done_at else None,
        },
    )
    return item


@transaction.atomic
def household_child_decide(
    *, actor: User, row_id: UUID, decision: SiblingDecision, reason: str
) -> HouseholdChild:
    """The safeguarding decision for a sibling or another child of the household.

    A strategy discussion or a referral records a concern for MASH triage.

    :raises NotFoundOrForbidden: no such child on a response the actor may see
    :raises ChildDeathInvalid: no reason, or already decided
    """
    require_capability(actor, Capability.CHILD_DEATH_RECORD)
    row = (
        HouseholdChild.objects.select_for_update(of=("self",))
        .select_related("response", "child")
        .filter(pk=row_id)
        .first()
    )
    if row is None:
        raise NotFoundOrForbidden()
    response_in_scope(actor, row.response_id)
    if row.decision:
        raise ChildDeathInvalid({"decision": ["A decision for this child is already recorded."]})
    if len(reason.strip()) < MIN_REASON:
        raise ChildDeathInvalid(
            {"reason": [f"Give the reason (at least {MIN_REASON} characters)."]}
        )
    now = clock.now()
    if decision in {SiblingDecision.REFER, SiblingDecision.STRATEGY_DISCUSSION}:
        row.concern = concern_record(
            actor=actor,
            details=ConcernDetails(
                child_id=row.child_id,
                occurred_at=row.response.reported_at,
                location=row.response.place,
                summary=f"Sibling or household child after the unexpected death reported in "
                f"{row.response.reference}. {reason.strip()}",
                voice=VoiceOfChild(
                    seen=False,
                    spoken_to=False,
                    reason_not_seen_or_spoken_to="Recorded from the child death response; "
                    "to be seen at the joint home visit",
                ),
            ),
        )
    row.decision, row.reason, row.decided_by, row.decided_at = decision, reason.strip(), actor, now
    row.save(update_fields=["decision", "reason", "decided_by", "decided_at", "concern"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="child_death.household_child_decided",
        subjects=[Subject.of(row.response), Subject.of(row.child)],
        justification=reason.strip(),
        changes={"decision": decision.value},
    )
    return row
