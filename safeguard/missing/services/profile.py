"""Philomena Protocol profiles, kept by carers before a child ever goes missing (DOMAIN.md §2.3).

A carer (a children's home, a fostering provider, or children's social care as the
placing authority) records part 1 and keeps it updated; its reference is quoted when the
child is reported missing, and the report attaches it at once. Police cannot browse
profiles: the form is "given to police only when the child is reported missing" [P].
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.missing.models import PhilomenaProfile, RiskAssessedLocation
from safeguard.missing.policies import profile_in_scope
from safeguard.missing.rules.philomena import PART_ONE_FIELDS
from safeguard.missing.services.common import EpisodeInvalid

if TYPE_CHECKING:
    from safeguard.accounts.models import User

# Unambiguous letters and digits (no 0/O, 1/I/L): read aloud on a 999 call.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_TEXT = 5000


@dataclass(frozen=True)
class LocationDetails:
    name: str
    address: str
    risk: str


@dataclass(frozen=True)
class ProfileDetails:
    child_name: str
    child_date_of_birth: dt.date | None
    physical_description: str
    photo_reference: str = ""
    associates: str = ""
    places: str = ""
    previous_missing: str = ""
    vulnerabilities: str = ""
    medical: str = ""
    financial: str = ""
    phones: str = ""
    social_media: str = ""
    transport: str = ""


def _reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"PP-{body[:4]}-{body[4:]}"


def _errors(
    details: ProfileDetails, locations: Sequence[LocationDetails], today: dt.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not details.child_name.strip():
        errors["child_name"] = ["Give the child's name"]
    elif len(details.child_name.strip()) > 200:
        errors["child_name"] = ["Keep the name to 200 characters or fewer"]
    if details.child_date_of_birth is None:
        errors["child_date_of_birth"] = ["Give the child's date of birth"]
    elif details.child_date_of_birth > today:
        errors["child_date_of_birth"] = ["The date of birth cannot be in the future"]
    if not details.physical_description.strip():
        errors["physical_description"] = ["Describe the child (height, build, hair, marks)"]
    for name, _label in PART_ONE_FIELDS:
        limit = getattr(PhilomenaProfile._meta.get_field(name), "max_length", None) or MAX_TEXT
        if len(str(getattr(details, name))) > limit:
            errors[name] = [f"Keep this to {limit} characters or fewer"]
    for index, location in enumerate(locations):
        if not location.name.strip() or not location.risk.strip():
            errors[f"locations.{index}"] = [
                f"Location {index + 1}: give its name and the risk assessed there"
            ]
    return errors


def _values(details: ProfileDetails) -> dict[str, object]:
    values: dict[str, object] = {
        name: str(getattr(details, name)).strip() for name, _label in PART_ONE_FIELDS
    }
    values["child_name"] = details.child_name.strip()
    values["child_date_of_birth"] = details.child_date_of_birth
    return values


@transaction.atomic
def philomena_profile_save(
    *,
    actor: User,
    details: ProfileDetails,
    locations: Sequence[LocationDetails],
    profile_id: UUID | None = None,
) -> PhilomenaProfile:
    """Create a profile for the actor's organisation, or update one it holds.

    The risk-assessed locations are replaced by those given. A *collection* (new) or
    *alteration* (update) under s.62, naming the profile.

    :raises CapabilityMissing: not a carer or social care user
    :raises NotFoundOrForbidden: updating a profile another organisation holds
    :raises EpisodeInvalid: any field error
    """
    require_capability(actor, Capability.PHILOMENA_MANAGE)
    if actor.organisation_id is None:
        raise NotFoundOrForbidden()
    errors = _errors(details, locations, clock.today_in_london())
    if errors:
        raise EpisodeInvalid(errors)
    now = clock.now()
    values = _values(details)
    if profile_id is None:
        profile = PhilomenaProfile.objects.create(
            reference=_reference(),
            holder_id=actor.organisation_id,
            recorded_by=actor,
            updated_by=actor,
            created_at=now,
            updated_at=now,
            **values,
        )
        operation, event = Operation.COLLECTION, "philomena.profile_created"
    else:
        profile = profile_in_scope(actor, profile_id)
        for name, value in values.items():
            setattr(profile, name, value)
        profile.updated_by = actor
        profile.updated_at = now
        profile.save()
        profile.locations.all().delete()
        operation, event = Operation.ALTERATION, "philomena.profile_updated"
    RiskAssessedLocation.objects.bulk_create(
        RiskAssessedLocation(
            profile=profile,
            name=loc.name.strip()[:200],
            address=loc.address.strip()[:300],
            risk=loc.risk.strip()[:MAX_TEXT],
            created_at=now,
            updated_at=now,
        )
        for loc in locations
    )
    subjects = [Subject.of(profile)]
    if profile.child_id is not None:
        subjects.append(Subject("people.person", str(profile.child_id)))
    audit_event_record(actor=actor, operation=operation, event_type=event, subjects=subjects)
    return profile


@transaction.atomic
def philomena_profile_archive(*, actor: User, profile_id: UUID) -> PhilomenaProfile:
    """Archive a profile when the child leaves the carer (it goes with them, DOMAIN.md §2.3).

    An archived profile is never attached to a new report. Archiving twice changes nothing.

    :raises CapabilityMissing: not a carer or social care user
    :raises NotFoundOrForbidden: another organisation holds it
    """
    require_capability(actor, Capability.PHILOMENA_MANAGE)
    profile = profile_in_scope(actor, profile_id)
    if profile.archived_at is None:
        now = clock.now()
        profile.archived_at = now
        profile.updated_by = actor
        profile.updated_at = now
        profile.save(update_fields=["archived_at", "updated_by", "updated_at"])
        audit_event_record(
            actor=actor,
            operation=Operation.ALTERATION,
            event_type="philomena.profile_archived",
            subjects=[Subject.of(profile)],
        )
    return profile
