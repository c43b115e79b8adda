from __future__ import annotations

from typing import Any

from rest_framework import serializers

from safeguard.audit.models import AuditEvent
from safeguard.audit.rules.operations import Operation


class AccessLogQueryInput(serializers.Serializer[Any]):
    subject_id = serializers.CharField(required=False, allow_blank=True, max_length=64, default="")
    actor_username = serializers.CharField(
        required=False, allow_blank=True, max_length=150, default=""
    )
    operation = serializers.ChoiceField(
        choices=[o.value for o in Operation], required=False, allow_blank=True, default=""
    )
    occurred_from = serializers.DateField(required=False, allow_null=True, default=None)
    occurred_to = serializers.DateField(required=False, allow_null=True, default=None)


class AuditEventOutput(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = [
            "sequence",
            "occurred_at",
            "actor_username",
            "actor_roles",
            "actor_team",
            "operation",
            "event_type",
            "subjects",
            "justification",
            "recipients",
            "request_id",
        ]
