"""Input shapes for the people pages; the rules in people.rules.validation do the checking."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.rules.references import is_reference
from safeguard.people.models import (
    IC_CHOICES,
    RELATIONSHIP_CHOICES,
    SDE_CHOICES,
    SEND_CHOICES,
    SEX_CHOICES,
    YNU_CHOICES,
)
from safeguard.people.rules.names import MAX_NAME_LENGTH
from safeguard.people.rules.validation import AddressDetails, PersonDetails


class DateInput(forms.DateInput):
    input_type = "date"


class PersonSearchForm(forms.Form):
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=MAX_NAME_LENGTH * 2,
        help_text="Any part of a given or family name, or an alias",
    )
    date_of_birth = forms.DateField(label="Date of birth", required=False, widget=DateInput)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)


class PersonForm(forms.Form):
    # Length limits are checked by the rules with a clear message, so the fields accept more.
    given_name = forms.CharField(label="Given name", max_length=10_000)
    middle_names = forms.CharField(label="Middle names", required=False, max_length=10_000)
    family_name = forms.CharField(label="Family name", max_length=10_000)
    date_of_birth = forms.DateField(label="Date of birth", required=False, widget=DateInput)
    estimated_age = forms.IntegerField(
        label="Estimated age in years",
        required=False,
        help_text="Only if the date of birth is not known",
    )
    sex = forms.ChoiceField(label="Sex", choices=SEX_CHOICES)
    self_defined_ethnicity = forms.ChoiceField(
        label="Self-defined ethnicity",
        choices=SDE_CHOICES,
        help_text="Ask the person. If they decline, choose 'Not stated'.",
    )
    officer_defined_ethnicity = forms.ChoiceField(
        label="Officer-defined ethnicity", choices=IC_CHOICES
    )
    disability = forms.ChoiceField(label="Disability", choices=YNU_CHOICES, initial="UNKNOWN")
    disability_details = forms.CharField(
        label="Disability details", required=False, widget=forms.Textarea, max_length=4000
    )
    send_status = forms.ChoiceField(
        label="Special educational needs", choices=SEND_CHOICES, initial="UNKNOWN"
    )
    first_language = forms.CharField(label="First language", required=False, max_length=200)
    interpreter_needed = forms.ChoiceField(
        label="Interpreter needed", choices=YNU_CHOICES, initial="UNKNOWN"
    )
    looked_after = forms.ChoiceField(
        label="Looked-after child", choices=YNU_CHOICES, initial="UNKNOWN"
    )
    placing_authority = forms.CharField(label="Placing authority", required=False, max_length=400)
    education_setting = forms.ChoiceField(label="School or education setting", required=False)
    home_educated = forms.BooleanField(label="Home educated", required=False)

    def __init__(self, *args: Any, settings_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["education_setting"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Not known or none"), *settings_choices]

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            given_name=data["given_name"],
            middle_names=data["middle_names"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            estimated_age=data["estimated_age"],
            sex=data["sex"],
            self_defined_ethnicity=data["self_defined_ethnicity"],
            officer_defined_ethnicity=data["officer_defined_ethnicity"],
            disability=data["disability"],
            disability_details=data["disability_details"],
            send_status=data["send_status"],
            first_language=data["first_language"],
            interpreter_needed=data["interpreter_needed"],
            looked_after=data["looked_after"],
            placing_authority=data["placing_authority"],
            home_educated=data["home_educated"],
        )

    def apply_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


class PersonCreateForm(PersonForm):
    address_line_1 = forms.CharField(label="Address line 1", required=False, max_length=400)
    address_line_2 = forms.CharField(label="Address line 2", required=False, max_length=400)
    address_town = forms.CharField(label="Town or city", required=False, max_length=400)
    address_postcode = forms.CharField(label="Postcode", required=False, max_length=20)

    def address(self) -> AddressDetails | None:
        data = self.cleaned_data
        parts = [
            data["address_line_1"],
            data["address_line_2"],
            data["address_town"],
            data["address_postcode"],
        ]
        if not any(p.strip() for p in parts):
            return None
        return AddressDetails(line_1=parts[0], line_2=parts[1], town=parts[2], postcode=parts[3])


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


def _clean_reference(value: str) -> str:
    if not is_reference(value):
        raise forms.ValidationError("Enter a person reference like PER-2026-000123")
    return value.strip().upper()


class BreakGlassForm(forms.Form):
    reference = forms.CharField(
        label="Person reference", max_length=20, help_text="For example PER-2026-000123"
    )
    reason = forms.CharField(
        label="Why do you need this restricted record?",
        widget=forms.Textarea,
        max_length=4000,
        help_text="Your supervisor will review this.",
    )

    def clean_reference(self) -> str:
        return _clean_reference(str(self.cleaned_data["reference"]))


class AddressForm(forms.Form):
    line_1 = forms.CharField(label="Address line 1", max_length=400)
    line_2 = forms.CharField(label="Address line 2", required=False, max_length=400)
    town = forms.CharField(label="Town or city", max_length=400)
    postcode = forms.CharField(label="Postcode", max_length=20)

    def address(self) -> AddressDetails:
        data = self.cleaned_data
        return AddressDetails(
            line_1=data["line_1"],
            line_2=data["line_2"],
            town=data["town"],
            postcode=data["postcode"],
        )

    def apply_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            name = field.removeprefix("address_")
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class RelationshipForm(forms.Form):
    kind = forms.ChoiceField(label="This person is the", choices=RELATIONSHIP_CHOICES)
    to_person_reference = forms.CharField(
        label="of (person reference)", max_length=20, help_text="For example PER-2026-000123"
    )

    def clean_to_person_reference(self) -> str:
        return _clean_reference(str(self.cleaned_data["to_person_reference"]))
