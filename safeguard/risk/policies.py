"""Who may assess, read and review risk, and for which subjects (STYLE.md §4.7).

A risk assessment is about a record another app owns, so the record scope is that app's:
an actor may assess or read assessments of a subject only if they may see the subject.
Risk sits below the process apps (import-linter layers), so it cannot ask them directly.
Instead each app that assesses its records registers a scope check for its subject type
from its ``AppConfig.ready()``; deny by default, so an unregistered type is "not found".
People are registered here, as risk may import people.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ImproperlyConfigured

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.services import Subject
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.people.policies import PERSON_SUBJECT_TYPE, person_in_scope

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.risk.models import RiskAssessment

SubjectScopeCheck = Callable[["User", str], object]
"""Called with the actor and the subject ID; raises NotFoundOrForbidden when out of scope."""


def _person_in_scope(actor: User, subject_id: str) -> object:
    try:
        person_id = UUID(subject_id)
    except ValueError as exc:
        raise NotFoundOrForbidden() from exc
    return person_in_scope(actor, person_id)


_subject_scope_checks: dict[str, SubjectScopeCheck] = {PERSON_SUBJECT_TYPE: _person_in_scope}


def subject_scope_register(subject_type: str, check: SubjectScopeCheck) -> None:
    """Let the app owning ``subject_type`` decide who may assess and read its records.

    Call it from that app's ``AppConfig.ready()``, for example
    ``subject_scope_register("referrals.childconcern", child_concern_in_scope)``.

    :raises ImproperlyConfigured: another check is already registered for the type
    """
    existing = _subject_scope_checks.get(subject_type)
    if existing is not None and existing is not check:
        raise ImproperlyConfigured(f"A scope check for {subject_type} is already registered")
    _subject_scope_checks[subject_type] = check


def subject_require_in_scope(actor: User, subject: Subject) -> None:
    """Refuse unless the actor may see ``subject``.

    :raises NotFoundOrForbidden: the subject is missing, out of scope, or of a type no app
        has registered (the same answer for all three)
    """
    check = _subject_scope_checks.get(subject.type)
    if check is None:
        raise NotFoundOrForbidden()
    check(actor, subject.id)


def can_read_risk_assessments(actor: User) -> bool:
    """Tell whether the actor may read risk assessments (assessors and reviewers)."""
    if has_capability(actor, Capability.RISK_ASSESS):
        return True
    return has_capability(actor, Capability.RISK_REVIEW)


def require_risk_read(actor: User) -> None:
    """Refuse unless the actor may read risk assessments.

    :raises CapabilityMissing: the actor neither assesses nor reviews risk
    """
    if not can_read_risk_assessments(actor):
        raise CapabilityMissing(f"Your role does not allow: {Capability.RISK_ASSESS.label}.")


def can_review_risk_assessment(actor: User, assessment: RiskAssessment) -> bool:
    """Tell whether the actor may review ``assessment`` now (for showing the action).

    Reviewing needs the capability, someone else's assessment, and no review yet. The
    subject's scope is checked by the service.
    """
    if not has_capability(actor, Capability.RISK_REVIEW):
        return False
    if assessment.assessed_by_id == actor.pk:
        return False
    return assessment.reviewed_at is None
