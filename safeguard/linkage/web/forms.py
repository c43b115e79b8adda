"""Input shapes for the linkage pages: the decision at entry and in the review queue."""

from __future__ import annotations

from django import forms

NEW_PERSON = "new"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        max_length=2000,
        help_text="Recorded with the decision",
    )


class PairDecisionForm(ReasonForm):
    decision = forms.ChoiceField(
        label="Are these the same person?",
        choices=[
            ("same", "Yes: link them as the same person"),
            ("merge_left", "Yes: merge them, keeping the first record"),
            ("merge_right", "Yes: merge them, keeping the second record"),
            ("different", "No: they are different people"),
        ],
        widget=forms.RadioSelect,
    )
