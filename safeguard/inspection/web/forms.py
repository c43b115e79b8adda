"""Input shapes for the inspection pages; the services and rules do the checking."""

from __future__ import annotations

from django import forms

from safeguard.inspection.models import AREA_CHOICES, FINDING_CHOICES, GRADE_CHOICES, STATUS_CHOICES


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
