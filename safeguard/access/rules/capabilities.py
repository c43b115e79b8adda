"""Named capabilities and the roles that grant them.

Roles are Django groups in the database; this module is their single definition, applied by
``manage.py sync_roles``. Partner roles (school DSL, social-care user, hotel reporter) are
least privilege (DESIGN.md "Partner users").
"""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    """Something a user may do. Each maps to the permission ``access.<value>``."""

    HOME_VIEW = "home_view"
    API_SCHEMA_VIEW = "api_schema_view"
    PERSON_SEARCH = "person_search"
    PERSON_VIEW = "person_view"
    PERSON_CREATE = "person_create"
    PERSON_EDIT = "person_edit"
    BREAK_GLASS = "break_glass"
    BREAK_GLASS_REVIEW = "break_glass_review"
    AUDIT_LOG_VIEW = "audit_log_view"
    AUDIT_LOG_EXPORT = "audit_log_export"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Role(StrEnum):
    RESPONSE_OFFICER = "Response officer"
    MASH_RESEARCHER = "MASH researcher"
    INVESTIGATOR = "Investigator"
    SUPERVISOR = "Supervisor"
    ON_CALL_SENIOR_OFFICER = "On-call senior officer"
    PERFORMANCE_LEAD = "Performance lead"
    AUDITOR = "Auditor"
    ADMIN = "Administrator"
    SCHOOL_DSL = "School designated safeguarding lead"
    SOCIAL_CARE_USER = "Children's social care user"
    HOTEL_REPORTER = "Hotel reporter"


PARTNER_ROLES: frozenset[Role] = frozenset(
    {Role.SCHOOL_DSL, Role.SOCIAL_CARE_USER, Role.HOTEL_REPORTER}
)

_PERSON_WORK = frozenset(
    {
        Capability.HOME_VIEW,
        Capability.API_SCHEMA_VIEW,
        Capability.PERSON_SEARCH,
        Capability.PERSON_VIEW,
        Capability.PERSON_CREATE,
        Capability.PERSON_EDIT,
    }
)

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.RESPONSE_OFFICER: _PERSON_WORK,
    Role.MASH_RESEARCHER: _PERSON_WORK | {Capability.BREAK_GLASS},
    Role.INVESTIGATOR: _PERSON_WORK | {Capability.BREAK_GLASS},
    Role.SUPERVISOR: _PERSON_WORK | {Capability.BREAK_GLASS, Capability.BREAK_GLASS_REVIEW},
    Role.ON_CALL_SENIOR_OFFICER: frozenset(
        {
            Capability.HOME_VIEW,
            Capability.PERSON_SEARCH,
            Capability.PERSON_VIEW,
            Capability.BREAK_GLASS,
            Capability.BREAK_GLASS_REVIEW,
        }
    ),
    Role.PERFORMANCE_LEAD: frozenset({Capability.HOME_VIEW, Capability.API_SCHEMA_VIEW}),
    Role.AUDITOR: frozenset(
        {
            Capability.HOME_VIEW,
            Capability.AUDIT_LOG_VIEW,
            Capability.AUDIT_LOG_EXPORT,
            Capability.BREAK_GLASS_REVIEW,
        }
    ),
    Role.ADMIN: frozenset({Capability.HOME_VIEW, Capability.API_SCHEMA_VIEW}),
    Role.SCHOOL_DSL: frozenset({Capability.HOME_VIEW}),
    Role.SOCIAL_CARE_USER: frozenset({Capability.HOME_VIEW}),
    Role.HOTEL_REPORTER: frozenset({Capability.HOME_VIEW}),
}


def capabilities_for(roles: frozenset[Role]) -> frozenset[Capability]:
    """Return every capability granted by any of ``roles``."""
    granted: frozenset[Capability] = frozenset()
    for role in roles:
        granted = granted | ROLE_CAPABILITIES[role]
    return granted
