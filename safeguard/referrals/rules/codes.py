"""Child concerns, MASH triage and referrals to children's social care (DOMAIN.md §3.4, §4)."""

from __future__ import annotations

from enum import StrEnum


class ConcernStatus(StrEnum):
    AWAITING_TRIAGE = "AWAITING_TRIAGE"
    TRIAGED = "TRIAGED"
    REFERRED = "REFERRED"
    CLOSED = "CLOSED"


class TriageDecision(StrEnum):
    """What the MASH researcher decided (DOMAIN.md §4.3 [S])."""

    REFER_TO_SOCIAL_CARE = "REFER_TO_SOCIAL_CARE"
    SHARE_WITH_PARTNERS = "SHARE_WITH_PARTNERS"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"


class ReferralMethod(StrEnum):
    SECURE_EMAIL = "SECURE_EMAIL"
    PORTAL = "PORTAL"
    TELEPHONE = "TELEPHONE"


class ReferralStatus(StrEnum):
    SENT = "SENT"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    DECIDED = "DECIDED"


class SocialCareDecision(StrEnum):
    """The local authority's next step on a referral (DOMAIN.md §4.2 [S])."""

    IMMEDIATE_PROTECTION = "IMMEDIATE_PROTECTION"
    SECTION_47_ENQUIRIES = "SECTION_47_ENQUIRIES"
    CHILD_IN_NEED_ASSESSMENT = "CHILD_IN_NEED_ASSESSMENT"
    EARLY_HELP = "EARLY_HELP"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"


TRIAGE_DECISION_LABELS = {
    TriageDecision.REFER_TO_SOCIAL_CARE: "Refer to children's social care",
    TriageDecision.SHARE_WITH_PARTNERS: "Share with partners for information",
    TriageDecision.NO_FURTHER_ACTION: "No further action",
}
REFERRAL_METHOD_LABELS = {
    ReferralMethod.SECURE_EMAIL: "Secure email",
    ReferralMethod.PORTAL: "Local authority portal",
    ReferralMethod.TELEPHONE: "Telephone, confirmed in writing",
}
SOCIAL_CARE_DECISION_LABELS = {
    SocialCareDecision.IMMEDIATE_PROTECTION: "Immediate protection",
    SocialCareDecision.SECTION_47_ENQUIRIES: "Section 47 enquiries (reasonable cause to suspect significant harm)",
    SocialCareDecision.CHILD_IN_NEED_ASSESSMENT: "Child in need assessment (section 17)",
    SocialCareDecision.EARLY_HELP: "Early help or other services",
    SocialCareDecision.NO_FURTHER_ACTION: "No further action",
}
