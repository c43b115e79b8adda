"""API shapes for seized-media triage (unique module-level names)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from safeguard.media.models import MediaMatch, Seizure
from safeguard.media.rules.categories import CATEGORY_LABELS

MAX_UPLOAD_FILES = 500


class MediaSeizureInput(serializers.Serializer[Any]):
    reference = serializers.CharField(max_length=40)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    referral_reference = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Online referral reference"
    )


class MediaSeizureOutput(serializers.ModelSerializer[Any]):
    class Meta:
        model = Seizure
        fields = ["id", "reference", "description", "created_at"]


class MediaUploadInput(serializers.Serializer[Any]):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True), max_length=MAX_UPLOAD_FILES
    )


class MediaFileErrorOutput(serializers.Serializer[Any]):
    file_name = serializers.CharField()
    message = serializers.CharField()


class MediaTriageReportOutput(serializers.Serializer[Any]):
    hashed = serializers.IntegerField()
    already_hashed = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField())
    errors = MediaFileErrorOutput(many=True)  # type: ignore[assignment]  # a field named errors, as DRF allows


class MediaMatchOutput(serializers.ModelSerializer[Any]):
    bank = serializers.CharField(source="bank.name")
    method = serializers.CharField(help_text="PDQ, MD5 or SHA1")

    class Meta:
        model = MediaMatch
        fields = ["bank", "method", "distance"]


class MediaItemOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="item.pk")
    file_name = serializers.CharField(source="item.file_name")
    size = serializers.IntegerField(source="item.size")
    md5 = serializers.CharField(source="item.md5")
    sha1 = serializers.CharField(source="item.sha1")
    pdq = serializers.CharField(source="item.pdq", allow_null=True)
    pdq_quality = serializers.IntegerField(source="item.pdq_quality", allow_null=True)
    status = serializers.CharField(source="item.status")
    status_reason = serializers.CharField(source="item.status_reason")
    error = serializers.CharField(source="item.error")
    matches = MediaMatchOutput(many=True)
    category = serializers.CharField(allow_null=True)


class MediaCategoriseInput(serializers.Serializer[Any]):
    category = serializers.CharField(
        help_text="; ".join(f"{c.value}: {label}" for c, label in CATEGORY_LABELS.items())
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    def validate_category(self, value: str) -> str:
        if value not in {c.value for c in CATEGORY_LABELS}:
            raise serializers.ValidationError("Choose A, B, C or NOT_INDECENT.")
        return value


class MediaCategoryCountsOutput(serializers.Serializer[Any]):
    A = serializers.IntegerField()
    B = serializers.IntegerField()
    C = serializers.IntegerField()
    NOT_INDECENT = serializers.IntegerField()
    NOT_YET = serializers.IntegerField(help_text="Matched items not yet categorised")
