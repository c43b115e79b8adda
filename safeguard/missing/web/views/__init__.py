"""Pages for missing children, return interviews and Philomena Protocol profiles."""

from safeguard.missing.web.views.after import (
    CraView,
    FoundView,
    NrmDecisionView,
    NrmView,
    PreventionInterviewView,
    ReviewView,
    RiskInformationAddView,
    ScreeningView,
    StrategyView,
)
from safeguard.missing.web.views.episode import (
    EpisodeCreateView,
    EpisodeDetailView,
    EpisodeGradeView,
    EpisodeListView,
    EpisodePurposeView,
)
from safeguard.missing.web.views.partner import (
    ProfileArchiveView,
    ProfileCreateView,
    ProfileEditView,
    ProfileListView,
    ReturnInterviewInboxView,
    ReturnInterviewView,
)

__all__ = [
    "CraView",
    "EpisodeCreateView",
    "EpisodeDetailView",
    "EpisodeGradeView",
    "EpisodeListView",
    "EpisodePurposeView",
    "FoundView",
    "NrmDecisionView",
    "NrmView",
    "PreventionInterviewView",
    "ProfileArchiveView",
    "ProfileCreateView",
    "ProfileEditView",
    "ProfileListView",
    "ReturnInterviewInboxView",
    "ReturnInterviewView",
    "ReviewView",
    "RiskInformationAddView",
    "ScreeningView",
    "StrategyView",
]
