"""Concern pages: record a concern, the MASH queue, allocation, triage and the grade's review."""

from __future__ import annotations

from uuid import UUID, uuid4

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.accounts.models import User
from safeguard.accounts.selectors import social_care_choices
from safeguard.audit.services import Subject
from safeguard.clocks.selectors import caseload_by_officer
from safeguard.core.exceptions import DomainError
from safeguard.core.rules.calendar import LONDON
from safeguard.incidents.services import OccurrenceInvalid
from safeguard.people.selectors import person_id_for_reference
from safeguard.referrals.models import ChildConcern
from safeguard.referrals.rules.codes import ConcernStatus, TriageDecision
from safeguard.referrals.selectors import (
    concern_clocks,
    concern_get,
    concern_ppn_prefill,
    concern_reference_in_scope,
    triage_queue,
)
from safeguard.referrals.services import (
    ConcernDetails,
    ReferralDetails,
    ReferralInvalid,
    concern_allocate,
    concern_record,
    concern_triage,
    referral_send,
)
from safeguard.referrals.web.forms import (
    AllocationForm,
    ConcernForm,
    ReferralForm,
    RiskReviewForm,
    TriageForm,
    apply_field_errors,
    ppn_form_class,
)
from safeguard.referrals.web.views.common import PurposeView
from safeguard.risk.policies import can_read_risk_assessments, can_review_risk_assessment
from safeguard.risk.selectors import risk_assessment_list_for
from safeguard.risk.services import RiskAssessmentInvalid, risk_assessment_review
from safeguard.risk.web.forms import InstrumentForm
from safeguard.web.purposes import purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


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


class ConcernPurposeView(PurposeView):
    detail_route = "referrals:concern-detail"
    kwarg = "concern_id"

    def _reference(self, request: HttpRequest, record_id: UUID) -> str:
        return concern_reference_in_scope(actor=acting_user(request), concern_id=record_id)


def _split_triage_errors(
    errors: dict[str, list[str]], triage_form: TriageForm, risk_form: InstrumentForm
) -> None:
    risk_keys = {
        k: v
        for k, v in errors.items()
        if k.startswith("answers.") or k in {"officer_level", "level_rationale"}
    }
    risk_form.apply_errors(
        {("rationale" if k == "level_rationale" else k): v for k, v in risk_keys.items()}
    )
    apply_field_errors(triage_form, {k: v for k, v in errors.items() if k not in risk_keys})


def _concern_page(
    request: HttpRequest,
    concern_id: UUID,
    *,
    triage_form: TriageForm | None = None,
    risk_form: InstrumentForm | None = None,
    referral_form: ReferralForm | None = None,
    allocation_form: AllocationForm | None = None,
    review_form: RiskReviewForm | None = None,
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
    assessments = (
        risk_assessment_list_for(actor=actor, subject=Subject.of(concern))
        if can_read_risk_assessments(actor)
        else []
    )
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
        "risk_form": risk_form
        or ppn_form_class()(prefix="risk", initial=concern_ppn_prefill(concern)),
        "referral_form": referral_form or ReferralForm(organisations=social_care_choices()),
        "can_allocate": can_triage_be_allocated(actor, concern),
        "allocation_form": allocation_form
        or AllocationForm(officers=_officer_choices(actor, concern)),
        "clocks": concern_clocks(concern=concern),
        "assessments": assessments,
        "review_form": review_form or RiskReviewForm(),
        "can_review": bool(assessments) and can_review_risk_assessment(actor, assessments[0]),
    }
    return render(request, "referrals/concern_detail.html", context, status=status)


def can_triage_be_allocated(actor: User, concern: ChildConcern) -> bool:
    return concern.status == ConcernStatus.AWAITING_TRIAGE and has_capability(
        actor, Capability.WORK_ALLOCATE
    )


def _officer_choices(actor: User, concern: ChildConcern) -> list[tuple[str, str]]:
    if not can_triage_be_allocated(actor, concern):
        return []
    return [
        (
            str(row.officer.pk),
            f"{row.officer.display_name}: {row.running} running, {row.overdue} overdue",
        )
        for row in caseload_by_officer(actor=actor, team=concern.owning_team)
        if has_capability(row.officer, Capability.TRIAGE_WORK)
    ]


class ConcernAllocateView(CapabilityView):
    required_capability = Capability.WORK_ALLOCATE

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        concern_reference_in_scope(actor=actor, concern_id=concern_id)
        form = AllocationForm(request.POST, officers=[(request.POST.get("officer", ""), "")])
        if form.is_valid():
            try:
                concern_allocate(
                    actor=actor,
                    concern_id=concern_id,
                    officer_id=UUID(form.cleaned_data["officer"]),
                )
            except (ReferralInvalid, ValueError) as exc:
                errors = (
                    exc.errors
                    if isinstance(exc, ReferralInvalid)
                    else {"officer": ["Choose an officer"]}
                )
                apply_field_errors(form, errors)
            else:
                messages.success(request, "Concern allocated.")
                return HttpResponseRedirect(
                    reverse("referrals:concern-detail", kwargs={"concern_id": concern_id})
                )
        state_purpose(request, concern_id, stated_purpose(request, concern_id) or "Allocating work")
        return _concern_page(request, concern_id, allocation_form=form, status=400)


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
        risk_form = ppn_form_class()(request.POST, prefix="risk")
        if form.is_valid() and risk_form.is_valid():
            try:
                concern_triage(
                    actor=actor,
                    concern_id=concern_id,
                    research_notes=form.cleaned_data["research_notes"],
                    decision=form.cleaned_data["decision"],
                    rationale=form.cleaned_data["rationale"],
                    answers=risk_form.answers(),
                    officer_level=risk_form.chosen_level(),
                    level_rationale=str(risk_form.cleaned_data.get("rationale") or ""),
                    delay_reason=form.cleaned_data["delay_reason"],
                )
            except ReferralInvalid as exc:
                _split_triage_errors(exc.errors, form, risk_form)
            else:
                messages.success(request, "Triage recorded.")
                return HttpResponseRedirect(
                    reverse("referrals:concern-detail", kwargs={"concern_id": concern_id})
                )
        state_purpose(request, concern_id, stated_purpose(request, concern_id) or "MASH triage")
        return _concern_page(request, concern_id, triage_form=form, risk_form=risk_form, status=400)


class ConcernRiskReviewView(CapabilityView):
    """A supervisor agrees with, or changes, the RAG grade of a concern (awaiting approval)."""

    required_capability = Capability.RISK_REVIEW

    def post(self, request: HttpRequest, concern_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        concern_reference_in_scope(actor=actor, concern_id=concern_id)
        form = RiskReviewForm(request.POST)
        assessment_id = request.POST.get("assessment_id", "")
        if form.is_valid():
            try:
                risk_assessment_review(
                    actor=actor,
                    assessment_id=UUID(assessment_id),
                    agreed=form.cleaned_data["agreed"] == "yes",
                    level=form.cleaned_data["level"] or None,
                    note=form.cleaned_data["note"],
                )
            except RiskAssessmentInvalid as exc:
                apply_field_errors(form, exc.errors)
            except (DomainError, ValueError) as exc:
                form.add_error(None, str(exc) or "This review cannot be recorded.")
            else:
                messages.success(request, "Review recorded.")
                return HttpResponseRedirect(
                    reverse("referrals:concern-detail", kwargs={"concern_id": concern_id})
                )
        state_purpose(
            request, concern_id, stated_purpose(request, concern_id) or "Supervision or review"
        )
        return _concern_page(request, concern_id, review_form=form, status=400)


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
