"""The referral engine's pages, one module per sub-domain."""

from safeguard.referrals.web.views.concerns import (
    ConcernAllocateView,
    ConcernCreateView,
    ConcernDetailView,
    ConcernPurposeView,
    ConcernRiskReviewView,
    ConcernTriageView,
    ReferralSendView,
    TriageQueueView,
)
from safeguard.referrals.web.views.protection import (
    PoliceProtectionStartView,
    ProtectionDetailView,
    ProtectionEndView,
    ProtectionNoticeView,
    ProtectionPurposeView,
)
from safeguard.referrals.web.views.referrals import (
    ReferralAcknowledgeView,
    ReferralDecideView,
    ReferralDetailView,
    ReferralListView,
    ReferralPurposeView,
    StrategyDiscussionRecordView,
)

__all__ = [
    "ConcernAllocateView",
    "ConcernCreateView",
    "ConcernDetailView",
    "ConcernPurposeView",
    "ConcernRiskReviewView",
    "ConcernTriageView",
    "PoliceProtectionStartView",
    "ProtectionDetailView",
    "ProtectionEndView",
    "ProtectionNoticeView",
    "ProtectionPurposeView",
    "ReferralAcknowledgeView",
    "ReferralDecideView",
    "ReferralDetailView",
    "ReferralListView",
    "ReferralPurposeView",
    "ReferralSendView",
    "StrategyDiscussionRecordView",
    "TriageQueueView",
]
