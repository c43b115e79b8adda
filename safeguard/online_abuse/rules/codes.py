"""Codes for online child sexual exploitation and abuse referrals (DOMAIN.md §6). Pure."""

from __future__ import annotations

from enum import StrEnum


class ReferralSource(StrEnum):
    """Where a referral package came from (DOMAIN.md §6.1 [S])."""

    NCA_CEOP = "NCA_CEOP"
    IWF = "IWF"
    PUBLIC = "PUBLIC"
    SELF_GENERATED = "SELF_GENERATED"
    OTHER_FORCE = "OTHER_FORCE"


class IdentifierKind(StrEnum):
    """A suspect identifier a package carries."""

    ACCOUNT = "ACCOUNT"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    IP_ADDRESS = "IP_ADDRESS"


class Stage(StrEnum):
    """The stages a referral moves through, each with its own time (DOMAIN.md §6.3 [S])."""

    RECEIVED = "RECEIVED"
    RESEARCH = "RESEARCH"
    PARTNER_REFERRAL = "PARTNER_REFERRAL"
    WARRANT = "WARRANT"
    ENFORCEMENT = "ENFORCEMENT"
    SAFEGUARDING_VISIT = "SAFEGUARDING_VISIT"
    OUTCOME = "OUTCOME"
    CLOSED = "CLOSED"


class ChildDecision(StrEnum):
    """What was decided for a child living at or linked to a suspect's address."""

    REFER = "REFER"
    ALREADY_SAFEGUARDED = "ALREADY_SAFEGUARDED"
    NO_ACCESS = "NO_ACCESS"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"


class ChildLink(StrEnum):
    """How a child is linked to the suspect."""

    LIVES_AT_SUSPECT_ADDRESS = "LIVES_AT_SUSPECT_ADDRESS"
    RELATIONSHIP = "RELATIONSHIP"
