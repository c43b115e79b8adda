"""Fictional children, carers and reports for the missing-children tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.core.rules.calendar import LONDON
from safeguard.missing.rules.codes import Category, MissingFrom
from safeguard.missing.services import ReportDetails, RiskInformationDetails
from safeguard.people.models import Person
from safeguard.people.tests.factories import make_person


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def social_care(name: str = "Fictional County Children's Services") -> Organisation:
    return Organisation.objects.create(name=name, kind=OrganisationKind.CHILDRENS_SOCIAL_CARE)


def a_child(**fields: Any) -> Person:
    values: dict[str, Any] = {
        "given_name": "Zofia",
        "family_name": "Kowalczyk-Fictional",
        "date_of_birth": dt.date(2011, 6, 1),
    }
    values.update(fields)
    return make_person(**values)


def risk_information(at: dt.datetime) -> list[RiskInformationDetails]:
    return [
        RiskInformationDetails(
            information="Has been seen getting into cars with older men near the station",
            supplied_by="Keyworker Dana Fictional, Meadow View children's home",
            supplied_by_contact="01785 000 000",
            obtained_at=at,
        )
    ]


def report(
    child: Person,
    *,
    last_seen_at: dt.datetime,
    reported_at: dt.datetime,
    placing_authority: Organisation | None = None,
    **changes: Any,
) -> ReportDetails:
    details = ReportDetails(
        child_id=child.pk,
        category=Category.MISSING,
        missing_from=MissingFrom.CARE if placing_authority else MissingFrom.HOME,
        placing_authority_id=placing_authority.pk if placing_authority else None,
        reported_at=reported_at,
        last_seen_at=last_seen_at,
        reported_by_name="Dana Fictional (keyworker)",
        reported_by_relationship="Keyworker",
        reported_by_contact="01785 000 000",
        last_seen_place="Meadow View children's home, front door",
        location_missing_from="Meadow View children's home, Stafford",
        circumstances="Left after an argument about phone use; took her coat",
        description="White, 5ft 4in, slim, long dark hair in a plait",
        clothing="Black puffer coat, grey joggers, white trainers",
        phones="07700 900 123 (pink iPhone)",
        social_media="Snapchat zofia_fictional",
        possessions="Phone, about £20 cash, no medication",
        transport="Buses, trains to Stoke",
        medical_needs="Asthma: blue inhaler (has it with her)",
        likely_destinations="Friend's flat in Hanley; Stafford station",
    )
    return dataclasses.replace(details, **changes)
