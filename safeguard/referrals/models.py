"""Child concerns (PPN), their MASH triage, and referrals to children's social care."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel
from safeguard.referrals.rules.codes import (
    PROTECTION_NOTICE_LABELS,
    REFERRAL_METHOD_LABELS,
    SOCIAL_CARE_DECISION_LABELS,
    STRATEGY_OUTCOME_LABELS,
    TRIAGE_DECISION_LABELS,
    ConcernStatus,
    ReferralStatus,
)

TRIAGE_DECISION_CHOICES = [(k.value, v) for k, v in TRIAGE_DECISION_LABELS.items()]
REFERRAL_METHOD_CHOICES = [(k.value, v) for k, v in REFERRAL_METHOD_LABELS.items()]
SOCIAL_CARE_DECISION_CHOICES = [(k.value, v) for k, v in SOCIAL_CARE_DECISION_LABELS.items()]
STRATEGY_OUTCOME_CHOICES = [(k.value, v) for k, v in STRATEGY_OUTCOME_LABELS.items()]
PROTECTION_NOTICE_CHOICES = [(k.value, v) for k, v in PROTECTION_NOTICE_LABELS.items()]
RAG_CHOICES = [("GREEN", "Green (low)"), ("AMBER", "Amber (medium)"), ("RED", "Red (high)")]


class ChildConcern(BaseModel):
    """A police notification of concern for a child (PPN, DOMAIN.md §3.4), triaged by the MASH."""

    reference = models.CharField(max_length=20, unique=True)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="concerns")
    occurrence = models.ForeignKey(
        "incidents.Occurrence", on_delete=models.PROTECT, related_name="concerns"
    )
    summary = models.TextField()
    status = models.CharField(
        max_length=20,
        choices=[(s.value, s.value.replace("_", " ").capitalize()) for s in ConcernStatus],
        default=ConcernStatus.AWAITING_TRIAGE,
    )
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The same submission twice (Idempotency-Key) creates one concern.
    idempotency_key = models.CharField(max_length=100, blank=True)
    # MASH triage
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    research_notes = models.TextField(blank=True)
    rag = models.CharField(max_length=5, choices=RAG_CHOICES, blank=True)
    risk_assessment_id = models.UUIDField(null=True, blank=True)
    triage_decision = models.CharField(max_length=24, choices=TRIAGE_DECISION_CHOICES, blank=True)
    triage_rationale = models.TextField(blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        # The MASH queue: awaiting triage, oldest first.
        indexes = [models.Index(fields=["status", "created_at"], name="referrals_concern_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="referrals_concern_idempotent",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class Referral(BaseModel):
    """A referral to children's social care: a closed loop of sent, acknowledged, decided."""

    reference = models.CharField(max_length=20, unique=True)
    concern = models.ForeignKey(ChildConcern, on_delete=models.PROTECT, related_name="referrals")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    recipient_name = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=16, choices=REFERRAL_METHOD_CHOICES)
    reason = models.TextField()
    status = models.CharField(
        max_length=16,
        choices=[(s.value, s.value.capitalize()) for s in ReferralStatus],
        default=ReferralStatus.SENT,
    )
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=28, choices=SOCIAL_CARE_DECISION_CHOICES, blank=True)
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A restricted flag keeps the scope rule shared with the other records.
    is_restricted = models.BooleanField(default=False)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True) | Q(decided_at__gte=models.F("sent_at")),
                name="referrals_decided_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class StrategyDiscussion(BaseModel):
    """A multi-agency strategy discussion about a referred child (DOMAIN.md §4.2 [S])."""

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_at = models.DateTimeField()
    attendees = models.JSONField(default=list)  # [{"name": ..., "agency": ...}]
    police_actions = models.TextField()
    outcome = models.CharField(max_length=28, choices=STRATEGY_OUTCOME_CHOICES)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_at:%Y-%m-%d %H:%M}"


class PoliceProtection(BaseModel):
    """A child taken into police protection under Children Act 1989 s.46 (at most 72 hours)."""

    reference = models.CharField(max_length=20, unique=True)
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="police_protections"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    accommodation = models.CharField(max_length=200)
    end_reason = models.TextField(blank=True)
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_restricted = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="referrals_protection_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ProtectionNoticeGiven(BaseModel):
    """One of the notices s.46 requires, with when and how it was given."""

    protection = models.ForeignKey(
        PoliceProtection, on_delete=models.CASCADE, related_name="notices"
    )
    notice = models.CharField(max_length=20, choices=PROTECTION_NOTICE_CHOICES)
    given_at = models.DateTimeField()
    detail = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["protection", "notice"], name="referrals_notice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} at {self.given_at}"
