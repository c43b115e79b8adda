"""Scope for concerns and referrals: police force-wide; a social-care partner sees only the
referrals sent to its own organisation (DESIGN.md invariant 4); other partners nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from safeguard.access.policies import scope_filter
from safeguard.access.rules.capabilities import Capability
from safeguard.access.rules.record_scope import ScopeLevel
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.referrals.models import ChildConcern, PoliceProtection, Referral

if TYPE_CHECKING:
    from safeguard.accounts.models import User

CONCERN_SUBJECT_TYPE = "referrals.childconcern"
REFERRAL_SUBJECT_TYPE = "referrals.referral"
PROTECTION_SUBJECT_TYPE = "referrals.policeprotection"


def scope_concerns(actor: User) -> QuerySet[ChildConcern]:
    return ChildConcern.objects.filter(
        scope_filter(
            actor,
            subject_type=CONCERN_SUBJECT_TYPE,
            view_capability=Capability.REFERRAL_VIEW,
            level=ScopeLevel.FORCE,
            restricted_field="child__is_restricted",
        )
    )


def scope_referrals(actor: User) -> QuerySet[Referral]:
    return Referral.objects.filter(
        scope_filter(
            actor,
            subject_type=REFERRAL_SUBJECT_TYPE,
            view_capability=Capability.REFERRAL_VIEW,
            level=ScopeLevel.FORCE,
            shared_organisations_field="recipient_organisation_id",
        )
    )


def concern_in_scope(actor: User, concern_id: UUID) -> ChildConcern:
    """:raises NotFoundOrForbidden: missing or out of scope (the same answer)"""
    concern = scope_concerns(actor).filter(pk=concern_id).first()
    if concern is None:
        raise NotFoundOrForbidden()
    return concern


def referral_in_scope(actor: User, referral_id: UUID) -> Referral:
    """:raises NotFoundOrForbidden: missing or out of scope (the same answer)"""
    referral = scope_referrals(actor).filter(pk=referral_id).first()
    if referral is None:
        raise NotFoundOrForbidden()
    return referral


def scope_protections(actor: User) -> QuerySet[PoliceProtection]:
    return PoliceProtection.objects.filter(
        scope_filter(
            actor,
            subject_type=PROTECTION_SUBJECT_TYPE,
            view_capability=Capability.REFERRAL_VIEW,
            level=ScopeLevel.FORCE,
            restricted_field="child__is_restricted",
        )
    )


def protection_in_scope(actor: User, protection_id: UUID) -> PoliceProtection:
    """:raises NotFoundOrForbidden: missing or out of scope (the same answer)"""
    protection = scope_protections(actor).filter(pk=protection_id).first()
    if protection is None:
        raise NotFoundOrForbidden()
    return protection


def concern_scope_check(actor: User, subject_id: str) -> None:
    """Risk's scope check for assessments about a concern.

    :raises NotFoundOrForbidden: the concern is missing or out of scope
    """
    concern_in_scope(actor, UUID(subject_id))
