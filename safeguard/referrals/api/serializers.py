from __future__ import annotations

from typing import Any

from rest_framework import serializers

from safeguard.incidents.api.serializers import VoiceOfChildInput
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.referrals.models import (
    PROTECTION_NOTICE_CHOICES,
    RAG_CHOICES,
    REFERRAL_METHOD_CHOICES,
    SOCIAL_CARE_DECISION_CHOICES,
    STRATEGY_OUTCOME_CHOICES,
    TRIAGE_DECISION_CHOICES,
    ChildConcern,
    PoliceProtection,
    Referral,
    StrategyDiscussion,
)
from safeguard.referrals.services import ConcernDetails, ReferralDetails


class ConcernRecordInput(serializers.Serializer[Any]):
    child_id = serializers.UUIDField()
    occurred_at = serializers.DateTimeField()
    location = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=20_000)
    voice_of_child = VoiceOfChildInput(allow_null=True, required=False, default=None)

    def details(self) -> ConcernDetails:
        data = self.validated_data
        voice = VoiceOfChild(**data["voice_of_child"]) if data["voice_of_child"] else None
        return ConcernDetails(
            child_id=data["child_id"],
            occurred_at=data["occurred_at"],
            location=data["location"],
            summary=data["summary"],
            voice=voice,
        )


class ConcernTriageInput(serializers.Serializer[Any]):
    research_notes = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20_000
    )
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=10_000),
        help_text="PPN RAG answers by question code (see GET /api/v1/risk/instruments/)",
    )
    officer_level = serializers.ChoiceField(
        choices=RAG_CHOICES, required=False, allow_null=True, default=None
    )
    level_rationale = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000
    )
    decision = serializers.ChoiceField(choices=TRIAGE_DECISION_CHOICES)
    rationale = serializers.CharField(max_length=5000)


class ReferralSendInput(serializers.Serializer[Any]):
    recipient_organisation_id = serializers.UUIDField()
    recipient_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    method = serializers.ChoiceField(choices=REFERRAL_METHOD_CHOICES)
    reason = serializers.CharField(max_length=10_000)

    def details(self) -> ReferralDetails:
        return ReferralDetails(**self.validated_data)


class ReferralDecisionInput(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=SOCIAL_CARE_DECISION_CHOICES)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    delay_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class ConcernOutput(serializers.ModelSerializer[ChildConcern]):
    class Meta:
        model = ChildConcern
        fields = [
            "id",
            "reference",
            "child",
            "occurrence",
            "status",
            "rag",
            "triage_decision",
            "created_at",
        ]


class ReferralOutput(serializers.ModelSerializer[Referral]):
    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "child",
            "recipient_organisation",
            "method",
            "reason",
            "status",
            "sent_at",
            "acknowledged_at",
            "decision",
            "decision_note",
            "decided_at",
        ]


class AttendeeInput(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    agency = serializers.CharField(max_length=200)


class StrategyDiscussionInput(serializers.Serializer[Any]):
    held_at = serializers.DateTimeField()
    attendees = AttendeeInput(many=True)
    police_actions = serializers.CharField(max_length=10_000)
    outcome = serializers.ChoiceField(choices=STRATEGY_OUTCOME_CHOICES)


class StrategyDiscussionOutput(serializers.ModelSerializer[StrategyDiscussion]):
    class Meta:
        model = StrategyDiscussion
        fields = ["id", "referral", "held_at", "attendees", "police_actions", "outcome"]


class PoliceProtectionInput(serializers.Serializer[Any]):
    child_id = serializers.UUIDField()
    starts_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=10_000)
    accommodation = serializers.CharField(max_length=200)


class ProtectionNoticeInput(serializers.Serializer[Any]):
    notice = serializers.ChoiceField(choices=PROTECTION_NOTICE_CHOICES)
    given_at = serializers.DateTimeField()
    detail = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ProtectionEndInput(serializers.Serializer[Any]):
    ends_at = serializers.DateTimeField()
    end_reason = serializers.CharField(max_length=2000)
    delay_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class PoliceProtectionOutput(serializers.ModelSerializer[PoliceProtection]):
    class Meta:
        model = PoliceProtection
        fields = [
            "id",
            "reference",
            "child",
            "starts_at",
            "ends_at",
            "reason",
            "accommodation",
            "end_reason",
        ]
