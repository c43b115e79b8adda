"""Reads of statutory clocks and their notifications, for work queues and boards.

Every clock is returned with its :class:`~safeguard.clocks.rules.status.ClockStatus` at
``clock.now()``, worked out by the same pure rule the inspection dashboard will use.
Clocks hold no personal data, so these reads write no consultation event; opening the
record a clock runs against goes through that record's own selector, scope and audit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.clocks.models import ClockNotification, ClockOutcome, StatutoryClock
from safeguard.clocks.policies import addressed_notifications_filter, owned_clocks_filter
from safeguard.clocks.rules.escalation import ClockPolicy, clock_policy_from_hours
from safeguard.clocks.rules.status import ClockStatus, clock_status
from safeguard.core import clock

if TYPE_CHECKING:
    from safeguard.accounts.models import Team, User
    from safeguard.audit.services import Subject

RECENTLY_STOPPED = timedelta(days=7)
NOTIFICATION_LIMIT = 200


@dataclass(frozen=True)
class ClockWithStatus:
    """A clock and where it stands at the instant it was read."""

    clock: StatutoryClock
    status: ClockStatus


def clock_policy() -> ClockPolicy:
    """Return the force's clock policy: the escalation ladder and the due-soon window.

    Read from ``settings.SAFEGUARD["CLOCK_ESCALATION_STEPS_HOURS"]`` (hours after the
    deadline, earliest first) and ``settings.SAFEGUARD["CLOCK_DUE_SOON_HOURS"]``. Either one
    unset takes its default from :mod:`safeguard.clocks.rules.escalation` (0, 2 and 8 hours;
    2 hours): escalation times are force policy (DOMAIN.md §4.3 [U]).

    :raises InvalidEscalationSteps: the configured steps are empty, negative or out of order
    """
    configured: dict[str, Any] = getattr(settings, "SAFEGUARD", {})
    steps = configured.get("CLOCK_ESCALATION_STEPS_HOURS")
    window = configured.get("CLOCK_DUE_SOON_HOURS")
    return clock_policy_from_hours(
        escalation_steps_hours=None if steps is None else tuple(float(h) for h in steps),
        due_soon_hours=None if window is None else float(window),
    )


def _with_status(clocks: Iterable[StatutoryClock], *, now: datetime) -> list[ClockWithStatus]:
    window = clock_policy().due_soon_window
    return [
        ClockWithStatus(
            clock=c,
            status=clock_status(
                due_at=c.due_at, stopped_at=c.stopped_at, now=now, due_soon_window=window
            ),
        )
        for c in clocks
    ]


def _running_first(queryset: QuerySet[StatutoryClock]) -> QuerySet[StatutoryClock]:
    return queryset.annotate(
        stopped_order=Case(
            When(stopped_at__isnull=True, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("stopped_order", "due_at", "id")


def _clocks() -> QuerySet[StatutoryClock]:
    return StatutoryClock.objects.select_related("owner_team", "owner_user", "partner_organisation")


def clock_list_for_user(
    *, actor: User, stopped_within: timedelta = RECENTLY_STOPPED
) -> list[ClockWithStatus]:
    """Return the clocks the actor or the actor's team owns, for the actor's work queue.

    Running clocks come first, then those stopped within ``stopped_within`` of now, each
    group ordered by deadline. Partner users own no clocks.

    :raises CapabilityMissing: the actor has no work queue
    """
    require_capability(actor, Capability.WORK_QUEUE_VIEW)
    now = clock.now()
    clocks = (
        _clocks()
        .filter(owned_clocks_filter(actor))
        .filter(Q(stopped_at__isnull=True) | Q(stopped_at__gte=now - stopped_within))
    )
    return _with_status(_running_first(clocks), now=now)


def clock_list_breached(
    *,
    actor: User,
    team: Team | None = None,
    stopped_since: datetime | None = None,
    limit: int | None = None,
) -> list[ClockWithStatus]:
    """Return a team's breaches: clocks overdue now, then clocks stopped late.

    ``team`` None means the actor's own team (nothing for an actor without one). A
    supervisor may look at any team's breaches: clocks carry no personal data, and the
    records behind them keep their own scope. ``stopped_since`` limits the finished
    breaches to those stopped at or after it; overdue clocks are always included.
    Breaches must be visible to the owner, the supervisor and the inspection dashboard
    (DESIGN.md invariant 7).

    :raises CapabilityMissing: the actor does not supervise
    """
    require_capability(actor, Capability.SUPERVISION_VIEW)
    team_id: UUID | None = team.pk if team is not None else actor.team_id
    if team_id is None:
        return []
    now = clock.now()
    finished = Q(outcome=ClockOutcome.BREACHED)
    if stopped_since is not None:
        finished &= Q(stopped_at__gte=stopped_since)
    overdue = Q(stopped_at__isnull=True, due_at__lt=now)
    clocks = _running_first(_clocks().filter(owner_team_id=team_id).filter(finished | overdue))
    if limit is not None:
        clocks = clocks[:limit]
    return _with_status(clocks, now=now)


def clock_list_urgent(*, actor: User) -> list[ClockWithStatus]:
    """Return the running clocks across the force that are urgent or overdue.

    For the on-call senior officer's out-of-hours board, ordered by deadline.

    :raises CapabilityMissing: the actor cannot see the out-of-hours board
    """
    require_capability(actor, Capability.OUT_OF_HOURS_BOARD_VIEW)
    now = clock.now()
    clocks = (
        _clocks()
        .filter(stopped_at__isnull=True)
        .filter(Q(urgent=True) | Q(due_at__lt=now))
        .order_by("due_at", "id")
    )
    return _with_status(clocks, now=now)


def clock_list_for_subject(*, subject: Subject) -> list[ClockWithStatus]:
    """Return every clock, running or stopped, that has run against one record.

    No capability check: the caller has already been allowed to see ``subject`` (its own
    selector checked the capability and scope and recorded the consultation). Ordered by
    start.
    """
    clocks = (
        _clocks()
        .filter(subject_type=subject.type, subject_id=UUID(subject.id))
        .order_by("started_at", "id")
    )
    return _with_status(clocks, now=clock.now())


def notification_list_for_user(
    *, actor: User, unread_only: bool = False, limit: int = NOTIFICATION_LIMIT
) -> list[ClockNotification]:
    """Return the newest reminders and escalations addressed to the actor.

    Staff see those addressed to them and to their team; a partner user sees those
    addressed to their organisation. Newest first, at most ``limit``.

    :raises CapabilityMissing: the actor cannot sign in to the home page
    """
    require_capability(actor, Capability.HOME_VIEW)
    notifications = ClockNotification.objects.select_related("clock").filter(
        addressed_notifications_filter(actor)
    )
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return list(notifications.order_by("-created_at", "id")[:limit])


@dataclass(frozen=True)
class OfficerCaseload:
    officer: User
    running: int
    overdue: int


def caseload_by_officer(*, actor: User, team: Team | None = None) -> list[OfficerCaseload]:
    """Return each officer of a team with their running and overdue clocks, busiest first.

    Shown to a supervisor before allocating work.

    :raises CapabilityMissing: the actor does not supervise
    """
    from django.db.models import Count, FilteredRelation

    from safeguard.accounts.models import User as UserModel

    require_capability(actor, Capability.SUPERVISION_VIEW)
    team_id = team.pk if team is not None else actor.team_id
    if team_id is None:
        return []
    now = clock.now()
    # Join only the running clocks (FilteredRelation), not every clock an officer ever owned.
    officers = (
        UserModel.objects.filter(team_id=team_id, is_active=True)
        .annotate(
            open_clocks=FilteredRelation(
                "statutory_clocks", condition=Q(statutory_clocks__stopped_at__isnull=True)
            )
        )
        .annotate(
            running=Count("open_clocks"),
            overdue=Count("open_clocks", filter=Q(open_clocks__due_at__lt=now)),
        )
        .order_by("-running", "username")
    )
    return [OfficerCaseload(officer=o, running=o.running, overdue=o.overdue) for o in officers]
