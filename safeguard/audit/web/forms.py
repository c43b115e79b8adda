from __future__ import annotations

from django import forms

from safeguard.audit.rules.operations import Operation


class DateInput(forms.DateInput):
    input_type = "date"


class AccessLogForm(forms.Form):
    subject_id = forms.CharField(
        label="Record id",
        required=False,
        max_length=64,
        help_text="The id of the person or other record",
    )
    actor_username = forms.CharField(label="User", required=False, max_length=150)
    operation = forms.ChoiceField(
        label="Operation",
        required=False,
        choices=[("", "Any")] + [(o.value, o.value.capitalize()) for o in Operation],
    )
    occurred_from = forms.DateField(label="From", required=False, widget=DateInput)
    occurred_to = forms.DateField(label="To", required=False, widget=DateInput)


class ExportForm(AccessLogForm):
    justification = forms.CharField(label="Why are you exporting this log?", max_length=500)
