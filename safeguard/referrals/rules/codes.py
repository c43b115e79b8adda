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


class StrategyOutcome(StrEnum):
    """What a strategy discussion decided (DOMAIN.md §4.2 [S])."""

    SECTION_47_SINGLE_AGENCY = "SECTION_47_SINGLE_AGENCY"
    SECTION_47_JOINT = "SECTION_47_JOINT"
    CHILD_IN_NEED = "CHILD_IN_NEED"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"


STRATEGY_OUTCOME_LABELS = {
    StrategyOutcome.SECTION_47_SINGLE_AGENCY: "Section 47 enquiries by social care; police share information",
    StrategyOutcome.SECTION_47_JOINT: "Section 47 enquiries jointly with a police investigation",
    StrategyOutcome.CHILD_IN_NEED: "No s.47: child in need assessment",
    StrategyOutcome.NO_FURTHER_ACTION: "No further action",
}
SECTION_47_OUTCOMES = frozenset(
    {StrategyOutcome.SECTION_47_SINGLE_AGENCY, StrategyOutcome.SECTION_47_JOINT}
)


class ProtectionNotice(StrEnum):
    """Who must be told when a child is taken into police protection (Children Act 1989 s.46;
    DOMAIN.md §4.2 [S], exact subsections [U])."""

    LOCAL_AUTHORITY = "LOCAL_AUTHORITY"
    CHILD = "CHILD"
    PARENTS = "PARENTS"
    DESIGNATED_OFFICER = "DESIGNATED_OFFICER"


PROTECTION_NOTICE_LABELS = {
    ProtectionNotice.LOCAL_AUTHORITY: "Local authority where the child was found told",
    ProtectionNotice.CHILD: "Child told what is happening and why",
    ProtectionNotice.PARENTS: "Parents and those with parental responsibility told",
    ProtectionNotice.DESIGNATED_OFFICER: "Designated officer informed and enquiring",
}
