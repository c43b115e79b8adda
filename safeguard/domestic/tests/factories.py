"""Fictional households, schools and incidents for the domestic-abuse tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.accounts.models import Organisation, OrganisationKind, SchoolTerm
from safeguard.core.rules.calendar import LONDON
from safeguard.domestic.services import ChildDetails, IncidentDetails, NewChild
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.people.models import Person
from safeguard.people.tests.factories import make_person

# Staffordshire-style 2026-27 terms: half-terms 26-30 Oct 2026 and 15-19 Feb 2027.
TERMS = (
    (dt.date(2026, 9, 2), dt.date(2026, 10, 23)),
    (dt.date(2026, 11, 2), dt.date(2026, 12, 18)),
    (dt.date(2027, 1, 4), dt.date(2027, 2, 12)),
    (dt.date(2027, 2, 22), dt.date(2027, 3, 25)),
    (dt.date(2027, 4, 12), dt.date(2027, 5, 28)),
)
SPOKEN_TO = VoiceOfChild(
    seen=True,
    spoken_to=True,
    spoken_to_alone=True,
    childs_words="Daddy was shouting and Mummy cried",
    behaviour_and_demeanour="Quiet, holding a teddy, flinched at loud voices",
)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def a_school(
    name: str = "Fictional Primary School", *, starts: dt.time = dt.time(8, 30)
) -> Organisation:
    school = Organisation.objects.create(
        name=name, kind=OrganisationKind.SCHOOL, day_starts_at=starts
    )
    SchoolTerm.objects.bulk_create(
        SchoolTerm(organisation=school, starts_on=a, ends_on=b) for a, b in TERMS
    )
    return school


def a_local_authority() -> Organisation:
    return Organisation.objects.create(
        name="Fictional County Council (education)", kind=OrganisationKind.LOCAL_AUTHORITY
    )


def household(*, postcode: str = "ST16 9ZZ") -> dict[str, Person]:
    return {
        "victim": make_person(
            given_name="Aoife",
            family_name="Ní Fhictional",
            date_of_birth=dt.date(1990, 1, 2),
            address_postcode=postcode,
        ),
        "suspect": make_person(
            given_name="Brendan",
            family_name="Madeupson",
            sex="MALE",
            date_of_birth=dt.date(1988, 5, 6),
        ),
    }


def details(parties: dict[str, Person], **overrides: Any) -> IncidentDetails:
    values: dict[str, Any] = {
        "occurred_at": london(2027, 2, 12, 23, 40),
        "location": "Kitchen of the family home",
        "postcode": "ST16 9ZZ",
        "narrative": "Verbal argument escalated; the victim was pushed against the fridge.",
        "relationship": "INTIMATE_PARTNER",
        "victim_id": parties["victim"].pk,
        "suspect_id": parties["suspect"].pk,
        "circumstances_for_school": "Police attended a domestic incident at home overnight.",
    }
    values.update(overrides)
    return IncidentDetails(**values)


def new_child_row(school: Organisation | None = None, **overrides: Any) -> ChildDetails:
    values: dict[str, Any] = {
        "new_child": NewChild(
            given_name="Zoë", family_name="Ní Fhictional", date_of_birth=dt.date(2018, 6, 1)
        ),
        "present": True,
        "where_present": "Upstairs bedroom",
        "saw": False,
        "heard": True,
        "experienced_effects": True,
        "related_to": "BOTH",
        "voice": SPOKEN_TO,
        "education_setting_id": school.pk if school else None,
    }
    values.update(overrides)
    return ChildDetails(**values)


def known_child_row(person: Person, **overrides: Any) -> ChildDetails:
    return new_child_row(new_child=None, person_id=person.pk, **overrides)
