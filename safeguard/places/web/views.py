"""Pages for places and business concerns (issue 10): the business portal, the concern
queue and triage, and each place with its history."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.core import clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.places.models import PlaceLink
from safeguard.places.policies import concern_in_scope, place_in_scope
from safeguard.places.rules.codes import INDICATOR_LABELS, LINK_ROLE_LABELS, Indicator, LinkRole
from safeguard.places.selectors import (
    concern_get,
    concern_match_candidates,
    concern_queue,
    concerns_of_organisation,
    engagement_indicator_for,
    engagement_register,
    place_history,
    place_list,
    place_search,
    places_of_organisation,
    record_by_reference,
)
from safeguard.places.services import (
    ConcernInvalid,
    PlaceInvalid,
    concern_close,
    concern_submit,
    concern_triage,
    engagement_record,
    place_flag,
    place_flag_lower,
    place_link_record,
    place_record,
)
from safeguard.places.web.forms import (
    CloseForm,
    ConcernForm,
    EngagementForm,
    FlagForm,
    FlagLowerForm,
    LinkForm,
    MatchSearchForm,
    PlaceForm,
    TriageForm,
)
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.rules.thrive import THRIVE_CODE
from safeguard.risk.services import RiskAssessmentInvalid
from safeguard.risk.web.forms import InstrumentForm, instrument_form_class
from safeguard.web.purposes import PurposeForm, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


def _apply_errors(
    form: forms.Form, errors: dict[str, list[str]], aliases: dict[str, str] | None = None
) -> None:
    """Show a service's field errors on ``form``: on the field of that name (or its alias),
    otherwise at the top of the form."""
    for field, messages_ in errors.items():
        name = (aliases or {}).get(field, field)
        for error in messages_:
            form.add_error(name if name in form.fields else None, error)


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
    close_form: CloseForm | None = None,
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
        "close_form": close_form or CloseForm(prefix="close"),
        "other": Indicator.OTHER.value,
    }
    return render(request, "places/concern_detail.html", context, status=status)


class PurposeFirstView(CapabilityView):
    """A record's page that asks once per record and session why it is opened (DPA 2018
    s.62(2)): subclasses name the record (checking scope), show it, and give its address."""

    what = ""

    def label(self, request: HttpRequest, record_id: UUID) -> str:
        raise NotImplementedError

    def show(self, request: HttpRequest, record_id: UUID, purpose: str) -> HttpResponse:
        raise NotImplementedError

    def url(self, record_id: UUID) -> str:
        raise NotImplementedError

    def _ask(
        self, request: HttpRequest, label: str, form: PurposeForm, status: int = 200
    ) -> HttpResponse:
        context = {"form": form, "reference": label, "what": self.what}
        return render(request, "places/purpose.html", context, status=status)

    def open(self, request: HttpRequest, record_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, record_id)
        if purpose is None:
            return self._ask(request, self.label(request, record_id), PurposeForm())
        return self.show(request, record_id, purpose)

    def state(self, request: HttpRequest, record_id: UUID) -> HttpResponse:
        label = self.label(request, record_id)
        form = PurposeForm(request.POST)
        if not form.is_valid():
            return self._ask(request, label, form, status=400)
        state_purpose(request, record_id, form.purpose_text())
        return HttpResponseRedirect(self.url(record_id))


class ConcernDetailView(PurposeFirstView):
    """The concern, after its purpose."""

    required_capability = Capability.BUSINESS_CONCERN_TRIAGE
    what = "concern"

    def label(self, request: HttpRequest, record_id: UUID) -> str:
        return concern_in_scope(request.user, record_id).reference  # type: ignore[arg-type]

    def show(self, request: HttpRequest, record_id: UUID, purpose: str) -> HttpResponse:
        return render_concern(request, record_id, purpose)

    def url(self, record_id: UUID) -> str:
        return _concern_url(record_id)

    def get(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        return self.open(request, concern_id)

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        return self.state(request, concern_id)


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


class ConcernCloseView(CapabilityView):
    """Close an actioned concern, with the reason (audited as an alteration)."""

    required_capability = Capability.BUSINESS_CONCERN_TRIAGE

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, concern_id) or "Closing this concern"
        form = CloseForm(request.POST, prefix="close")
        if form.is_valid():
            try:
                concern_close(
                    actor=request.user,  # type: ignore[arg-type]
                    concern_id=concern_id,
                    reason=form.cleaned_data["reason"],
                )
            except ConcernInvalid as exc:
                _apply_errors(form, exc.errors)
            else:
                messages.success(request, "Concern closed.")
                return HttpResponseRedirect(_concern_url(concern_id))
        return render_concern(request, concern_id, purpose, close_form=form, status=400)


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


def _place_url(place_id: UUID) -> str:
    return reverse("places:place-detail", kwargs={"place_id": place_id})


def render_place(
    request: HttpRequest,
    place_id: UUID,
    purpose: str,
    *,
    flag_form: FlagForm | None = None,
    lower_form: FlagLowerForm | None = None,
    link_form: LinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The place with its history; with the flag and link forms for those who record."""
    history = place_history(actor=request.user, place_id=place_id, purpose=purpose)  # type: ignore[arg-type]
    context = {
        "history": history,
        "open_flag": next((f for f in history.flags if f.lowered_at is None), None),
        "can_record": has_capability(request.user, Capability.PLACE_RECORD),  # type: ignore[arg-type]
        "flag_form": flag_form or FlagForm(prefix="flag"),
        "lower_form": lower_form or FlagLowerForm(prefix="lower"),
        "link_form": link_form or LinkForm(prefix="link"),
    }
    return render(request, "places/place_detail.html", context, status=status)


class PlaceNewView(CapabilityView):
    """Record a place; the recorder's purpose is stated, so the place opens directly."""

    required_capability = Capability.PLACE_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "places/place_form.html", {"form": PlaceForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PlaceForm(request.POST)
        if form.is_valid():
            try:
                place = place_record(
                    actor=request.user,  # type: ignore[arg-type]
                    details=form.details(),
                    organisation_id=form.organisation_id(),
                )
            except PlaceInvalid as exc:
                _apply_errors(form, exc.errors)
            else:
                state_purpose(request, place.pk, "Recording this place")
                messages.success(request, f"Place recorded as {place.reference}.")
                return HttpResponseRedirect(_place_url(place.pk))
        return render(request, "places/place_form.html", {"form": form}, status=400)


class _PlaceWriteView(CapabilityView):
    """A form on the place page that posts here: redirect back, or show the page with the
    errors (400)."""

    required_capability = Capability.PLACE_RECORD

    def purpose(self, request: HttpRequest, place_id: UUID) -> str:
        return stated_purpose(request, place_id) or "Recording on this place"


class PlaceFlagView(_PlaceWriteView):
    def post(self, request: HttpRequest, place_id: UUID) -> HttpResponse:
        form = FlagForm(request.POST, prefix="flag")
        if form.is_valid():
            try:
                place_flag(
                    actor=request.user,  # type: ignore[arg-type]
                    place_id=place_id,
                    reason=form.cleaned_data["reason"],
                    review_on=form.cleaned_data["review_on"],
                )
            except PlaceInvalid as exc:
                _apply_errors(form, exc.errors)
            else:
                messages.success(request, "Place flagged.")
                return HttpResponseRedirect(_place_url(place_id))
        purpose = self.purpose(request, place_id)
        return render_place(request, place_id, purpose, flag_form=form, status=400)


class PlaceFlagLowerView(_PlaceWriteView):
    def post(self, request: HttpRequest, place_id: UUID) -> HttpResponse:
        form = FlagLowerForm(request.POST, prefix="lower")
        if form.is_valid():
            try:
                place_flag_lower(
                    actor=request.user,  # type: ignore[arg-type]
                    place_id=place_id,
                    reason=form.cleaned_data["reason"],
                )
            except PlaceInvalid as exc:
                _apply_errors(form, exc.errors)
            else:
                messages.success(request, "Flag lowered.")
                return HttpResponseRedirect(_place_url(place_id))
        purpose = self.purpose(request, place_id)
        return render_place(request, place_id, purpose, lower_form=form, status=400)


_UNKNOWN_REFERENCE = (
    "No missing episode, occurrence, referral or concern you may see has this reference."
)


class PlaceLinkView(_PlaceWriteView):
    def post(self, request: HttpRequest, place_id: UUID) -> HttpResponse:
        form = LinkForm(request.POST, prefix="link")
        if form.is_valid():
            found = record_by_reference(
                actor=request.user,  # type: ignore[arg-type]
                reference=form.cleaned_data["reference"],
            )
            if found is None:
                form.add_error("reference", _UNKNOWN_REFERENCE)
            else:
                subject_type, subject_id = found
                try:
                    place_link_record(
                        actor=request.user,  # type: ignore[arg-type]
                        place_id=place_id,
                        subject_type=subject_type,
                        subject_id=subject_id,
                        role=form.cleaned_data["role"],
                        reason=form.cleaned_data["reason"],
                    )
                except PlaceInvalid as exc:
                    _apply_errors(form, exc.errors, {"subject_type": "reference"})
                else:
                    messages.success(request, "Record linked to this place.")
                    return HttpResponseRedirect(_place_url(place_id))
        purpose = self.purpose(request, place_id)
        return render_place(request, place_id, purpose, link_form=form, status=400)


class PlaceDetailView(PurposeFirstView):
    """A place and everything linked to it, after the purpose."""

    required_capability = Capability.PLACE_VIEW
    what = "place"

    def label(self, request: HttpRequest, record_id: UUID) -> str:
        return place_in_scope(request.user, record_id).name  # type: ignore[arg-type]

    def show(self, request: HttpRequest, record_id: UUID, purpose: str) -> HttpResponse:
        return render_place(request, record_id, purpose)

    def url(self, record_id: UUID) -> str:
        return _place_url(record_id)

    def get(self, request: HttpRequest, place_id: UUID) -> HttpResponse:
        return self.open(request, place_id)

    def post(self, request: HttpRequest, place_id: UUID) -> HttpResponse:
        return self.state(request, place_id)


# Police: the engagement register ----------------------------------------------------------

INDICATOR_DAYS = 365


class EngagementView(CapabilityView):
    """The businesses engaged, and a form to record engagement (PLACE_RECORD); with the
    indicator of concerns received and actioned per business for those who read
    indicators. A reader of indicators without the place capability (a performance lead)
    sees the indicator only."""

    required_capability = Capability.PLACE_VIEW

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if (
            request.method == "GET"
            and getattr(user, "organisation_id", None) is None
            and not has_capability(user, Capability.PLACE_VIEW)  # type: ignore[arg-type]
            and has_capability(user, Capability.INDICATOR_VIEW)  # type: ignore[arg-type]
        ):
            try:
                return self._render(request, register=False)
            except (NotFoundOrForbidden, CapabilityMissing) as exc:
                raise Http404() from exc
        return super().dispatch(request, *args, **kwargs)

    def _render(
        self,
        request: HttpRequest,
        form: EngagementForm | None = None,
        *,
        register: bool = True,
        status: int = 200,
    ) -> HttpResponse:
        actor = request.user
        since = clock.now() - dt.timedelta(days=INDICATOR_DAYS)
        indicator = None
        if has_capability(actor, Capability.INDICATOR_VIEW):  # type: ignore[arg-type]
            indicator = engagement_indicator_for(actor=actor, since=since)  # type: ignore[arg-type]
        context = {
            "register": engagement_register(actor=actor) if register else None,  # type: ignore[arg-type]
            "can_record": register and has_capability(actor, Capability.PLACE_RECORD),  # type: ignore[arg-type]
            "form": form or EngagementForm(),
            "indicator": indicator,
            "since": since,
        }
        return render(request, "places/engagement.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        if not has_capability(request.user, Capability.PLACE_RECORD):  # type: ignore[arg-type]
            raise NotFoundOrForbidden()
        form = EngagementForm(request.POST)
        if form.is_valid():
            try:
                engagement_record(
                    actor=request.user,  # type: ignore[arg-type]
                    organisation_id=UUID(form.cleaned_data["organisation"]),
                    training_given=form.cleaned_data["training_given"],
                    given_on=form.cleaned_data["given_on"],
                    contact_name=form.cleaned_data["contact_name"],
                    contact_details=form.cleaned_data["contact_details"],
                    notes=form.cleaned_data["notes"],
                )
            except PlaceInvalid as exc:
                _apply_errors(form, exc.errors)
            else:
                messages.success(request, "Engagement recorded.")
                return HttpResponseRedirect(reverse("places:engagement"))
        return self._render(request, form, status=400)
