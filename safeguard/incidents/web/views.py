"""Occurrence pages: list, record (with the people involved and each child's voice), open."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.core.rules.calendar import LONDON
from safeguard.incidents.selectors import (
    occurrence_get,
    occurrence_list_recent,
    occurrence_reference_in_scope,
)
from safeguard.incidents.services import (
    InvolvementDetails,
    OccurrenceDetails,
    OccurrenceInvalid,
    occurrence_record,
)
from safeguard.incidents.web.forms import InvolvementFormSet, OccurrenceForm
from safeguard.people.selectors import person_id_for_reference
from safeguard.web.purposes import PurposeForm, purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


class OccurrenceListView(CapabilityView):
    required_capability = Capability.INCIDENT_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        occurrences = occurrence_list_recent(actor=acting_user(request))
        return render(request, "incidents/occurrence_list.html", {"occurrences": occurrences})


class OccurrenceCreateView(CapabilityView):
    required_capability = Capability.INCIDENT_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "incidents/occurrence_form.html",
            {"form": OccurrenceForm(), "formset": InvolvementFormSet(prefix="people")},
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OccurrenceForm(request.POST)
        formset = InvolvementFormSet(request.POST, prefix="people")
        if form.is_valid() and formset.is_valid():
            rows = [f for f in formset.forms if not f.is_blank()]
            involvements: list[InvolvementDetails] = []
            for row in rows:
                person_id = person_id_for_reference(
                    actor=acting_user(request),
                    reference=row.cleaned_data["person_reference"],
                )
                if person_id is None:
                    row.add_error("person_reference", "No person you can see has that reference")
                    continue
                involvements.append(
                    InvolvementDetails(
                        person_id=person_id, role=row.cleaned_data["role"], voice=row.voice()
                    )
                )
            if not any(r.errors for r in rows):
                occurred_at = form.cleaned_data["occurred_at"]
                if occurred_at.tzinfo is None:
                    occurred_at = occurred_at.replace(tzinfo=LONDON)
                try:
                    occurrence = occurrence_record(
                        actor=acting_user(request),
                        details=OccurrenceDetails(
                            occurrence_type=form.cleaned_data["occurrence_type"],
                            occurred_at=occurred_at,
                            location=form.cleaned_data["location"],
                            postcode=form.cleaned_data["postcode"],
                            narrative=form.cleaned_data["narrative"],
                        ),
                        involvements=involvements,
                    )
                except OccurrenceInvalid as exc:
                    _apply_errors(form, rows, exc.errors)
                else:
                    state_purpose(request, occurrence.pk, "Recording this occurrence")
                    messages.success(request, f"Recorded as {occurrence.reference}.")
                    return HttpResponseRedirect(
                        reverse(
                            "incidents:occurrence-detail", kwargs={"occurrence_id": occurrence.pk}
                        )
                    )
        return render(
            request,
            "incidents/occurrence_form.html",
            {"form": form, "formset": formset},
            status=400,
        )


def _apply_errors(form: OccurrenceForm, rows: list[Any], errors: dict[str, list[str]]) -> None:
    for key, messages_ in errors.items():
        parts = key.split(".")
        for message in messages_:
            if parts[0] == "involvements" and len(parts) == 3:
                row = rows[int(parts[1])]
                field = parts[2] if parts[2] in row.fields else None
                if parts[2] in {"voice_of_child", "person_id"}:
                    field = "seen" if parts[2] == "voice_of_child" else "person_reference"
                row.add_error(field, message)
            else:
                form.add_error(key if key in form.fields else None, message)


class OccurrencePurposeView(CapabilityView):
    required_capability = Capability.INCIDENT_VIEW

    def get(self, request: HttpRequest, occurrence_id: UUID) -> HttpResponse:
        reference = occurrence_reference_in_scope(
            actor=acting_user(request), occurrence_id=occurrence_id
        )
        return render(
            request, "people/purpose.html", {"form": PurposeForm(), "reference": reference}
        )

    def post(self, request: HttpRequest, occurrence_id: UUID) -> HttpResponse:
        reference = occurrence_reference_in_scope(
            actor=acting_user(request), occurrence_id=occurrence_id
        )
        form = PurposeForm(request.POST)
        if form.is_valid():
            state_purpose(request, occurrence_id, form.purpose_text())
            return HttpResponseRedirect(
                reverse("incidents:occurrence-detail", kwargs={"occurrence_id": occurrence_id})
            )
        return render(
            request, "people/purpose.html", {"form": form, "reference": reference}, status=400
        )


class OccurrenceDetailView(CapabilityView):
    required_capability = Capability.INCIDENT_VIEW

    def get(self, request: HttpRequest, occurrence_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, occurrence_id)
        if purpose is None:
            occurrence_reference_in_scope(actor=acting_user(request), occurrence_id=occurrence_id)
            url = reverse("incidents:occurrence-purpose", kwargs={"occurrence_id": occurrence_id})
            return purpose_redirect(url, request.path)
        occurrence = occurrence_get(
            actor=acting_user(request), occurrence_id=occurrence_id, purpose=purpose
        )
        return render(
            request,
            "incidents/occurrence_detail.html",
            {"occurrence": occurrence, "purpose": purpose},
        )
