"""Missing-children pages for what follows the report: review, alert, found, interviews, patterns."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.missing.selectors import episode_reference_in_scope
from safeguard.missing.services import (
    EpisodeInvalid,
    FoundDetails,
    NrmDetails,
    RiskInformationDetails,
    child_rescue_alert_record,
    episode_found,
    episode_review,
    nrm_decision_record,
    nrm_referral_record,
    prevention_interview_record,
    risk_information_add,
    screening_complete,
    strategy_discussion_record,
)
from safeguard.missing.web.forms import (
    CraForm,
    FoundForm,
    NrmDecisionForm,
    NrmForm,
    PreventionInterviewForm,
    ReviewForm,
    RiskInformationForm,
    ScreeningForm,
    StrategyForm,
)
from safeguard.missing.web.views.common import apply_errors, optional_uuid, to_episode
from safeguard.missing.web.views.episode import episode_page
from safeguard.risk.services import (
    RiskAssessmentAlreadyReviewed,
    RiskAssessmentInvalid,
    RiskAssessmentSelfReview,
)
from safeguard.web.views import CapabilityView


class _EpisodeFormView(CapabilityView):
    """POST a small form shown on the episode page; errors show on the page in place."""

    form_class: type[forms.Form]
    context_name: str
    success: str

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(request, episode_id, form.cleaned_data)
            except (EpisodeInvalid, RiskAssessmentInvalid) as exc:
                apply_errors(form, exc.errors)
            except (RiskAssessmentSelfReview, RiskAssessmentAlreadyReviewed) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, self.success)
                return to_episode(episode_id)
        return episode_page(request, episode_id, status=400, **{self.context_name: form})


class CraView(_EpisodeFormView):
    required_capability = Capability.MISSING_RECORD
    form_class = CraForm
    context_name = "cra_form"
    success = "Child Rescue Alert decision recorded."

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        child_rescue_alert_record(
            actor=acting_user(request),
            episode_id=episode_id,
            decision=data["decision"],
            reason=data["reason"],
        )


class ReviewView(_EpisodeFormView):
    required_capability = Capability.RISK_REVIEW
    form_class = ReviewForm
    context_name = "review_form"
    success = "Review recorded. The next review time is set."

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        assessment_id = optional_uuid(request.POST.get("assessment_id"))
        if assessment_id is None:
            raise EpisodeInvalid({"agreed": ["Review the current grading from the episode page"]})
        episode_review(
            actor=acting_user(request),
            episode_id=episode_id,
            assessment_id=assessment_id,
            agreed=data["agreed"] == "yes",
            level=data["level"] or None,
            note=data["note"],
            delay_reason=data["delay_reason"],
        )


class RiskInformationAddView(_EpisodeFormView):
    required_capability = Capability.MISSING_RECORD
    form_class = RiskInformationForm
    context_name = "risk_form"
    success = "Risk information added."

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        risk_information_add(
            actor=acting_user(request),
            episode_id=episode_id,
            items=[
                RiskInformationDetails(
                    information=data["information"],
                    supplied_by=data["supplied_by"],
                    supplied_by_contact=data["supplied_by_contact"],
                    obtained_at=data["obtained_at"],
                )
            ],
        )


class StrategyView(_EpisodeFormView):
    required_capability = Capability.STRATEGY_RECORD
    form_class = StrategyForm
    context_name = "strategy_form"
    success = "Strategy discussion recorded."

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        prompt_id = optional_uuid(request.POST.get("prompt_id"))
        if prompt_id is None:
            raise EpisodeInvalid({"note": ["Record it against the repeat-missing prompt"]})
        strategy_discussion_record(
            actor=acting_user(request),
            prompt_id=prompt_id,
            held_at=data["held_at"],
            note=data["note"],
        )


class ScreeningView(_EpisodeFormView):
    required_capability = Capability.EXPLOITATION_SCREEN
    form_class = ScreeningForm
    context_name = "screening_form"
    success = "Exploitation screening recorded."

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        screening_id = optional_uuid(request.POST.get("screening_id"))
        if screening_id is None:
            raise EpisodeInvalid({"outcome": ["Choose the screening to complete"]})
        screening_complete(
            actor=acting_user(request),
            screening_id=screening_id,
            outcome=data["outcome"],
            note=data["note"],
        )


class NrmView(_EpisodeFormView):
    required_capability = Capability.EXPLOITATION_SCREEN
    form_class = NrmForm
    context_name = "nrm_form"
    success = "National Referral Mechanism referral recorded."

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        nrm_referral_record(
            actor=acting_user(request),
            episode_id=episode_id,
            details=NrmDetails(
                exploitation_type=data["exploitation_type"],
                referred_on=data["referred_on"],
                first_responder=data["first_responder"],
                nrm_reference=data["nrm_reference"],
                reasonable_grounds=data["reasonable_grounds"] or "PENDING",
                reasonable_grounds_on=data["reasonable_grounds_on"],
                conclusive_grounds=data["conclusive_grounds"] or "PENDING",
                conclusive_grounds_on=data["conclusive_grounds_on"],
                ictg_referred_on=data["ictg_referred_on"],
                victim_not_offender=data["victim_not_offender"],
            ),
        )


class NrmDecisionView(_EpisodeFormView):
    required_capability = Capability.EXPLOITATION_SCREEN
    form_class = NrmDecisionForm
    context_name = "nrm_decision_form"
    success = "NRM decisions recorded."

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> None:
        referral_id = optional_uuid(request.POST.get("referral_id"))
        if referral_id is None:
            raise EpisodeInvalid({"reasonable_grounds": ["Choose the NRM referral"]})
        nrm_decision_record(
            actor=acting_user(request),
            referral_id=referral_id,
            reasonable_grounds=data["reasonable_grounds"] or "PENDING",
            reasonable_grounds_on=data["reasonable_grounds_on"],
            conclusive_grounds=data["conclusive_grounds"] or "PENDING",
            conclusive_grounds_on=data["conclusive_grounds_on"],
        )


def _step_page(
    request: HttpRequest,
    episode_id: UUID,
    form: forms.Form,
    *,
    title: str,
    button: str,
    status: int = 200,
) -> HttpResponse:
    reference = episode_reference_in_scope(actor=acting_user(request), episode_id=episode_id)
    context = {
        "form": form,
        "reference": reference,
        "episode_id": episode_id,
        "title": title,
        "button": button,
    }
    return render(request, "missing/episode_step.html", context, status=status)


class _StepView(CapabilityView):
    """A step on its own page (found, prevention interview); errors show in place."""

    form_class: type[forms.Form]
    title: str
    button: str

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> str:
        """Do the step; return the message for the officer."""
        raise NotImplementedError

    def get(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        return _step_page(
            request, episode_id, self.form_class(), title=self.title, button=self.button
        )

    def post(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                message = self.act(request, episode_id, form.cleaned_data)
            except EpisodeInvalid as exc:
                apply_errors(form, exc.errors)
            else:
                messages.success(request, message)
                return to_episode(episode_id)
        return _step_page(
            request, episode_id, form, title=self.title, button=self.button, status=400
        )


class FoundView(_StepView):
    required_capability = Capability.MISSING_RECORD
    form_class = FoundForm
    title = "Record the child found"
    button = "Record found and request the return interview"

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> str:
        episode = episode_found(
            actor=acting_user(request),
            episode_id=episode_id,
            details=FoundDetails(
                found_at=data["found_at"],
                found_place=data["found_place"],
                found_by=data["found_by"],
                condition=data["condition"],
                return_interview_organisation_id=optional_uuid(
                    data["return_interview_organisation"]
                ),
                exploitation_indicators=tuple(data["exploitation_indicators"]),
            ),
        )
        assert episode.return_interview_organisation is not None
        return (
            "Found recorded. Return interview requested from "
            f"{episode.return_interview_organisation.name}."
        )


class PreventionInterviewView(_StepView):
    required_capability = Capability.MISSING_RECORD
    form_class = PreventionInterviewForm
    title = "Record the prevention (safe and well) interview"
    button = "Record the interview"

    def act(self, request: HttpRequest, episode_id: UUID, data: dict[str, Any]) -> str:
        prevention_interview_record(
            actor=acting_user(request),
            episode_id=episode_id,
            held_at=data["held_at"],
            summary=data["summary"],
            debrief_intelligence=data["debrief_intelligence"],
            exploitation_indicators=data["exploitation_indicators"],
            delay_reason=data["delay_reason"],
        )
        return "Prevention interview recorded."
