"""Writes for access: roles from their single definition, break-glass grants and reviews."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from safeguard.access.models import BreakGlassGrant, ReviewOutcome
from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import ROLE_CAPABILITIES, Capability, Role
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import DomainError
from safeguard.core.policy import force_policy

if TYPE_CHECKING:
    from safeguard.accounts.models import User


class ReasonTooShort(DomainError):
    pass


class GrantAlreadyReviewed(DomainError):
    pass


MIN_REASON_LENGTH = 20


@transaction.atomic
def roles_sync() -> list[Group]:
    """Make the role groups and their permissions match ``ROLE_CAPABILITIES`` exactly."""
    from django.contrib.contenttypes.models import ContentType

    from safeguard.access.models import CapabilityRegister

    content_type = ContentType.objects.get_for_model(CapabilityRegister, for_concrete_model=False)
    permissions = {}
    for capability in Capability:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=capability.value,
            defaults={"name": capability.label},
        )
        permissions[capability] = permission
    groups = []
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set([permissions[c] for c in ROLE_CAPABILITIES[role]])
        groups.append(group)
    return groups


@transaction.atomic
def break_glass_open(*, actor: User, subject: Subject, reason: str) -> BreakGlassGrant:
    """Open one record beyond the actor's scope for a while, for a written reason.

    The caller must already have confirmed the record exists; the grant is audited as its
    own event type (``access.break_glass_opened``) and waits for supervisor review.

    :raises CapabilityMissing: the actor's role has no break-glass capability
    :raises ReasonTooShort: the written reason is too short to review
    """
    require_capability(actor, Capability.BREAK_GLASS)
    cleaned = reason.strip()
    if len(cleaned) < MIN_REASON_LENGTH:
        raise ReasonTooShort(
            f"Write why you need this record, in at least {MIN_REASON_LENGTH} characters."
        )
    now = clock.now()
    minutes = int(force_policy("BREAK_GLASS_MINUTES"))
    grant = BreakGlassGrant.objects.create(
        user=actor,
        subject_type=subject.type,
        subject_id=UUID(subject.id),
        reason=cleaned,
        expires_at=now + dt.timedelta(minutes=minutes),
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="access.break_glass_opened",
        subjects=[subject],
        justification=cleaned,
        changes={"grant_id": str(grant.id), "expires_at": grant.expires_at.isoformat()},
    )
    return grant


@transaction.atomic
def break_glass_review(
    *, actor: User, grant: BreakGlassGrant, outcome: ReviewOutcome, note: str
) -> BreakGlassGrant:
    """Record a supervisor's or auditor's judgement on a break-glass access.

    :raises CapabilityMissing: the actor cannot review break-glass access
    :raises GrantAlreadyReviewed: someone has already reviewed it
    :raises DomainError: the actor tried to review their own access
    """
    require_capability(actor, Capability.BREAK_GLASS_REVIEW)
    if grant.user_id == actor.pk:
        raise DomainError("You cannot review your own break-glass access.")
    locked = BreakGlassGrant.objects.select_for_update().get(pk=grant.pk)
    if locked.reviewed_at is not None:
        raise GrantAlreadyReviewed("This access has already been reviewed.")
    now = clock.now()
    locked.reviewed_by = actor
    locked.reviewed_at = now
    locked.review_outcome = outcome.value
    locked.review_note = note.strip()
    locked.updated_at = now
    locked.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="access.break_glass_reviewed",
        subjects=[Subject(locked.subject_type, str(locked.subject_id))],
        changes={"grant_id": str(locked.id), "outcome": outcome.value},
    )
    return locked
