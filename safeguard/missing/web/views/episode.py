"""Missing-children pages for police: the list, the report, the episode and its grading."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.missing.models import MissingEpisode
from safeguard.missing.rules.codes import (
    EPISODE_STATUS_LABELS,
    EXPLOITATION_INDICATOR_LABELS,
    EpisodeStatus,
)
from safeguard.missing.selectors import episode_get, episode_list, episode_reference_in_scope
from safeguard.missing.services import (
    AlreadyMissing,
    EpisodeInvalid,
    ReportDetails,
    RiskInformationDetails,
    episode_grade,
    missing_report_record,
)
from safeguard.missing.web.forms import (
    CraForm,
    FoundForm,
    NrmDecisionForm,
    NrmForm,
    PreventionInterviewForm,
    ReportForm,
    ReviewForm,
    RiskInformationForm,
    ScreeningForm,
    StrategyForm,
)
from safeguard.missing.web.views.common import apply_errors, optional_uuid, to_episode
from safeguard.people.selectors import person_id_for_reference
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.rules.missing_person import DEFINITIONS, MISSING_RISK_CODE, MissingRiskLevel
from safeguard.risk.services import RiskAssessmentInvalid
from safeguard.risk.web.forms import instrument_form_class
from safeguard.web.purposes import PurposeForm, purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


class EpisodeListView(CapabilityView):
    required_capability = Capability.MISSING_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("status") or None
        episodes = episode_list(actor=acting_user(request), status=status)
        return render(
            request,
            "missing/episode_list.html",
            {
                "episodes": episodes,
                "can_report": has_capability(acting_user(request), Capability.MISSING_RECORD),
                "statuses": [(k.value, v) for k, v in EPISODE_STATUS_LABELS.items()],
            },
        )


def _report_page(
    request: HttpRequest, form: ReportForm, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(request, "missing/report_form.html", {"form": form, **extra}, status=status)


def _child_id(request: HttpRequest, reference: str) -> UUID | None:
    reference = reference.strip()
    if not reference:
        return None
    # An unknown reference still reaches the service, which names the field in its error.
    return person_id_for_reference(actor=acting_user(request), reference=reference) or uuid.uuid4()


def _details(request: HttpRequest, data: dict[str, Any]) -> ReportDetails:
    text = {
        name: str(data.get(name) or "")
        for name in (
            "reported_by_name",
            "reported_by_relationship",
            "reported_by_contact",
            "last_seen_place",
            "location_missing_from",
            "circumstances",
            "description",
            "clothing",
            "phones",
            "social_media",
            "possessions",
            "transport",
            "medical_needs",
            "likely_destinations",
            "philomena_reference",
        )
    }
    return ReportDetails(
        child_id=_child_id(request, str(data.get("child_reference") or "")),
        category=str(data.get("category") or ""),
        missing_from=str(data.get("missing_from") or ""),
        placing_authority_id=optional_uuid(data.get("placing_authority")),
        reported_at=data.get("reported_at"),
        last_seen_at=data.get("last_seen_at"),
        exploitation_indicators=tuple(data.get("exploitation_indicators") or ()),
        is_restricted=bool(data.get("is_restricted")),
        **text,
    )


class EpisodeCreateView(CapabilityView):
    required_capability = Capability.MISSING_RECORD

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ReportForm(
            initial={
                "child_reference": request.GET.get("child", "")[:20],
                "idempotency_key": str(uuid.uuid4()),
                "category": "MISSING",
            }
        )
        return _report_page(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ReportForm(request.POST)
        if not form.is_valid():
            return _report_page(request, form, status=400)
        data = form.cleaned_data
        actor = acting_user(request)
        try:
            episode = missing_report_record(
                actor=actor,
                details=_details(request, data),
                risk_information=[
                    RiskInformationDetails(
                        information=data["risk_information"],
                        supplied_by=data["risk_supplied_by"],
                        supplied_by_contact=data["risk_supplied_by_contact"],
                        obtained_at=data["risk_obtained_at"],
                    )
                ],
                idempotency_key=data.get("idempotency_key") or "",
            )
        except EpisodeInvalid as exc:
            apply_errors(form, exc.errors)
            return _report_page(request, form, status=400)
        except AlreadyMissing as exc:
            return _report_page(
                request,
                form,
                status=409,
                already_missing=exc,
                already_missing_url=reverse(
                    "missing:episode-detail", kwargs={"episode_id": exc.episode_id}
                )
                if exc.episode_id
                else "",
            )
        state_purpose(request, episode.pk, f"Recording a new incident: {episode.reference}")
        filled = (
            " The Philomena profile filled in: "
            + ", ".join(f.replace("_", " ") for f in episode.philomena_filled)
            + "."
            if episode.philomena_filled
            else ""
        )
        messages.success(
            request, f"Missing report {episode.reference} recorded.{filled} Grade the risk now."
        )
        return HttpResponseRedirect(
            reverse("missing:episode-grade", kwargs={"episode_id": episode.pk})
        )


class EpisodePurposeView(CapabilityView):
    required_capability = Capability.MISSING_VIEW

    def get(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        reference = episode_reference_in_scope(actor=acting_user(request), episode_id=episode_id)
        return render(
            request, "people/purpose.html", {"form": PurposeForm(), "reference": reference}
        )

    def post(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        reference = episode_reference_in_scope(actor=acting_user(request), episode_id=episode_id)
        form = PurposeForm(request.POST)
        if form.is_valid():
            state_purpose(request, episode_id, form.purpose_text())
            return to_episode(episode_id)
        return render(
            request, "people/purpose.html", {"form": form, "reference": reference}, status=400
        )


def episode_page(
    request: HttpRequest, episode_id: UUID, *, status: int = 200, **forms: Any
) -> HttpResponse:
    """The episode page, with any form that failed shown in place with its errors."""
    actor = acting_user(request)
    purpose = stated_purpose(request, episode_id)
    if purpose is None:
        episode_reference_in_scope(actor=actor, episode_id=episode_id)
        return purpose_redirect(
            reverse("missing:episode-purpose", kwargs={"episode_id": episode_id}), request.path
        )
    record = episode_get(actor=actor, episode_id=episode_id, purpose=purpose)
    episode: MissingEpisode = record.episode
    grading = record.grading
    context = {
        "record": record,
        "episode": episode,
        "purpose": purpose,
        "grading": grading,
        "level_definition": DEFINITIONS.get(MissingRiskLevel(grading.current_level))
        if grading
        else None,
        "indicator_labels": [
            EXPLOITATION_INDICATOR_LABELS.get(i, i) for i in episode.exploitation_indicators
        ],
        "philomena_filled": ", ".join(f.replace("_", " ") for f in episode.philomena_filled),
        "can_record": has_capability(actor, Capability.MISSING_RECORD),
        "can_assess": has_capability(actor, Capability.RISK_ASSESS),
        "can_review": has_capability(actor, Capability.RISK_REVIEW)
        and grading is not None
        and not grading.is_reviewed
        and grading.assessed_by_id != actor.pk,
        "can_strategy": has_capability(actor, Capability.STRATEGY_RECORD),
        "can_screen": has_capability(actor, Capability.EXPLOITATION_SCREEN),
        "is_open": episode.status == EpisodeStatus.OPEN,
        "cra_form": forms.get("cra_form") or CraForm(),
        "review_form": forms.get("review_form") or ReviewForm(),
        "risk_form": forms.get("risk_form") or RiskInformationForm(),
        "strategy_form": forms.get("strategy_form") or StrategyForm(),
        "screening_form": forms.get("screening_form") or ScreeningForm(),
        "nrm_form": forms.get("nrm_form") or NrmForm(initial={"victim_not_offender": True}),
        "nrm_decision_form": forms.get("nrm_decision_form") or NrmDecisionForm(),
        "found_form": FoundForm(),
        "prevention_form": PreventionInterviewForm(),
    }
    return render(request, "missing/episode_detail.html", context, status=status)


class EpisodeDetailView(CapabilityView):
    required_capability = Capability.MISSING_VIEW

    def get(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        return episode_page(request, episode_id)


def _grade_page(
    request: HttpRequest, episode_id: UUID, form: Any, *, status: int = 200
) -> HttpResponse:
    reference = episode_reference_in_scope(actor=acting_user(request), episode_id=episode_id)
    context = {
        "form": form,
        "reference": reference,
        "instrument": form.instrument,
        "episode_id": episode_id,
        "definitions": [
            (level.value.replace("_", " ").capitalize(), text)
            for level, text in DEFINITIONS.items()
        ],
    }
    return render(request, "missing/episode_grade.html", context, status=status)


class EpisodeGradeView(CapabilityView):
    """Grade the risk on the APP continuum (DOMAIN.md §2.1); the next review time follows."""

    required_capability = Capability.RISK_ASSESS

    def _form(self, data: Any = None) -> Any:
        form = instrument_form_class(instrument_get(MISSING_RISK_CODE))(data)
        from django import forms

        form.fields["delay_reason"] = forms.CharField(
            label="Reason for a late review",
            required=False,
            max_length=1000,
            help_text="Only if the review time has passed",
        )
        return form

    def get(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        return _grade_page(request, episode_id, self._form())

    def post(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return _grade_page(request, episode_id, form, status=400)
        try:
            assessment = episode_grade(
                actor=acting_user(request),
                episode_id=episode_id,
                answers=form.answers(),
                officer_level=form.chosen_level(),
                rationale=form.cleaned_data.get("rationale", ""),
                delay_reason=form.cleaned_data.get("delay_reason", ""),
                instrument_version=form.instrument.version,
            )
        except RiskAssessmentInvalid as exc:
            form.apply_errors(exc.errors)
            return _grade_page(request, episode_id, form, status=400)
        except EpisodeInvalid as exc:
            apply_errors(form, exc.errors)
            return _grade_page(request, episode_id, form, status=400)
        level = form.instrument.level_label(assessment.final_level)
        messages.success(request, f"Graded {level.lower()} risk. The next review time is set.")
        return to_episode(episode_id)
