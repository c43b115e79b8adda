from __future__ import annotations

import dataclasses

from django import forms
from django.template.loader import render_to_string

from safeguard.risk.rules.ppn_rag import PPN_RAG_V1
from safeguard.risk.rules.thrive import THRIVE_V1
from safeguard.risk.tests.factories import PPN_AMBER_ANSWERS
from safeguard.risk.web.forms import VERSION_CHANGED, InstrumentForm, instrument_form_class


def posted(instrument, answers, *, prefix="risk", **extra):
    data = {f"{prefix}-{code}": value for code, value in answers.items()}
    data[f"{prefix}-instrument_version"] = str(instrument.version)
    data.update({f"{prefix}-{key}": value for key, value in extra.items()})
    return data


class TestInstrumentFormClass:
    def test_builds_a_field_per_question_then_the_judgement(self) -> None:
        form_class = instrument_form_class(PPN_RAG_V1)
        assert issubclass(form_class, InstrumentForm)
        assert form_class.__name__ == "PpnRagV1Form"
        form = form_class()
        codes = [q.code for q in PPN_RAG_V1.questions]
        assert list(form.fields) == ["instrument_version", *codes, "officer_level", "rationale"]
        harm = form.fields["SIGNIFICANT_HARM"]
        assert isinstance(harm, forms.ChoiceField)
        assert harm.choices == [("", "Choose an answer"), ("NO", "No"), ("YES", "Yes")]
        assert harm.required is True
        voice = form.fields["CHILD_VOICE"]
        assert isinstance(voice, forms.CharField)
        assert isinstance(voice.widget, forms.Textarea)
        level = form.fields["officer_level"]
        assert isinstance(level, forms.ChoiceField)
        assert level.choices == [
            ("", "Keep the computed level"),
            ("GREEN", "Low"),
            ("AMBER", "Medium"),
            ("RED", "High"),
        ]
        assert "at least 40 characters" in str(level.help_text)

    def test_an_instrument_that_never_lowers_says_so(self) -> None:
        never = dataclasses.replace(THRIVE_V1, allows_lowering=False)
        form = instrument_form_class(never)()
        assert "cannot be lowered" in str(form.fields["officer_level"].help_text)

    def test_returns_answers_and_the_chosen_level(self) -> None:
        form_class = instrument_form_class(PPN_RAG_V1)
        form = form_class(
            posted(PPN_RAG_V1, PPN_AMBER_ANSWERS, officer_level="RED", rationale="Weapon"),
            prefix="risk",
        )
        assert form.is_valid(), form.errors
        assert form.answers() == PPN_AMBER_ANSWERS
        assert form.chosen_level() == "RED"
        assert form.cleaned_data["rationale"] == "Weapon"

    def test_no_chosen_level_keeps_the_computed_one(self) -> None:
        form = instrument_form_class(PPN_RAG_V1)(
            posted(PPN_RAG_V1, PPN_AMBER_ANSWERS), prefix="risk"
        )
        assert form.is_valid(), form.errors
        assert form.chosen_level() is None

    def test_refuses_a_form_built_from_another_version(self) -> None:
        data = posted(PPN_RAG_V1, PPN_AMBER_ANSWERS)
        data["risk-instrument_version"] = "0"
        form = instrument_form_class(PPN_RAG_V1)(data, prefix="risk")
        assert not form.is_valid()
        assert form.non_field_errors() == [VERSION_CHANGED]

    def test_shows_service_errors_on_their_fields(self) -> None:
        form = instrument_form_class(PPN_RAG_V1)(
            posted(PPN_RAG_V1, PPN_AMBER_ANSWERS), prefix="risk"
        )
        assert form.is_valid()
        form.apply_errors(
            {
                "answers.NEGLECT_SIGNS": ["Answer this question"],
                "answers.SHOE_SIZE": ["This is not a question"],
                "rationale": ["Explain why"],
            }
        )
        assert form.errors["NEGLECT_SIGNS"] == ["Answer this question"]
        assert form.errors["rationale"] == ["Explain why"]
        assert form.non_field_errors() == ["This is not a question"]


class TestInstrumentFormRendering:
    def test_renders_every_field_with_the_project_field_include(self) -> None:
        form = instrument_form_class(PPN_RAG_V1)(prefix="risk")
        html = render_to_string("risk/includes/instrument_fields.html", {"form": form})
        assert html.strip() == str(form).strip()
        assert html.count('class="govuk-form-group') == len(PPN_RAG_V1.questions) + 2
        assert 'name="risk-instrument_version"' in html
        assert 'type="hidden"' in html
        assert "Child concern (PPN) RAG" in html
        assert 'name="risk-CHILD_VOICE"' in html
        assert "govuk-textarea" in html

    def test_shows_errors_beside_the_fields(self) -> None:
        form = instrument_form_class(THRIVE_V1)({"instrument_version": "1"})
        assert not form.is_valid()
        html = str(form)
        assert html.count("govuk-error-message") == len(THRIVE_V1.questions)
