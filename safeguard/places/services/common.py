"""Shared pieces of the place services: field errors, linking a record, the recurrence flag."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core.exceptions import DomainError
from safeguard.core.rules.calendar import LONDON
from safeguard.places import policy
from safeguard.places.models import Place, PlaceFlag, PlaceLink
from safeguard.places.rules.recurrence import recurrence_reason

if TYPE_CHECKING:
    from safeguard.accounts.models import User

MIN_REASON = 10


class PlaceInvalid(DomainError):
    """Field errors; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(" ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def link_create(
    *,
    actor: User | None,
    place: Place,
    subject: Subject,
    role: str,
    reference: str,
    occurred_at: dt.datetime,
    reason: str,
) -> PlaceLink | None:
    """Create the link and audit it; return None if the same link exists already."""
    link = PlaceLink(
        place=place,
        subject_type=subject.type,
        subject_id=subject.id,
        role=role,
        reference=reference,
        occurred_at=occurred_at,
        linked_by=actor,
        reason=reason.strip(),
    )
    try:
        with transaction.atomic():
            link.save(force_insert=True)
    except IntegrityError:
        return None
    audit_event_record(
        actor=actor,
        operation=Operation.COMBINATION,
        event_type="place.linked",
        subjects=[Subject.of(place), subject, Subject.of(link)],
        justification=reason.strip(),
        changes={"role": role, "reference": reference, "place": place.reference},
    )
    return link


def recurrence_apply(*, place: Place, now: dt.datetime) -> PlaceFlag | None:
    """Raise the place's flag if its recent history recurs (``rules.recurrence``), as the
    system; return the new flag, or None if none was raised (one already open, or too few).
    """
    # Lock the place: two concerns arriving together must not both raise a flag.
    Place.objects.select_for_update().filter(pk=place.pk).first()
    if PlaceFlag.objects.filter(place=place, lowered_at__isnull=True).exists():
        return None
    # One instant per distinct record: a record linked in two roles counts once.
    first: dict[tuple[str, str], dt.datetime] = {}
    for subject_type, subject_id, at in place.links.values_list(
        "subject_type", "subject_id", "occurred_at"
    ):
        key = (subject_type, str(subject_id))
        first[key] = min(at, first.get(key, at))
    reason = recurrence_reason(
        occurred=first.values(), now=now, count=policy.recur_count(), days=policy.recur_days()
    )
    if reason is None:
        return None
    flag = PlaceFlag.objects.create(
        place=place,
        reason=reason,
        review_on=now.astimezone(LONDON).date() + dt.timedelta(days=policy.flag_review_days()),
        raised_by=None,
        raised_at=now,
    )
    audit_event_record(
        actor=None,
        operation=Operation.ALTERATION,
        event_type="place.flagged",
        subjects=[Subject.of(place), Subject.of(flag)],
        changes={"reason": reason, "review_on": flag.review_on.isoformat(), "automatic": True},
    )
    return flag
