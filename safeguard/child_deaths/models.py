"""Unexpected child deaths (issue 8, DOMAIN.md §5): fields and constraints only.

The training register and the on-call rota say who can be sent at any hour; a response
records the Joint Agency Response from the report onwards, who was asked and who accepted,
its checklist with a time per step, and a decision for each child in the household.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safeguard.child_deaths.rules import codes
from safeguard.core.models import BaseModel


def _choices(enum: type[StrEnum], labels: Mapping[Any, str] | None = None) -> list[tuple[str, str]]:
    return [(m.value, (labels or {}).get(m, m.value.replace("_", " ").capitalize())) for m in enum]


DUTY_CHOICES = _choices(
    codes.Duty,
    {codes.Duty.DETECTIVE: "Trained detective", codes.Duty.SENIOR_OFFICER: "Senior officer"},
)


class ChildDeathTraining(BaseModel):
    """An officer's child-death training: the course, when completed, when it expires."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="child_death_training"
    )
    course = models.CharField(max_length=200)
    completed_on = models.DateField()
    expires_on = models.DateField()

    class Meta:
        ordering = ["-expires_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=F("completed_on")),
                name="child_death_training_expires_later",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.course} to {self.expires_on}"


class RotaShift(BaseModel):
    """An officer on call for child deaths, from one instant to another (UTC)."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    duty = models.CharField(max_length=16, choices=DUTY_CHOICES)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    rank = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "duty", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="child_death_shift_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duty} {self.officer_id} {self.starts_at:%Y-%m-%d %H:%M}"


class ChildDeathResponse(BaseModel):
    """A Joint Agency Response to the unexpected death of a child."""

    reference = models.CharField(max_length=20, unique=True)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    died_at = models.DateTimeField()
    reported_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    circumstances = models.TextField()
    criteria = models.JSONField(default=list)
    concerns = models.BooleanField(default=False)
    occurrence = models.ForeignKey(
        "incidents.Occurrence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reported_at__gte=F("died_at")), name="child_death_reported_after_death"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ResponseAssignment(BaseModel):
    """An officer asked to respond (or, for the senior officer, told of an escalation)."""

    response = models.ForeignKey(
        ChildDeathResponse, on_delete=models.CASCADE, related_name="assignments"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    duty = models.CharField(max_length=16, choices=DUTY_CHOICES)
    state = models.CharField(max_length=10, choices=_choices(codes.AssignmentState))
    offered_at = models.DateTimeField()
    accept_by = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    timed_out_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["offered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "officer", "duty"], name="child_death_asked_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.officer_id} {self.state}"


class ChecklistItem(BaseModel):
    """One step of the response, due by its time: done, not applicable with a reason, or open."""

    response = models.ForeignKey(ChildDeathResponse, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    state = models.CharField(
        max_length=16, choices=_choices(codes.ItemState), default=codes.ItemState.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    not_applicable_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "code"], name="child_death_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.code} {self.state}"


class HouseholdChild(BaseModel):
    """A sibling or another child in the household, with the safeguarding decision."""

    response = models.ForeignKey(
        ChildDeathResponse, on_delete=models.CASCADE, related_name="children"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=30, choices=_choices(codes.SiblingDecision), blank=True)
    reason = models.TextField(blank=True)
    concern = models.ForeignKey(
        "referrals.ChildConcern", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "child"], name="child_death_household_child_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.child_id}"
