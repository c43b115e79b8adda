"""A Django form for any risk instrument, built from its questions (for pages that embed it).

The referrals pages (and later missing episodes) build the form from the instrument they
show, render it with ``{{ form }}`` (each field through ``core/includes/field.html``), and
pass :meth:`InstrumentForm.answers` and the judgement to ``risk_assessment_record``::

    instrument = instrument_get("PPN_RAG")
    form = instrument_form_class(instrument)(request.POST or None, prefix="risk")
    if form.is_valid():
        try:
            risk_assessment_record(actor=..., subject=..., instrument_code=instrument.code,
                                   instrument_version=instrument.version,
                                   answers=form.answers(), officer_level=form.chosen_level(),
                                   rationale=form.cleaned_data["rationale"])
        except RiskAssessmentInvalid as exc:
            form.apply_errors(exc.errors)
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from safeguard.risk.policy import lowering_rationale_min_length
from safeguard.risk.rules.instruments import (
    TEXT_MAX_LENGTH,
    Instrument,
    Question,
    QuestionKind,
)
from safeguard.risk.rules.judgement import RATIONALE_MAX_LENGTH
from safeguard.risk.services import ANSWER_ERROR_PREFIX

VERSION_CHANGED = (
    "The questions changed after you opened this form. Check your answers and submit again."
)


class Textarea(forms.Textarea):
    """A text area that ``core/includes/field.html`` recognises (it switches on input_type)."""

    input_type = "textarea"


class InstrumentForm(forms.Form):
    """The base of every generated instrument form; see :func:`instrument_form_class`."""

    instrument: ClassVar[Instrument]
    template_name = "risk/includes/instrument_fields.html"

    instrument_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument_version"].initial = self.instrument.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("instrument_version") != self.instrument.version:
            raise forms.ValidationError(VERSION_CHANGED, code="instrument_version")
        return cleaned

    def question_fields(self) -> list[forms.BoundField]:
        """Return the bound fields of the instrument's questions, in order."""
        return [self[question.code] for question in self.instrument.questions]

    def answers(self) -> dict[str, str]:
        """Return the answers given, by question code (call after ``is_valid``)."""
        return {
            question.code: str(self.cleaned_data.get(question.code) or "")
            for question in self.instrument.questions
            if self.cleaned_data.get(question.code)
        }

    def chosen_level(self) -> str | None:
        """Return the officer's own level, or None to keep the computed one."""
        return str(self.cleaned_data.get("officer_level") or "") or None

    def apply_errors(self, errors: dict[str, list[str]]) -> None:
        """Show a service's field errors (``RiskAssessmentInvalid.errors``) on the form."""
        for key, messages in errors.items():
            name = key.removeprefix(ANSWER_ERROR_PREFIX)
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)


def _question_field(question: Question) -> forms.Field:
    if question.kind is QuestionKind.TEXT:
        return forms.CharField(
            label=question.text,
            help_text=question.help_text,
            required=question.required,
            max_length=TEXT_MAX_LENGTH,
            widget=Textarea,
        )
    return forms.ChoiceField(
        label=question.text,
        help_text=question.help_text,
        required=question.required,
        choices=[("", "Choose an answer"), *question.options],
    )


def instrument_form_class(instrument: Instrument) -> type[InstrumentForm]:
    """Return a form class with a field per question, then ``officer_level`` and ``rationale``.

    Yes/no and choice questions become choice fields, text questions text areas; field names
    are the question codes. Use a ``prefix`` when embedding it beside other fields.
    """
    fields: dict[str, Any] = {q.code: _question_field(q) for q in instrument.questions}
    minimum = lowering_rationale_min_length()
    lowering_hint = (
        f" To lower it, explain in at least {minimum} characters why."
        if instrument.allows_lowering
        else " It cannot be lowered."
    )
    fields["officer_level"] = forms.ChoiceField(
        label="Your level, if different from the computed one",
        required=False,
        choices=[
            ("", "Keep the computed level"),
            *((level, instrument.level_label(level)) for level in instrument.levels),
        ],
        help_text="You may raise the level if you explain why." + lowering_hint,
    )
    fields["rationale"] = forms.CharField(
        label="Rationale",
        required=False,
        max_length=RATIONALE_MAX_LENGTH,
        widget=Textarea,
        help_text="Why you chose this level",
    )
    fields["instrument"] = instrument
    name = f"{instrument.code.title().replace('_', '')}V{instrument.version}Form"
    return type(name, (InstrumentForm,), fields)
