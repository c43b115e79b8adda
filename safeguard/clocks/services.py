"""Writes for statutory clocks: start, stop, and escalate the ones that have fallen due.

Clocks hold no personal data (a label, a rule and a deadline against a record's id), so
starting one writes no audit event of its own: the calling service audits the change that
started it, in the same transaction. Stopping one is audited, because a late stop records
a person's reason for the breach; an escalation run is audited once, as the system.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from uuid import UUID

from django.db import IntegrityError, transaction

from safeguard.access.rules.capabilities import Role
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.models import (
    ClockNotification,
    ClockOutcome,
    NotificationKind,
    StatutoryClock,
)
from safeguard.clocks.policies import addressed_notifications_filter
from safeguard.clocks.rules.escalation import EscalationTarget, escalation_targets
from safeguard.clocks.rules.status import (
    ClockStatus,
    check_escalation_steps,
    clock_status,
    escalation_step,
)
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON

if TYPE_CHECKING:
    from safeguard.accounts.models import Organisation, Team, User

_KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


class ClockInvalid(DomainError):
    """The clock's details cannot describe a time limit (a programming error in the caller)."""


class ClockAlreadyRunning(DomainError):
    """A clock of this kind is already running for this record."""


class ClockNotRunning(DomainError):
    """No clock of this kind is running for this record."""


class BreachReasonRequired(DomainError):
    """The clock stopped after its deadline, and a breach needs its reason recorded."""


def _require_aware(value: datetime, *, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ClockInvalid(f"{name} must be timezone-aware.")


def _london(value: datetime) -> str:
    return value.astimezone(LONDON).strftime("%a %d %b %Y %H:%M")


@transaction.atomic
def clock_start(
    *,
    subject: Subject,
    kind: str,
    label: str,
    started_at: datetime,
    due_at: datetime,
    rule: str,
    rule_source: str,
    rule_version: str,
    owner_team: Team,
    owner_user: User | None = None,
    partner_organisation: Organisation | None = None,
    urgent: bool = False,
) -> StatutoryClock:
    """Start a statutory clock against ``subject``, stored with the rule that set it.

    The deadline is computed by the caller from a pure rule (for example
    :func:`safeguard.core.rules.deadlines.working_days_deadline`); ``rule``,
    ``rule_source`` and ``rule_version`` say which rule, from which source
    (a ``DOMAIN.md`` section and its marker), in which version, so that a breach can be
    judged against the rule in force when the clock started (DESIGN.md invariant 7).

    Call it inside the transaction of the service that starts the process; that service's
    audit event covers the start.

    :raises ClockInvalid: naive instants, a deadline before the start, a kind that is not
        dotted lower case, or an empty label, rule, source or version
    :raises ClockAlreadyRunning: a clock of this kind is already running for ``subject``
    """
    _require_aware(started_at, name="started_at")
    _require_aware(due_at, name="due_at")
    if due_at < started_at:
        raise ClockInvalid("A clock cannot fall due before it starts.")
    if not _KIND_PATTERN.match(kind):
        raise ClockInvalid(
            f"Clock kind {kind!r} must be dotted lower case, such as 'referral.decision'."
        )
    for name, value in (
        ("label", label),
        ("rule", rule),
        ("rule_source", rule_source),
        ("rule_version", rule_version),
    ):
        if not value.strip():
            raise ClockInvalid(f"A clock needs its {name}.")
    subject_id = UUID(subject.id)
    if StatutoryClock.objects.filter(
        subject_type=subject.type, subject_id=subject_id, kind=kind, stopped_at__isnull=True
    ).exists():
        raise ClockAlreadyRunning(f"A {kind} clock is already running for this record.")
    started = StatutoryClock(
        subject_type=subject.type,
        subject_id=subject_id,
        kind=kind,
        label=label.strip(),
        started_at=started_at,
        due_at=due_at,
        rule=rule.strip(),
        rule_source=rule_source.strip(),
        rule_version=rule_version.strip(),
        owner_team=owner_team,
        owner_user=owner_user,
        partner_organisation=partner_organisation,
        urgent=urgent,
    )
    try:
        # A savepoint: a concurrent start that won the race leaves the caller's
        # transaction usable, and the caller hears ClockAlreadyRunning.
        with transaction.atomic():
            started.save(force_insert=True)
    except IntegrityError as error:
        raise ClockAlreadyRunning(f"A {kind} clock is already running for this record.") from error
    return started


def _running_locked(subject: Subject, kind: str) -> StatutoryClock:
    """The running clock of ``kind`` on ``subject``, locked for the caller's transaction.

    :raises ClockNotRunning: no clock of this kind is running for ``subject``
    """
    running = (
        StatutoryClock.objects.select_for_update()
        .filter(
            subject_type=subject.type,
            subject_id=UUID(subject.id),
            kind=kind,
            stopped_at__isnull=True,
        )
        .first()
    )
    if running is None:
        raise ClockNotRunning(f"No {kind} clock is running for this record.")
    return running


@transaction.atomic
def clock_stop(
    *,
    actor: User | None,
    subject: Subject,
    kind: str,
    stopped_at: datetime,
    breach_reason: str = "",
) -> StatutoryClock:
    """Stop the running clock of ``kind`` on ``subject``: MET if on time, BREACHED if late.

    A clock stopped at its deadline exactly is met (see
    :func:`safeguard.clocks.rules.status.clock_status`). A late stop must say why the
    time limit was missed; the reason is kept only for a breach. ``actor`` None means the
    system stopped it (for example a partner's decision arriving through the API).
    Writes an *alteration* event ``clock.stopped`` naming the record and the clock.

    :raises ClockInvalid: a naive instant, a stop before the start, or a stop in the future
    :raises ClockNotRunning: no clock of this kind is running for ``subject``
    :raises BreachReasonRequired: the stop is late and ``breach_reason`` is blank
    """
    _require_aware(stopped_at, name="stopped_at")
    now = clock.now()
    if stopped_at > now:
        raise ClockInvalid("A clock cannot be stopped at a time still to come.")
    running = _running_locked(subject, kind)
    if stopped_at < running.started_at:
        raise ClockInvalid("A clock cannot be stopped before it started.")
    status = clock_status(
        due_at=running.due_at, stopped_at=stopped_at, now=stopped_at, due_soon_window=timedelta(0)
    )
    reason = breach_reason.strip()
    if status is ClockStatus.BREACHED and not reason:
        raise BreachReasonRequired(
            f"{running.label} was due {_london(running.due_at)}. Record why it was missed."
        )
    running.stopped_at = stopped_at
    running.stopped_by = actor
    running.outcome = ClockOutcome.MET if status is ClockStatus.MET else ClockOutcome.BREACHED
    running.breach_reason = reason if status is ClockStatus.BREACHED else ""
    running.updated_at = now
    running.save(
        update_fields=["stopped_at", "stopped_by", "outcome", "breach_reason", "updated_at"]
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="clock.stopped",
        subjects=[subject, Subject.of(running)],
        changes={
            "kind": running.kind,
            "rule_version": running.rule_version,
            "due_at": running.due_at.isoformat(),
            "stopped_at": stopped_at.isoformat(),
            "outcome": running.outcome,
            "breach_reason": running.breach_reason,
        },
    )
    return running


def clock_redate(
    *,
    actor: User,
    subject: Subject,
    kind: str,
    due_at: datetime,
    label: str,
    reason: str,
    urgent: bool,
) -> StatutoryClock:
    """Move the deadline of a running clock when the decision that set it changes.

    For a time limit that follows a grading (a re-graded referral is due by its new level's
    time, still from the same start). The clock keeps its start and rule; the old and new
    deadlines and the reason are kept in an *alteration* event ``clock.redated``. A new
    deadline already past leaves the clock breached, as it should.

    :raises ClockInvalid: a naive instant, a deadline before the start, or no reason
    :raises ClockNotRunning: no clock of this kind is running for ``subject``
    """
    _require_aware(due_at, name="due_at")
    if not reason.strip():
        raise ClockInvalid("Say why the deadline moves.")
    running = _running_locked(subject, kind)
    if due_at < running.started_at:
        raise ClockInvalid("A clock cannot fall due before it starts.")
    previous = running.due_at
    running.due_at, running.label, running.urgent = due_at, label.strip(), urgent
    running.updated_at = clock.now()
    running.save(update_fields=["due_at", "label", "urgent", "updated_at"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="clock.redated",
        subjects=[subject, Subject.of(running)],
        justification=reason.strip(),
        changes={"kind": kind, "due_at": [previous.isoformat(), due_at.isoformat()]},
    )
    return running


class _Recipient(NamedTuple):
    key: str
    fields: dict[str, Any]


def _to_user(user: User) -> _Recipient:
    return _Recipient(f"user:{user.pk}", {"recipient_user": user})


def _to_team(team: Team) -> _Recipient:
    return _Recipient(f"team:{team.pk}", {"recipient_team": team})


def _to_organisation(organisation: Organisation) -> _Recipient:
    return _Recipient(f"org:{organisation.pk}", {"recipient_organisation": organisation})


class _Recipients:
    """Finds who is told at each target, looking each role up once per run."""

    def __init__(self) -> None:
        self._supervisors: dict[UUID, list[User]] = {}
        self._on_call: list[User] | None = None

    @staticmethod
    def _holders(role: Role, *, team: Team | None = None) -> list[User]:
        from safeguard.accounts.models import User

        people = User.objects.filter(is_active=True, groups__name=role.value)
        if team is not None:
            people = people.filter(team=team)
        return list(people.distinct().order_by("username"))

    def _supervisors_of(self, team: Team) -> list[User]:
        if team.pk not in self._supervisors:
            self._supervisors[team.pk] = self._holders(Role.SUPERVISOR, team=team)
        return self._supervisors[team.pk]

    def _on_call_officers(self) -> list[User]:
        if self._on_call is None:
            self._on_call = self._holders(Role.ON_CALL_SENIOR_OFFICER)
        return self._on_call

    def for_target(
        self, target: EscalationTarget, running: StatutoryClock
    ) -> tuple[NotificationKind, list[_Recipient]]:
        # Nobody holding the role: the escalation goes to the owning team's queue instead,
        # so that no escalation is lost for want of a named person.
        team_queue = [_to_team(running.owner_team)]
        if target is EscalationTarget.OWNER:
            owner = running.owner_user
            return NotificationKind.REMINDER, [_to_user(owner)] if owner else team_queue
        if target is EscalationTarget.OWNER_TEAM_SUPERVISORS:
            supervisors = [_to_user(u) for u in self._supervisors_of(running.owner_team)]
            return NotificationKind.ESCALATION_SUPERVISOR, supervisors or team_queue
        if target is EscalationTarget.PARTNER_MANAGER:
            partner = running.partner_organisation
            partners = [_to_organisation(partner)] if partner is not None else []
            return NotificationKind.ESCALATION_PARTNER_MANAGER, partners
        on_call = [_to_user(u) for u in self._on_call_officers()]
        return NotificationKind.ESCALATION_ON_CALL_SENIOR, on_call or team_queue


def _message(kind: NotificationKind, running: StatutoryClock) -> str:
    due = _london(running.due_at)
    if kind is NotificationKind.REMINDER:
        text = f"{running.label}: due {due}."
    elif kind is NotificationKind.ESCALATION_PARTNER_MANAGER:
        text = (
            f"{running.label}: overdue since {due}. The police are waiting for your organisation."
        )
    else:
        text = f"{running.label}: overdue since {due} ({running.owner_team.name}). {kind.label}."
    return f"{text} Rule: {running.rule} [{running.rule_version}]"[:500]


@transaction.atomic
def clock_escalate_due(*, now: datetime, steps: Sequence[timedelta]) -> int:
    """Notify everyone owed a reminder or escalation for the running clocks at ``now``.

    For each running clock whose :func:`~safeguard.clocks.rules.status.escalation_step`
    at ``now`` is above its ``escalation_level``, creates the notifications for each new
    step (see :func:`~safeguard.clocks.rules.escalation.escalation_targets`) and raises
    the level. A step whose role has nobody in it (no supervisor in the team, no on-call
    senior officer) goes to the owning team's queue instead.

    Safe to run twice, late, or from two workers at once: the clocks are locked while they
    are escalated, and each notification is keyed ``"<clock>:<step>:<recipient>"`` under a
    unique constraint, so nobody is told twice. A run that was missed loses nothing, because
    the deadlines are stored: the next run sends every step that has fallen due.

    Writes one *alteration* event ``clock.escalated`` (actor: the system) naming the clocks'
    records when anything was created, and none otherwise.

    :raises ClockInvalid: ``now`` is naive
    :raises InvalidEscalationSteps: the steps are empty, negative or out of order
    :returns: how many notifications were created
    """
    _require_aware(now, name="now")
    check_escalation_steps(steps)
    earliest_offset = min(steps)
    candidates = (
        StatutoryClock.objects.select_related("owner_team", "owner_user", "partner_organisation")
        # Lock only the clocks: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
        .select_for_update(of=("self",))
        .filter(
            stopped_at__isnull=True,
            due_at__lte=now - earliest_offset,
            escalation_level__lt=len(steps),
        )
        .order_by("due_at", "id")
    )
    recipients = _Recipients()
    changed_at = clock.now()
    created = 0
    escalated: list[dict[str, Any]] = []
    subjects: dict[Subject, None] = {}
    for running in candidates:
        reached = escalation_step(due_at=running.due_at, now=now, stopped_at=None, steps=steps)
        if reached <= running.escalation_level:
            continue
        created_here = 0
        for step in range(running.escalation_level + 1, reached + 1):
            targets = escalation_targets(
                step=step, waits_on_partner=running.partner_organisation_id is not None
            )
            for target in targets:
                kind, people = recipients.for_target(target, running)
                for recipient in people:
                    _, was_created = ClockNotification.objects.get_or_create(
                        dedupe_key=f"{running.pk}:{step}:{recipient.key}",
                        defaults={
                            "clock": running,
                            "step": step,
                            "kind": kind,
                            "message": _message(kind, running),
                            **recipient.fields,
                        },
                    )
                    created_here += int(was_created)
        escalated.append(
            {
                "clock": str(running.pk),
                "kind": running.kind,
                "from_level": running.escalation_level,
                "to_level": reached,
                "notifications": created_here,
            }
        )
        running.escalation_level = reached
        running.updated_at = changed_at
        running.save(update_fields=["escalation_level", "updated_at"])
        created += created_here
        if created_here:
            subjects[Subject(running.subject_type, str(running.subject_id))] = None
    if created:
        audit_event_record(
            actor=None,
            operation=Operation.ALTERATION,
            event_type="clock.escalated",
            subjects=list(subjects),
            changes={"at": now.isoformat(), "notifications": created, "clocks": escalated},
        )
    return created


@transaction.atomic
def notification_mark_read(*, actor: User, notification_id: UUID) -> ClockNotification:
    """Mark a reminder or escalation addressed to the actor as read.

    A notification addressed to a team or an organisation is read for all of its members.
    Not audited: a notification holds no personal data.

    :raises NotFoundOrForbidden: no such notification addressed to the actor (same answer)
    """
    notification = (
        ClockNotification.objects.select_for_update()
        .filter(addressed_notifications_filter(actor), pk=notification_id)
        .first()
    )
    if notification is None:
        raise NotFoundOrForbidden()
    if notification.read_at is None:
        now = clock.now()
        notification.read_at = now
        notification.updated_at = now
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


@transaction.atomic
def clock_reassign(*, actor: User, subject: Subject, kind: str, owner_user: User) -> StatutoryClock:
    """Give the running clock of ``kind`` on ``subject`` a new owning officer (allocation).

    The caller checks the allocation capability and that the officer may do the work; the
    caller's own audit event covers the allocation.

    :raises ClockNotRunning: no clock of this kind is running for ``subject``
    """
    running = _running_locked(subject, kind)
    running.owner_user = owner_user
    running.updated_at = clock.now()
    running.save(update_fields=["owner_user", "updated_at"])
    return running
