"""Occurrences, each person's involvement, and the voice of each child involved."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel
from safeguard.incidents.rules.codes import (
    INVOLVEMENT_ROLE_LABELS,
    OCCURRENCE_TYPE_LABELS,
    InvolvementRole,
    OccurrenceType,
)

OCCURRENCE_TYPE_CHOICES = [(t.value, OCCURRENCE_TYPE_LABELS[t]) for t in OccurrenceType]
ROLE_CHOICES = [(r.value, INVOLVEMENT_ROLE_LABELS[r]) for r in InvolvementRole]


class Occurrence(BaseModel):
    """Something reported to the police: a domestic-abuse incident, a concern for a child..."""

    reference = models.CharField(max_length=20, unique=True)
    occurrence_type = models.CharField(max_length=20, choices=OCCURRENCE_TYPE_CHOICES)
    occurred_at = models.DateTimeField(db_index=True)
    location = models.CharField(max_length=200)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    narrative = models.TextField()
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_restricted = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The same submission twice (Idempotency-Key) records one occurrence.
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="incidents_occurrence_idempotent",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class Involvement(BaseModel):
    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="involvements"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="involvements"
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "person", "role"], name="incidents_involvement_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.role} in {self.occurrence_id}"


class VoiceOfChildRecord(BaseModel):
    """What the child showed and said (DOMAIN.md §8.4); one per child involvement."""

    involvement = models.OneToOneField(Involvement, on_delete=models.CASCADE, related_name="voice")
    seen = models.BooleanField()
    spoken_to = models.BooleanField()
    spoken_to_alone = models.BooleanField(null=True, blank=True)
    childs_words = models.TextField(blank=True)
    behaviour_and_demeanour = models.TextField(blank=True)
    wishes_and_feelings = models.TextField(blank=True)
    reason_not_seen_or_spoken_to = models.TextField(blank=True)
    communication_needs = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"voice of child for {self.involvement_id}"
