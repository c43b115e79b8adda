from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.rules.references import is_reference
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.incidents.web.forms import YES_NO, DateTimeInput, yes_no_answer
from safeguard.referrals.models import (
    PROTECTION_NOTICE_CHOICES,
    RAG_CHOICES,
    REFERRAL_METHOD_CHOICES,
    SOCIAL_CARE_DECISION_CHOICES,
    STRATEGY_OUTCOME_CHOICES,
    TRIAGE_DECISION_CHOICES,
)
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.rules.ppn_rag import PPN_RAG_CODE
from safeguard.risk.web.forms import InstrumentForm, instrument_form_class


class ConcernForm(forms.Form):
    child_reference = forms.CharField(
        label="Child's person reference",
        max_length=20,
        help_text="For example PER-2026-000123. Find or record the child first.",
    )
    occurred_at = forms.DateTimeField(
        label="When", widget=DateTimeInput, input_formats=["%Y-%m-%dT%H:%M"]
    )
    location = forms.CharField(label="Where", max_length=200)
    summary = forms.CharField(
        label="What is the concern?", widget=forms.Textarea, max_length=20_000
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

    def clean_child_reference(self) -> str:
        value = str(self.cleaned_data["child_reference"])
        if not is_reference(value):
            raise forms.ValidationError("Enter a person reference like PER-2026-000123")
        return value.strip().upper()

    def voice(self) -> VoiceOfChild:
        data = self.cleaned_data
        return VoiceOfChild(
            seen=yes_no_answer(data["seen"]),
            spoken_to=yes_no_answer(data["spoken_to"]),
            spoken_to_alone=yes_no_answer(data["spoken_to_alone"]),
            childs_words=data["childs_words"],
            behaviour_and_demeanour=data["behaviour_and_demeanour"],
            wishes_and_feelings=data["wishes_and_feelings"],
            reason_not_seen_or_spoken_to=data["reason_not_seen_or_spoken_to"],
        )

    def apply_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            field = key.split(".")[-1]
            if field == "voice_of_child":
                field = "seen"
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class TriageForm(forms.Form):
    research_notes = forms.CharField(
        label="Research",
        widget=forms.Textarea,
        required=False,
        max_length=20_000,
        help_text="What the force's and partners' records show",
    )
    decision = forms.ChoiceField(
        label="Decision", choices=[("", "Choose"), *TRIAGE_DECISION_CHOICES]
    )
    rationale = forms.CharField(
        label="Reason for the decision", widget=forms.Textarea, max_length=5000
    )
    delay_reason = forms.CharField(
        label="Reason for any delay",
        required=False,
        max_length=2000,
        help_text="Needed if the triage time limit has passed",
    )


class ReferralForm(forms.Form):
    recipient_organisation = forms.ChoiceField(label="Children's social care team")
    recipient_name = forms.CharField(label="Sent to (name)", required=False, max_length=200)
    method = forms.ChoiceField(
        label="How it was sent", choices=[("", "Choose"), *REFERRAL_METHOD_CHOICES]
    )
    reason = forms.CharField(
        label="Why the child is referred", widget=forms.Textarea, max_length=10_000
    )

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recipient_organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose"), *organisations]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=[("", "Choose"), *SOCIAL_CARE_DECISION_CHOICES]
    )
    note = forms.CharField(
        label="Note for the police", widget=forms.Textarea, required=False, max_length=5000
    )
    delay_reason = forms.CharField(
        label="Reason for any delay",
        required=False,
        max_length=2000,
        help_text="Needed if the one-working-day limit has passed",
    )


def apply_field_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    """Put service field errors on the form (unknown fields go to the summary)."""
    aliases = {"recipient_organisation_id": "recipient_organisation"}
    for key, messages in errors.items():
        field = aliases.get(key, key)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class StrategyDiscussionForm(forms.Form):
    held_at = forms.DateTimeField(
        label="When it was held", widget=DateTimeInput, input_formats=["%Y-%m-%dT%H:%M"]
    )
    attendees = forms.CharField(
        label="Attendees",
        widget=forms.Textarea,
        max_length=5000,
        help_text="One per line: name, agency",
    )
    police_actions = forms.CharField(
        label="Police actions agreed", widget=forms.Textarea, max_length=10_000
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Choose"), *STRATEGY_OUTCOME_CHOICES]
    )

    def attendee_list(self) -> list[tuple[str, str]]:
        rows = []
        for line in str(self.cleaned_data["attendees"]).splitlines():
            if line.strip():
                name, _, agency = line.partition(",")
                rows.append((name.strip(), agency.strip()))
        return rows


class PoliceProtectionForm(forms.Form):
    child_reference = forms.CharField(label="Child's person reference", max_length=20)
    starts_at = forms.DateTimeField(
        label="Taken into police protection at",
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    reason = forms.CharField(
        label="Why the child would otherwise be likely to suffer significant harm",
        widget=forms.Textarea,
        max_length=10_000,
    )
    accommodation = forms.CharField(label="Where the child is kept", max_length=200)

    def clean_child_reference(self) -> str:
        value = str(self.cleaned_data["child_reference"])
        if not is_reference(value):
            raise forms.ValidationError("Enter a person reference like PER-2026-000123")
        return value.strip().upper()


class ProtectionNoticeForm(forms.Form):
    notice = forms.ChoiceField(
        label="Who was told", choices=[("", "Choose"), *PROTECTION_NOTICE_CHOICES]
    )
    given_at = forms.DateTimeField(
        label="When", widget=DateTimeInput, input_formats=["%Y-%m-%dT%H:%M"]
    )
    detail = forms.CharField(
        label="Detail", required=False, max_length=500, help_text="Who, and how"
    )


class ProtectionEndForm(forms.Form):
    ends_at = forms.DateTimeField(
        label="Ended at", widget=DateTimeInput, input_formats=["%Y-%m-%dT%H:%M"]
    )
    end_reason = forms.CharField(label="How it ended", max_length=2000)
    delay_reason = forms.CharField(
        label="Reason if after 72 hours", required=False, max_length=2000
    )


def ppn_form_class() -> type[InstrumentForm]:
    """Return the form of the force's current PPN RAG instrument (DOMAIN.md §3.4)."""
    return instrument_form_class(instrument_get(PPN_RAG_CODE))


class AllocationForm(forms.Form):
    officer = forms.ChoiceField(
        label="Allocate to", help_text="Running and overdue clocks shown for each officer"
    )

    def __init__(self, *args: Any, officers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose an officer"), *officers]


class RiskReviewForm(forms.Form):
    agreed = forms.ChoiceField(
        label="Do you agree with the RAG grade?",
        choices=[("", "Choose"), ("yes", "Yes, agree"), ("no", "No, change it")],
    )
    level = forms.ChoiceField(
        label="Grade, if you change it", required=False, choices=[("", "Keep"), *RAG_CHOICES]
    )
    note = forms.CharField(
        label="Review note", required=False, widget=forms.Textarea, max_length=5000
    )
