"""Reads for seized-media triage. Opening a seizure's review queue or one item is a
*consultation* of case data and is logged with its justification (DPA 2018 s.62(2))."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.media.models import Categorisation, HashBank, MediaItem, MediaMatch, Seizure
from safeguard.media.rules.categories import Category, category_counts
from safeguard.media.rules.matching import ItemStatus

if TYPE_CHECKING:
    from safeguard.accounts.models import User

# Matched items first, then quarantined, then the rest (DOMAIN.md §6.4: grade what matched).
QUEUE_ORDER = [
    ItemStatus.MATCHED,
    ItemStatus.QUARANTINED,
    ItemStatus.SUPPRESSED,
    ItemStatus.ERROR,
    ItemStatus.UNMATCHED,
]


def default_purpose(seizure: Seizure) -> str:
    return f"Triage of seized media {seizure.reference}"


@dataclass(frozen=True)
class QueueRow:
    item: MediaItem
    matches: list[MediaMatch]
    category: str | None


def hash_bank_list(*, actor: User) -> QuerySet[HashBank]:
    """Return every hash bank (no personal data).

    :raises CapabilityMissing: the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    return HashBank.objects.all()


def seizure_list(*, actor: User) -> QuerySet[Seizure]:
    """Return the seizures, latest first, at most 100.

    :raises CapabilityMissing: the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    return Seizure.objects.all()[:100]


def seizure_get(*, actor: User, seizure_id: UUID) -> Seizure:
    """Return one seizure (its reference and description).

    :raises NotFoundOrForbidden: no such seizure, or the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    seizure = Seizure.objects.filter(pk=seizure_id).first()
    if seizure is None:
        raise NotFoundOrForbidden()
    return seizure


def _latest_category(item: MediaItem) -> str | None:
    gradings: list[Categorisation] = list(item.categorisations.all())
    return gradings[0].category if gradings else None


def review_queue(*, actor: User, seizure: Seizure, purpose: str = "") -> list[QueueRow]:
    """Return the seizure's items, matched first, each with its matches and latest category,
    and log the consultation.

    :raises CapabilityMissing: the actor may not triage media
    :raises PurposeRequired: a purpose was given but is too short to mean anything
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    justification = require_purpose(purpose or default_purpose(seizure))
    items = (
        seizure.items.defer("thumbnail")
        .prefetch_related(
            Prefetch("matches", queryset=MediaMatch.objects.select_related("bank")),
            Prefetch("categorisations", queryset=Categorisation.objects.order_by("-created_at")),
        )
        .order_by("file_name")
    )
    rank = {status.value: n for n, status in enumerate(QUEUE_ORDER)}
    rows = sorted(
        (QueueRow(i, list(i.matches.all()), _latest_category(i)) for i in items),
        key=lambda r: (rank[r.item.status], r.item.file_name),
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="media.review_queue_viewed",
        subjects=[Subject.of(seizure)],
        justification=justification,
        changes={"items": len(rows)},
    )
    return rows


def item_get(*, actor: User, item_id: UUID, purpose: str = "") -> MediaItem:
    """Return one item with its seizure, and log the consultation.

    :raises NotFoundOrForbidden: no such item, or the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    item = MediaItem.objects.select_related("seizure").filter(pk=item_id).first()
    if item is None:
        raise NotFoundOrForbidden()
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="media.item_viewed",
        subjects=[Subject.of(item), Subject.of(item.seizure)],
        justification=require_purpose(purpose or default_purpose(item.seizure)),
    )
    return item


def item_thumbnail(*, actor: User, item_id: UUID) -> bytes:
    """Return an item's blurred thumbnail (JPEG), or empty bytes if it has none.

    The review queue that shows it logs the consultation; the request log records each fetch.

    :raises NotFoundOrForbidden: no such item, or the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    row = MediaItem.objects.filter(pk=item_id).values_list("thumbnail", flat=True).first()
    if row is None:
        raise NotFoundOrForbidden()
    return bytes(row)


def seizure_category_counts(*, actor: User, seizure: Seizure) -> dict[str, int]:
    """Return how many items of the seizure are in each category (latest grading), for the
    case file, and how many matched items are not yet categorised. Only items that matched
    or were quarantined, or that someone graded, are counted.

    :raises CapabilityMissing: the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    latest: dict[UUID, str] = {}
    for item_id, category in (
        Categorisation.objects.filter(item__seizure=seizure)
        .order_by("item_id", "-created_at")
        .values_list("item_id", "category")
    ):
        latest.setdefault(item_id, category)
    review = set(
        seizure.items.filter(
            status__in=[ItemStatus.MATCHED.value, ItemStatus.QUARANTINED.value]
        ).values_list("pk", flat=True)
    ) | set(latest)
    return category_counts(Category(latest[i]) if i in latest else None for i in review)


def seizure_by_reference(*, actor: User, reference: str) -> Seizure | None:
    """Return the seizure with ``reference``, if any.

    :raises CapabilityMissing: the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    return Seizure.objects.filter(reference=reference.strip()).first()
