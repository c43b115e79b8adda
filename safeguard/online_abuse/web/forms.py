"""Input shapes for the online referral pages; the package rules do the checking."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.online_abuse.models import SOURCE_CHOICES, STAGE_CHOICES
from safeguard.online_abuse.rules.codes import ChildDecision, Stage
from safeguard.online_abuse.rules.package import FORMAT


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Package file (JSON)",
        help_text=f"One package or a list of packages in the {FORMAT} format",
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ReferralForm(forms.Form):
    """A referral typed in (a report from the public, or a package read from paper)."""

    source = forms.ChoiceField(label="Source", choices=SOURCE_CHOICES)
    reference = forms.CharField(label="Sender's reference", required=False, max_length=400)
    platform = forms.CharField(label="Platform or service", required=False, max_length=400)
    received_at = forms.DateTimeField(label="Received", widget=DateTimeInput)
    summary = forms.CharField(label="Summary", widget=forms.Textarea, max_length=40_000)
    emails = forms.CharField(
        label="Suspect email addresses",
        required=False,
        widget=forms.Textarea,
        help_text="One a line",
        max_length=40_000,
    )
    phones = forms.CharField(
        label="Suspect phone numbers",
        required=False,
        widget=forms.Textarea,
        help_text="One a line",
        max_length=40_000,
    )
    accounts = forms.CharField(
        label="Suspect accounts",
        required=False,
        widget=forms.Textarea,
        help_text="One a line, as platform: username",
        max_length=40_000,
    )
    ip_addresses = forms.CharField(
        label="IP addresses with the time seen",
        required=False,
        widget=forms.Textarea,
        help_text="One a line, as address then date and time, e.g. 203.0.113.7 2026-11-18T22:40Z",
        max_length=40_000,
    )

    def package(self) -> dict[str, Any]:
        """The form as a package in the documented format (checked by the service)."""
        data = self.cleaned_data
        accounts = []
        for line in _lines(data["accounts"]):
            platform, _, username = line.rpartition(":")
            accounts.append({"platform": platform.strip(), "username": username.strip()})
        ips = []
        for line in _lines(data["ip_addresses"]):
            ip, _, seen = line.partition(" ")
            ips.append({"ip": ip, "seen_at": seen.strip()})
        return {
            "format": FORMAT,
            "source": data["source"],
            "reference": data["reference"],
            "platform": data["platform"],
            "received_at": data["received_at"].isoformat(),
            "summary": data["summary"],
            "suspect": {
                "emails": _lines(data["emails"]),
                "phones": _lines(data["phones"]),
                "accounts": accounts,
                "ip_addresses": ips,
            },
        }


class AdvanceForm(forms.Form):
    stage = forms.ChoiceField(
        label="Move to stage",
        choices=[c for c in STAGE_CHOICES if c[0] != Stage.RECEIVED],
    )
    occurred_at = forms.DateTimeField(
        label="When", required=False, widget=DateTimeInput, help_text="Leave blank for now"
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea,
        max_length=4000,
        help_text="Why a step is late; the outcome when closing",
    )


class ChildDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Safeguarding decision",
        choices=[
            (ChildDecision.REFER.value, "Refer: record a concern for MASH triage"),
            (ChildDecision.ALREADY_SAFEGUARDED.value, "Already safeguarded"),
            (ChildDecision.NO_ACCESS.value, "No access to the suspect"),
            (ChildDecision.NO_FURTHER_ACTION.value, "No further action"),
        ],
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea, max_length=4000)
