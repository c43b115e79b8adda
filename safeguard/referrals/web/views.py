"""Referral pages: record a concern, the MASH queue, triage and refer, and the partner's reply."""

from __future__ import annotations

from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.accounts.selectors import social_care_choices
from safeguard.incidents.services import OccurrenceInvalid
from safeguard.people.selectors import person_id_for_reference
from safeguard.referrals.rules.codes import ConcernStatus, ReferralStatus, TriageDecision
from safeguard.referrals.selectors import (
    concern_get,
    concern_reference_in_scope,
    referral_get,
    referral_list,
    referral_reference_in_scope,
    triage_queue,
)
from safeguard.referrals.services import (
    ConcernDetails,
    ReferralDetails,
    ReferralInvalid,
    concern_record,
    concern_triage,
    referral_acknowledge,
    referral_decide,
    referral_send,
)
from safeguard.referrals.web.forms import (
    ConcernForm,
    DecisionForm,
    ReferralForm,
    TriageForm,
    apply_field_errors,
)
from safeguard.web.purposes import PurposeForm, purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView

LONDON = ZoneInfo("Europe/London")


class ConcernCreateView(CapabilityView):
    required_capability = Capability.CONCERN_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        # A key per form: submitting the same form twice records one concern.
        context = {"form": ConcernForm(), "submission_key": uuid4().hex}
        return render(request, "referrals/concern_form.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        actor = acting_user(request)
        form = ConcernForm(request.POST)
        if form.is_valid():
            child_id = person_id_for_reference(
                actor=actor, reference=form.cleaned_data["child_reference"]
            )
            if child_id is None:
                form.add_error("child_reference", "No person you can see has that reference")
            else:
                occurred_at = form.cleaned_data["occurred_at"]
                if occurred_at.tzinfo is None:
                    occurred_at = occurred_at.replace(tzinfo=LONDON)
                try:
                    concern = concern_record(
                        actor=actor,
                        details=ConcernDetails(
                            child_id=child_id,
                            occurred_at=occurred_at,
                            location=form.cleaned_data["location"],
                            summary=form.cleaned_data["summary"],
                            voice=form.voice(),
                        ),
                        idempotency_key=request.POST.get("submission_key", ""),
                    )
                except OccurrenceInvalid as exc:
                    form.apply_errors(exc.errors)
                else:
                    state_purpose(request, concern.pk, "Recording this concern")
                    messages.success(
                        request, f"Concern {concern.reference} sent to the MASH for triage."
                    )
                    return HttpResponseRedirect(
                        reverse("referrals:concern-detail", kwargs={"concern_id": concern.pk})
                    )
        context = {"form": form, "submission_key": request.POST.get("submission_key", "")}
        return render(request, "referrals/concern_form.html", context, status=400)


class TriageQueueView(CapabilityView):
    required_capability = Capability.TRIAGE_WORK

    def get(self, request: HttpRequest) -> HttpResponse:
        concerns = triage_queue(actor=acting_user(request))
        return render(request, "referrals/triage_queue.html", {"concerns": concerns})


class _PurposeView(CapabilityView):
    """Ask why the user opens a concern or referral (once per record and session)."""

    required_capability = Capability.REFERRAL_VIEW
    detail_route = ""
    kwarg = ""

    def _reference(self, request: HttpRequest, record_id: UUID) -> str:
        raise NotImplementedError

    def get(self, request: HttpRequest, **kwargs: UUID) -> HttpResponse:
        reference = self._reference(request, kwargs[self.kwarg])
        return render(
            request, "people/purpose.html", {"form": PurposeForm(), "reference": reference}
        )

    def post(self, request: HttpRequest, **kwargs: UUID) -> HttpResponse:
        record_id = kwargs[self.kwarg]
        reference = self._reference(request, record_id)
        form = PurposeForm(request.POST)
        if form.is_valid():
            state_purpose(request, record_id, form.purpose_text())
            return HttpResponseRedirect(reverse(self.detail_route, kwargs={self.kwarg: record_id}))
        return render(
            request, "people/purpose.html", {"form": form, "reference": reference}, status=400
        )


class ConcernPurposeView(_PurposeView):
    detail_route = "referrals:concern-detail"
    kwarg = "concern_id"

    def _reference(self, request: HttpRequest, record_id: UUID) -> str:
        return concern_reference_in_scope(actor=acting_user(request), concern_id=record_id)


class ReferralPurposeView(_PurposeView):
    detail_route = "referrals:referral-detail"
    kwarg = "referral_id"

    def _reference(self, request: HttpRequest, record_id: UUID) -> str:
        return referral_reference_in_scope(actor=acting_user(request), referral_id=record_id)


def _concern_page(
    request: HttpRequest,
    concern_id: UUID,
    *,
    triage_form: TriageForm | None = None,
    referral_form: ReferralForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = acting_user(request)
    purpose = stated_purpose(request, concern_id)
    if purpose is None:
        concern_reference_in_scope(actor=actor, concern_id=concern_id)
        return purpose_redirect(
            reverse("referrals:concern-purpose", kwargs={"concern_id": concern_id}), request.path
        )
    concern = concern_get(actor=actor, concern_id=concern_id, purpose=purpose)
    can_triage = concern.status == ConcernStatus.AWAITING_TRIAGE and has_capability(
        actor, Capability.TRIAGE_WORK
    )
    can_refer = (
        concern.status == ConcernStatus.TRIAGED
        and concern.triage_decision == TriageDecision.REFER_TO_SOCIAL_CARE
        and has_capability(actor, Capability.REFERRAL_SEND)
    )
    context = {
        "concern": concern,
        "purpose": purpose,
        "can_triage": can_triage,
        "can_refer": can_refer,
        "triage_form": triage_form or TriageForm(),
        "referral_form": referral_form or ReferralForm(organisations=social_care_choices()),
    }
    return render(request, "referrals/concern_detail.html", context, status=status)


class ConcernDetailView(CapabilityView):
    required_capability = Capability.REFERRAL_VIEW

    def get(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        return _concern_page(request, concern_id)


class ConcernTriageView(CapabilityView):
    required_capability = Capability.TRIAGE_WORK

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        concern_reference_in_scope(actor=actor, concern_id=concern_id)
        form = TriageForm(request.POST)
        if form.is_valid():
            try:
                concern_triage(actor=actor, concern_id=concern_id, **form.cleaned_data)
            except ReferralInvalid as exc:
                apply_field_errors(form, exc.errors)
            else:
                messages.success(request, "Triage recorded.")
                return HttpResponseRedirect(
                    reverse("referrals:concern-detail", kwargs={"concern_id": concern_id})
                )
        state_purpose(request, concern_id, stated_purpose(request, concern_id) or "MASH triage")
        return _concern_page(request, concern_id, triage_form=form, status=400)


class ReferralSendView(CapabilityView):
    required_capability = Capability.REFERRAL_SEND

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        concern_reference_in_scope(actor=actor, concern_id=concern_id)
        form = ReferralForm(request.POST, organisations=social_care_choices())
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = referral_send(
                    actor=actor,
                    concern_id=concern_id,
                    details=ReferralDetails(
                        recipient_organisation_id=UUID(data["recipient_organisation"]),
                        method=data["method"],
                        reason=data["reason"],
                        recipient_name=data["recipient_name"],
                    ),
                )
            except ReferralInvalid as exc:
                apply_field_errors(form, exc.errors)
            else:
                state_purpose(request, referral.pk, "Referral to a partner")
                messages.success(
                    request,
                    f"Referral {referral.reference} sent. The decision is due within one working day.",
                )
                return HttpResponseRedirect(
                    reverse("referrals:referral-detail", kwargs={"referral_id": referral.pk})
                )
        state_purpose(
            request, concern_id, stated_purpose(request, concern_id) or "Referral to a partner"
        )
        return _concern_page(request, concern_id, referral_form=form, status=400)


class ReferralListView(CapabilityView):
    required_capability = Capability.REFERRAL_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "referrals/referral_list.html",
            {"referrals": referral_list(actor=acting_user(request))},
        )


def _referral_page(
    request: HttpRequest,
    referral_id: UUID,
    *,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = acting_user(request)
    purpose = stated_purpose(request, referral_id)
    if purpose is None:
        referral_reference_in_scope(actor=actor, referral_id=referral_id)
        return purpose_redirect(
            reverse("referrals:referral-purpose", kwargs={"referral_id": referral_id}), request.path
        )
    referral, clocks = referral_get(actor=actor, referral_id=referral_id, purpose=purpose)
    can_respond = (
        has_capability(actor, Capability.REFERRAL_RESPOND)
        and referral.status != ReferralStatus.DECIDED
    )
    context = {
        "referral": referral,
        "clocks": clocks,
        "purpose": purpose,
        "can_respond": can_respond,
        "can_acknowledge": can_respond and referral.status == ReferralStatus.SENT,
        "decision_form": decision_form or DecisionForm(),
    }
    return render(request, "referrals/referral_detail.html", context, status=status)


class ReferralDetailView(CapabilityView):
    required_capability = Capability.REFERRAL_VIEW

    def get(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        return _referral_page(request, referral_id)


class ReferralAcknowledgeView(CapabilityView):
    required_capability = Capability.REFERRAL_RESPOND

    def post(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        try:
            referral_acknowledge(actor=acting_user(request), referral_id=referral_id)
        except ReferralInvalid as exc:
            messages.error(request, " ".join(m for ms in exc.errors.values() for m in ms))
        else:
            messages.success(request, "Receipt acknowledged.")
        return HttpResponseRedirect(
            reverse("referrals:referral-detail", kwargs={"referral_id": referral_id})
        )


class ReferralDecideView(CapabilityView):
    required_capability = Capability.REFERRAL_RESPOND

    def post(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        referral_reference_in_scope(actor=actor, referral_id=referral_id)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                referral_decide(actor=actor, referral_id=referral_id, **form.cleaned_data)
            except ReferralInvalid as exc:
                apply_field_errors(form, exc.errors)
            else:
                messages.success(request, "Decision recorded.")
                return HttpResponseRedirect(
                    reverse("referrals:referral-detail", kwargs={"referral_id": referral_id})
                )
        state_purpose(
            request, referral_id, stated_purpose(request, referral_id) or "Recording our decision"
        )
        return _referral_page(request, referral_id, decision_form=form, status=400)
