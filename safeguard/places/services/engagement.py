"""The register of businesses engaged (issue 10 item 4; DOMAIN.md §7: Makesafe trains
hotel and hospitality staff [S])."""

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
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON
from safeguard.places.models import BusinessEngagement
from safeguard.places.services.common import PlaceInvalid

if TYPE_CHECKING:
    from safeguard.accounts.models import User

FIELD_LIMITS = {"training_given": 300, "contact_name": 200, "contact_details": 300}
NOTES_MAX = 4000


@transaction.atomic
def engagement_record(
    *,
    actor: User,
    organisation_id: UUID,
    training_given: str,
    given_on: dt.date | None,
    contact_name: str,
    contact_details: str,
    notes: str = "",
) -> BusinessEngagement:
    """Record engagement with a business: the training given, when, and its contact.

    A *collection* under s.62 (the contact is a person).

    :raises CapabilityMissing: the actor cannot record places
    :raises NotFoundOrForbidden: no such business partner organisation, or a partner actor
    :raises PlaceInvalid: every missing or over-long field, or a date still to come
    """
    require_capability(actor, Capability.PLACE_RECORD)
    if actor.organisation_id is not None:
        raise NotFoundOrForbidden()
    organisation = Organisation.objects.filter(
        pk=organisation_id, kind=OrganisationKind.HOTEL
    ).first()
    if organisation is None:
        raise NotFoundOrForbidden()
    now = clock.now()
    errors: dict[str, list[str]] = {}
    values = {
        "training_given": training_given.strip(),
        "contact_name": contact_name.strip(),
        "contact_details": contact_details.strip(),
    }
    for name, text in values.items():
        if not text:
            errors[name] = ["Fill this in."]
        elif len(text) > FIELD_LIMITS[name]:
            errors[name] = [f"Keep this to {FIELD_LIMITS[name]} characters or fewer."]
    if len(notes.strip()) > NOTES_MAX:
        errors["notes"] = [f"Keep the notes to {NOTES_MAX:,} characters or fewer."]
    if given_on is None:
        errors["given_on"] = ["Give the date of the training."]
    elif given_on > now.astimezone(LONDON).date():
        errors["given_on"] = ["The date cannot be in the future."]
    if errors or given_on is None:
        raise PlaceInvalid(errors)
    engagement = BusinessEngagement.objects.create(
        organisation=organisation,
        given_on=given_on,
        notes=notes.strip(),
        recorded_by=actor,
        created_at=now,
        updated_at=now,
        **values,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="business_engagement.recorded",
        subjects=[Subject.of(engagement)],
        changes={
            "organisation": organisation.name,
            "training_given": engagement.training_given,
            "given_on": given_on.isoformat(),
        },
    )
    return engagement
