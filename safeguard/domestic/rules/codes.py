"""Codes for domestic-abuse incidents, child victims and Operation Encompass (DOMAIN.md §3)."""

from __future__ import annotations

from enum import StrEnum


class PartyRelationship(StrEnum):
    """How the two parties are personally connected (Domestic Abuse Act 2021 s.2, §3.1 [S])."""

    INTIMATE_PARTNER = "INTIMATE_PARTNER"
    EX_INTIMATE_PARTNER = "EX_INTIMATE_PARTNER"
    PARENT_AND_ADULT_CHILD = "PARENT_AND_ADULT_CHILD"
    OTHER_RELATIVE = "OTHER_RELATIVE"
    SHARED_PARENTAL_RESPONSIBILITY = "SHARED_PARENTAL_RESPONSIBILITY"


PARTY_RELATIONSHIP_LABELS: dict[PartyRelationship, str] = {
    PartyRelationship.INTIMATE_PARTNER: "Partners (married, civil partners, or in a relationship)",
    PartyRelationship.EX_INTIMATE_PARTNER: "Former partners",
    PartyRelationship.PARENT_AND_ADULT_CHILD: "Parent and adult child",
    PartyRelationship.OTHER_RELATIVE: "Other relatives",
    PartyRelationship.SHARED_PARENTAL_RESPONSIBILITY: "Share parental responsibility for a child",
}


class RelatedTo(StrEnum):
    """Which party the child is related to (s.3(b): parent, parental responsibility, relative)."""

    VICTIM = "VICTIM"
    SUSPECT = "SUSPECT"
    BOTH = "BOTH"
    NEITHER = "NEITHER"


RELATED_TO_LABELS: dict[RelatedTo, str] = {
    RelatedTo.VICTIM: "The victim",
    RelatedTo.SUSPECT: "The suspect",
    RelatedTo.BOTH: "Both",
    RelatedTo.NEITHER: "Neither",
}


class DetectionSource(StrEnum):
    """Where the system found a child the officer must deal with (issue 4, "finding every child")."""

    KNOWN_AT_ADDRESS = "KNOWN_AT_ADDRESS"
    RELATED_TO_PARTY = "RELATED_TO_PARTY"
    NARRATIVE = "NARRATIVE"


DETECTION_SOURCE_LABELS: dict[DetectionSource, str] = {
    DetectionSource.KNOWN_AT_ADDRESS: "Known to live at the address",
    DetectionSource.RELATED_TO_PARTY: "Related to a party in police records",
    DetectionSource.NARRATIVE: "Mentioned in the narrative",
}


class Resolution(StrEnum):
    RECORDED = "RECORDED"
    DISMISSED = "DISMISSED"


class NotificationStatus(StrEnum):
    """An Operation Encompass notification's life: routed and waiting, sent, acknowledged.

    ``UNROUTED`` means no recipient is known yet (the child's school is not in the system,
    or not recorded): it waits, visible, for the MASH to route it; nothing is dropped.
    """

    UNROUTED = "UNROUTED"
    PENDING = "PENDING"
    SENT = "SENT"
    ACKNOWLEDGED = "ACKNOWLEDGED"


NOTIFICATION_STATUS_LABELS: dict[NotificationStatus, str] = {
    NotificationStatus.UNROUTED: "Needs a recipient",
    NotificationStatus.PENDING: "Waiting to send",
    NotificationStatus.SENT: "Sent, not yet acknowledged",
    NotificationStatus.ACKNOWLEDGED: "Acknowledged",
}


class RecipientKind(StrEnum):
    SCHOOL = "SCHOOL"
    LOCAL_AUTHORITY = "LOCAL_AUTHORITY"


class SendChannel(StrEnum):
    ON_DEMAND = "ON_DEMAND"
    DAILY_RUN = "DAILY_RUN"
