"""Pages for places and business concerns (issue 10): the business portal, the concern
queue and triage, and each place with its history."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.core import clock
from safeguard.places.models import PlaceLink
from safeguard.places.policies import concern_in_scope, place_in_scope
from safeguard.places.rules.codes import INDICATOR_LABELS, LINK_ROLE_LABELS, Indicator, LinkRole
from safeguard.places.selectors import (
    concern_get,
    concern_match_candidates,
    concern_queue,
    concerns_of_organisation,
    place_history,
    place_list,
    place_search,
    places_of_organisation,
)
from safeguard.places.services import ConcernInvalid, concern_submit, concern_triage
from safeguard.places.web.forms import ConcernForm, MatchSearchForm, TriageForm
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.rules.thrive import THRIVE_CODE
from safeguard.risk.services import RiskAssessmentInvalid
from safeguard.risk.web.forms import InstrumentForm, instrument_form_class
from safeguard.web.purposes import PurposeForm, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView

# The business portal ------------------------------------------------------------------


def _concern_form(request: HttpRequest, data: Any = None) -> ConcernForm:
    places = [(str(p.id), p.name) for p in places_of_organisation(actor=request.user)]  # type: ignore[arg-type]
    return ConcernForm(data, places=places)


class PortalView(CapabilityView):
    """A business's own submissions and their status: no names, no police records."""

    required_capability = Capability.BUSINESS_CONCERN_SUBMIT

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = concerns_of_organisation(actor=request.user)  # type: ignore[arg-type]
        return render(request, "places/portal.html", {"rows": rows})


class PortalConcernView(CapabilityView):
    required_capability = Capability.BUSINESS_CONCERN_SUBMIT

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "places/concern_form.html", {"form": _concern_form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = _concern_form(request, request.POST)
        if form.is_valid():
            try:
                concern = concern_submit(
                    actor=request.user,  # type: ignore[arg-type]
                    place_id=UUID(form.cleaned_data["place"]),
                    details=form.details(),
                )
            except ConcernInvalid as exc:
                for field, errors in exc.errors.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                text = f"Received as {concern.reference}."
                if concern.urgent:
                    text += " Officers have been told now. If anyone is in danger, call 999."
                messages.success(request, text)
                return HttpResponseRedirect(reverse("places:portal"))
        return render(request, "places/concern_form.html", {"form": form}, status=400)


# Police: concerns ------------------------------------------------------------------------


def thrive_form(data: Any = None) -> InstrumentForm:
    return instrument_form_class(instrument_get(THRIVE_CODE))(data, prefix="thrive")


def _concern_url(concern_id: UUID) -> str:
    return reverse("places:concern-detail", kwargs={"concern_id": concern_id})


class ConcernQueueView(CapabilityView):
    required_capability = Capability.BUSINESS_CONCERN_TRIAGE

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = concern_queue(actor=request.user)  # type: ignore[arg-type]
        return render(request, "places/queue.html", {"rows": rows, "now": clock.now()})


def render_concern(
    request: HttpRequest,
    concern_id: UUID,
    purpose: str,
    *,
    grade_form: InstrumentForm | None = None,
    triage_form: TriageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    record = concern_get(actor=request.user, concern_id=concern_id, purpose=purpose)  # type: ignore[arg-type]
    search = MatchSearchForm(request.GET if "surname" in request.GET else None)
    candidates = []
    if search.is_bound and search.is_valid():
        candidates = concern_match_candidates(
            actor=request.user,  # type: ignore[arg-type]
            concern_id=concern_id,
            first_name=search.cleaned_data["first_name"],
            surname=search.cleaned_data["surname"],
            estimated_age=search.cleaned_data["estimated_age"],
        )
    labels = {i.value: label for i, label in INDICATOR_LABELS.items()}
    context = {
        "record": record,
        "concern": record.concern,
        "signs": [labels.get(code, code) for code in record.concern.indicators],
        "search": search,
        "candidates": candidates,
        "grade_form": grade_form or thrive_form(),
        "triage_form": triage_form or TriageForm(),
        "other": Indicator.OTHER.value,
    }
    return render(request, "places/concern_detail.html", context, status=status)


class ConcernDetailView(CapabilityView):
    """The concern; asks once per record and session why it is opened (DPA 2018 s.62(2))."""

    required_capability = Capability.BUSINESS_CONCERN_TRIAGE

    def get(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, concern_id)
        if purpose is None:
            concern = concern_in_scope(request.user, concern_id)  # type: ignore[arg-type]
            context = {"form": PurposeForm(), "reference": concern.reference, "what": "concern"}
            return render(request, "places/purpose.html", context)
        return render_concern(request, concern_id, purpose)

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        concern = concern_in_scope(request.user, concern_id)  # type: ignore[arg-type]
        form = PurposeForm(request.POST)
        if not form.is_valid():
            context = {"form": form, "reference": concern.reference, "what": "concern"}
            return render(request, "places/purpose.html", context, status=400)
        state_purpose(request, concern_id, form.purpose_text())
        return HttpResponseRedirect(_concern_url(concern_id))


class ConcernTriageView(CapabilityView):
    required_capability = Capability.BUSINESS_CONCERN_TRIAGE

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, concern_id) or "Triage of this concern"
        grade = thrive_form(request.POST)
        triage = TriageForm(request.POST)
        if grade.is_valid() and triage.is_valid():
            try:
                concern_triage(
                    actor=request.user,  # type: ignore[arg-type]
                    concern_id=concern_id,
                    answers=grade.answers(),
                    officer_level=grade.chosen_level(),
                    rationale=grade.cleaned_data["rationale"],
                    action_taken=triage.cleaned_data["action_taken"],
                    child_id=triage.cleaned_data["child"],
                    breach_reason=triage.cleaned_data["breach_reason"],
                )
            except RiskAssessmentInvalid as exc:
                grade.apply_errors(exc.errors)
            except ConcernInvalid as exc:
                for field, errors in exc.errors.items():
                    for error in errors:
                        triage.add_error(field if field in triage.fields else None, error)
            else:
                messages.success(request, "Concern actioned.")
                return HttpResponseRedirect(_concern_url(concern_id))
        return render_concern(
            request, concern_id, purpose, grade_form=grade, triage_form=triage, status=400
        )


# Police: places --------------------------------------------------------------------------


class PlaceListView(CapabilityView):
    required_capability = Capability.PLACE_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.get("q", "").strip()[:100]
        actor = request.user
        if query:
            rows = place_search(actor=actor, query=query)  # type: ignore[arg-type]
        else:
            rows = place_list(actor=actor, flagged=request.GET.get("flagged") == "1")  # type: ignore[arg-type]
        return render(request, "places/place_list.html", {"rows": rows, "query": query})


def _role_label(link: PlaceLink) -> str:
    return LINK_ROLE_LABELS.get(LinkRole(link.role), link.role)


class PlaceDetailView(CapabilityView):
    """A place and everything linked to it; asks why once per session (DPA 2018 s.62(2))."""

    required_capability = Capability.PLACE_VIEW

    def get(self, request: HttpRequest, place_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, place_id)
        if purpose is None:
            place = place_in_scope(request.user, place_id)  # type: ignore[arg-type]
            context = {"form": PurposeForm(), "reference": place.name, "what": "place"}
            return render(request, "places/purpose.html", context)
        history = place_history(actor=request.user, place_id=place_id, purpose=purpose)  # type: ignore[arg-type]
        return render(request, "places/place_detail.html", {"history": history})

    def post(self, request: HttpRequest, place_id: UUID) -> HttpResponse:
        place = place_in_scope(request.user, place_id)  # type: ignore[arg-type]
        form = PurposeForm(request.POST)
        if not form.is_valid():
            context = {"form": form, "reference": place.name, "what": "place"}
            return render(request, "places/purpose.html", context, status=400)
        state_purpose(request, place_id, form.purpose_text())
        return HttpResponseRedirect(reverse("places:place-detail", kwargs={"place_id": place_id}))
