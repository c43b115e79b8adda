"""Occurrence types and the ways a person is involved (issue 3; DOMAIN.md §3, §8.4)."""

from __future__ import annotations

from enum import StrEnum


class OccurrenceType(StrEnum):
    DOMESTIC_ABUSE = "DOMESTIC_ABUSE"
    CHILD_CONCERN = "CHILD_CONCERN"
    EXPLOITATION = "EXPLOITATION"
    SEXUAL_OFFENCE = "SEXUAL_OFFENCE"
    NEGLECT = "NEGLECT"
    OTHER = "OTHER"


OCCURRENCE_TYPE_LABELS: dict[OccurrenceType, str] = {
    OccurrenceType.DOMESTIC_ABUSE: "Domestic abuse",
    OccurrenceType.CHILD_CONCERN: "Concern for a child",
    OccurrenceType.EXPLOITATION: "Child exploitation",
    OccurrenceType.SEXUAL_OFFENCE: "Sexual offence",
    OccurrenceType.NEGLECT: "Neglect",
    OccurrenceType.OTHER: "Other",
}


class InvolvementRole(StrEnum):
    VICTIM = "VICTIM"
    SUSPECT = "SUSPECT"
    WITNESS = "WITNESS"
    CHILD_PRESENT = "CHILD_PRESENT"
    CHILD_IN_HOUSEHOLD = "CHILD_IN_HOUSEHOLD"
    REPORTING_PERSON = "REPORTING_PERSON"
    HOUSEHOLD_MEMBER = "HOUSEHOLD_MEMBER"


INVOLVEMENT_ROLE_LABELS: dict[InvolvementRole, str] = {
    InvolvementRole.VICTIM: "Victim",
    InvolvementRole.SUSPECT: "Suspect",
    InvolvementRole.WITNESS: "Witness",
    InvolvementRole.CHILD_PRESENT: "Child present",
    InvolvementRole.CHILD_IN_HOUSEHOLD: "Child normally resident in the household",
    InvolvementRole.REPORTING_PERSON: "Reporting person",
    InvolvementRole.HOUSEHOLD_MEMBER: "Adult household member",
}

CHILD_ROLES: frozenset[InvolvementRole] = frozenset(
    {InvolvementRole.CHILD_PRESENT, InvolvementRole.CHILD_IN_HOUSEHOLD}
)
