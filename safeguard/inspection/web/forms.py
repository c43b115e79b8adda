"""Input shapes for the inspection pages; the services and rules do the checking."""

from __future__ import annotations

from django import forms

from safeguard.inspection.models import (
    AREA_CHOICES,
    AUDIT_GRADE_CHOICES,
    FINDING_CHOICES,
    GRADE_CHOICES,
    STATUS_CHOICES,
)


class DateInput(forms.DateInput):
    input_type = "date"


class ReportForm(forms.Form):
    title = forms.CharField(label="Report title", max_length=300)
    published_on = forms.DateField(label="Published on", widget=DateInput)


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=FINDING_CHOICES)
    area = forms.ChoiceField(label="Area", choices=AREA_CHOICES)
    text = forms.CharField(label="The finding's words", widget=forms.Textarea, max_length=8000)
    cause = forms.CharField(required=False, widget=forms.HiddenInput)


class ActionForm(forms.Form):
    description = forms.CharField(label="Action", max_length=2000)
    owner = forms.CharField(label="Owner's username", max_length=150)
    due_on = forms.DateField(label="Due on", widget=DateInput)


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES)
    evidence = forms.CharField(label="Evidence", required=False, max_length=8000)


class SelfAssessmentForm(forms.Form):
    area = forms.ChoiceField(label="Area", choices=AREA_CHOICES)
    grade = forms.ChoiceField(label="Grade", choices=GRADE_CHOICES)
    evidence = forms.CharField(label="The evidence for it", widget=forms.Textarea, max_length=8000)


class CaseAuditForm(forms.Form):
    title = forms.CharField(label="Audit title", max_length=200)
    since = forms.DateField(label="Cases from", widget=DateInput)
    until = forms.DateField(label="Up to (not including)", widget=DateInput)
    size = forms.IntegerField(label="How many cases", min_value=1, max_value=500, initial=30)
    pathways = forms.MultipleChoiceField(
        label="Pathways", widget=forms.CheckboxSelectMultiple, choices=[]
    )
    by_period = forms.BooleanField(label="Spread the sample across months as well", required=False)
    seed = forms.IntegerField(
        label="Seed",
        min_value=0,
        max_value=2_147_483_647,
        initial=1,
        help_text="The same seed draws the same cases again",
    )

    def __init__(
        self, *args: object, pathway_choices: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["pathways"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = pathway_choices


class CaseGradeForm(forms.Form):
    grade = forms.ChoiceField(choices=AUDIT_GRADE_CHOICES)
    reasons = forms.CharField(max_length=8000)
