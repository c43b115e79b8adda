"""Writes for missing children, one module per stage (STYLE.md §4.3)."""

from safeguard.missing.rules.nrm import NrmDetails
from safeguard.missing.services.common import (
    PREVENTION_CLOCK,
    RETURN_INTERVIEW_CLOCK,
    REVIEW_CLOCK,
    AlreadyMissing,
    EpisodeInvalid,
)
from safeguard.missing.services.found import (
    FoundDetails,
    episode_found,
    prevention_interview_record,
    return_interview_record,
)
from safeguard.missing.services.grading import (
    child_rescue_alert_record,
    episode_grade,
    episode_review,
)
from safeguard.missing.services.patterns import (
    nrm_decision_record,
    nrm_referral_record,
    screening_complete,
    strategy_discussion_record,
)
from safeguard.missing.services.profile import (
    LocationDetails,
    ProfileDetails,
    philomena_profile_archive,
    philomena_profile_save,
)
from safeguard.missing.services.report import (
    ReportDetails,
    RiskInformationDetails,
    missing_report_record,
    risk_information_add,
)

__all__ = [
    "PREVENTION_CLOCK",
    "RETURN_INTERVIEW_CLOCK",
    "REVIEW_CLOCK",
    "AlreadyMissing",
    "EpisodeInvalid",
    "FoundDetails",
    "LocationDetails",
    "NrmDetails",
    "ProfileDetails",
    "ReportDetails",
    "RiskInformationDetails",
    "child_rescue_alert_record",
    "episode_found",
    "episode_grade",
    "episode_review",
    "missing_report_record",
    "nrm_decision_record",
    "nrm_referral_record",
    "philomena_profile_archive",
    "philomena_profile_save",
    "prevention_interview_record",
    "return_interview_record",
    "risk_information_add",
    "screening_complete",
    "strategy_discussion_record",
]
