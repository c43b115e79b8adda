from __future__ import annotations

from typing import Any

from rest_framework import serializers

from safeguard.incidents.models import OCCURRENCE_TYPE_CHOICES, ROLE_CHOICES, Occurrence
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.incidents.services import InvolvementDetails, OccurrenceDetails


class VoiceOfChildInput(serializers.Serializer[Any]):
    seen = serializers.BooleanField(allow_null=True)
    spoken_to = serializers.BooleanField(allow_null=True)
    spoken_to_alone = serializers.BooleanField(allow_null=True, required=False, default=None)
    childs_words = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=5000
    )
    behaviour_and_demeanour = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=5000
    )
    wishes_and_feelings = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=5000
    )
    reason_not_seen_or_spoken_to = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=2000
    )
    communication_needs = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=2000
    )


class InvolvementInput(serializers.Serializer[Any]):
    person_id = serializers.UUIDField()
    role = serializers.ChoiceField(choices=ROLE_CHOICES)
    voice_of_child = VoiceOfChildInput(required=False, allow_null=True, default=None)


class OccurrenceRecordInput(serializers.Serializer[Any]):
    occurrence_type = serializers.ChoiceField(choices=OCCURRENCE_TYPE_CHOICES)
    occurred_at = serializers.DateTimeField()
    location = serializers.CharField(max_length=200)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    narrative = serializers.CharField(max_length=20_000)
    involvements = InvolvementInput(many=True)

    def details(self) -> OccurrenceDetails:
        data = self.validated_data
        return OccurrenceDetails(
            occurrence_type=data["occurrence_type"],
            occurred_at=data["occurred_at"],
            location=data["location"],
            postcode=data["postcode"],
            narrative=data["narrative"],
        )

    def involvement_details(self) -> list[InvolvementDetails]:
        return [
            InvolvementDetails(
                person_id=item["person_id"],
                role=item["role"],
                voice=VoiceOfChild(**item["voice_of_child"]) if item["voice_of_child"] else None,
            )
            for item in self.validated_data["involvements"]
        ]


class VoiceOfChildOutput(serializers.Serializer[Any]):
    seen = serializers.BooleanField()
    spoken_to = serializers.BooleanField()
    spoken_to_alone = serializers.BooleanField(allow_null=True)
    childs_words = serializers.CharField()
    behaviour_and_demeanour = serializers.CharField()
    wishes_and_feelings = serializers.CharField()
    reason_not_seen_or_spoken_to = serializers.CharField()
    communication_needs = serializers.CharField()


class InvolvementOutput(serializers.Serializer[Any]):
    person_id = serializers.UUIDField()
    person_reference = serializers.CharField(source="person.reference")
    person_name = serializers.CharField(source="person.full_name")
    role = serializers.CharField()
    voice_of_child = VoiceOfChildOutput(source="voice", allow_null=True, default=None)


class OccurrenceOutput(serializers.ModelSerializer[Occurrence]):
    involvements = InvolvementOutput(many=True, read_only=True)

    class Meta:
        model = Occurrence
        fields = [
            "id",
            "reference",
            "occurrence_type",
            "occurred_at",
            "location",
            "postcode",
            "narrative",
            "involvements",
        ]


class OccurrenceSummaryOutput(serializers.ModelSerializer[Occurrence]):
    class Meta:
        model = Occurrence
        fields = ["id", "reference", "occurrence_type", "occurred_at"]
