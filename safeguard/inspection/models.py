"""Inspection readiness (issue 9): self-assessments, inspection reports with their findings,
and the action plan. Fields and constraints only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safeguard.core.models import BaseModel
from safeguard.inspection.rules.areas import (
    AREA_LABELS,
    AUDIT_GRADE_LABELS,
    FINDING_KIND_LABELS,
    GRADE_LABELS,
)
from safeguard.inspection.rules.plan import ACTION_STATUS_LABELS, ActionStatus

AREA_CHOICES = [(a.value, label) for a, label in AREA_LABELS.items()]
GRADE_CHOICES = [(g.value, label) for g, label in GRADE_LABELS.items()]
FINDING_CHOICES = [(k.value, label) for k, label in FINDING_KIND_LABELS.items()]
AUDIT_GRADE_CHOICES = [(g.value, label) for g, label in AUDIT_GRADE_LABELS.items()]
STATUS_CHOICES = [(s.value, label) for s, label in ACTION_STATUS_LABELS.items()]


class SelfAssessment(BaseModel):
    """The lead's grade for an area (DOMAIN.md §1.3) with the evidence they chose."""

    area = models.CharField(max_length=24, choices=AREA_CHOICES)
    grade = models.CharField(max_length=24, choices=GRADE_CHOICES)
    evidence = models.TextField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField()

    class Meta:
        ordering = ["-assessed_on", "area"]

    def __str__(self) -> str:
        return f"{self.area} {self.grade} {self.assessed_on}"


class InspectionReport(BaseModel):
    """A published inspection report and the deadline of its action plan (DOMAIN.md §1.6)."""

    title = models.CharField(max_length=300)
    published_on = models.DateField()
    action_plan_due_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-published_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action_plan_due_on__gt=F("published_on")),
                name="inspection_plan_after_publication",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Finding(BaseModel):
    """A cause of concern, recommendation, area for improvement or promising practice (§1.4)."""

    report = models.ForeignKey(InspectionReport, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=24, choices=FINDING_CHOICES)
    area = models.CharField(max_length=24, choices=AREA_CHOICES)
    text = models.TextField()
    cause = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations"
    )

    class Meta:
        ordering = ["report", "kind", "created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:40]}"


class Action(BaseModel):
    """One action of the plan: owner, due date, status, evidence."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(
        max_length=16, choices=STATUS_CHOICES, default=ActionStatus.NOT_STARTED
    )
    evidence = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.COMPLETE) | Q(completed_on__isnull=False),
                name="inspection_complete_action_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description[:40]} ({self.status})"


class CaseAudit(BaseModel):
    """A stratified random sample of cases for audit, reproducible from its seed (§1.5)."""

    title = models.CharField(max_length=200)
    since = models.DateField()
    until = models.DateField()
    size = models.PositiveIntegerField()
    strata = models.JSONField(default=list)
    pathways = models.JSONField(default=list)
    seed = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__gt=F("since")), name="inspection_audit_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AuditedCase(BaseModel):
    """One case drawn for audit, and its grade with the reasons (§1.5)."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="cases")
    pathway = models.CharField(max_length=30)
    area = models.CharField(max_length=24, choices=AREA_CHOICES)
    subject_type = models.CharField(max_length=60)
    subject_id = models.UUIDField()
    reference = models.CharField(max_length=40)
    grade = models.CharField(max_length=24, choices=AUDIT_GRADE_CHOICES, blank=True)
    reasons = models.TextField(blank=True)
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    audited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pathway", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "subject_type", "subject_id"], name="inspection_case_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.grade or 'not graded'}"


class IndicatorSnapshot(BaseModel):
    """One indicator's value for one calendar month, kept for the trend (issue 9 item 1)."""

    month = models.DateField()  # the first day of the month
    code = models.CharField(max_length=60)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    count = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code", "month"]
        constraints = [
            models.UniqueConstraint(fields=["month", "code"], name="inspection_snapshot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.month:%Y-%m}"
