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
from safeguard.referrals.models import ChildConcern, Referral

if TYPE_CHECKING:
    from safeguard.accounts.models import User

CONCERN_SUBJECT_TYPE = "referrals.childconcern"
REFERRAL_SUBJECT_TYPE = "referrals.referral"


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
