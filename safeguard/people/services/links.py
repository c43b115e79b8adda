"""Writes for links between person records (issue 6): link, reject, merge, unmerge.

Every decision names both records in its audit event; linking, merging and unmerging are
*combinations* under DPA 2018 s.62(1)(e) (DESIGN.md invariants), a rejection an
*alteration* of how the two records stand. Nothing is ever deleted: a merge only gives a
link a kept side, and unmerging only marks the link undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.people.models import Person, PersonLink
from safeguard.people.policies import person_in_scope
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.rules.links import merge_refusal, same_link_refusal
from safeguard.people.selectors import person_group_ids, standing_merges

if TYPE_CHECKING:
    from safeguard.accounts.models import User

MIN_REASON_LENGTH = 10


class LinkRefused(DomainError):
    """The link, merge or unmerge breaks a rule; the message says which."""


def _reason(reason: str) -> str:
    text = reason.strip()
    if len(text) < MIN_REASON_LENGTH:
        raise LinkRefused(f"Give a reason of at least {MIN_REASON_LENGTH} characters.")
    return text


def _pair(actor: User, first_id: UUID, second_id: UUID) -> tuple[Person, Person]:
    """Both people, in scope, locked, lower id first (a pair has one row while it stands)."""
    first = person_in_scope(actor, first_id)
    second = person_in_scope(actor, second_id)
    left, right = sorted((first, second), key=lambda p: str(p.pk))
    locked = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[left.pk, right.pk])
    }
    return locked[left.pk], locked[right.pk]


def _standing(left: Person, right: Person) -> PersonLink | None:
    return (
        PersonLink.objects.select_for_update()
        .filter(left=left, right=right, undone_at__isnull=True)
        .first()
    )


def _subjects(link: PersonLink) -> list[Subject]:
    return [Subject.of(link.left), Subject.of(link.right)]


def _explained(link: PersonLink) -> dict[str, Any]:
    return {
        "link": str(link.pk),
        "decision": link.decision,
        "source": link.source,
        "match_probability": link.match_probability,
        "reason": link.reason,
    }


@transaction.atomic
def person_link_record(
    *,
    actor: User,
    first_id: UUID,
    second_id: UUID,
    decision: LinkDecision,
    reason: str,
    source: LinkSource,
    match_probability: float | None = None,
    explanation: Sequence[dict[str, Any]] = (),
) -> PersonLink:
    """Record that two person records are the same person, or are not.

    A standing opposite decision about the same pair is superseded (marked undone, with the
    new reason), never deleted.

    :raises CapabilityMissing: the actor cannot link people
    :raises NotFoundOrForbidden: either person is outside the actor's scope
    :raises LinkRefused: no reason, a record linked to itself, or already the same person
    """
    require_capability(actor, Capability.PERSON_LINK)
    text = _reason(reason)
    if first_id == second_id:
        raise LinkRefused("A record cannot be linked to itself.")
    left, right = _pair(actor, first_id, second_id)
    now = clock.now()
    existing = _standing(left, right)
    if existing is not None:
        if existing.decision == decision:
            raise LinkRefused("This decision about these records is already recorded.")
        if existing.kept_id is not None:
            raise LinkRefused("These records are merged; unmerge them first.")
        existing.undone_at, existing.undone_by, existing.undo_reason = now, actor, text
        existing.save(update_fields=["undone_at", "undone_by", "undo_reason", "updated_at"])
    if decision == LinkDecision.SAME:
        refusal = same_link_refusal(
            left.pk, right.pk, left_group=set(person_group_ids(person_id=left.pk))
        )
        if refusal:
            raise LinkRefused(refusal)
    link = PersonLink.objects.create(
        left=left,
        right=right,
        decision=decision,
        source=source,
        match_probability=match_probability,
        explanation=list(explanation),
        reason=text,
        decided_by=actor,
        decided_at=now,
    )
    same = decision == LinkDecision.SAME
    audit_event_record(
        actor=actor,
        operation=Operation.COMBINATION if same else Operation.ALTERATION,
        event_type="person.linked" if same else "person.link_rejected",
        subjects=_subjects(link),
        justification=text,
        changes=_explained(link),
    )
    return link


@transaction.atomic
def person_merge(*, actor: User, kept_id: UUID, merged_away_id: UUID, reason: str) -> PersonLink:
    """Merge one record into another: its id then redirects to the kept record.

    Links the two as the same person first if they are not linked yet. Both records and
    everything attached to them stay as they were.

    :raises CapabilityMissing: the actor cannot merge people
    :raises NotFoundOrForbidden: either person is outside the actor's scope
    :raises LinkRefused: no reason, merged into itself, already merged away, or the two
        records are linked only through others (merge along a direct link)
    """
    require_capability(actor, Capability.PERSON_MERGE)
    text = _reason(reason)
    merges = standing_merges()
    refusal = merge_refusal(merged_away=merged_away_id, kept=kept_id, merged_into=merges)
    if refusal:
        raise LinkRefused(refusal)
    left, right = _pair(actor, kept_id, merged_away_id)
    link = _standing(left, right)
    if link is None:
        link = person_link_record(
            actor=actor,
            first_id=kept_id,
            second_id=merged_away_id,
            decision=LinkDecision.SAME,
            reason=text,
            source=LinkSource.REVIEW,
        )
    elif link.decision != LinkDecision.SAME:
        raise LinkRefused("These records are recorded as different people.")
    now = clock.now()
    link.kept_id, link.merged_by, link.merged_at = kept_id, actor, now
    link.save(update_fields=["kept", "merged_by", "merged_at", "updated_at"])
    audit_event_record(
        actor=actor,
        operation=Operation.COMBINATION,
        event_type="person.merged",
        subjects=_subjects(link),
        justification=text,
        changes={**_explained(link), "kept": str(kept_id), "merged_away": str(merged_away_id)},
    )
    return link


@transaction.atomic
def person_link_undo(*, actor: User, link_id: UUID, reason: str) -> PersonLink:
    """Undo a link or a merge ("unmerge"): both records stand alone again, as they were.

    :raises CapabilityMissing: the actor cannot link people, or (for a merge) merge them
    :raises NotFoundOrForbidden: no such standing link with both people in scope
    :raises LinkRefused: no reason
    """
    require_capability(actor, Capability.PERSON_LINK)
    text = _reason(reason)
    link = (
        PersonLink.objects.select_for_update(of=("self",))
        .select_related("left", "right")
        .filter(pk=link_id, undone_at__isnull=True)
        .first()
    )
    if link is None:
        raise NotFoundOrForbidden()
    person_in_scope(actor, link.left_id)
    person_in_scope(actor, link.right_id)
    merged = link.kept_id is not None
    if merged:
        require_capability(actor, Capability.PERSON_MERGE)
    link.undone_at, link.undone_by, link.undo_reason = clock.now(), actor, text
    link.save(update_fields=["undone_at", "undone_by", "undo_reason", "updated_at"])
    same = link.decision == LinkDecision.SAME
    audit_event_record(
        actor=actor,
        operation=Operation.COMBINATION if same else Operation.ALTERATION,
        event_type=(
            "person.unmerged"
            if merged
            else "person.unlinked"
            if same
            else "person.rejection_undone"
        ),
        subjects=_subjects(link),
        justification=text,
        changes={**_explained(link), "kept": str(link.kept_id) if merged else None},
    )
    return link
