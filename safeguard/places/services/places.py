"""Recording places, flagging them and linking records to them (issue 10 item 1;
DOMAIN.md §7: "the premises (hotel) as a location entity, and links between repeat
locations and nominals" [S])."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.rules.calendar import LONDON
from safeguard.core.services import reference_issue
from safeguard.incidents.policies import occurrence_in_scope
from safeguard.missing.policies import police_episode_in_scope
from safeguard.people.models import Address
from safeguard.people.rules.names import name_search_key, normalise_postcode
from safeguard.places.models import BusinessConcern, Place, PlaceFlag, PlaceLink
from safeguard.places.policies import concern_in_scope, place_in_scope
from safeguard.places.rules.codes import (
    BUSINESS_CONCERN_SUBJECT_TYPE,
    CHILD_CONCERN_SUBJECT_TYPE,
    EPISODE_SUBJECT_TYPE,
    OCCURRENCE_SUBJECT_TYPE,
    REFERRAL_SUBJECT_TYPE,
    LinkRole,
    link_errors,
)
from safeguard.places.rules.places import PlaceInput, flag_errors, place_errors
from safeguard.places.services.common import (
    MIN_REASON,
    PlaceInvalid,
    link_create,
    recurrence_apply,
)
from safeguard.referrals import policies as referral_policies

if TYPE_CHECKING:
    from safeguard.accounts.models import User


@transaction.atomic
def place_record(
    *,
    actor: User,
    details: PlaceInput,
    address_id: UUID | None = None,
    organisation_id: UUID | None = None,
) -> Place:
    """Record a place: its kind, name, address, operator and the business that runs it.

    ``organisation_id`` names a partner business (a hotel-kind organisation) whose
    reporters may then submit concerns about this place.

    :raises CapabilityMissing: the actor cannot record places
    :raises PlaceInvalid: every problem with the details, the address or the business
    """
    require_capability(actor, Capability.PLACE_RECORD)
    errors = place_errors(details)
    address = None
    if address_id is not None:
        address = Address.objects.filter(pk=address_id).first()
        if address is None:
            errors["address"] = ["Choose an address the force holds."]
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(
            pk=organisation_id, kind=OrganisationKind.HOTEL
        ).first()
        if organisation is None:
            errors["organisation"] = ["Choose a business partner organisation."]
    if errors:
        raise PlaceInvalid(errors)
    now = clock.now()
    place = Place.objects.create(
        reference=reference_issue(prefix="PLC", year=now.year)[0],
        kind=details.kind,
        name=details.name.strip(),
        search_name=name_search_key(details.name),
        address_line=details.address_line.strip(),
        town=details.town.strip(),
        postcode=normalise_postcode(details.postcode) if details.postcode.strip() else "",
        address=address,
        operator=details.operator.strip(),
        organisation=organisation,
        recorded_by=actor,
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="place.recorded",
        subjects=[Subject.of(place)],
        changes={
            "reference": place.reference,
            "kind": place.kind,
            "name": place.name,
            "organisation": str(organisation.pk) if organisation else None,
        },
    )
    return place


def _locked_place(actor: User, place_id: UUID) -> Place:
    require_capability(actor, Capability.PLACE_RECORD)
    place_in_scope(actor, place_id)
    return Place.objects.select_for_update().get(pk=place_id)


@transaction.atomic
def place_flag(*, actor: User, place_id: UUID, reason: str, review_on: dt.date | None) -> PlaceFlag:
    """Raise the place's flag with a reason and the date it is to be reviewed.

    :raises NotFoundOrForbidden: no such place the actor may see
    :raises PlaceInvalid: no reason, a review date not after today, or a flag already up
    """
    place = _locked_place(actor, place_id)
    now = clock.now()
    errors = flag_errors(
        reason=reason,
        review_on=review_on,
        today=now.astimezone(LONDON).date(),
        reason_min=MIN_REASON,
    )
    if PlaceFlag.objects.filter(place=place, lowered_at__isnull=True).exists():
        errors.setdefault("reason", []).append(
            "This place is already flagged: lower that flag first."
        )
    if errors or review_on is None:
        raise PlaceInvalid(errors)
    flag = PlaceFlag.objects.create(
        place=place, reason=reason.strip(), review_on=review_on, raised_by=actor, raised_at=now
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="place.flagged",
        subjects=[Subject.of(place), Subject.of(flag)],
        justification=flag.reason,
        changes={"reason": flag.reason, "review_on": review_on.isoformat(), "automatic": False},
    )
    return flag


@transaction.atomic
def place_flag_lower(*, actor: User, place_id: UUID, reason: str) -> PlaceFlag:
    """Lower the place's open flag, with the reason.

    :raises NotFoundOrForbidden: no such place the actor may see
    :raises PlaceInvalid: no reason, or no flag up
    """
    place = _locked_place(actor, place_id)
    flag = PlaceFlag.objects.filter(place=place, lowered_at__isnull=True).first()
    errors: dict[str, list[str]] = {}
    if flag is None:
        errors["flag"] = ["This place has no flag up."]
    if len(reason.strip()) < MIN_REASON:
        errors["reason"] = [f"Say why the flag is lowered (at least {MIN_REASON} characters)."]
    if errors or flag is None:
        raise PlaceInvalid(errors)
    now = clock.now()
    flag.lowered_at, flag.lowered_by, flag.lowered_reason = now, actor, reason.strip()
    flag.updated_at = now
    flag.save(update_fields=["lowered_at", "lowered_by", "lowered_reason", "updated_at"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="place.flag_lowered",
        subjects=[Subject.of(place), Subject.of(flag)],
        justification=flag.lowered_reason,
        changes={"reason": flag.lowered_reason},
    )
    return flag


def _linked_record(
    actor: User, subject_type: str, subject_id: UUID, role: str
) -> tuple[str, dt.datetime]:
    """The linked record's reference and when it happened, if the actor may see it.

    :raises NotFoundOrForbidden: no such record of that type in the actor's scope
    """
    if subject_type == EPISODE_SUBJECT_TYPE:
        episode = police_episode_in_scope(actor, subject_id)
        if role == LinkRole.FOUND_AT and episode.found_at is not None:
            return episode.reference, episode.found_at
        return episode.reference, episode.last_seen_at
    if subject_type == OCCURRENCE_SUBJECT_TYPE:
        occurrence = occurrence_in_scope(actor, subject_id)
        return occurrence.reference, occurrence.occurred_at
    if subject_type == REFERRAL_SUBJECT_TYPE:
        referral = referral_policies.referral_in_scope(actor, subject_id)
        return referral.reference, referral.sent_at
    if subject_type == CHILD_CONCERN_SUBJECT_TYPE:
        child_concern = referral_policies.concern_in_scope(actor, subject_id)
        return child_concern.reference, child_concern.created_at
    assert subject_type == BUSINESS_CONCERN_SUBJECT_TYPE
    concern: BusinessConcern = concern_in_scope(actor, subject_id)
    return concern.reference, concern.seen_at


@transaction.atomic
def place_link_record(
    *,
    actor: User,
    place_id: UUID,
    subject_type: str,
    subject_id: UUID,
    role: str,
    reason: str,
) -> PlaceLink:
    """Link a missing episode, occurrence, referral or concern to the place in ``role``.

    The link keeps the record's reference and when it happened (for an episode found
    here, when it was found; otherwise when last seen). Then the recurrence rule may raise
    the place's flag. A *combination* under s.62, naming the place and the record.

    :raises NotFoundOrForbidden: no such place, or no such record the actor may see
    :raises PlaceInvalid: a record type or role that cannot be linked, no reason, or the
        same link already made
    """
    place = _locked_place(actor, place_id)
    errors = link_errors(subject_type=subject_type, role=role, reason=reason, reason_min=MIN_REASON)
    if errors:
        raise PlaceInvalid(errors)
    reference, occurred_at = _linked_record(actor, subject_type, subject_id, role)
    link = link_create(
        actor=actor,
        place=place,
        subject=Subject(subject_type, str(subject_id)),
        role=role,
        reference=reference,
        occurred_at=occurred_at,
        reason=reason,
    )
    if link is None:
        raise PlaceInvalid({"role": ["This record is already linked to the place in this role."]})
    recurrence_apply(place=place, now=clock.now())
    return link
