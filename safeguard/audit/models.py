"""The DPA 2018 s.62 log: append-only in the database itself, and hash-chained."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from safeguard.audit.rules.operations import Operation


class AuditEvent(models.Model):
    """One logged processing operation. Never updated or deleted (database triggers refuse)."""

    sequence = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150)
    actor_roles = models.CharField(max_length=400, blank=True)
    actor_team = models.CharField(max_length=200, blank=True)
    operation = models.CharField(max_length=16, choices=[(o.value, o.value) for o in Operation])
    event_type = models.CharField(max_length=80)
    subjects = models.JSONField(default=list)
    justification = models.TextField(blank=True)
    recipients = models.JSONField(default=list)
    changes = models.JSONField(default=dict)
    request_id = models.CharField(max_length=64, blank=True)
    previous_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["occurred_at"]),
            models.Index(fields=["actor_username", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event_type}"

    def chain_payload(self) -> dict[str, Any]:
        """Return the fields the digest covers."""
        return {
            "sequence": self.sequence,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": str(self.actor_id) if self.actor_id else None,
            "actor_username": self.actor_username,
            "actor_roles": self.actor_roles,
            "actor_team": self.actor_team,
            "operation": self.operation,
            "event_type": self.event_type,
            "subjects": self.subjects,
            "justification": self.justification,
            "recipients": self.recipients,
            "changes": self.changes,
            "request_id": self.request_id,
        }


class AuditSubject(models.Model):
    """Index of the records an event touched, for "who consulted this child?" searches."""

    event = models.ForeignKey(
        AuditEvent, on_delete=models.DO_NOTHING, db_constraint=False, related_name="subject_rows"
    )
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_id}"


class AuditChainHead(models.Model):
    """The digest of the newest event; locked while an event is written so the chain never forks."""

    last_sequence = models.BigIntegerField(default=0)
    last_digest = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head at {self.last_sequence}"


class RequestLog(models.Model):
    """Safety net: one row per request (who, route, method, status). Append-only too."""

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField()
    user_id = models.CharField(max_length=64, blank=True)
    username = models.CharField(max_length=150, blank=True)
    method = models.CharField(max_length=10)
    route = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=500)
    status_code = models.PositiveSmallIntegerField()
    request_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["occurred_at"])]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status_code}"
