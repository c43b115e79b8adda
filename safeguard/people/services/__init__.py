"""Writes for people: records (``records``) and links between records (``links``)."""

from safeguard.people.services.links import (
    LinkRefused,
    person_link_record,
    person_link_undo,
    person_merge,
)
from safeguard.people.services.records import (
    PersonInvalid,
    RelationshipInvalid,
    person_address_add,
    person_break_glass,
    person_create,
    person_update,
    relationship_record,
)

__all__ = [
    "LinkRefused",
    "PersonInvalid",
    "RelationshipInvalid",
    "person_address_add",
    "person_break_glass",
    "person_create",
    "person_link_record",
    "person_link_undo",
    "person_merge",
    "person_update",
    "relationship_record",
]
