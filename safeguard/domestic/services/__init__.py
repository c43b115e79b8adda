"""Writes for domestic abuse and Operation Encompass, one module per sub-domain (STYLE.md §4.3)."""

from safeguard.domestic.services.assessment import (
    child_risk_assess,
    incident_risk_assess,
    marac_referral_made,
    referral_waive,
)
from safeguard.domestic.services.encompass import (
    ACKNOWLEDGE_CLOCK,
    NOTIFY_CLOCK,
    NotificationInvalid,
    encompass_acknowledge,
    encompass_dispatch,
    encompass_send,
    notification_due,
    notification_route,
)
from safeguard.domestic.services.incident import (
    ChildDetails,
    IncidentDetails,
    IncidentInvalid,
    NewChild,
    children_detect,
    da_incident_record,
)

__all__ = [
    "ACKNOWLEDGE_CLOCK",
    "NOTIFY_CLOCK",
    "ChildDetails",
    "IncidentDetails",
    "IncidentInvalid",
    "NewChild",
    "NotificationInvalid",
    "child_risk_assess",
    "children_detect",
    "da_incident_record",
    "encompass_acknowledge",
    "encompass_dispatch",
    "encompass_send",
    "incident_risk_assess",
    "marac_referral_made",
    "notification_due",
    "notification_route",
    "referral_waive",
]
