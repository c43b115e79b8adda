"""API shapes for online CSEA referrals (unique module-level names, STYLE.md §4.5)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from safeguard.online_abuse.models import STAGE_CHOICES
from safeguard.online_abuse.rules.codes import ChildDecision
from safeguard.risk.rules.instruments import CODE_PATTERN

MAX_TEXT = 4000


class OnlinePackageInput(serializers.Serializer[Any]):
    """A package in the documented format; checked whole by the package rules."""

    def to_internal_value(self, data: Any) -> Any:
        return data


class OnlineImportReportOutput(serializers.Serializer[Any]):
    recorded = serializers.ListField(child=serializers.CharField())
    duplicates = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="[position in the file, reference it was received as]",
    )
    refused = serializers.ListField(
        child=serializers.DictField(), help_text="{position, errors} per refused package"
    )


class OnlineReferralSummaryOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    referral_source = serializers.CharField(source="source")
    external_reference = serializers.CharField()
    platform = serializers.CharField()
    received_at = serializers.DateTimeField()
    kirat_level = serializers.CharField()
    stage = serializers.CharField()


class OnlineIdentifierMatchOutput(serializers.Serializer[Any]):
    person_id = serializers.UUIDField(allow_null=True)
    address_id = serializers.UUIDField(allow_null=True)
    how = serializers.CharField()


class OnlineIdentifierOutput(serializers.Serializer[Any]):
    kind = serializers.CharField()
    value = serializers.CharField()
    normalised = serializers.CharField()
    seen_at = serializers.DateTimeField(allow_null=True)
    matches = OnlineIdentifierMatchOutput(many=True, source="matches.all")


class OnlineChildOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    child_id = serializers.UUIDField()
    child_reference = serializers.CharField(source="child.reference")
    child_name = serializers.CharField(source="child.full_name")
    link = serializers.CharField()
    decision = serializers.CharField()
    reason = serializers.CharField()
    concern_id = serializers.UUIDField(allow_null=True)


class OnlineClockOutput(serializers.Serializer[Any]):
    kind = serializers.CharField(source="clock.kind")
    clock_label = serializers.CharField(source="clock.label")
    due_at = serializers.DateTimeField(source="clock.due_at")
    status = serializers.CharField()


class OnlineReferralRecordOutput(serializers.Serializer[Any]):
    referral = OnlineReferralSummaryOutput()
    suspect_id = serializers.UUIDField(source="referral.suspect_id", allow_null=True)
    summary = serializers.CharField(source="referral.summary")
    identifiers = OnlineIdentifierOutput(many=True)
    children = OnlineChildOutput(many=True)
    clocks = OnlineClockOutput(many=True)


class OnlineGradeInput(serializers.Serializer[Any]):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=MAX_TEXT),
        help_text="Answer per question code of the KIRAT instrument (YES, NOT_KNOWN or NO)",
    )
    officer_level = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, default="", max_length=20
    )
    rationale = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_answers(self, value: dict[str, str]) -> dict[str, str]:
        if any(not CODE_PATTERN.fullmatch(key) for key in value):
            raise serializers.ValidationError(
                "Key each answer by its question code, such as GROOMING"
            )
        return value


class OnlineGradeOutput(serializers.Serializer[Any]):
    kirat_level = serializers.CharField(source="final_level")
    computed_level = serializers.CharField()
    instrument_version = serializers.IntegerField()


class OnlineAdvanceInput(serializers.Serializer[Any]):
    stage = serializers.ChoiceField(choices=STAGE_CHOICES)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_TEXT)


class OnlineChildDecisionInput(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=[d.value for d in ChildDecision])
    reason = serializers.CharField(max_length=MAX_TEXT)
