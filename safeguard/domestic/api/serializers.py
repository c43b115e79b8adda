from __future__ import annotations

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from safeguard.domestic.models import DomesticAbuseIncident, EncompassNotification
from safeguard.domestic.rules.children import ResolutionChoice
from safeguard.domestic.rules.codes import PARTY_RELATIONSHIP_LABELS, RELATED_TO_LABELS
from safeguard.domestic.services import ChildDetails, IncidentDetails, NewChild
from safeguard.incidents.api.serializers import VoiceOfChildInput
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.people.models import SEX_CHOICES


class NewChildInput(serializers.Serializer[Any]):
    given_name = serializers.CharField(max_length=100, allow_blank=True, default="")
    family_name = serializers.CharField(max_length=100, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    estimated_age = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=17
    )
    sex = serializers.ChoiceField(choices=SEX_CHOICES, required=False, default="NOT_RECORDED")


class ChildInput(serializers.Serializer[Any]):
    person_id = serializers.UUIDField(required=False, allow_null=True, default=None)
    new_child = NewChildInput(required=False, allow_null=True, default=None)
    present = serializers.BooleanField()
    where_present = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    saw = serializers.BooleanField()
    heard = serializers.BooleanField()
    experienced_effects = serializers.BooleanField()
    related_to = serializers.ChoiceField(
        choices=[(k.value, v) for k, v in RELATED_TO_LABELS.items()]
    )
    voice_of_child = VoiceOfChildInput(required=False, allow_null=True, default=None)
    education_setting_id = serializers.UUIDField(required=False, allow_null=True, default=None)
    home_educated = serializers.BooleanField(required=False, default=False)
    local_authority_id = serializers.UUIDField(required=False, allow_null=True, default=None)
    unlisted_setting_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class ResolutionInput(serializers.Serializer[Any]):
    key = serializers.CharField(max_length=300)
    child_indexes = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=19), required=False, default=list
    )
    dismissed_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class IncidentRecordInput(serializers.Serializer[Any]):
    occurred_at = serializers.DateTimeField()
    location = serializers.CharField(max_length=200)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    narrative = serializers.CharField(max_length=20_000)
    relationship = serializers.ChoiceField(
        choices=[(k.value, v) for k, v in PARTY_RELATIONSHIP_LABELS.items()]
    )
    victim_id = serializers.UUIDField()
    suspect_id = serializers.UUIDField()
    household_member_ids = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list, max_length=20
    )
    circumstances_for_school = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    other_information_for_school = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    children = ChildInput(many=True, required=False, default=list)
    resolutions = ResolutionInput(many=True, required=False, default=list)

    def details(self) -> IncidentDetails:
        data = self.validated_data
        return IncidentDetails(
            occurred_at=data["occurred_at"],
            location=data["location"],
            postcode=data["postcode"],
            narrative=data["narrative"],
            relationship=data["relationship"],
            victim_id=data["victim_id"],
            suspect_id=data["suspect_id"],
            household_member_ids=tuple(data["household_member_ids"]),
            circumstances_for_school=data["circumstances_for_school"],
            other_information_for_school=data["other_information_for_school"],
        )

    def children_details(self) -> list[ChildDetails]:
        rows = []
        for item in self.validated_data["children"]:
            voice = item["voice_of_child"]
            rows.append(
                ChildDetails(
                    person_id=item["person_id"],
                    new_child=NewChild(**item["new_child"]) if item["new_child"] else None,
                    present=item["present"],
                    where_present=item["where_present"],
                    saw=item["saw"],
                    heard=item["heard"],
                    experienced_effects=item["experienced_effects"],
                    related_to=item["related_to"],
                    voice=VoiceOfChild(**voice) if voice else None,
                    education_setting_id=item["education_setting_id"],
                    home_educated=item["home_educated"],
                    local_authority_id=item["local_authority_id"],
                    unlisted_setting_name=item["unlisted_setting_name"],
                )
            )
        return rows

    def choices(self) -> dict[str, ResolutionChoice]:
        return {
            item["key"]: ResolutionChoice(
                key=item["key"],
                child_indexes=tuple(item["child_indexes"]),
                dismissed_reason=item["dismissed_reason"],
            )
            for item in self.validated_data["resolutions"]
        }


DetectedChildOutput = inline_serializer(
    name="DetectedChild",
    fields={
        "key": serializers.CharField(),
        "source": serializers.CharField(),
        "description": serializers.CharField(),
        "person_id": serializers.CharField(allow_null=True),
        "count": serializers.IntegerField(),
        "count_stated": serializers.BooleanField(),
    },
)
# "errors" is a Serializer attribute, so the error body is described inline.
IncidentInvalidOutput = inline_serializer(
    name="IncidentInvalid",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
        "detected_children": serializers.ListField(child=DetectedChildOutput),
        "unresolved": serializers.ListField(child=serializers.CharField()),
    },
)


class NotificationSummaryOutput(serializers.ModelSerializer[EncompassNotification]):
    recipient = serializers.CharField(source="recipient.name", default=None)

    class Meta:
        model = EncompassNotification
        fields = ["id", "reference", "status", "recipient", "due_at", "sent_at", "acknowledged_at"]


class IncidentSummaryOutput(serializers.ModelSerializer[DomesticAbuseIncident]):
    reference = serializers.CharField(source="occurrence.reference")
    notifications = NotificationSummaryOutput(many=True)
    child_ids = serializers.SerializerMethodField()

    class Meta:
        model = DomesticAbuseIncident
        fields = ["id", "reference", "relationship", "child_ids", "notifications"]

    def get_child_ids(self, incident: DomesticAbuseIncident) -> list[str]:
        return [str(v.child_id) for v in incident.child_victims.all()]


class NotificationOutput(serializers.ModelSerializer[EncompassNotification]):
    """What the school reads: the content as sent, and the times."""

    content = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = EncompassNotification
        fields = ["id", "reference", "status", "content", "due_at", "sent_at", "acknowledged_at"]


class SendInput(serializers.Serializer[Any]):
    delay_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
