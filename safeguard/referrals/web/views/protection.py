"""Police protection pages (Children Act 1989 s.46)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.people.selectors import person_id_for_reference
from safeguard.referrals.models import PROTECTION_NOTICE_CHOICES
from safeguard.referrals.selectors import (
    protection_get,
    protection_reference_in_scope,
)
from safeguard.referrals.services import (
    ReferralInvalid,
    police_protection_end,
    police_protection_notice_record,
    police_protection_start,
)
from safeguard.referrals.web.forms import (
    PoliceProtectionForm,
    ProtectionEndForm,
    ProtectionNoticeForm,
    apply_field_errors,
)
from safeguard.referrals.web.views.common import PurposeView, as_london
from safeguard.web.purposes import purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


class PoliceProtectionStartView(CapabilityView):
    required_capability = Capability.POLICE_PROTECTION_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "referrals/protection_form.html", {"form": PoliceProtectionForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        actor = acting_user(request)
        form = PoliceProtectionForm(request.POST)
        if form.is_valid():
            child_id = person_id_for_reference(
                actor=actor, reference=form.cleaned_data["child_reference"]
            )
            if child_id is None:
                form.add_error("child_reference", "No person you can see has that reference")
            else:
                try:
                    protection = police_protection_start(
                        actor=actor,
                        child_id=child_id,
                        starts_at=as_london(form.cleaned_data["starts_at"]),
                        reason=form.cleaned_data["reason"],
                        accommodation=form.cleaned_data["accommodation"],
                    )
                except ReferralInvalid as exc:
                    apply_field_errors(form, exc.errors)
                else:
                    state_purpose(request, protection.pk, "Police protection")
                    messages.success(
                        request, f"{protection.reference}: the 72-hour limit is running."
                    )
                    return HttpResponseRedirect(
                        reverse(
                            "referrals:protection-detail", kwargs={"protection_id": protection.pk}
                        )
                    )
        return render(request, "referrals/protection_form.html", {"form": form}, status=400)


class ProtectionPurposeView(PurposeView):
    detail_route = "referrals:protection-detail"
    kwarg = "protection_id"

    def _reference(self, request: HttpRequest, record_id: UUID) -> str:
        return protection_reference_in_scope(actor=acting_user(request), protection_id=record_id)


def _protection_page(
    request: HttpRequest,
    protection_id: UUID,
    *,
    notice_form: ProtectionNoticeForm | None = None,
    end_form: ProtectionEndForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = acting_user(request)
    purpose = stated_purpose(request, protection_id)
    if purpose is None:
        protection_reference_in_scope(actor=actor, protection_id=protection_id)
        return purpose_redirect(
            reverse("referrals:protection-purpose", kwargs={"protection_id": protection_id}),
            request.path,
        )
    protection, clocks = protection_get(actor=actor, protection_id=protection_id, purpose=purpose)
    given = {n.notice for n in protection.notices.all()}
    context = {
        "protection": protection,
        "clocks": clocks,
        "purpose": purpose,
        "outstanding": [label for code, label in PROTECTION_NOTICE_CHOICES if code not in given],
        "can_record": has_capability(actor, Capability.POLICE_PROTECTION_RECORD)
        and protection.ends_at is None,
        "notice_form": notice_form or ProtectionNoticeForm(),
        "end_form": end_form or ProtectionEndForm(),
    }
    return render(request, "referrals/protection_detail.html", context, status=status)


class ProtectionDetailView(CapabilityView):
    required_capability = Capability.REFERRAL_VIEW

    def get(self, request: HttpRequest, protection_id: UUID) -> HttpResponse:
        return _protection_page(request, protection_id)


class ProtectionNoticeView(CapabilityView):
    required_capability = Capability.POLICE_PROTECTION_RECORD

    def post(self, request: HttpRequest, protection_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        protection_reference_in_scope(actor=actor, protection_id=protection_id)
        form = ProtectionNoticeForm(request.POST)
        if form.is_valid():
            try:
                police_protection_notice_record(
                    actor=actor,
                    protection_id=protection_id,
                    notice=form.cleaned_data["notice"],
                    given_at=as_london(form.cleaned_data["given_at"]),
                    detail=form.cleaned_data["detail"],
                )
            except ReferralInvalid as exc:
                apply_field_errors(form, exc.errors)
            else:
                messages.success(request, "Notice recorded.")
                return HttpResponseRedirect(
                    reverse("referrals:protection-detail", kwargs={"protection_id": protection_id})
                )
        return _protection_page(request, protection_id, notice_form=form, status=400)


class ProtectionEndView(CapabilityView):
    required_capability = Capability.POLICE_PROTECTION_RECORD

    def post(self, request: HttpRequest, protection_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        protection_reference_in_scope(actor=actor, protection_id=protection_id)
        form = ProtectionEndForm(request.POST)
        if form.is_valid():
            try:
                police_protection_end(
                    actor=actor,
                    protection_id=protection_id,
                    ends_at=as_london(form.cleaned_data["ends_at"]),
                    end_reason=form.cleaned_data["end_reason"],
                    delay_reason=form.cleaned_data["delay_reason"],
                )
            except ReferralInvalid as exc:
                apply_field_errors(form, exc.errors)
            else:
                messages.success(request, "Police protection ended.")
                return HttpResponseRedirect(
                    reverse("referrals:protection-detail", kwargs={"protection_id": protection_id})
                )
        return _protection_page(request, protection_id, end_form=form, status=400)
