"""Writes for online CSEA referrals: receiving packages (``intake``), working them
(``casework``)."""

from safeguard.online_abuse.services.casework import (
    CaseworkRefused,
    child_decide,
    referral_advance,
    referral_grade,
)
from safeguard.online_abuse.services.intake import (
    ImportFileInvalid,
    ImportReport,
    ReferralDuplicate,
    referral_receive,
    referrals_import,
)

__all__ = [
    "CaseworkRefused",
    "ImportFileInvalid",
    "ImportReport",
    "ReferralDuplicate",
    "child_decide",
    "referral_advance",
    "referral_grade",
    "referral_receive",
    "referrals_import",
]
