"""API shapes for record linkage (unique module-level names, STYLE.md §4.5)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from safeguard.people.models import SEX_CHOICES
from safeguard.people.rules.codes import LinkDecision
from safeguard.people.rules.names import MAX_NAME_LENGTH


class EntryCheckInput(serializers.Serializer[Any]):
    given_name = serializers.CharField(max_length=MAX_NAME_LENGTH)
    middle_names = serializers.CharField(
        max_length=MAX_NAME_LENGTH, required=False, allow_blank=True, default=""
    )
    family_name = serializers.CharField(max_length=MAX_NAME_LENGTH)
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    estimated_age = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=120
    )
    sex = serializers.ChoiceField(choices=SEX_CHOICES, required=False, default="NOT_RECORDED")
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")


class FieldWeightOutput(serializers.Serializer[Any]):
    field = serializers.CharField()
    field_label = serializers.CharField(source="label")
    level = serializers.CharField()
    agrees = serializers.BooleanField(allow_null=True)
    weight = serializers.FloatField()


class LinkedPersonOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="pk")
    reference = serializers.CharField()
    full_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)


class EntryMatchOutput(serializers.Serializer[Any]):
    person = LinkedPersonOutput()
    postcode = serializers.CharField()
    match_probability = serializers.FloatField(source="scored.probability")
    match_weight = serializers.FloatField(source="scored.match_weight")
    explanation = FieldWeightOutput(source="scored.fields", many=True)


class LinkInput(serializers.Serializer[Any]):
    first_id = serializers.UUIDField()
    second_id = serializers.UUIDField()
    decision = serializers.ChoiceField(choices=[d.value for d in LinkDecision])
    reason = serializers.CharField(max_length=2000)


class MergeInput(serializers.Serializer[Any]):
    kept_id = serializers.UUIDField()
    merged_away_id = serializers.UUIDField()
    reason = serializers.CharField(max_length=2000)


class UndoInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


class PersonLinkOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    left_id = serializers.UUIDField()
    right_id = serializers.UUIDField()
    decision = serializers.CharField()
    decided_in = serializers.CharField(source="source")
    kept_id = serializers.UUIDField(allow_null=True)
    match_probability = serializers.FloatField(allow_null=True)
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()
    merged_at = serializers.DateTimeField(allow_null=True)
    undone_at = serializers.DateTimeField(allow_null=True)
    undo_reason = serializers.CharField()


class ReviewPairOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="candidate.pk")
    band = serializers.CharField()
    left = LinkedPersonOutput()
    right = LinkedPersonOutput()
    left_postcode = serializers.CharField()
    right_postcode = serializers.CharField()
    match_probability = serializers.FloatField(source="scored.probability")
    explanation = FieldWeightOutput(source="scored.fields", many=True)
