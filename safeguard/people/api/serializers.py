"""API shapes for people (unique module-level names, STYLE.md §4.5)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from safeguard.people.models import (
    IC_CHOICES,
    RELATIONSHIP_CHOICES,
    SDE_CHOICES,
    SEND_CHOICES,
    SEX_CHOICES,
    YNU_CHOICES,
    Person,
)
from safeguard.people.rules.names import MAX_NAME_LENGTH
from safeguard.people.rules.validation import AddressDetails, PersonDetails


class PersonSearchInput(serializers.Serializer[Any]):
    name = serializers.CharField(required=False, allow_blank=True, max_length=2 * MAX_NAME_LENGTH)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)


class AddressInput(serializers.Serializer[Any]):
    line_1 = serializers.CharField(max_length=120)
    line_2 = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    town = serializers.CharField(max_length=80)
    postcode = serializers.CharField(max_length=10)


class PersonDetailsInput(serializers.Serializer[Any]):
    given_name = serializers.CharField(max_length=MAX_NAME_LENGTH, trim_whitespace=True)
    middle_names = serializers.CharField(
        max_length=MAX_NAME_LENGTH, required=False, allow_blank=True, default=""
    )
    family_name = serializers.CharField(max_length=MAX_NAME_LENGTH)
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    estimated_age = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=120
    )
    sex = serializers.ChoiceField(choices=SEX_CHOICES, default="NOT_RECORDED")
    self_defined_ethnicity = serializers.ChoiceField(choices=SDE_CHOICES, default="NOT_ASKED")
    officer_defined_ethnicity = serializers.ChoiceField(choices=IC_CHOICES, default="NOT_RECORDED")
    disability = serializers.ChoiceField(choices=YNU_CHOICES, default="UNKNOWN")
    disability_details = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=4000
    )
    send_status = serializers.ChoiceField(choices=SEND_CHOICES, default="UNKNOWN")
    first_language = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=60
    )
    interpreter_needed = serializers.ChoiceField(choices=YNU_CHOICES, default="UNKNOWN")
    looked_after = serializers.ChoiceField(choices=YNU_CHOICES, default="UNKNOWN")
    placing_authority = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=120
    )
    home_educated = serializers.BooleanField(required=False, default=False)
    education_setting_id = serializers.UUIDField(required=False, allow_null=True, default=None)

    def details(self) -> PersonDetails:
        data = dict(self.validated_data)
        data.pop("education_setting_id", None)
        data.pop("address", None)
        data.pop("version", None)
        return PersonDetails(**data)


class PersonCreateInput(PersonDetailsInput):
    address = AddressInput(required=False, allow_null=True, default=None)

    def address_details(self) -> AddressDetails | None:
        address = self.validated_data.get("address")
        return AddressDetails(**address) if address else None


class PersonUpdateInput(PersonDetailsInput):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you loaded; a stale one gets 409"
    )


class BreakGlassInput(serializers.Serializer[Any]):
    reference = serializers.CharField(max_length=20)
    reason = serializers.CharField(max_length=4000)


class PersonSummaryOutput(serializers.ModelSerializer[Person]):
    class Meta:
        model = Person
        fields = [
            "id",
            "reference",
            "given_name",
            "middle_names",
            "family_name",
            "date_of_birth",
            "estimated_age",
        ]


class AddressOutput(serializers.Serializer[Any]):
    line_1 = serializers.CharField(source="address.line_1")
    line_2 = serializers.CharField(source="address.line_2")
    town = serializers.CharField(source="address.town")
    postcode = serializers.CharField(source="address.postcode")
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)


class RecordingIssueOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    severity = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()


class PersonOutput(serializers.ModelSerializer[Person]):
    class Meta:
        model = Person
        fields = [
            "id",
            "reference",
            "version",
            "given_name",
            "middle_names",
            "family_name",
            "date_of_birth",
            "estimated_age",
            "estimated_on",
            "sex",
            "self_defined_ethnicity",
            "officer_defined_ethnicity",
            "disability",
            "disability_details",
            "send_status",
            "first_language",
            "interpreter_needed",
            "looked_after",
            "placing_authority",
            "education_setting",
            "home_educated",
            "is_restricted",
        ]


class PersonRecordOutput(serializers.Serializer[Any]):
    person = PersonOutput()
    age = serializers.IntegerField(allow_null=True)
    addresses = AddressOutput(many=True)
    recording_issues = RecordingIssueOutput(many=True)


class RelationshipInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=RELATIONSHIP_CHOICES)
    to_person_reference = serializers.CharField(max_length=20)


class RelationshipOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    from_person = serializers.UUIDField(source="from_person_id")
    to_person = serializers.UUIDField(source="to_person_id")
    kind = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True)
