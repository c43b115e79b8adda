"""API shapes for risk (unique module-level names, STYLE.md §4.5)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from safeguard.risk.models import SUBJECT_ID_LENGTH, SUBJECT_TYPE_LENGTH, RiskAssessment
from safeguard.risk.rules.instruments import CODE_MAX_LENGTH, Instrument, Question


class RiskChoiceOutput(serializers.Serializer[Any]):
    value = serializers.CharField()
    text = serializers.CharField()


class RiskQuestionOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.CharField(help_text="yes_no, choice or text")
    answer_required = serializers.BooleanField(source="required")
    hint = serializers.CharField(source="help_text")
    choices = serializers.SerializerMethodField(
        help_text="The answers allowed, least serious first; empty for text questions"
    )

    @extend_schema_field(RiskChoiceOutput(many=True))
    def get_choices(self, question: Question) -> list[dict[str, str]]:
        return [{"value": value, "text": label} for value, label in question.options]


class RiskInstrumentOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    citation = serializers.CharField(source="source", help_text="Where the instrument comes from")
    allows_lowering = serializers.BooleanField()
    levels = serializers.SerializerMethodField(help_text="Lowest first")
    questions = RiskQuestionOutput(many=True)

    @extend_schema_field(RiskChoiceOutput(many=True))
    def get_levels(self, instrument: Instrument) -> list[dict[str, str]]:
        return [
            {"value": level, "text": instrument.level_label(level)} for level in instrument.levels
        ]


class RiskAssessmentRecordInput(serializers.Serializer[Any]):
    subject_type = serializers.RegexField(
        r"^[a-z_]+\.[a-z_]+$",
        max_length=SUBJECT_TYPE_LENGTH,
        help_text="The kind of record assessed, as app_label.model, e.g. people.person",
    )
    subject_id = serializers.CharField(max_length=SUBJECT_ID_LENGTH)
    instrument_code = serializers.CharField(max_length=CODE_MAX_LENGTH)
    instrument_version = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="The version the form was built from; the latest when left out",
    )
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="Answer per question code: YES/NO, a choice value, or text",
    )
    officer_level = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        max_length=CODE_MAX_LENGTH,
        help_text="Your own level, if different from the computed one",
    )
    # Length limits are checked by the rules, with the message officers see in the form.
    rationale = serializers.CharField(required=False, allow_blank=True, default="")


class RiskAssessmentReviewInput(serializers.Serializer[Any]):
    agreed = serializers.BooleanField()
    level = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        max_length=CODE_MAX_LENGTH,
        help_text="The level it should be, when you do not agree",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RiskAssessmentOutput(serializers.ModelSerializer[RiskAssessment]):
    current_level = serializers.CharField(
        read_only=True, help_text="The reviewed level once reviewed, else the final level"
    )

    class Meta:
        model = RiskAssessment
        fields = [
            "id",
            "subject_type",
            "subject_id",
            "instrument_code",
            "instrument_version",
            "answers",
            "computed_level",
            "officer_level",
            "final_level",
            "level_change",
            "rationale",
            "assessed_by",
            "assessed_at",
            "reviewed_by",
            "reviewed_at",
            "review_outcome",
            "review_note",
            "reviewed_level",
            "current_level",
        ]
