"""Reads for the referral engine; lists and pages that show children write consultations."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.selectors import ClockWithStatus, clock_list_for_subject
from safeguard.referrals.models import ChildConcern, PoliceProtection, Referral, StrategyDiscussion
from safeguard.referrals.policies import (
    concern_in_scope,
    protection_in_scope,
    referral_in_scope,
    scope_concerns,
    scope_referrals,
)
from safeguard.referrals.rules.codes import ConcernStatus

if TYPE_CHECKING:
    from safeguard.accounts.models import User

QUEUE_LIMIT = 200
# The MASH queue shows the oldest concerns first, a page at a time.
TRIAGE_QUEUE_PAGE = 50


def triage_queue(*, actor: User) -> list[ChildConcern]:
    """Return concerns awaiting MASH triage, oldest first, and log the children listed.

    :raises CapabilityMissing: the actor does not triage
    """
    require_capability(actor, Capability.TRIAGE_WORK)
    concerns = list(
        scope_concerns(actor)
        .filter(status=ConcernStatus.AWAITING_TRIAGE)
        .select_related("child", "allocated_to")
        .order_by("created_at")[:TRIAGE_QUEUE_PAGE]
    )
    if concerns:
        audit_event_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            event_type="triage_queue.consulted",
            subjects=[Subject.of(c.child) for c in concerns],
            justification="MASH triage queue",
        )
    return concerns


def concern_get(*, actor: User, concern_id: UUID, purpose: str) -> ChildConcern:
    """Return a concern with its child and occurrence; log the consultation.

    :raises NotFoundOrForbidden: missing or out of scope
    :raises PurposeRequired: no purpose given
    """
    require_capability(actor, Capability.REFERRAL_VIEW)
    justification = require_purpose(purpose)
    concern_in_scope(actor, concern_id)
    concern = ChildConcern.objects.select_related("child", "occurrence", "triaged_by").get(
        pk=concern_id
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="concern.consulted",
        subjects=[Subject.of(concern), Subject.of(concern.child)],
        justification=justification,
    )
    return concern


def concern_reference_in_scope(*, actor: User, concern_id: UUID) -> str:
    """Return only the reference number (no personal data, no audit)."""
    require_capability(actor, Capability.REFERRAL_VIEW)
    return concern_in_scope(actor, concern_id).reference


def referral_list(*, actor: User) -> list[Referral]:
    """Return the referrals the actor may see (a partner: only its own), newest first; logged.

    :raises CapabilityMissing: the actor cannot see referrals
    """
    require_capability(actor, Capability.REFERRAL_VIEW)
    referrals = list(
        scope_referrals(actor).select_related("child", "recipient_organisation")[:QUEUE_LIMIT]
    )
    if referrals:
        audit_event_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            event_type="referral_list.consulted",
            subjects=[Subject.of(r.child) for r in referrals],
            justification="Referral list",
        )
    return referrals


def referral_get(
    *, actor: User, referral_id: UUID, purpose: str
) -> tuple[Referral, list[ClockWithStatus]]:
    """Return a referral and its clocks; log the consultation.

    :raises NotFoundOrForbidden: missing or out of scope (for a partner: not sent to it)
    :raises PurposeRequired: no purpose given
    """
    require_capability(actor, Capability.REFERRAL_VIEW)
    justification = require_purpose(purpose)
    referral_in_scope(actor, referral_id)
    referral = Referral.objects.select_related("child", "recipient_organisation", "concern").get(
        pk=referral_id
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="referral.consulted",
        subjects=[Subject.of(referral), Subject.of(referral.child)],
        justification=justification,
    )
    return referral, list(clock_list_for_subject(subject=Subject.of(referral)))


def referral_reference_in_scope(*, actor: User, referral_id: UUID) -> str:
    """Return only the reference number (no personal data, no audit)."""
    require_capability(actor, Capability.REFERRAL_VIEW)
    return referral_in_scope(actor, referral_id).reference


def protection_get(
    *, actor: User, protection_id: UUID, purpose: str
) -> tuple[PoliceProtection, list[ClockWithStatus]]:
    """Return a police protection with its notices and clock; log the consultation.

    :raises NotFoundOrForbidden: missing or out of scope
    :raises PurposeRequired: no purpose given
    """
    require_capability(actor, Capability.REFERRAL_VIEW)
    justification = require_purpose(purpose)
    protection_in_scope(actor, protection_id)
    protection = (
        PoliceProtection.objects.select_related("child")
        .prefetch_related("notices")
        .get(pk=protection_id)
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="police_protection.consulted",
        subjects=[Subject.of(protection), Subject.of(protection.child)],
        justification=justification,
    )
    return protection, list(clock_list_for_subject(subject=Subject.of(protection)))


def protection_reference_in_scope(*, actor: User, protection_id: UUID) -> str:
    """Return only the reference number (no personal data, no audit)."""
    require_capability(actor, Capability.REFERRAL_VIEW)
    return protection_in_scope(actor, protection_id).reference


def strategy_discussion_list(*, referral: Referral) -> list[StrategyDiscussion]:
    """Return a referral's strategy discussions (the caller has opened the referral)."""
    return list(referral.strategy_discussions.order_by("held_at"))


def concern_ppn_prefill(concern: ChildConcern) -> dict[str, str]:
    """Return the PPN's two text answers taken from the concern itself (summary, child's words)."""
    involvement = (
        concern.occurrence.involvements.filter(person_id=concern.child_id)
        .select_related("voice")
        .first()
    )
    voice = getattr(involvement, "voice", None) if involvement is not None else None
    words = voice.childs_words if voice is not None and voice.childs_words else "Not spoken to"
    return {"CONCERN_SUMMARY": concern.summary, "CHILD_VOICE": words}


def concern_clocks(*, concern: ChildConcern) -> list[ClockWithStatus]:
    """Return a concern's clocks (the caller has opened the concern)."""
    return list(clock_list_for_subject(subject=Subject.of(concern)))
