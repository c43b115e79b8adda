"""The domestic-abuse incident form: the incident, the parties, each child, each child found."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.core.rules.references import is_reference
from safeguard.domestic.rules.codes import PARTY_RELATIONSHIP_LABELS, RELATED_TO_LABELS
from safeguard.domestic.services import NewChild
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.incidents.web.forms import YES_NO, DateTimeInput, yes_no_answer
from safeguard.people.models import SEX_CHOICES

REFERENCE_HELP = "A person reference like PER-2026-000123. Find or record the person first."


class Textarea(forms.Textarea):
    input_type = "textarea"


class DateInput(forms.DateInput):
    input_type = "date"


def _organisations(kind: str) -> list[tuple[str, str]]:
    rows = Organisation.objects.filter(kind=kind).order_by("name").values_list("pk", "name")
    return [(str(pk), name) for pk, name in rows]


def _reference(form: forms.Form, name: str, *, required: bool) -> None:
    value = str(form.cleaned_data.get(name, "")).strip()
    if not value:
        if required:
            form.add_error(name, "Enter the person's reference")
        return
    if not is_reference(value):
        form.add_error(name, "Enter a person reference like PER-2026-000123")


class IncidentForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    occurred_at = forms.DateTimeField(
        label="When it happened",
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text="UK local time",
    )
    location = forms.CharField(label="Where it happened", max_length=200)
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10, help_text="Finds children known there"
    )
    victim_reference = forms.CharField(label="Victim", max_length=20, help_text=REFERENCE_HELP)
    suspect_reference = forms.CharField(label="Suspect", max_length=20, help_text=REFERENCE_HELP)
    relationship = forms.ChoiceField(
        label="How they are connected",
        choices=[("", "Choose"), *((k.value, v) for k, v in PARTY_RELATIONSHIP_LABELS.items())],
    )
    household_references = forms.CharField(
        label="Other adults in the household",
        required=False,
        max_length=400,
        help_text="Person references, separated by commas",
    )
    narrative = forms.CharField(label="What happened", widget=Textarea, max_length=20_000)
    circumstances_for_school = forms.CharField(
        label="Circumstances, as the school will read them",
        widget=Textarea,
        required=False,
        max_length=4000,
        help_text="Operation Encompass: brief, factual, in plain words. Required when a child "
        "is recorded.",
    )
    other_information_for_school = forms.CharField(
        label="Other safeguarding information for the school",
        widget=Textarea,
        required=False,
        max_length=4000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _reference(self, "victim_reference", required=False)
        _reference(self, "suspect_reference", required=False)
        for ref in self.household_reference_list(data):
            if not is_reference(ref):
                self.add_error("household_references", f"{ref[:20]!r} is not a person reference")
        return data

    @staticmethod
    def household_reference_list(data: dict[str, Any]) -> list[str]:
        raw = str(data.get("household_references", ""))
        return [r.strip() for r in raw.split(",") if r.strip()]


class ChildForm(forms.Form):
    person_reference = forms.CharField(
        label="Known child's reference",
        required=False,
        max_length=20,
        help_text="Leave blank to record a new child below",
    )
    given_name = forms.CharField(label="Given name", required=False, max_length=100)
    family_name = forms.CharField(label="Family name", required=False, max_length=100)
    date_of_birth = forms.DateField(label="Date of birth", required=False, widget=DateInput)
    estimated_age = forms.IntegerField(
        label="Estimated age, if the date of birth is not known",
        required=False,
        min_value=0,
        max_value=17,
    )
    sex = forms.ChoiceField(label="Sex", choices=SEX_CHOICES, required=False)
    present = forms.ChoiceField(label="Was the child present?", choices=YES_NO)
    where_present = forms.CharField(label="Where the child was", required=False, max_length=200)
    saw = forms.BooleanField(label="Saw the abuse", required=False)
    heard = forms.BooleanField(label="Heard the abuse", required=False)
    experienced_effects = forms.BooleanField(label="Experienced its effects", required=False)
    related_to = forms.ChoiceField(
        label="Related to (parent, parental responsibility or relative)",
        choices=[("", "Choose"), *((k.value, v) for k, v in RELATED_TO_LABELS.items())],
    )
    education_setting = forms.ChoiceField(label="School or college", required=False)
    unlisted_setting_name = forms.CharField(
        label="School not in the list",
        required=False,
        max_length=200,
        help_text="Type its name: the MASH will route the notification",
    )
    home_educated = forms.BooleanField(label="Electively home educated", required=False)
    local_authority = forms.ChoiceField(
        label="Local authority to notify (home-educated child)", required=False
    )
    seen = forms.ChoiceField(label="Was the child seen?", choices=YES_NO, required=False)
    spoken_to = forms.ChoiceField(label="Was the child spoken to?", choices=YES_NO, required=False)
    spoken_to_alone = forms.ChoiceField(label="Spoken to alone?", choices=YES_NO, required=False)
    childs_words = forms.CharField(
        label="What the child said, in their words",
        widget=Textarea,
        required=False,
        max_length=5000,
    )
    behaviour_and_demeanour = forms.CharField(
        label="Behaviour and demeanour", widget=Textarea, required=False, max_length=5000
    )
    reason_not_seen_or_spoken_to = forms.CharField(
        label="Reason not seen or not spoken to", required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["education_setting"]).choices = [
            ("", "Not known"),
            *_organisations(OrganisationKind.SCHOOL),
        ]
        cast(forms.ChoiceField, self.fields["local_authority"]).choices = [
            ("", "Choose"),
            *_organisations(OrganisationKind.LOCAL_AUTHORITY),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reference = str(data.get("person_reference", "")).strip()
        if reference and not is_reference(reference):
            self.add_error("person_reference", "Enter a person reference like PER-2026-000123")
        return data

    def new_child(self) -> NewChild | None:
        data = self.cleaned_data
        if str(data.get("person_reference", "")).strip():
            return None
        return NewChild(
            given_name=data.get("given_name", ""),
            family_name=data.get("family_name", ""),
            date_of_birth=data.get("date_of_birth"),
            estimated_age=data.get("estimated_age"),
            sex=data.get("sex") or "NOT_RECORDED",
        )

    def voice(self) -> VoiceOfChild | None:
        data = self.cleaned_data
        if not any(
            data.get(f)
            for f in ("seen", "spoken_to", "childs_words", "reason_not_seen_or_spoken_to")
        ):
            return None
        return VoiceOfChild(
            seen=yes_no_answer(data.get("seen", "")),
            spoken_to=yes_no_answer(data.get("spoken_to", "")),
            spoken_to_alone=yes_no_answer(data.get("spoken_to_alone", "")),
            childs_words=data.get("childs_words", ""),
            behaviour_and_demeanour=data.get("behaviour_and_demeanour", ""),
            reason_not_seen_or_spoken_to=data.get("reason_not_seen_or_spoken_to", ""),
        )


ChildFormSet = forms.formset_factory(ChildForm, extra=0, max_num=20, absolute_max=20)


class RouteForm(forms.Form):
    recipient = forms.ChoiceField(label="School or local authority")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["recipient"]).choices = [
            ("", "Choose"),
            *_organisations(OrganisationKind.SCHOOL),
            *_organisations(OrganisationKind.LOCAL_AUTHORITY),
        ]


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label="Why the children are not referred to children's social care",
        widget=Textarea,
        max_length=4000,
    )


class SendForm(forms.Form):
    delay_reason = forms.CharField(
        label="Reason for the delay (only if the deadline has passed)",
        required=False,
        max_length=2000,
    )
