"""Referral pages: send, the partner's acknowledgement and decision, strategy discussions."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.referrals.rules.codes import ReferralStatus
from safeguard.referrals.selectors import (
    referral_get,
    referral_list,
    referral_reference_in_scope,
    strategy_discussion_list,
)
from safeguard.referrals.services import (
    Attendee,
    ReferralInvalid,
    referral_acknowledge,
    referral_decide,
    strategy_discussion_record,
)
from safeguard.referrals.web.forms import (
    DecisionForm,
    StrategyDiscussionForm,
    apply_field_errors,
)
from safeguard.referrals.web.views.common import PurposeView, as_london
from safeguard.web.purposes import purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


class ReferralListView(CapabilityView):
    required_capability = Capability.REFERRAL_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "referrals/referral_list.html",
            {"referrals": referral_list(actor=acting_user(request))},
        )


class ReferralPurposeView(PurposeView):
    detail_route = "referrals:referral-detail"
    kwarg = "referral_id"

    def _reference(self, request: HttpRequest, record_id: UUID) -> str:
        return referral_reference_in_scope(actor=acting_user(request), referral_id=record_id)


def _referral_page(
    request: HttpRequest,
    referral_id: UUID,
    *,
    decision_form: DecisionForm | None = None,
    strategy_form: StrategyDiscussionForm | None = None,
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
        "can_strategy": has_capability(actor, Capability.STRATEGY_RECORD),
        "strategy_form": strategy_form or StrategyDiscussionForm(),
        "discussions": strategy_discussion_list(referral=referral),
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


class StrategyDiscussionRecordView(CapabilityView):
    required_capability = Capability.STRATEGY_RECORD

    def post(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        referral_reference_in_scope(actor=actor, referral_id=referral_id)
        form = StrategyDiscussionForm(request.POST)
        if form.is_valid():
            try:
                strategy_discussion_record(
                    actor=actor,
                    referral_id=referral_id,
                    held_at=as_london(form.cleaned_data["held_at"]),
                    attendees=[Attendee(name, agency) for name, agency in form.attendee_list()],
                    police_actions=form.cleaned_data["police_actions"],
                    outcome=form.cleaned_data["outcome"],
                )
            except ReferralInvalid as exc:
                apply_field_errors(form, exc.errors)
            else:
                messages.success(request, "Strategy discussion recorded.")
                return HttpResponseRedirect(
                    reverse("referrals:referral-detail", kwargs={"referral_id": referral_id})
                )
        state_purpose(
            request, referral_id, stated_purpose(request, referral_id) or "Strategy discussion"
        )
        return _referral_page(request, referral_id, strategy_form=form, status=400)
