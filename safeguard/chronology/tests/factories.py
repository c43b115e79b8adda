"""Hand-built, obviously fictional records in each app, for the chronology's tests.

Rows are created directly (no services, no audit): these tests exercise a read.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from safeguard.accounts.models import Organisation, OrganisationKind, User
from safeguard.core.rules.calendar import LONDON
from safeguard.domestic.models import ChildVictim, DomesticAbuseIncident
from safeguard.incidents.models import Involvement, Occurrence, VoiceOfChildRecord
from safeguard.missing.models import ExploitationScreening, MissingEpisode, NrmReferral
from safeguard.people.models import ChildProtectionPlan, Person
from safeguard.referrals.models import ChildConcern, Referral
from safeguard.risk.models import RiskAssessment

_numbers = itertools.count(1)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def _ref(prefix: str) -> str:
    return f"{prefix}-2026-{800000 + next(_numbers):06d}"


def occurrence(
    *, by: User, at: dt.datetime, occurrence_type: str = "CHILD_CONCERN", **fields: Any
) -> Occurrence:
    return Occurrence.objects.create(
        reference=_ref("OCC"),
        occurrence_type=occurrence_type,
        occurred_at=at,
        location="Imaginary Park",
        narrative="A fictional narrative that must never appear on the chronology.",
        recorded_by=by,
        **fields,
    )


def involve(
    person: Person, occ: Occurrence, role: str = "CHILD_PRESENT", *, heard: bool = False
) -> Involvement:
    involvement = Involvement.objects.create(occurrence=occ, person=person, role=role)
    if heard:
        VoiceOfChildRecord.objects.create(
            involvement=involvement,
            seen=True,
            spoken_to=True,
            spoken_to_alone=True,
            childs_words="A fictional child's words, kept off the chronology",
            behaviour_and_demeanour="Calm, chatty, drawing",
        )
    return involvement


def missing_episode(
    child: Person, *, by: User, last_seen_at: dt.datetime, **fields: Any
) -> MissingEpisode:
    values: dict[str, Any] = {
        "reference": _ref("MIS"),
        "child": child,
        "category": "MISSING",
        "missing_from": "HOME",
        "last_seen_at": last_seen_at,
        "recorded_by": by,
    }
    values.update(fields)
    return MissingEpisode.objects.create(**values)


def screening(
    episode: MissingEpisode, indicators: list[str], **fields: Any
) -> ExploitationScreening:
    return ExploitationScreening.objects.create(episode=episode, indicators=indicators, **fields)


def nrm_referral(child: Person, *, by: User, on: dt.date, **fields: Any) -> NrmReferral:
    return NrmReferral.objects.create(
        child=child,
        exploitation_type="CCE",
        referred_on=on,
        first_responder="Fictional Constabulary",
        recorded_by=by,
        **fields,
    )


def social_care() -> Organisation:
    return Organisation.objects.create(
        name="Fictional County Children's Services", kind=OrganisationKind.CHILDRENS_SOCIAL_CARE
    )


def concern_and_referral(
    child: Person, *, by: User, occ: Occurrence, sent_at: dt.datetime, **fields: Any
) -> Referral:
    concern = ChildConcern.objects.create(
        reference=_ref("CON"), child=child, occurrence=occ, summary="Fictional", recorded_by=by
    )
    return Referral.objects.create(
        reference=_ref("REF"),
        concern=concern,
        child=child,
        recipient_organisation=social_care(),
        method="PORTAL",
        reason="Fictional reason",
        sent_by=by,
        sent_at=sent_at,
        **fields,
    )


def plan(child: Person, starts_on: dt.date, ends_on: dt.date | None = None) -> ChildProtectionPlan:
    return ChildProtectionPlan.objects.create(
        person=child, category="NEGLECT", starts_on=starts_on, ends_on=ends_on
    )


def child_victim(
    child: Person, *, victim: Person, suspect: Person, by: User, occ: Occurrence
) -> ChildVictim:
    incident = DomesticAbuseIncident.objects.create(
        occurrence=occ,
        victim=victim,
        suspect=suspect,
        relationship="INTIMATE_PARTNER",
        recorded_by=by,
    )
    return ChildVictim.objects.create(
        incident=incident,
        child=child,
        present=True,
        saw=False,
        heard=True,
        experienced_effects=True,
        related_to="BOTH",
    )


def person_assessment(person: Person, *, by: User, at: dt.datetime) -> RiskAssessment:
    return RiskAssessment.objects.create(
        subject_type="people.person",
        subject_id=str(person.pk),
        instrument_code="THRIVE",
        instrument_version=1,
        computed_level="HIGH",
        final_level="HIGH",
        assessed_by=by,
        assessed_at=at,
    )
