"""Pages for domestic-abuse incidents and Operation Encompass."""

from safeguard.domestic.web.views.encompass import (
    EncompassAcknowledgeView,
    EncompassInboxView,
    EncompassNotificationView,
    EncompassQueueView,
    NotificationRouteView,
    NotificationSendView,
)
from safeguard.domestic.web.views.incident import (
    ChildRiskAssessView,
    IncidentAssessView,
    IncidentCreateView,
    IncidentDetailView,
    IncidentListView,
    IncidentPurposeView,
    MaracReferredView,
    ReferralWaiveView,
)

__all__ = [
    "ChildRiskAssessView",
    "EncompassAcknowledgeView",
    "EncompassInboxView",
    "EncompassNotificationView",
    "EncompassQueueView",
    "IncidentAssessView",
    "IncidentCreateView",
    "IncidentDetailView",
    "IncidentListView",
    "IncidentPurposeView",
    "MaracReferredView",
    "NotificationRouteView",
    "NotificationSendView",
    "ReferralWaiveView",
]
