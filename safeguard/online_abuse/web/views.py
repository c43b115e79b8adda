"""Online CSEA referral pages (issue 7): the queue, import and record, and the referral."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.core import clock
from safeguard.online_abuse.policies import referral_in_scope
from safeguard.online_abuse.rules.codes import ChildDecision, Stage
from safeguard.online_abuse.rules.package import PackageInvalid
from safeguard.online_abuse.selectors import referral_get, referral_queue
from safeguard.online_abuse.services import (
    CaseworkRefused,
    ImportFileInvalid,
    ReferralDuplicate,
    child_decide,
    referral_advance,
    referral_grade,
    referral_receive,
    referrals_import,
)
from safeguard.online_abuse.web.forms import (
    AdvanceForm,
    ChildDecisionForm,
    ImportForm,
    ReferralForm,
)
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.rules.kirat import KIRAT_CODE
from safeguard.risk.services import RiskAssessmentInvalid
from safeguard.risk.web.forms import InstrumentForm, instrument_form_class
from safeguard.web.purposes import PurposeForm, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView

MAX_FILE_BYTES = 5 * 1024 * 1024


def _detail(referral_id: UUID) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("online_abuse:referral-detail", kwargs={"referral_id": referral_id})
    )


def kirat_form(data: Any = None) -> InstrumentForm:
    return instrument_form_class(instrument_get(KIRAT_CODE))(data, prefix="kirat")


class QueueView(CapabilityView):
    required_capability = Capability.ONLINE_REFERRAL_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = referral_queue(actor=request.user)  # type: ignore[arg-type]
        return render(request, "online_abuse/queue.html", {"rows": rows, "now": clock.now()})


class ImportView(CapabilityView):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "online_abuse/import.html", {"form": ImportForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("file", "The file is larger than 5 MB; split it.")
            else:
                try:
                    text = upload.read().decode("utf-8")
                    report = referrals_import(actor=request.user, text=text)  # type: ignore[arg-type]
                except UnicodeDecodeError:
                    form.add_error("file", "The file is not UTF-8 text.")
                except ImportFileInvalid as exc:
                    form.add_error("file", str(exc))
        status = 200 if report is not None else 400
        return render(
            request, "online_abuse/import.html", {"form": form, "report": report}, status=status
        )


class ReferralCreateView(CapabilityView):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "online_abuse/referral_form.html", {"form": ReferralForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ReferralForm(request.POST)
        if form.is_valid():
            try:
                referral = referral_receive(actor=request.user, data=form.package())  # type: ignore[arg-type]
            except PackageInvalid as exc:
                for error in exc.errors:
                    form.add_error(None, error)
            except ReferralDuplicate as exc:
                form.add_error(None, str(exc))
            else:
                state_purpose(request, referral.pk, "Recording this referral")
                messages.success(request, f"Referral recorded as {referral.reference}.")
                return _detail(referral.pk)
        return render(request, "online_abuse/referral_form.html", {"form": form}, status=400)


def render_referral(
    request: HttpRequest,
    referral_id: UUID,
    purpose: str,
    *,
    grade_form: InstrumentForm | None = None,
    advance_form: AdvanceForm | None = None,
    child_errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    record = referral_get(actor=request.user, referral_id=referral_id, purpose=purpose)  # type: ignore[arg-type]
    context = {
        "record": record,
        "referral": record.referral,
        "purpose": purpose,
        "grade_form": grade_form or kirat_form(),
        "advance_form": advance_form or AdvanceForm(),
        "child_form": ChildDecisionForm(),
        "child_errors": child_errors or {},
        "today": clock.today_in_london(),
    }
    return render(request, "online_abuse/referral_detail.html", context, status=status)


class ReferralDetailView(CapabilityView):
    """The referral; asks once per record and session why it is opened (DPA 2018 s.62(2))."""

    required_capability = Capability.ONLINE_REFERRAL_VIEW

    def get(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, referral_id)
        if purpose is None:
            referral = referral_in_scope(request.user, referral_id)  # type: ignore[arg-type]
            context = {"form": PurposeForm(), "reference": referral.reference}
            return render(request, "online_abuse/purpose.html", context)
        return render_referral(request, referral_id, purpose)

    def post(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        referral = referral_in_scope(request.user, referral_id)  # type: ignore[arg-type]
        form = PurposeForm(request.POST)
        if not form.is_valid():
            context = {"form": form, "reference": referral.reference}
            return render(request, "online_abuse/purpose.html", context, status=400)
        state_purpose(request, referral_id, form.purpose_text())
        return _detail(referral_id)


def _purpose(request: HttpRequest, referral_id: UUID) -> str:
    return stated_purpose(request, referral_id) or "Working this referral"


class GradeView(CapabilityView):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    def post(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        form = kirat_form(request.POST)
        if form.is_valid():
            try:
                assessment = referral_grade(
                    actor=request.user,  # type: ignore[arg-type]
                    referral_id=referral_id,
                    answers=form.answers(),
                    officer_level=form.chosen_level(),
                    rationale=form.cleaned_data["rationale"],
                )
            except RiskAssessmentInvalid as exc:
                form.apply_errors(exc.errors)
            except CaseworkRefused as exc:
                form.apply_errors(exc.errors)
            else:
                level = assessment.final_level.replace("_", " ").lower()
                messages.success(request, f"Graded {level} with KIRAT.")
                return _detail(referral_id)
        return render_referral(
            request, referral_id, _purpose(request, referral_id), grade_form=form, status=400
        )


class AdvanceView(CapabilityView):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    def post(self, request: HttpRequest, referral_id: UUID) -> HttpResponse:
        form = AdvanceForm(request.POST)
        if form.is_valid():
            try:
                referral_advance(
                    actor=request.user,  # type: ignore[arg-type]
                    referral_id=referral_id,
                    stage=Stage(form.cleaned_data["stage"]),
                    occurred_at=form.cleaned_data["occurred_at"],
                    note=form.cleaned_data["note"],
                )
            except CaseworkRefused as exc:
                for field, errors in exc.errors.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, "Stage recorded.")
                return _detail(referral_id)
        return render_referral(
            request, referral_id, _purpose(request, referral_id), advance_form=form, status=400
        )


class ChildDecisionView(CapabilityView):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    def post(self, request: HttpRequest, referral_id: UUID, row_id: UUID) -> HttpResponse:
        referral_in_scope(request.user, referral_id)  # type: ignore[arg-type]
        form = ChildDecisionForm(request.POST)
        error = ""
        if form.is_valid():
            try:
                child_decide(
                    actor=request.user,  # type: ignore[arg-type]
                    child_row_id=row_id,
                    decision=ChildDecision(form.cleaned_data["decision"]),
                    reason=form.cleaned_data["reason"],
                )
            except CaseworkRefused as exc:
                error = str(exc)
            else:
                messages.success(request, "Decision recorded.")
                return _detail(referral_id)
        else:
            error = "Choose a decision and give the reason."
        return render_referral(
            request,
            referral_id,
            _purpose(request, referral_id),
            child_errors={str(row_id): error},
            status=400,
        )
