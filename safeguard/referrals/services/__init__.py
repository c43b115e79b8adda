"""Writes for the referral engine, one module per sub-domain (STYLE.md §4.3).

Every step is audited in its own transaction; sending a referral is a *disclosure* naming
its recipients; each step runs on a stored clock (DOMAIN.md §4.2 [S]).
"""

from safeguard.referrals.services.common import (
    ReferralInvalid,
    mash_team,
    step_clock_stop,
)
from safeguard.referrals.services.concerns import (
    TRIAGE_CLOCK,
    ConcernDetails,
    concern_allocate,
    concern_raise_for_occurrence,
    concern_record,
    concern_triage,
)
from safeguard.referrals.services.protection import (
    PROTECTION_CLOCK,
    police_protection_end,
    police_protection_notice_record,
    police_protection_start,
)
from safeguard.referrals.services.referral_loop import (
    DECISION_CLOCK,
    DECISION_RULE,
    DECISION_RULE_SOURCE,
    DECISION_RULE_VERSION,
    ReferralDetails,
    referral_acknowledge,
    referral_decide,
    referral_send,
)
from safeguard.referrals.services.strategy import (
    CONFERENCE_CLOCK,
    Attendee,
    conference_held_record,
    strategy_discussion_record,
)

__all__ = [
    "CONFERENCE_CLOCK",
    "DECISION_CLOCK",
    "DECISION_RULE",
    "DECISION_RULE_SOURCE",
    "DECISION_RULE_VERSION",
    "PROTECTION_CLOCK",
    "TRIAGE_CLOCK",
    "Attendee",
    "ConcernDetails",
    "ReferralDetails",
    "ReferralInvalid",
    "concern_allocate",
    "concern_raise_for_occurrence",
    "concern_record",
    "concern_triage",
    "conference_held_record",
    "mash_team",
    "police_protection_end",
    "police_protection_notice_record",
    "police_protection_start",
    "referral_acknowledge",
    "referral_decide",
    "referral_send",
    "step_clock_stop",
    "strategy_discussion_record",
]
