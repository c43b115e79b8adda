"""Places, their history and business concerns (issue 10; DOMAIN.md §7): fields and
constraints only. The workflow lives in ``places.services``, the rules in ``places.rules``.

A place (a hotel, licensed premises, an address, an open space) gathers every record
linked to it (``PlaceLink``: a missing episode found or last seen there, an occurrence, a
referral, a concern), and may carry a flag with a reason and a review date (``PlaceFlag``,
one open at a time, lowered with a reason). A business operating a place submits
Makesafe concerns about it (``BusinessConcern``); the force records the businesses it has
engaged (``BusinessEngagement``).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel
from safeguard.places.rules.codes import (
    LINK_ROLE_LABELS,
    PLACE_KIND_LABELS,
    ConcernStatus,
)


def _choices(labels: Mapping[Any, str]) -> list[tuple[str, str]]:
    return [(str(k.value), v) for k, v in labels.items()]


def _enum_choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ").capitalize()) for m in enum]


PLACE_KIND_CHOICES = _choices(PLACE_KIND_LABELS)
LINK_ROLE_CHOICES = _choices(LINK_ROLE_LABELS)
CONCERN_STATUS_CHOICES = _enum_choices(ConcernStatus)


class Place(BaseModel):
    """Premises or a location with a history (DOMAIN.md §7 [S]: "the premises as a location
    entity")."""

    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=20, choices=PLACE_KIND_CHOICES)
    name = models.CharField(max_length=200)
    search_name = models.CharField(max_length=200, db_index=True)
    address_line = models.CharField(max_length=300, blank=True)
    town = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    address = models.ForeignKey(
        "people.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    operator = models.CharField(max_length=200, blank=True)
    # The partner business that runs the place: its reporters submit concerns about it.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"


class PlaceFlag(BaseModel):
    """A flag on a place: why, until when it is reviewed, and when and why it was lowered.

    ``raised_by`` null means the recurrence rule raised it (the system).
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="flags")
    reason = models.TextField()
    review_on = models.DateField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    lowered_at = models.DateTimeField(null=True, blank=True)
    lowered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lowered_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["place"],
                condition=Q(lowered_at__isnull=True),
                name="places_one_open_flag",
            ),
            models.CheckConstraint(
                condition=Q(lowered_at__isnull=True) | ~Q(lowered_reason=""),
                name="places_flag_lowered_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place_id} flag {self.raised_at:%Y-%m-%d}"


class PlaceLink(BaseModel):
    """A record linked to a place in a role (``places.rules.codes.LINKABLE_ROLES``).

    The linked record is named as an audit ``Subject`` (``subject_type`` like
    ``missing.missingepisode``, ``subject_id`` its id); ``reference`` and ``occurred_at``
    are copied from it so the history reads without opening each record.
    ``linked_by`` null means the system linked it (a triage match).
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="links")
    subject_type = models.CharField(max_length=60)
    subject_id = models.UUIDField()
    role = models.CharField(max_length=16, choices=LINK_ROLE_CHOICES)
    reference = models.CharField(max_length=20)
    occurred_at = models.DateTimeField()
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "subject_type", "subject_id", "role"],
                name="places_link_once_per_role",
            ),
        ]
        indexes = [
            models.Index(fields=["place", "occurred_at"], name="places_link_history"),
            models.Index(fields=["subject_type", "subject_id"], name="places_link_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.place_id} {self.role} {self.reference}"


class BusinessConcern(BaseModel):
    """A Makesafe concern submitted by a business about a place it runs (issue 10 item 2)."""

    reference = models.CharField(max_length=20, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="business_concerns"
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="concerns")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    indicators = models.JSONField(default=list, blank=True)
    young_person_description = models.TextField(blank=True)
    adults_description = models.TextField(blank=True)
    other_details = models.TextField(blank=True)
    room = models.CharField(max_length=200, blank=True)
    booking_details = models.CharField(max_length=200, blank=True)
    seen_at = models.DateTimeField()
    still_on_site = models.BooleanField(default=False)
    urgent = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=CONCERN_STATUS_CHOICES, default=ConcernStatus.RECEIVED
    )
    owning_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    # Triage (police only; never shown to the business).
    risk_assessment = models.ForeignKey(
        "risk.RiskAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grade = models.CharField(max_length=12, blank=True)
    matched_child = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    action_taken = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ConcernStatus.RECEIVED) | Q(triaged_at__isnull=False),
                name="places_concern_actioned_has_triage",
            ),
            models.CheckConstraint(
                condition=~Q(status=ConcernStatus.CLOSED) | Q(closed_at__isnull=False),
                name="places_concern_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="places_concern_queue"),
            models.Index(fields=["organisation", "submitted_at"], name="places_concern_org"),
        ]

    def __str__(self) -> str:
        return self.reference


class BusinessEngagement(BaseModel):
    """Engagement with a business: training given, when, and who to contact (item 4)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="engagements"
    )
    training_given = models.CharField(max_length=300)
    given_on = models.DateField()
    contact_name = models.CharField(max_length=200)
    contact_details = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_on"]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.given_on}"
