from __future__ import annotations

from django import forms

from safeguard.access.models import ReviewOutcome


class BreakGlassReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was this access justified?", choices=[("", "Choose"), *list(ReviewOutcome.choices)]
    )
    note = forms.CharField(
        label="Review note", required=False, widget=forms.Textarea, max_length=4000
    )
