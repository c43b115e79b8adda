"""The purpose a user stated for opening a record, kept per record for the session.

DPA 2018 s.62(2) needs the justification of every consultation (DOMAIN.md §9.3); users are
asked once per record and session (docs/adr/0005).
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.http import HttpRequest, HttpResponseRedirect

SESSION_KEY = "record_purposes"

PURPOSE_CHOICES = [
    ("", "Choose a reason"),
    ("Safeguarding enquiry", "Safeguarding enquiry"),
    ("Risk assessment", "Risk assessment"),
    ("Investigation", "Investigation"),
    ("Referral to a partner", "Referral to a partner"),
    ("Recording a new incident", "Recording a new incident"),
    ("Supervision or review", "Supervision or review"),
]


class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(label="Why are you opening this record?", choices=PURPOSE_CHOICES)
    detail = forms.CharField(
        label="Reference or detail",
        required=False,
        max_length=500,
        help_text="For example the incident or case number",
    )

    def purpose_text(self) -> str:
        detail = str(self.cleaned_data["detail"]).strip()
        return str(self.cleaned_data["purpose"]) + (f": {detail}" if detail else "")


def stated_purpose(request: HttpRequest, record_id: UUID) -> str | None:
    """Return the purpose the user stated for this record in this session, if any."""
    purposes: dict[str, str] = request.session.get(SESSION_KEY, {})
    return purposes.get(str(record_id))


def state_purpose(request: HttpRequest, record_id: UUID, purpose: str) -> None:
    """Remember the user's purpose for this record until the session ends."""
    purposes: dict[str, str] = request.session.get(SESSION_KEY, {})
    purposes[str(record_id)] = purpose
    request.session[SESSION_KEY] = purposes


def purpose_redirect(purpose_url: str, next_url: str) -> HttpResponseRedirect:
    """Send the user to state a purpose, then back to ``next_url``."""
    return HttpResponseRedirect(f"{purpose_url}?next={next_url}")
