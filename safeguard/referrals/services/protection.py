"""Police protection under Children Act 1989 s.46: the 72-hour clock and the notices."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import User
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import (
    clock_start,
)
from safeguard.core import clock
from safeguard.core.rules.deadlines import hours_deadline
from safeguard.core.services import reference_issue
from safeguard.people.policies import person_in_scope
from safeguard.referrals.models import (
    PoliceProtection,
    ProtectionNoticeGiven,
)
from safeguard.referrals.policies import protection_in_scope
from safeguard.referrals.rules.codes import (
    ProtectionNotice,
)
from safeguard.referrals.rules.limits import DEFAULT_LIMITS
from safeguard.referrals.services.common import ReferralInvalid, step_clock_stop

PROTECTION_CLOCK = "police_protection.limit"


@transaction.atomic
def police_protection_start(
    *, actor: User, child_id: UUID, starts_at: dt.datetime, reason: str, accommodation: str
) -> PoliceProtection:
    """Record that a child was taken into police protection; the 72-hour clock starts, urgent.

    :raises NotFoundOrForbidden: the child is not in scope
    :raises ReferralInvalid: time, reason or accommodation are wrong
    """
    require_capability(actor, Capability.POLICE_PROTECTION_RECORD)
    child = person_in_scope(actor, child_id)
    now = clock.now()
    errors: dict[str, list[str]] = {}
    if starts_at.tzinfo is None or starts_at > now:
        errors["starts_at"] = ["Give when the child was taken into police protection"]
    if len(reason.strip()) < 10:
        errors["reason"] = [
            "Say why the child would otherwise be likely to suffer significant harm"
        ]
    if not accommodation.strip():
        errors["accommodation"] = ["Say where the child is being kept"]
    if errors:
        raise ReferralInvalid(errors)
    protection = PoliceProtection.objects.create(
        reference=reference_issue(prefix="PP", year=now.year)[0],
        child=child,
        starts_at=starts_at,
        reason=reason.strip(),
        accommodation=accommodation.strip(),
        owning_team_id=actor.team_id,
        recorded_by=actor,
        created_at=now,
        updated_at=now,
    )
    assert actor.team is not None
    clock_start(
        subject=Subject.of(protection),
        kind=PROTECTION_CLOCK,
        label="Police protection ends (72 hours)",
        started_at=starts_at,
        due_at=hours_deadline(starts_at=starts_at, hours=DEFAULT_LIMITS.police_protection_hours),
        rule="No child may be kept in police protection for more than 72 hours",
        rule_source="Children Act 1989 s.46(6); DOMAIN.md §4.2 [S]",
        rule_version=DEFAULT_LIMITS.version,
        owner_team=actor.team,
        owner_user=actor,
        urgent=True,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="police_protection.started",
        subjects=[Subject.of(protection), Subject.of(child)],
        changes={"reference": protection.reference, "starts_at": starts_at.isoformat()},
    )
    return protection


@transaction.atomic
def police_protection_notice_record(
    *, actor: User, protection_id: UUID, notice: str, given_at: dt.datetime, detail: str = ""
) -> ProtectionNoticeGiven:
    """Record one of the notices s.46 requires (local authority, child, parents, designated officer).

    :raises NotFoundOrForbidden: no such police protection in scope
    :raises ReferralInvalid: unknown notice, already recorded, or an impossible time
    """
    require_capability(actor, Capability.POLICE_PROTECTION_RECORD)
    protection = protection_in_scope(actor, protection_id)
    errors: dict[str, list[str]] = {}
    if notice not in {n.value for n in ProtectionNotice}:
        errors["notice"] = ["Choose who was told"]
    elif protection.notices.filter(notice=notice).exists():
        errors["notice"] = ["This notice is already recorded"]
    if given_at.tzinfo is None or given_at > clock.now() or given_at < protection.starts_at:
        errors["given_at"] = ["Give a time after the child was taken into police protection"]
    if errors:
        raise ReferralInvalid(errors)
    given = ProtectionNoticeGiven.objects.create(
        protection=protection,
        notice=notice,
        given_at=given_at,
        detail=detail.strip(),
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="police_protection.notice_given",
        subjects=[Subject.of(protection), Subject("people.person", str(protection.child_id))],
        justification="Children Act 1989 s.46 notice",
        recipients=[notice],
        changes={"notice": notice, "given_at": given_at.isoformat()},
    )
    return given


@transaction.atomic
def police_protection_end(
    *,
    actor: User,
    protection_id: UUID,
    ends_at: dt.datetime,
    end_reason: str,
    delay_reason: str = "",
) -> PoliceProtection:
    """End police protection; stops the 72-hour clock (a late end needs a reason).

    :raises NotFoundOrForbidden: no such police protection in scope
    :raises ReferralInvalid: already ended, no reason, an impossible time, or late without a reason
    """
    require_capability(actor, Capability.POLICE_PROTECTION_RECORD)
    protection = protection_in_scope(actor, protection_id)
    errors: dict[str, list[str]] = {}
    if protection.ends_at is not None:
        errors["ends_at"] = ["Police protection has already ended"]
    elif ends_at.tzinfo is None or ends_at < protection.starts_at or ends_at > clock.now():
        errors["ends_at"] = ["Give when police protection ended"]
    if len(end_reason.strip()) < 5:
        errors["end_reason"] = ["Say how it ended (returned home, emergency protection order...)"]
    if errors:
        raise ReferralInvalid(errors)
    protection.ends_at = ends_at
    protection.end_reason = end_reason.strip()
    protection.updated_at = clock.now()
    protection.save(update_fields=["ends_at", "end_reason", "updated_at"])
    step_clock_stop(
        actor,
        Subject.of(protection),
        PROTECTION_CLOCK,
        stopped_at=ends_at,
        delay_reason=delay_reason,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="police_protection.ended",
        subjects=[Subject.of(protection)],
        changes={"ends_at": ends_at.isoformat()},
    )
    return protection
