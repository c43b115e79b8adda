"""Forms for the missing-children pages. Validation of substance is the services' (one place)."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.incidents.web.forms import DateTimeInput
from safeguard.missing.rules.codes import (
    CATEGORY_LABELS,
    CRA_DECISION_LABELS,
    EXPLOITATION_INDICATOR_LABELS,
    EXPLOITATION_TYPE_LABELS,
    FOUND_CONDITION_LABELS,
    MISSING_FROM_LABELS,
    NRM_DECISION_LABELS,
    RETURN_INTERVIEW_OUTCOME_LABELS,
    SCREENING_OUTCOME_LABELS,
)
from safeguard.missing.rules.philomena import PART_ONE_FIELDS

TIME_FORMATS = ["%Y-%m-%dT%H:%M"]
LOCAL_TIME = "UK local time"


class Textarea(forms.Textarea):
    input_type = "textarea"


class DateInput(forms.DateInput):
    input_type = "date"


def _choices(labels: dict[Any, str], *, blank: str = "Choose") -> list[tuple[str, str]]:
    return [("", blank), *((k.value, v) for k, v in labels.items())]


def social_care_choices() -> list[tuple[str, str]]:
    rows = (
        Organisation.objects.filter(kind=OrganisationKind.CHILDRENS_SOCIAL_CARE)
        .order_by("name")
        .values_list("pk", "name")
    )
    return [("", "Choose"), *((str(pk), name) for pk, name in rows)]


def _core(label: str, *, text: bool = True, help_text: str = "") -> forms.Field:
    """A core-information field: required by the service (which also fills it from Philomena)."""
    attrs = {"core": "1"}
    if text:
        return forms.CharField(
            label=label,
            required=False,
            max_length=5000,
            widget=Textarea(attrs=attrs),
            help_text=help_text,
        )
    return forms.CharField(
        label=label,
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=attrs),
        help_text=help_text,
    )


def _time(label: str, *, core: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=DateTimeInput(attrs={"core": "1"} if core else {}),
        input_formats=TIME_FORMATS,
        help_text=LOCAL_TIME,
    )


class ReportForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    child_reference = forms.CharField(
        label="Child",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"core": "1"}),
        help_text="The child's person reference, like PER-2026-000123. Find the child first.",
    )
    category = forms.ChoiceField(
        label="Missing or away", choices=_choices(CATEGORY_LABELS), required=False
    )
    missing_from = forms.ChoiceField(
        label="Missing from", choices=_choices(MISSING_FROM_LABELS), required=False
    )
    placing_authority = forms.ChoiceField(
        label="Placing authority (children in care)",
        required=False,
        help_text="Its children's social care holds the return interview",
    )
    philomena_reference = forms.CharField(
        label="Philomena Protocol reference",
        required=False,
        max_length=20,
        help_text="If the carer quotes one, like PP-7K3Q-M9XA: their profile fills in what it knows",
    )
    reported_by_name = _core("Who reported the child missing", text=False)
    reported_by_relationship = forms.CharField(
        label="Their relationship to the child", required=False, max_length=100
    )
    reported_by_contact = _core("How to contact them", text=False)
    reported_at = _time("When it was reported")
    last_seen_at = _time("When the child was last seen")
    last_seen_place = _core("Where the child was last seen", text=False)
    location_missing_from = _core("Address or place missing from", text=False)
    circumstances = _core("Circumstances of the disappearance")
    description = _core("Physical description", help_text="Height, build, hair, marks")
    clothing = _core("Clothing, item by item")
    phones = _core("Phones and other SIMs", help_text="Write 'None known' if none")
    social_media = _core("Email and social media accounts", help_text="Write 'None known' if none")
    possessions = _core(
        "Possessions", help_text="Cash, cards, medication, passport, phone make and model"
    )
    transport = _core("Preferred transport")
    medical_needs = _core("Medical needs and medication", help_text="Write 'None known' if none")
    likely_destinations = _core("Where the child might go")
    exploitation_indicators = forms.MultipleChoiceField(
        label="Signs of exploitation",
        required=False,
        choices=[(k.value, v) for k, v in EXPLOITATION_INDICATOR_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    risk_information = _core(
        "Risk information you were given",
        help_text="What you were told about the risk to the child",
    )
    risk_supplied_by = _core("Who supplied it", text=False, help_text="Name and role")
    risk_supplied_by_contact = _core("Their contact details", text=False)
    risk_obtained_at = _time("When you obtained it")
    is_restricted = forms.BooleanField(
        label="Restricted record",
        required=False,
        help_text="Only your team sees it (for example a child of a police employee)",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = social_care_choices()
        placing = self.fields["placing_authority"]
        assert isinstance(placing, forms.ChoiceField)
        placing.choices = choices


class FoundForm(forms.Form):
    found_at = _time("When the child was found")
    found_place = forms.CharField(label="Where", required=False, max_length=300)
    found_by = forms.CharField(
        label="Found by",
        required=False,
        max_length=200,
        help_text="Who found the child, or 'Returned of their own accord'",
    )
    condition = forms.ChoiceField(
        label="Condition when found", required=False, choices=_choices(FOUND_CONDITION_LABELS)
    )
    return_interview_organisation = forms.ChoiceField(
        label="Children's social care for the return interview",
        required=False,
        help_text="Leave blank for a child in care: the placing authority is asked",
    )
    exploitation_indicators = forms.MultipleChoiceField(
        label="Signs of exploitation when found",
        required=False,
        choices=[(k.value, v) for k, v in EXPLOITATION_INDICATOR_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["return_interview_organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = social_care_choices()


class PreventionInterviewForm(forms.Form):
    held_at = _time("When the interview was held")
    summary = forms.CharField(
        label="What the child said", required=False, max_length=5000, widget=Textarea
    )
    debrief_intelligence = forms.CharField(
        label="Intelligence from the debrief",
        required=False,
        max_length=5000,
        widget=Textarea,
        help_text="Where they went, who with, how they travelled: kept for future episodes",
    )
    exploitation_indicators = forms.MultipleChoiceField(
        label="Signs of exploitation",
        required=False,
        choices=[(k.value, v) for k, v in EXPLOITATION_INDICATOR_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    delay_reason = forms.CharField(
        label="Reason for delay", required=False, max_length=1000, help_text="Only if late"
    )


class RiskInformationForm(forms.Form):
    information = _core("Risk information")
    supplied_by = _core("Who supplied it", text=False)
    supplied_by_contact = _core("Their contact details", text=False)
    obtained_at = _time("When you obtained it")


class CraForm(forms.Form):
    decision = forms.ChoiceField(
        label="Child Rescue Alert", required=False, choices=_choices(CRA_DECISION_LABELS)
    )
    reason = forms.CharField(label="Reason", required=False, max_length=2000, widget=Textarea)


class ReviewForm(forms.Form):
    agreed = forms.ChoiceField(
        label="Your review",
        choices=[("yes", "Agree with the grading"), ("no", "Change the grading")],
    )
    level = forms.ChoiceField(
        label="New level (if changed)",
        required=False,
        choices=[
            ("", "Keep"),
            ("VERY_LOW", "Very low"),
            ("LOW", "Low"),
            ("MEDIUM", "Medium"),
            ("HIGH", "High"),
        ],
    )
    note = forms.CharField(label="Note", required=False, max_length=2000, widget=Textarea)
    delay_reason = forms.CharField(
        label="Reason for a late review", required=False, max_length=1000
    )


class StrategyForm(forms.Form):
    held_at = _time("When the strategy discussion was held")
    note = forms.CharField(
        label="Who attended and what was agreed", required=False, max_length=5000, widget=Textarea
    )


class ScreeningForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=_choices(SCREENING_OUTCOME_LABELS)
    )
    note = forms.CharField(label="Findings", required=False, max_length=5000, widget=Textarea)


class NrmForm(forms.Form):
    exploitation_type = forms.ChoiceField(
        label="Type of exploitation", required=False, choices=_choices(EXPLOITATION_TYPE_LABELS)
    )
    referred_on = forms.DateField(label="Referred on", required=False, widget=DateInput)
    nrm_reference = forms.CharField(label="NRM reference", required=False, max_length=60)
    first_responder = forms.CharField(
        label="First responder organisation", required=False, max_length=200
    )
    reasonable_grounds = forms.ChoiceField(
        label="Reasonable grounds", required=False, choices=_choices(NRM_DECISION_LABELS)[1:]
    )
    reasonable_grounds_on = forms.DateField(label="Decided on", required=False, widget=DateInput)
    conclusive_grounds = forms.ChoiceField(
        label="Conclusive grounds", required=False, choices=_choices(NRM_DECISION_LABELS)[1:]
    )
    conclusive_grounds_on = forms.DateField(label="Decided on", required=False, widget=DateInput)
    ictg_referred_on = forms.DateField(
        label="Referred to an Independent Child Trafficking Guardian on",
        required=False,
        widget=DateInput,
    )
    victim_not_offender = forms.BooleanField(
        label="Treat as a victim, not an offender", required=False, initial=True
    )


class NrmDecisionForm(forms.Form):
    reasonable_grounds = forms.ChoiceField(
        label="Reasonable grounds", required=False, choices=_choices(NRM_DECISION_LABELS)[1:]
    )
    reasonable_grounds_on = forms.DateField(label="Decided on", required=False, widget=DateInput)
    conclusive_grounds = forms.ChoiceField(
        label="Conclusive grounds", required=False, choices=_choices(NRM_DECISION_LABELS)[1:]
    )
    conclusive_grounds_on = forms.DateField(label="Decided on", required=False, widget=DateInput)


class ReturnInterviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Return interview", required=False, choices=_choices(RETURN_INTERVIEW_OUTCOME_LABELS)
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=5000,
        widget=Textarea,
        help_text="Needed if refused or not held: say why",
    )
    delay_reason = forms.CharField(
        label="Reason for delay", required=False, max_length=1000, help_text="Only if late"
    )


class ProfileForm(forms.Form):
    child_name = forms.CharField(label="Child's name", max_length=200, required=False)
    child_date_of_birth = forms.DateField(label="Date of birth", required=False, widget=DateInput)
    location_1_name = forms.CharField(
        label="Risk-assessed location 1", required=False, max_length=200
    )
    location_1_address = forms.CharField(label="Address", required=False, max_length=300)
    location_1_risk = forms.CharField(
        label="Risk there", required=False, max_length=5000, widget=Textarea
    )
    location_2_name = forms.CharField(
        label="Risk-assessed location 2", required=False, max_length=200
    )
    location_2_address = forms.CharField(label="Address", required=False, max_length=300)
    location_2_risk = forms.CharField(
        label="Risk there", required=False, max_length=5000, widget=Textarea
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in PART_ONE_FIELDS:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=5000,
                widget=forms.TextInput if name == "photo_reference" else Textarea,
            )
        order = ["child_name", "child_date_of_birth", *(n for n, _ in PART_ONE_FIELDS)]
        self.order_fields(order)

    def part_one_fields(self) -> list[forms.BoundField]:
        return [self[n] for n, _ in PART_ONE_FIELDS]

    def location_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"location_{i}_name"], self[f"location_{i}_address"], self[f"location_{i}_risk"]]
            for i in (1, 2)
        ]
