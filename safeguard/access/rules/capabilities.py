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
    INCIDENT_RECORD = "incident_record"
    INCIDENT_VIEW = "incident_view"
    RISK_ASSESS = "risk_assess"
    RISK_REVIEW = "risk_review"
    CONCERN_RECORD = "concern_record"
    TRIAGE_WORK = "triage_work"
    REFERRAL_SEND = "referral_send"
    REFERRAL_VIEW = "referral_view"
    REFERRAL_RESPOND = "referral_respond"
    STRATEGY_RECORD = "strategy_record"
    POLICE_PROTECTION_RECORD = "police_protection_record"
    WORK_QUEUE_VIEW = "work_queue_view"
    SUPERVISION_VIEW = "supervision_view"
    WORK_ALLOCATE = "work_allocate"
    OUT_OF_HOURS_BOARD_VIEW = "out_of_hours_board_view"
    ENCOMPASS_VIEW = "encompass_view"
    ENCOMPASS_SEND = "encompass_send"
    ENCOMPASS_ACKNOWLEDGE = "encompass_acknowledge"
    REFERRAL_WAIVE = "referral_waive"
    INDICATOR_VIEW = "indicator_view"
    MISSING_VIEW = "missing_view"
    MISSING_RECORD = "missing_record"
    EXPLOITATION_SCREEN = "exploitation_screen"
    RETURN_INTERVIEW_RESPOND = "return_interview_respond"
    PHILOMENA_MANAGE = "philomena_manage"
    PERSON_LINK = "person_link"
    PERSON_MERGE = "person_merge"
    ONLINE_REFERRAL_VIEW = "online_referral_view"
    ONLINE_REFERRAL_RECORD = "online_referral_record"
    CHILD_DEATH_VIEW = "child_death_view"
    CHILD_DEATH_RECORD = "child_death_record"
    CHILD_DEATH_ROTA_MANAGE = "child_death_rota_manage"
    INSPECTION_MANAGE = "inspection_manage"
    MEDIA_TRIAGE = "media_triage"
    HASH_BANK_MANAGE = "hash_bank_manage"
    PLACE_VIEW = "place_view"
    PLACE_RECORD = "place_record"
    BUSINESS_CONCERN_SUBMIT = "business_concern_submit"
    BUSINESS_CONCERN_TRIAGE = "business_concern_triage"

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
    CARER = "Carer (children's home or foster carer)"


PARTNER_ROLES: frozenset[Role] = frozenset(
    {Role.SCHOOL_DSL, Role.SOCIAL_CARE_USER, Role.HOTEL_REPORTER, Role.CARER}
)

_PERSON_WORK = frozenset(
    {
        Capability.HOME_VIEW,
        Capability.API_SCHEMA_VIEW,
        Capability.PERSON_SEARCH,
        Capability.PERSON_VIEW,
        Capability.PERSON_CREATE,
        Capability.PERSON_EDIT,
        Capability.INCIDENT_RECORD,
        Capability.INCIDENT_VIEW,
        Capability.RISK_ASSESS,
        Capability.CONCERN_RECORD,
        Capability.REFERRAL_VIEW,
        Capability.WORK_QUEUE_VIEW,
        Capability.ENCOMPASS_VIEW,
        Capability.ENCOMPASS_SEND,
        Capability.MISSING_VIEW,
        Capability.MISSING_RECORD,
        Capability.PERSON_LINK,
        Capability.CHILD_DEATH_VIEW,
        Capability.CHILD_DEATH_RECORD,
        Capability.PLACE_VIEW,
    }
)
# MASH researchers and investigators triage, refer and record multi-agency work.
_PROTECTION_WORK = _PERSON_WORK | {
    Capability.BREAK_GLASS,
    Capability.TRIAGE_WORK,
    Capability.REFERRAL_SEND,
    Capability.STRATEGY_RECORD,
    Capability.POLICE_PROTECTION_RECORD,
    Capability.EXPLOITATION_SCREEN,
    Capability.PERSON_MERGE,
    Capability.ONLINE_REFERRAL_VIEW,
    Capability.ONLINE_REFERRAL_RECORD,
    Capability.PLACE_RECORD,
    Capability.BUSINESS_CONCERN_TRIAGE,
}

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.RESPONSE_OFFICER: _PERSON_WORK | {Capability.POLICE_PROTECTION_RECORD},
    Role.MASH_RESEARCHER: _PROTECTION_WORK,
    # Investigators hash seized media and grade the matches (issue 7 item 4).
    Role.INVESTIGATOR: _PROTECTION_WORK | {Capability.MEDIA_TRIAGE},
    Role.SUPERVISOR: _PROTECTION_WORK
    | {
        Capability.BREAK_GLASS_REVIEW,
        Capability.RISK_REVIEW,
        Capability.SUPERVISION_VIEW,
        Capability.WORK_ALLOCATE,
        Capability.OUT_OF_HOURS_BOARD_VIEW,
        Capability.REFERRAL_WAIVE,
        Capability.INDICATOR_VIEW,
        Capability.MEDIA_TRIAGE,
        Capability.HASH_BANK_MANAGE,
        Capability.CHILD_DEATH_ROTA_MANAGE,
    },
    Role.ON_CALL_SENIOR_OFFICER: frozenset(
        {
            Capability.HOME_VIEW,
            Capability.PERSON_SEARCH,
            Capability.PERSON_VIEW,
            Capability.BREAK_GLASS,
            Capability.BREAK_GLASS_REVIEW,
            Capability.INCIDENT_VIEW,
            Capability.REFERRAL_VIEW,
            Capability.RISK_REVIEW,
            Capability.WORK_QUEUE_VIEW,
            Capability.SUPERVISION_VIEW,
            Capability.OUT_OF_HOURS_BOARD_VIEW,
            Capability.ENCOMPASS_VIEW,
            Capability.INDICATOR_VIEW,
            Capability.MISSING_VIEW,
            Capability.ONLINE_REFERRAL_VIEW,
            Capability.CHILD_DEATH_VIEW,
            Capability.CHILD_DEATH_RECORD,
            Capability.CHILD_DEATH_ROTA_MANAGE,
            Capability.PLACE_VIEW,
        }
    ),
    Role.PERFORMANCE_LEAD: frozenset(
        {
            Capability.HOME_VIEW,
            Capability.API_SCHEMA_VIEW,
            Capability.INDICATOR_VIEW,
            Capability.INSPECTION_MANAGE,
        }
    ),
    Role.AUDITOR: frozenset(
        {
            Capability.HOME_VIEW,
            Capability.AUDIT_LOG_VIEW,
            Capability.AUDIT_LOG_EXPORT,
            Capability.BREAK_GLASS_REVIEW,
        }
    ),
    Role.ADMIN: frozenset({Capability.HOME_VIEW, Capability.API_SCHEMA_VIEW}),
    # A school's designated safeguarding lead reads and acknowledges the Operation Encompass
    # notifications sent to their own setting, nothing else (record scope).
    Role.SCHOOL_DSL: frozenset(
        {Capability.HOME_VIEW, Capability.ENCOMPASS_VIEW, Capability.ENCOMPASS_ACKNOWLEDGE}
    ),
    # Children's social care sees only referrals and return-interview requests sent to its
    # organisation (record scope), and keeps the Philomena profiles it holds as a carer.
    Role.SOCIAL_CARE_USER: frozenset(
        {
            Capability.HOME_VIEW,
            Capability.REFERRAL_VIEW,
            Capability.REFERRAL_RESPOND,
            Capability.RETURN_INTERVIEW_RESPOND,
            Capability.PHILOMENA_MANAGE,
        }
    ),
    # A carer keeps their organisation's Philomena Protocol profiles and nothing else.
    Role.CARER: frozenset({Capability.HOME_VIEW, Capability.PHILOMENA_MANAGE}),
    # A hotel or other business submits exploitation concerns (Operation Makesafe) and sees
    # its own organisation's submissions' status, never a police record (issue 10 item 2).
    Role.HOTEL_REPORTER: frozenset({Capability.HOME_VIEW, Capability.BUSINESS_CONCERN_SUBMIT}),
}


def capabilities_for(roles: frozenset[Role]) -> frozenset[Capability]:
    """Return every capability granted by any of ``roles``."""
    granted: frozenset[Capability] = frozenset()
    for role in roles:
        granted = granted | ROLE_CAPABILITIES[role]
    return granted
