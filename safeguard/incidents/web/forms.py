"""Record an occurrence: details, then each person involved with the child's voice."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.rules.references import is_reference
from safeguard.incidents.models import OCCURRENCE_TYPE_CHOICES, ROLE_CHOICES
from safeguard.incidents.rules.voice_of_child import VoiceOfChild

YES_NO = [("", "Not answered"), ("yes", "Yes"), ("no", "No")]


def yes_no_answer(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class OccurrenceForm(forms.Form):
    occurrence_type = forms.ChoiceField(
        label="Type of occurrence", choices=[("", "Choose"), *OCCURRENCE_TYPE_CHOICES]
    )
    occurred_at = forms.DateTimeField(
        label="When it happened",
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text="Local time (UK)",
    )
    location = forms.CharField(label="Where it happened", max_length=200)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    narrative = forms.CharField(label="What happened", widget=forms.Textarea, max_length=20_000)


class InvolvementForm(forms.Form):
    person_reference = forms.CharField(
        label="Person reference",
        max_length=20,
        required=False,
        help_text="For example PER-2026-000123. Find or record the person first.",
    )
    role = forms.ChoiceField(
        label="How involved", choices=[("", "Choose"), *ROLE_CHOICES], required=False
    )
    seen = forms.ChoiceField(label="Was the child seen?", choices=YES_NO, required=False)
    spoken_to = forms.ChoiceField(label="Was the child spoken to?", choices=YES_NO, required=False)
    spoken_to_alone = forms.ChoiceField(label="Spoken to alone?", choices=YES_NO, required=False)
    childs_words = forms.CharField(
        label="What the child said, in their words",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    behaviour_and_demeanour = forms.CharField(
        label="Behaviour and demeanour", widget=forms.Textarea, required=False, max_length=5000
    )
    wishes_and_feelings = forms.CharField(
        label="Wishes and feelings", widget=forms.Textarea, required=False, max_length=5000
    )
    reason_not_seen_or_spoken_to = forms.CharField(
        label="Reason not seen or not spoken to", required=False, max_length=2000
    )
    communication_needs = forms.CharField(
        label="Communication needs", required=False, max_length=2000
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reference = str(data.get("person_reference", "")).strip()
        if reference and not is_reference(reference):
            self.add_error("person_reference", "Enter a person reference like PER-2026-000123")
        if reference and not data.get("role"):
            self.add_error("role", "Choose how the person was involved")
        return data

    def is_blank(self) -> bool:
        return not str(self.cleaned_data.get("person_reference", "")).strip()

    def voice(self) -> VoiceOfChild | None:
        data = self.cleaned_data
        answered = any(
            data.get(f)
            for f in (
                "seen",
                "spoken_to",
                "childs_words",
                "behaviour_and_demeanour",
                "reason_not_seen_or_spoken_to",
            )
        )
        if not answered:
            return None
        return VoiceOfChild(
            seen=yes_no_answer(data["seen"]),
            spoken_to=yes_no_answer(data["spoken_to"]),
            spoken_to_alone=yes_no_answer(data["spoken_to_alone"]),
            childs_words=data["childs_words"],
            behaviour_and_demeanour=data["behaviour_and_demeanour"],
            wishes_and_feelings=data["wishes_and_feelings"],
            reason_not_seen_or_spoken_to=data["reason_not_seen_or_spoken_to"],
            communication_needs=data["communication_needs"],
        )


InvolvementFormSet = forms.formset_factory(InvolvementForm, extra=3, max_num=10, absolute_max=10)
