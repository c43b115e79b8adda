"""Domestic-abuse incidents, their child victims, the children found and Operation Encompass.

Fields and constraints only; the workflow lives in ``domestic.services``, the rules in
``domestic.rules`` (DOMAIN.md §3).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel
from safeguard.domestic.rules.codes import (
    DETECTION_SOURCE_LABELS,
    NOTIFICATION_STATUS_LABELS,
    PARTY_RELATIONSHIP_LABELS,
    RELATED_TO_LABELS,
    NotificationStatus,
    RecipientKind,
    Resolution,
    SendChannel,
)
from safeguard.domestic.rules.marac import MARAC_REASON_LABELS


def _choices(labels: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(k.value, v) for k, v in labels.items()]


NOTIFICATION_STATUS_CHOICES = _choices(NOTIFICATION_STATUS_LABELS)


class DomesticAbuseIncident(BaseModel):
    """A domestic-abuse occurrence: the two parties, how they are connected, the children."""

    occurrence = models.OneToOneField(
        "incidents.Occurrence", on_delete=models.PROTECT, related_name="domestic_abuse"
    )
    victim = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    suspect = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    relationship = models.CharField(max_length=32, choices=_choices(PARTY_RELATIONSHIP_LABELS))
    # What the school is told (DOMAIN.md §3.2): circumstances written for the school, not the
    # police narrative, and any other safeguarding information.
    circumstances_for_school = models.TextField(blank=True)
    other_information_for_school = models.TextField(blank=True)
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_restricted = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=100, blank=True)
    # A supervisor's reason for not referring the children to social care (issue 4).
    referral_waiver_reason = models.TextField(blank=True)
    referral_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referral_waived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="domestic_incident_idempotent",
            ),
            models.CheckConstraint(
                condition=~Q(victim=models.F("suspect")), name="domestic_parties_differ"
            ),
            models.CheckConstraint(
                condition=Q(referral_waived_at__isnull=True)
                | (~Q(referral_waiver_reason="") & Q(referral_waived_by__isnull=False)),
                name="domestic_waiver_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"DA {self.occurrence_id}"


class ChildVictim(BaseModel):
    """A child who saw, heard or experienced the effects of the abuse (DA Act 2021 s.3)."""

    incident = models.ForeignKey(
        DomesticAbuseIncident, on_delete=models.CASCADE, related_name="child_victims"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField()
    where_present = models.CharField(max_length=200, blank=True)
    saw = models.BooleanField()
    heard = models.BooleanField()
    experienced_effects = models.BooleanField()
    related_to = models.CharField(max_length=8, choices=_choices(RELATED_TO_LABELS))
    # The child concern (and so the referral loop) raised for this child.
    concern = models.ForeignKey(
        "referrals.ChildConcern", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "child"], name="domestic_child_once"),
        ]

    def __str__(self) -> str:
        return f"child victim {self.child_id}"


class DetectedChildRecord(BaseModel):
    """A child the system found and how the officer dealt with it (kept for audit)."""

    incident = models.ForeignKey(
        DomesticAbuseIncident, on_delete=models.CASCADE, related_name="detected_children"
    )
    key = models.CharField(max_length=300)
    source = models.CharField(max_length=20, choices=_choices(DETECTION_SOURCE_LABELS))
    description = models.CharField(max_length=400)
    known_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.CharField(
        max_length=10, choices=[(r.value, r.value.capitalize()) for r in Resolution]
    )
    dismissed_reason = models.TextField(blank=True)
    recorded_children = models.ManyToManyField("people.Person", blank=True, related_name="+")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(resolution=Resolution.DISMISSED) | ~Q(dismissed_reason=""),
                name="domestic_dismissal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.description}"


class EncompassNotification(BaseModel):
    """An Operation Encompass notification of one child's school (or local authority)."""

    reference = models.CharField(max_length=20, unique=True)
    incident = models.ForeignKey(
        DomesticAbuseIncident, on_delete=models.PROTECT, related_name="notifications"
    )
    child_victim = models.OneToOneField(
        ChildVictim, on_delete=models.PROTECT, related_name="notification"
    )
    recipient = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="encompass_notifications",
    )
    recipient_kind = models.CharField(
        max_length=16, choices=[(k.value, k.value.replace("_", " ").lower()) for k in RecipientKind]
    )
    # As typed by the officer when the school is not known to the system.
    unlisted_setting_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=12,
        choices=NOTIFICATION_STATUS_CHOICES,
        default=NotificationStatus.PENDING,
    )
    due_at = models.DateTimeField()
    due_rule = models.CharField(max_length=300)
    # Set when sent: the organisation that may now see it (record scope for partners).
    shared_with = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_channel = models.CharField(
        max_length=10,
        blank=True,
        choices=[(c.value, c.value.replace("_", " ").lower()) for c in SendChannel],
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_restricted = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_at"]
        indexes = [
            # The dispatch run: routed notifications waiting to be sent, soonest due first.
            models.Index(
                fields=["due_at"],
                condition=Q(status=NotificationStatus.PENDING),
                name="domestic_notification_pending",
            ),
            models.Index(fields=["shared_with", "-sent_at"], name="domestic_notification_inbox"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[NotificationStatus.UNROUTED, NotificationStatus.PENDING])
                | (Q(sent_at__isnull=False, shared_with__isnull=False) & ~Q(content={})),
                name="domestic_sent_has_content",
            ),
            models.CheckConstraint(
                condition=~Q(status=NotificationStatus.ACKNOWLEDGED)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="domestic_acknowledged_by_someone",
            ),
            models.CheckConstraint(
                condition=~Q(status=NotificationStatus.PENDING) | Q(recipient__isnull=False),
                name="domestic_pending_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class MaracReferral(BaseModel):
    """A victim who meets the MARAC referral criteria (DOMAIN.md §3.3 [S]) after a DASH/DARA."""

    incident = models.ForeignKey(
        DomesticAbuseIncident, on_delete=models.PROTECT, related_name="marac_referrals"
    )
    victim = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    risk_assessment_id = models.UUIDField()
    reasons = models.JSONField(default=list)
    referred_at = models.DateTimeField(null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"MARAC {self.victim_id}: {', '.join(self.reasons)}"

    @property
    def reason_labels(self) -> list[str]:
        labels = {reason.value: label for reason, label in MARAC_REASON_LABELS.items()}
        return [labels.get(reason, reason) for reason in self.reasons]
