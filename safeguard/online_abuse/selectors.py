"""Reads of online CSEA referrals. Every read that returns personal data writes a
*consultation* event with its purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Prefetch, Q

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.selectors import ClockWithStatus, clock_list_for_subject
from safeguard.core import clock
from safeguard.online_abuse.models import (
    ChildAroundSuspect,
    IdentifierMatch,
    OnlineReferral,
    StageEvent,
    SuspectIdentifier,
)
from safeguard.online_abuse.policies import referral_in_scope
from safeguard.online_abuse.rules.codes import ChildDecision, Stage
from safeguard.online_abuse.rules.indicators import (
    OnlineIndicators,
    ReferralFacts,
    online_indicators,
)
from safeguard.online_abuse.services.intake import ACTION_CLOCK

if TYPE_CHECKING:
    from safeguard.accounts.models import User

QUEUE_LIMIT = 200


@dataclass(frozen=True)
class QueueRow:
    referral: OnlineReferral
    action: StatutoryClock | None
    children: int
    undecided: int


def referral_queue(*, actor: User) -> list[QueueRow]:
    """Open referrals, the ones due soonest first, with their action clocks.

    References, levels, stages and times only (no one's identity), so no consultation.

    :raises CapabilityMissing: the actor may not see online referrals
    """
    require_capability(actor, Capability.ONLINE_REFERRAL_VIEW)
    referrals = list(
        OnlineReferral.objects.exclude(stage=Stage.CLOSED)
        .annotate(
            child_count=Count("children"),
            undecided_count=Count("children", filter=Q(children__decision="")),
        )
        .order_by("received_at")[:QUEUE_LIMIT]
    )
    clocks = {
        c.subject_id: c
        for c in StatutoryClock.objects.filter(
            kind=ACTION_CLOCK, subject_id__in=[r.pk for r in referrals]
        ).order_by("started_at")
    }
    rows = [
        QueueRow(
            referral=r,
            action=clocks.get(r.pk),
            children=r.child_count,
            undecided=r.undecided_count,
        )
        for r in referrals
    ]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows.sort(
        key=lambda row: row.action.due_at if row.action and not row.action.stopped_at else far
    )
    return rows


@dataclass(frozen=True)
class ReferralRecord:
    referral: OnlineReferral
    identifiers: list[SuspectIdentifier]
    children: list[ChildAroundSuspect]
    events: list[StageEvent]
    clocks: list[ClockWithStatus]


def referral_get(*, actor: User, referral_id: UUID, purpose: str) -> ReferralRecord:
    """The whole referral: identifiers and what they matched, the children and decisions,
    the stages and clocks. One consultation naming the referral, the suspect and each child.

    :raises NotFoundOrForbidden: no such referral the actor may see
    :raises PurposeRequired: no purpose was given
    """
    justification = require_purpose(purpose)
    referral_in_scope(actor, referral_id)
    referral = OnlineReferral.objects.select_related("suspect").get(pk=referral_id)
    identifiers = list(
        referral.identifiers.prefetch_related(
            Prefetch(
                "matches",
                queryset=IdentifierMatch.objects.select_related("person", "address"),
            )
        ).order_by("kind", "normalised")
    )
    children = list(
        referral.children.select_related("child", "concern", "decided_by").order_by(
            "child__date_of_birth"
        )
    )
    record = ReferralRecord(
        referral=referral,
        identifiers=identifiers,
        children=children,
        events=list(referral.events.select_related("recorded_by")),
        clocks=clock_list_for_subject(subject=Subject.of(referral)),
    )
    subjects = [Subject.of(referral)]
    if referral.suspect is not None:
        subjects.append(Subject.of(referral.suspect))
    subjects += [Subject.of(row.child) for row in children]
    subjects += [
        Subject.of(m.person) for i in identifiers for m in i.matches.all() if m.person is not None
    ]
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="online_referral.consulted",
        subjects=list({(s.type, s.id): s for s in subjects}.values()),
        justification=justification,
    )
    return record


def indicator_facts(
    *, since: dt.datetime, until: dt.datetime, now: dt.datetime
) -> list[ReferralFacts]:
    """The facts behind the online indicators for referrals received in ``[since, until)``.

    An action time counts as judged once the clock stopped, or once it is overdue at
    ``now``. Counts only, no personal data: nothing to audit.
    """
    referrals = list(
        OnlineReferral.objects.filter(received_at__gte=since, received_at__lt=until).annotate(
            child_count=Count("children", distinct=True),
            referred_count=Count(
                "children",
                filter=Q(children__decision=ChildDecision.REFER),
                distinct=True,
            ),
        )
    )
    ids = [r.pk for r in referrals]
    actions = {
        c.subject_id: c
        for c in StatutoryClock.objects.filter(kind=ACTION_CLOCK, subject_id__in=ids)
    }
    visits = dict(
        StageEvent.objects.filter(referral_id__in=ids, stage=Stage.SAFEGUARDING_VISIT)
        .order_by("occurred_at")
        .values_list("referral_id", "occurred_at")
    )

    def met(referral_id: UUID) -> bool | None:
        action = actions.get(referral_id)
        if action is None:
            return None
        if action.stopped_at is not None:
            return action.outcome == "MET"
        return False if action.due_at < now else None

    return [
        ReferralFacts(
            kirat_level=r.kirat_level,
            received_at=r.received_at,
            action_met=met(r.pk),
            visited_at=visits.get(r.pk),
            children=r.child_count,
            children_referred=r.referred_count,
            subject_id=r.pk,
        )
        for r in referrals
    ]


def online_indicators_for(*, actor: User, since: dt.datetime) -> OnlineIndicators:
    """The issue 7 indicators over referrals received since ``since`` (counts only).

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    now = clock.now()
    return online_indicators(indicator_facts(since=since, until=now, now=now))
