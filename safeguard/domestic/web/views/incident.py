"""Record a domestic-abuse incident with every child dealt with; read it; assess; waive."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.core.rules.calendar import LONDON
from safeguard.domestic.rules.children import DetectedChild, ResolutionChoice
from safeguard.domestic.selectors import incident_get, incident_list, incident_reference_in_scope
from safeguard.domestic.services import (
    ChildDetails,
    IncidentDetails,
    IncidentInvalid,
    NotificationInvalid,
    child_risk_assess,
    children_detect,
    da_incident_record,
    incident_risk_assess,
    marac_referral_made,
    referral_waive,
)
from safeguard.domestic.web.forms import (
    ChildForm,
    ChildFormSet,
    IncidentForm,
    RouteForm,
    SendForm,
    WaiverForm,
)
from safeguard.people.selectors import person_id_for_reference
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.rules.da_child import DA_CHILD_CODE
from safeguard.risk.rules.instruments import UnknownInstrument
from safeguard.risk.services import RiskAssessmentInvalid
from safeguard.risk.web.forms import instrument_form_class
from safeguard.web.purposes import PurposeForm, purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView

CHILD_FIELD_ALIASES = {
    "person_id": "person_reference",
    "new_child.given_name": "given_name",
    "new_child.date_of_birth": "date_of_birth",
    "education_setting_id": "education_setting",
    "local_authority_id": "local_authority",
    "voice_of_child": "seen",
}
INCIDENT_FIELD_ALIASES = {"victim_id": "victim_reference", "suspect_id": "suspect_reference"}


def _unbound(form_class: type[forms.Form], data: Any, prefix: str | None = None, **kw: Any) -> Any:
    """Rebuild a form from posted data without validating it (no errors shown yet)."""
    full = f"{prefix}-" if prefix else ""
    initial = {}
    for name, field in form_class.base_fields.items():
        key = full + name
        if isinstance(field.widget, forms.CheckboxInput):
            initial[name] = key in data
        elif key in data:
            initial[name] = data.get(key)
    return form_class(initial=initial, prefix=prefix, **kw)


def _rows(request: HttpRequest, *, add: int = 0) -> list[ChildForm]:
    try:
        count = int(request.POST.get("children-TOTAL_FORMS", "0"))
    except ValueError:
        count = 0
    count = max(0, min(count, 20))
    return [_unbound(ChildForm, request.POST, f"children-{i}") for i in range(count + add)]


def _detected_choices(request: HttpRequest) -> dict[str, ResolutionChoice]:
    choices: dict[str, ResolutionChoice] = {}
    for index in range(100):
        key = request.POST.get(f"detected-{index}-key")
        if key is None:
            break
        indexes: list[int] = []
        for raw in request.POST.getlist(f"detected-{index}-children"):
            if raw.isdigit():
                indexes.append(int(raw))
        choices[key] = ResolutionChoice(
            key=key,
            child_indexes=tuple(indexes),
            dismissed_reason=request.POST.get(f"detected-{index}-reason", ""),
        )
    return choices


def _person_id(request: HttpRequest, reference: str) -> UUID | None:
    reference = reference.strip()
    if not reference:
        return None
    return person_id_for_reference(actor=acting_user(request), reference=reference) or uuid.UUID(
        int=0
    )


def _occurred_at(value: Any) -> Any:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=LONDON)
    return value


def _details(request: HttpRequest, data: dict[str, Any]) -> IncidentDetails:
    household = tuple(
        pid
        for ref in IncidentForm.household_reference_list(data)
        if (pid := _person_id(request, ref))
    )
    return IncidentDetails(
        occurred_at=_occurred_at(data["occurred_at"]),
        location=data["location"],
        postcode=data.get("postcode", ""),
        narrative=data["narrative"],
        relationship=data["relationship"],
        victim_id=_person_id(request, data.get("victim_reference", "")),
        suspect_id=_person_id(request, data.get("suspect_reference", "")),
        household_member_ids=household,
        circumstances_for_school=data.get("circumstances_for_school", ""),
        other_information_for_school=data.get("other_information_for_school", ""),
    )


def _uuid_or_none(value: str) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


def _child(request: HttpRequest, row: ChildForm) -> ChildDetails:
    data = row.cleaned_data
    return ChildDetails(
        person_id=_person_id(request, data.get("person_reference", "")),
        new_child=row.new_child(),
        present=data.get("present") == "yes",
        where_present=data.get("where_present", ""),
        saw=bool(data.get("saw")),
        heard=bool(data.get("heard")),
        experienced_effects=bool(data.get("experienced_effects")),
        related_to=data.get("related_to", ""),
        voice=row.voice(),
        education_setting_id=_uuid_or_none(data.get("education_setting", "")),
        home_educated=bool(data.get("home_educated")),
        local_authority_id=_uuid_or_none(data.get("local_authority", "")),
        unlisted_setting_name=data.get("unlisted_setting_name", ""),
    )


def _child_label(index: int, row: ChildForm) -> str:
    data = row.cleaned_data if hasattr(row, "cleaned_data") else row.initial
    name = " ".join(str(data.get(f) or "") for f in ("given_name", "family_name")).strip()
    return f"Child {index + 1}: {name or data.get('person_reference') or 'not named yet'}"


def _render(
    request: HttpRequest,
    form: IncidentForm,
    rows: list[ChildForm],
    *,
    detected: Iterable[DetectedChild] = (),
    detected_errors: dict[str, str] | None = None,
    choices: dict[str, ResolutionChoice] | None = None,
    status: int = 200,
) -> HttpResponse:
    choices = choices or {}
    items = [
        {
            "index": i,
            "item": d,
            "error": (detected_errors or {}).get(d.key, ""),
            "chosen": [str(c) for c in choices.get(d.key, ResolutionChoice(d.key)).child_indexes],
            "reason": choices.get(d.key, ResolutionChoice(d.key)).dismissed_reason,
        }
        for i, d in enumerate(detected)
    ]
    context = {
        "form": form,
        "rows": rows,
        "row_labels": [(str(i), _child_label(i, r)) for i, r in enumerate(rows)],
        "total_forms": len(rows),
        "detected": items,
        "unresolved": sum(1 for i in items if i["error"]),
    }
    return render(request, "domestic/incident_form.html", context, status=status)


def _apply_errors(form: IncidentForm, rows: list[ChildForm], errors: dict[str, list[str]]) -> None:
    for key, messages_ in errors.items():
        if key.startswith("detected."):
            continue
        if key.startswith("children.") and key.count(".") >= 2:
            _, index, field = key.split(".", 2)
            row = rows[int(index)] if index.isdigit() and int(index) < len(rows) else None
            name = CHILD_FIELD_ALIASES.get(field, field)
            if row is not None:
                for message in messages_:
                    row.add_error(name if name in row.fields else None, message)
                continue
        name = INCIDENT_FIELD_ALIASES.get(key.split(".")[0], key)
        if key.startswith("household_member_ids"):
            name = "household_references"
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


class IncidentCreateView(CapabilityView):
    required_capability = Capability.INCIDENT_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        form = IncidentForm(initial={"idempotency_key": uuid.uuid4().hex})
        return _render(request, form, [])

    def post(self, request: HttpRequest) -> HttpResponse:
        action = request.POST.get("action", "submit")
        choices = _detected_choices(request)
        if action == "add_child":
            # Keep what was typed, and the children found so far, while a row is added.
            bound = IncidentForm(request.POST)
            detected = (
                children_detect(
                    actor=acting_user(request),
                    details=_details(request, bound.cleaned_data),
                    children=[],
                )
                if bound.is_valid()
                else []
            )
            return _render(
                request,
                _unbound(IncidentForm, request.POST),
                _rows(request, add=1),
                detected=detected,
                choices=choices,
            )
        form = IncidentForm(request.POST)
        formset = ChildFormSet(request.POST, prefix="children")
        rows = (
            list(formset.forms)
            if formset.is_bound and "children-TOTAL_FORMS" in request.POST
            else []
        )
        rows_valid = [row.is_valid() for row in rows]
        valid = form.is_valid() and all(rows_valid)
        if not valid:
            return _render(request, form, rows, choices=choices, status=400)
        details = _details(request, form.cleaned_data)
        children = [_child(request, row) for row in rows]
        actor = acting_user(request)
        if action == "check":
            detected = children_detect(actor=actor, details=details, children=children)
            return _render(request, form, rows, detected=detected, choices=choices)
        try:
            incident = da_incident_record(
                actor=actor,
                details=details,
                children=children,
                choices=choices,
                idempotency_key=form.cleaned_data.get("idempotency_key", ""),
            )
        except IncidentInvalid as exc:
            _apply_errors(form, rows, exc.errors)
            errors = {
                key.removeprefix("detected."): " ".join(m)
                for key, m in exc.errors.items()
                if key.startswith("detected.")
            }
            return _render(
                request,
                form,
                rows,
                detected=exc.detected,
                detected_errors=errors,
                choices=choices,
                status=400,
            )
        state_purpose(request, incident.pk, "Recording a new incident")
        messages.success(request, f"Incident {incident.occurrence.reference} recorded.")
        return HttpResponseRedirect(
            reverse("domestic:incident-detail", kwargs={"incident_id": incident.pk})
        )


class IncidentListView(CapabilityView):
    required_capability = Capability.INCIDENT_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "domestic/incident_list.html",
            {
                "incidents": incident_list(actor=acting_user(request)),
                "can_record": has_capability(acting_user(request), Capability.INCIDENT_RECORD),
            },
        )


class IncidentPurposeView(CapabilityView):
    required_capability = Capability.INCIDENT_VIEW

    def get(self, request: HttpRequest, incident_id: UUID) -> HttpResponse:
        reference = incident_reference_in_scope(actor=acting_user(request), incident_id=incident_id)
        return render(
            request, "people/purpose.html", {"form": PurposeForm(), "reference": reference}
        )

    def post(self, request: HttpRequest, incident_id: UUID) -> HttpResponse:
        reference = incident_reference_in_scope(actor=acting_user(request), incident_id=incident_id)
        form = PurposeForm(request.POST)
        if form.is_valid():
            state_purpose(request, incident_id, form.purpose_text())
            return HttpResponseRedirect(
                reverse("domestic:incident-detail", kwargs={"incident_id": incident_id})
            )
        return render(
            request, "people/purpose.html", {"form": form, "reference": reference}, status=400
        )


def incident_page(
    request: HttpRequest,
    incident_id: UUID,
    *,
    waiver_form: WaiverForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = acting_user(request)
    purpose = stated_purpose(request, incident_id)
    if purpose is None:
        incident_reference_in_scope(actor=actor, incident_id=incident_id)
        return purpose_redirect(
            reverse("domestic:incident-purpose", kwargs={"incident_id": incident_id}), request.path
        )
    record = incident_get(actor=actor, incident_id=incident_id, purpose=purpose)
    incident = record.incident
    children_referred = all(v.child_id in record.referred_children for v in record.child_victims)
    context = {
        "record": record,
        "incident": incident,
        "purpose": purpose,
        "can_send": has_capability(actor, Capability.ENCOMPASS_SEND),
        "can_assess": has_capability(actor, Capability.RISK_ASSESS),
        "can_waive": has_capability(actor, Capability.REFERRAL_WAIVE)
        and incident.referral_waived_at is None
        and not children_referred,
        "children_referred": children_referred,
        "waiver_form": waiver_form or WaiverForm(),
        "route_form": RouteForm(),
        "send_form": SendForm(),
    }
    return render(request, "domestic/incident_detail.html", context, status=status)


class IncidentDetailView(CapabilityView):
    required_capability = Capability.INCIDENT_VIEW

    def get(self, request: HttpRequest, incident_id: UUID) -> HttpResponse:
        return incident_page(request, incident_id)


def _assess_page(
    request: HttpRequest, incident_id: UUID, form: Any, status: int = 200
) -> HttpResponse:
    reference = incident_reference_in_scope(actor=acting_user(request), incident_id=incident_id)
    context = {
        "form": form,
        "reference": reference,
        "instrument": form.instrument,
        "incident_id": incident_id,
    }
    return render(request, "domestic/incident_assess.html", context, status=status)


class IncidentAssessView(CapabilityView):
    """DASH or DARA about the incident; a MARAC referral follows when the criteria are met."""

    required_capability = Capability.RISK_ASSESS

    def _instrument_form(self, code: str, data: Any = None) -> Any:
        if code not in {"DASH", "DARA"}:
            raise UnknownInstrument(code)
        return instrument_form_class(instrument_get(code))(data)

    def get(self, request: HttpRequest, incident_id: UUID, code: str) -> HttpResponse:
        try:
            form = self._instrument_form(code)
        except UnknownInstrument:
            return render(request, "core/404.html", status=404)
        return _assess_page(request, incident_id, form)

    def post(self, request: HttpRequest, incident_id: UUID, code: str) -> HttpResponse:
        try:
            form = self._instrument_form(code, request.POST)
        except UnknownInstrument:
            return render(request, "core/404.html", status=404)
        if not form.is_valid():
            return _assess_page(request, incident_id, form, status=400)
        try:
            assessment, marac = incident_risk_assess(
                actor=acting_user(request),
                incident_id=incident_id,
                instrument_code=code,
                answers=form.answers(),
                officer_level=form.chosen_level(),
                rationale=form.cleaned_data.get("rationale", ""),
                instrument_version=form.instrument.version,
            )
        except RiskAssessmentInvalid as exc:
            form.apply_errors(exc.errors)
            return _assess_page(request, incident_id, form, status=400)
        level = form.instrument.level_label(assessment.final_level)
        note = " The victim meets the MARAC referral criteria." if marac else ""
        messages.success(request, f"{code} recorded: {level}.{note}")
        return HttpResponseRedirect(
            reverse("domestic:incident-detail", kwargs={"incident_id": incident_id})
        )


class ChildRiskAssessView(CapabilityView):
    """A child's own risk in the household (DA_CHILD), on their child-victim record."""

    required_capability = Capability.RISK_ASSESS

    def get(self, request: HttpRequest, incident_id: UUID, victim_id: UUID) -> HttpResponse:
        return _assess_page(
            request, incident_id, instrument_form_class(instrument_get(DA_CHILD_CODE))()
        )

    def post(self, request: HttpRequest, incident_id: UUID, victim_id: UUID) -> HttpResponse:
        form = instrument_form_class(instrument_get(DA_CHILD_CODE))(request.POST)
        if not form.is_valid():
            return _assess_page(request, incident_id, form, status=400)
        try:
            assessment = child_risk_assess(
                actor=acting_user(request),
                child_victim_id=victim_id,
                answers=form.answers(),
                officer_level=form.chosen_level(),
                rationale=form.cleaned_data.get("rationale", ""),
                instrument_version=form.instrument.version,
            )
        except RiskAssessmentInvalid as exc:
            form.apply_errors(exc.errors)
            return _assess_page(request, incident_id, form, status=400)
        level = form.instrument.level_label(assessment.final_level)
        messages.success(request, f"The child's own risk is recorded: {level}.")
        return HttpResponseRedirect(
            reverse("domestic:incident-detail", kwargs={"incident_id": incident_id})
        )


class MaracReferredView(CapabilityView):
    required_capability = Capability.RISK_ASSESS

    def post(self, request: HttpRequest, incident_id: UUID, marac_id: UUID) -> HttpResponse:
        marac_referral_made(actor=acting_user(request), marac_id=marac_id)
        messages.success(request, "MARAC referral recorded.")
        return HttpResponseRedirect(
            reverse("domestic:incident-detail", kwargs={"incident_id": incident_id})
        )


class ReferralWaiveView(CapabilityView):
    required_capability = Capability.REFERRAL_WAIVE

    def post(self, request: HttpRequest, incident_id: UUID) -> HttpResponse:
        form = WaiverForm(request.POST)
        if form.is_valid():
            try:
                referral_waive(
                    actor=acting_user(request),
                    incident_id=incident_id,
                    reason=form.cleaned_data["reason"],
                )
            except NotificationInvalid as exc:
                for message in exc.errors.get("reason", []):
                    form.add_error("reason", message)
            else:
                messages.success(request, "Waiver recorded.")
                return HttpResponseRedirect(
                    reverse("domestic:incident-detail", kwargs={"incident_id": incident_id})
                )
        return incident_page(request, incident_id, waiver_form=form, status=400)
