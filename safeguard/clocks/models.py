"""Statutory clocks and the notifications their escalation sends.

A clock belongs to any record of any pathway (a referral, an Operation Encompass
notification, a missing-child review), named generically by ``subject_type`` and
``subject_id`` as in the audit log. It stores its deadline and the rule and rule version
that set it (DESIGN.md invariant 7), so a later change of rule never rewrites history and a
missed background run never loses a deadline.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safeguard.core.models import BaseModel


class ClockOutcome(models.TextChoices):
    RUNNING = "RUNNING", "Running"
    MET = "MET", "Met"
    BREACHED = "BREACHED", "Breached"


class StatutoryClock(BaseModel):
    """A time limit running against one record, from the rule version that set it."""

    subject_type = models.CharField(max_length=60)
    subject_id = models.UUIDField()
    # Dotted, pathway first: "referral.decision", "encompass.notification".
    kind = models.CharField(max_length=80)
    # Officer-facing, never personal data: "Social care decision due".
    label = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # "Working Together 2023: decision within one working day"
    rule = models.CharField(max_length=300)
    # "DOMAIN.md §4.2 [S]"
    rule_source = models.CharField(max_length=120)
    rule_version = models.CharField(max_length=40)
    owner_team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="statutory_clocks"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statutory_clocks",
    )
    # The partner the clock waits on (children's social care for a referral decision).
    partner_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statutory_clocks",
    )
    # Shown on the out-of-hours board even before it is overdue.
    urgent = models.BooleanField(default=False)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(
        max_length=10, choices=ClockOutcome.choices, default=ClockOutcome.RUNNING
    )
    breach_reason = models.TextField(blank=True)
    # How many escalation steps have been notified (see clocks.rules.status.escalation_step).
    escalation_level = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind"],
                condition=Q(stopped_at__isnull=True),
                name="clocks_one_running_clock_per_subject_kind",
            ),
            models.CheckConstraint(
                condition=Q(due_at__gte=F("started_at")),
                name="clocks_due_not_before_start",
            ),
            models.CheckConstraint(
                condition=(Q(stopped_at__isnull=True) & Q(outcome=ClockOutcome.RUNNING))
                | (
                    Q(stopped_at__isnull=False)
                    & Q(outcome__in=[ClockOutcome.MET, ClockOutcome.BREACHED])
                ),
                name="clocks_outcome_matches_stop",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=ClockOutcome.BREACHED) | ~Q(breach_reason=""),
                name="clocks_breach_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=Q(stopped_at__isnull=True),
                name="clocks_running_due_idx",
            ),
            models.Index(fields=["owner_team", "due_at"], name="clocks_team_due_idx"),
            models.Index(fields=["subject_type", "subject_id"], name="clocks_subject_idx"),
            models.Index(fields=["outcome", "stopped_at"], name="clocks_outcome_stopped_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.subject_type}:{self.subject_id} due {self.due_at:%Y-%m-%d %H:%M}"


class NotificationKind(models.TextChoices):
    REMINDER = "REMINDER", "Reminder to the owner"
    ESCALATION_SUPERVISOR = "ESCALATION_SUPERVISOR", "Escalation to a supervisor"
    ESCALATION_PARTNER_MANAGER = "ESCALATION_PARTNER_MANAGER", "Escalation to the partner's manager"
    ESCALATION_ON_CALL_SENIOR = (
        "ESCALATION_ON_CALL_SENIOR",
        "Escalation to the on-call senior officer",
    )


class ClockNotification(BaseModel):
    """One reminder or escalation about one clock, to one user, team or partner organisation.

    ``dedupe_key`` is unique, ``"<clock id>:<step>:<recipient>"``: a second worker run, or
    two workers at once, can never notify the same recipient twice for the same step.
    """

    clock = models.ForeignKey(
        StatutoryClock, on_delete=models.PROTECT, related_name="notifications"
    )
    step = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clock_notifications",
    )
    recipient_team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clock_notifications",
    )
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clock_notifications",
    )
    message = models.CharField(max_length=500)
    dedupe_key = models.CharField(max_length=120, unique=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        recipient_user__isnull=False,
                        recipient_team__isnull=True,
                        recipient_organisation__isnull=True,
                    )
                    | Q(
                        recipient_user__isnull=True,
                        recipient_team__isnull=False,
                        recipient_organisation__isnull=True,
                    )
                    | Q(
                        recipient_user__isnull=True,
                        recipient_team__isnull=True,
                        recipient_organisation__isnull=False,
                    )
                ),
                name="clocks_notification_one_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient_user", "created_at"], name="clocks_notif_user_idx"),
            models.Index(fields=["recipient_team", "created_at"], name="clocks_notif_team_idx"),
            models.Index(
                fields=["recipient_organisation", "created_at"], name="clocks_notif_org_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} step {self.step} for clock {self.clock_id}"
