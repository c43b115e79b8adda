"""Shared model plumbing: UUID keys, timestamps from the injected clock, reference numbers."""

from __future__ import annotations

import uuid

from django.db import models

from safeguard.core import clock


class BaseModel(models.Model):
    """UUID primary key and creation/update instants taken from the injected clock."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        abstract = True


class ReferenceCounter(models.Model):
    """The last number issued per prefix and year, for officer-facing references."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="core_reference_prefix_year"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_value}"
