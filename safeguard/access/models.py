"""Capabilities as Django permissions, and break-glass grants."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel


class CapabilityRegister(models.Model):
    """Holds no rows: the content type that the capability permissions (``access.<name>``) hang on.

    ``access.services.roles_sync`` creates one permission per ``Capability``, so adding a
    capability needs no migration.
    """

    class Meta:
        managed = False
        default_permissions = ()

    def __str__(self) -> str:
        return "capability register"


class ReviewOutcome(models.TextChoices):
    JUSTIFIED = "JUSTIFIED", "Justified"
    NOT_JUSTIFIED = "NOT_JUSTIFIED", "Not justified: refer to professional standards"


class BreakGlassGrant(BaseModel):
    """Access to one record beyond the actor's scope, for a written reason, for a short time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject_type = models.CharField(max_length=60)
    subject_id = models.UUIDField()
    reason = models.TextField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_outcome = models.CharField(max_length=16, choices=ReviewOutcome.choices, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "subject_type", "expires_at"])]

    def __str__(self) -> str:
        return f"Break glass {self.subject_type} {self.subject_id}"
