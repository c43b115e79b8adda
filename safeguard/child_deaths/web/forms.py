"""Input shapes for the child-death pages; the rules and services do the checking."""

from __future__ import annotations

from django import forms

from safeguard.child_deaths.models import DUTY_CHOICES
from safeguard.child_deaths.rules.codes import CRITERION_LABELS, SiblingDecision
from safeguard.core.rules.references import is_reference


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class DateInput(forms.DateInput):
    input_type = "date"


class ResponseForm(forms.Form):
    child_reference = forms.CharField(
        label="The child's person reference",
        max_length=40,
        help_text="Find the child first, or record them, then give the reference (PER-…)",
    )
    died_at = forms.DateTimeField(
        label="Time of death, or when the child was found", widget=DateTimeInput, required=False
    )
    reported_at = forms.DateTimeField(
        label="Reported to the police at", widget=DateTimeInput, required=False
    )
    place = forms.CharField(label="Where", max_length=400)
    circumstances = forms.CharField(
        label="Circumstances as known", widget=forms.Textarea, max_length=20_000
    )
    criteria = forms.MultipleChoiceField(
        label="Joint Agency Response criteria",
        choices=[(c.value, label) for c, label in CRITERION_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    concerns = forms.BooleanField(label="There are concerns of abuse or neglect", required=False)

    def clean_child_reference(self) -> str:
        value = str(self.cleaned_data["child_reference"]).strip().upper()
        if not is_reference(value):
            raise forms.ValidationError("Enter a person reference like PER-2026-000123")
        return value


class ItemForm(forms.Form):
    done_at = forms.DateTimeField(label="Done at", widget=DateTimeInput, required=False)
    not_applicable_reason = forms.CharField(
        label="Or: why it does not apply", required=False, max_length=4000
    )


class HouseholdDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(d.value, d.value.replace("_", " ").capitalize()) for d in SiblingDecision]
    )
    reason = forms.CharField(max_length=4000)


class ShiftForm(forms.Form):
    officer = forms.CharField(label="Officer's username", max_length=150)
    duty = forms.ChoiceField(label="Duty", choices=DUTY_CHOICES)
    starts_at = forms.DateTimeField(label="From", widget=DateTimeInput)
    ends_at = forms.DateTimeField(label="To", widget=DateTimeInput)
    rank = forms.IntegerField(
        label="Order on the list (1 is called first)", initial=1, min_value=1, max_value=20
    )


class TrainingForm(forms.Form):
    officer = forms.CharField(label="Officer's username", max_length=150)
    course = forms.CharField(label="Course", max_length=200)
    completed_on = forms.DateField(label="Completed on", widget=DateInput)
    expires_on = forms.DateField(label="Expires on", widget=DateInput)
