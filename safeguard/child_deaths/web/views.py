"""Child-death pages (issue 8): responses, one response with its checklist, the rota."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.child_deaths.policies import response_in_scope
from safeguard.child_deaths.rules.codes import CRITERION_LABELS, Duty, SiblingDecision
from safeguard.child_deaths.selectors import my_asks, response_get, responses_open, rota_view
from safeguard.child_deaths.services import (
    ChildDeathInvalid,
    ResponseDetails,
    assignment_accept,
    checklist_item_record,
    household_child_decide,
    response_start,
    shift_record,
    training_record,
)
from safeguard.child_deaths.web.forms import (
    HouseholdDecisionForm,
    ItemForm,
    ResponseForm,
    ShiftForm,
    TrainingForm,
)
from safeguard.core import clock
from safeguard.people.selectors import person_id_for_reference
from safeguard.web.purposes import PurposeForm, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


def _detail(response_id: UUID) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("child_deaths:response-detail", kwargs={"response_id": response_id})
    )


def _apply(form: Any, exc: ChildDeathInvalid) -> None:
    for field, errors in exc.errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


class ResponseListView(CapabilityView):
    required_capability = Capability.CHILD_DEATH_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "rows": responses_open(actor=request.user),  # type: ignore[arg-type]
            "asks": my_asks(actor=request.user),  # type: ignore[arg-type]
        }
        return render(request, "child_deaths/response_list.html", context)


class ResponseCreateView(CapabilityView):
    required_capability = Capability.CHILD_DEATH_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"reported_at": clock.now().astimezone().strftime("%Y-%m-%dT%H:%M")}
        return render(
            request, "child_deaths/response_form.html", {"form": ResponseForm(initial=initial)}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ResponseForm(request.POST)
        if form.is_valid():
            child_id = person_id_for_reference(
                actor=request.user,  # type: ignore[arg-type]
                reference=form.cleaned_data["child_reference"],
            )
            if child_id is None:
                form.add_error("child_reference", "No person you may see has that reference.")
            else:
                data = form.cleaned_data
                try:
                    response = response_start(
                        actor=request.user,  # type: ignore[arg-type]
                        details=ResponseDetails(
                            child_id=child_id,
                            died_at=data["died_at"],
                            reported_at=data["reported_at"],
                            place=data["place"],
                            circumstances=data["circumstances"],
                            criteria=data["criteria"],
                            concerns=data["concerns"],
                        ),
                    )
                except ChildDeathInvalid as exc:
                    _apply(form, exc)
                else:
                    state_purpose(request, response.pk, "Recording this response")
                    messages.success(
                        request, f"Joint Agency Response {response.reference} started."
                    )
                    return _detail(response.pk)
        return render(request, "child_deaths/response_form.html", {"form": form}, status=400)


def render_response(
    request: HttpRequest,
    response_id: UUID,
    purpose: str,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    record = response_get(actor=request.user, response_id=response_id, purpose=purpose)  # type: ignore[arg-type]
    context = {
        "record": record,
        "response": record.response,
        "purpose": purpose,
        "criteria": [
            CRITERION_LABELS[c] for c in CRITERION_LABELS if c.value in record.response.criteria
        ],
        "decisions": [(d.value, d.value.replace("_", " ").capitalize()) for d in SiblingDecision],
        "errors": errors or {},
        "now": clock.now(),
        "mine": next(
            (
                a
                for a in record.assignments
                if a.officer_id == request.user.pk and a.state == "OFFERED"
            ),
            None,
        ),
    }
    return render(request, "child_deaths/response_detail.html", context, status=status)


class ResponseDetailView(CapabilityView):
    required_capability = Capability.CHILD_DEATH_VIEW

    def get(self, request: HttpRequest, response_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, response_id)
        if purpose is None:
            response = response_in_scope(request.user, response_id)  # type: ignore[arg-type]
            return render(
                request,
                "child_deaths/purpose.html",
                {"form": PurposeForm(), "reference": response.reference},
            )
        return render_response(request, response_id, purpose)

    def post(self, request: HttpRequest, response_id: UUID) -> HttpResponse:
        response = response_in_scope(request.user, response_id)  # type: ignore[arg-type]
        form = PurposeForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "child_deaths/purpose.html",
                {"form": form, "reference": response.reference},
                status=400,
            )
        state_purpose(request, response_id, form.purpose_text())
        return _detail(response_id)


def _purpose(request: HttpRequest, response_id: UUID) -> str:
    return stated_purpose(request, response_id) or "Working this response"


class AcceptView(CapabilityView):
    required_capability = Capability.CHILD_DEATH_RECORD

    def post(self, request: HttpRequest, response_id: UUID) -> HttpResponse:
        try:
            assignment_accept(actor=request.user, response_id=response_id)  # type: ignore[arg-type]
        except ChildDeathInvalid as exc:
            messages.error(request, str(exc))
        else:
            state_purpose(request, response_id, "Responding to this death as the trained officer")
            messages.success(request, "You have accepted this response.")
        return _detail(response_id)


class ItemView(CapabilityView):
    required_capability = Capability.CHILD_DEATH_RECORD

    def post(self, request: HttpRequest, response_id: UUID, item_id: UUID) -> HttpResponse:
        response_in_scope(request.user, response_id)  # type: ignore[arg-type]
        form = ItemForm(request.POST)
        error = "Give a time in the form shown, or a reason."
        if form.is_valid():
            try:
                checklist_item_record(
                    actor=request.user,  # type: ignore[arg-type]
                    item_id=item_id,
                    done_at=form.cleaned_data["done_at"],
                    not_applicable_reason=form.cleaned_data["not_applicable_reason"],
                )
            except ChildDeathInvalid as exc:
                error = str(exc)
            else:
                messages.success(request, "Step recorded.")
                return _detail(response_id)
        return render_response(
            request,
            response_id,
            _purpose(request, response_id),
            errors={str(item_id): error},
            status=400,
        )


class HouseholdChildView(CapabilityView):
    required_capability = Capability.CHILD_DEATH_RECORD

    def post(self, request: HttpRequest, response_id: UUID, row_id: UUID) -> HttpResponse:
        response_in_scope(request.user, response_id)  # type: ignore[arg-type]
        form = HouseholdDecisionForm(request.POST)
        error = "Choose a decision and give the reason."
        if form.is_valid():
            try:
                household_child_decide(
                    actor=request.user,  # type: ignore[arg-type]
                    row_id=row_id,
                    decision=SiblingDecision(form.cleaned_data["decision"]),
                    reason=form.cleaned_data["reason"],
                )
            except ChildDeathInvalid as exc:
                error = str(exc)
            else:
                messages.success(request, "Decision recorded.")
                return _detail(response_id)
        return render_response(
            request,
            response_id,
            _purpose(request, response_id),
            errors={str(row_id): error},
            status=400,
        )


class RotaView(CapabilityView):
    required_capability = Capability.CHILD_DEATH_VIEW

    def _render(
        self,
        request: HttpRequest,
        shift_form: ShiftForm,
        training_form: TrainingForm,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "rota": rota_view(actor=request.user),  # type: ignore[arg-type]
            "shift_form": shift_form,
            "training_form": training_form,
        }
        return render(request, "child_deaths/rota.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, ShiftForm(), TrainingForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        shift_form, training_form = ShiftForm(), TrainingForm()
        try:
            if request.POST.get("form") == "training":
                training_form = TrainingForm(request.POST)
                if training_form.is_valid():
                    data = training_form.cleaned_data
                    training_record(
                        actor=request.user,  # type: ignore[arg-type]
                        officer_username=data["officer"],
                        course=data["course"],
                        completed_on=data["completed_on"],
                        expires_on=data["expires_on"],
                    )
                    messages.success(request, "Training recorded.")
                    return HttpResponseRedirect(reverse("child_deaths:rota"))
            else:
                shift_form = ShiftForm(request.POST)
                if shift_form.is_valid():
                    data = shift_form.cleaned_data
                    shift_record(
                        actor=request.user,  # type: ignore[arg-type]
                        officer_username=data["officer"],
                        duty=Duty(data["duty"]),
                        starts_at=data["starts_at"],
                        ends_at=data["ends_at"],
                        rank=data["rank"],
                    )
                    messages.success(request, "Shift recorded.")
                    return HttpResponseRedirect(reverse("child_deaths:rota"))
        except ChildDeathInvalid as exc:
            _apply(training_form if request.POST.get("form") == "training" else shift_form, exc)
        return self._render(request, shift_form, training_form, status=400)
