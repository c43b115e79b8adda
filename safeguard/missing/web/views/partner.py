"""Partner pages: social care's return interviews, carers' Philomena profiles (DOMAIN.md §2.2-2.3)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.missing.rules.philomena import PART_ONE_FIELDS
from safeguard.missing.selectors import (
    profile_get,
    profile_list,
    return_interview_get,
    return_interview_inbox,
)
from safeguard.missing.services import (
    EpisodeInvalid,
    LocationDetails,
    ProfileDetails,
    philomena_profile_archive,
    philomena_profile_save,
    return_interview_record,
)
from safeguard.missing.web.forms import ProfileForm, ReturnInterviewForm
from safeguard.missing.web.views.common import apply_errors
from safeguard.web.views import CapabilityView


class ReturnInterviewInboxView(CapabilityView):
    required_capability = Capability.RETURN_INTERVIEW_RESPOND

    def get(self, request: HttpRequest) -> HttpResponse:
        episodes = return_interview_inbox(actor=acting_user(request))
        return render(request, "missing/return_interview_inbox.html", {"episodes": episodes})


def _return_interview_page(
    request: HttpRequest, episode_id: UUID, form: ReturnInterviewForm, status: int = 200
) -> HttpResponse:
    episode, clocks = return_interview_get(actor=acting_user(request), episode_id=episode_id)
    return render(
        request,
        "missing/return_interview.html",
        {"episode": episode, "clocks": clocks, "form": form},
        status=status,
    )


class ReturnInterviewView(CapabilityView):
    required_capability = Capability.RETURN_INTERVIEW_RESPOND

    def get(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        return _return_interview_page(request, episode_id, ReturnInterviewForm())

    def post(self, request: HttpRequest, episode_id: UUID) -> HttpResponse:
        form = ReturnInterviewForm(request.POST)
        if form.is_valid():
            try:
                return_interview_record(
                    actor=acting_user(request),
                    episode_id=episode_id,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                    delay_reason=form.cleaned_data["delay_reason"],
                )
            except EpisodeInvalid as exc:
                apply_errors(form, exc.errors)
            else:
                messages.success(request, "Return interview outcome recorded.")
                return HttpResponseRedirect(reverse("missing:return-interview-inbox"))
        return _return_interview_page(request, episode_id, form, status=400)


class ProfileListView(CapabilityView):
    required_capability = Capability.PHILOMENA_MANAGE

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "missing/profile_list.html",
            {"profiles": profile_list(actor=acting_user(request))},
        )


def _profile_details(data: dict[str, Any]) -> tuple[ProfileDetails, list[LocationDetails]]:
    details = ProfileDetails(
        child_name=data["child_name"],
        child_date_of_birth=data["child_date_of_birth"],
        **{name: data.get(name) or "" for name, _label in PART_ONE_FIELDS},
    )
    locations = [
        LocationDetails(
            name=data[f"location_{i}_name"],
            address=data[f"location_{i}_address"],
            risk=data[f"location_{i}_risk"],
        )
        for i in (1, 2)
        if data[f"location_{i}_name"] or data[f"location_{i}_risk"] or data[f"location_{i}_address"]
    ]
    return details, locations


def _profile_page(
    request: HttpRequest,
    form: ProfileForm,
    *,
    reference: str = "",
    profile_id: UUID | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "reference": reference, "profile_id": profile_id}
    return render(request, "missing/profile_form.html", context, status=status)


def _profile_post(request: HttpRequest, profile_id: UUID | None, reference: str) -> HttpResponse:
    form = ProfileForm(request.POST)
    if form.is_valid():
        details, locations = _profile_details(form.cleaned_data)
        try:
            profile = philomena_profile_save(
                actor=acting_user(request),
                details=details,
                locations=locations,
                profile_id=profile_id,
            )
        except EpisodeInvalid as exc:
            errors = {
                k.replace("locations.0", "location_1_name").replace(
                    "locations.1", "location_2_name"
                ): v
                for k, v in exc.errors.items()
            }
            apply_errors(form, errors)
        else:
            messages.success(
                request,
                f"Profile {profile.reference} saved. Quote this reference if the child goes missing.",
            )
            return HttpResponseRedirect(reverse("missing:profile-list"))
    return _profile_page(request, form, reference=reference, profile_id=profile_id, status=400)


class ProfileCreateView(CapabilityView):
    required_capability = Capability.PHILOMENA_MANAGE

    def get(self, request: HttpRequest) -> HttpResponse:
        return _profile_page(request, ProfileForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        return _profile_post(request, None, "")


class ProfileEditView(CapabilityView):
    required_capability = Capability.PHILOMENA_MANAGE

    def get(self, request: HttpRequest, profile_id: UUID) -> HttpResponse:
        profile = profile_get(actor=acting_user(request), profile_id=profile_id)
        initial: dict[str, Any] = {
            "child_name": profile.child_name,
            "child_date_of_birth": profile.child_date_of_birth,
            **{name: getattr(profile, name) for name, _label in PART_ONE_FIELDS},
        }
        for index, location in enumerate(list(profile.locations.all())[:2], start=1):
            initial[f"location_{index}_name"] = location.name
            initial[f"location_{index}_address"] = location.address
            initial[f"location_{index}_risk"] = location.risk
        return _profile_page(
            request,
            ProfileForm(initial=initial),
            reference=profile.reference,
            profile_id=profile.pk,
        )

    def post(self, request: HttpRequest, profile_id: UUID) -> HttpResponse:
        profile = profile_get(actor=acting_user(request), profile_id=profile_id)
        return _profile_post(request, profile_id, profile.reference)


class ProfileArchiveView(CapabilityView):
    """The child has left this carer: the profile is archived and never attached again."""

    required_capability = Capability.PHILOMENA_MANAGE

    def post(self, request: HttpRequest, profile_id: UUID) -> HttpResponse:
        profile = philomena_profile_archive(actor=acting_user(request), profile_id=profile_id)
        messages.success(request, f"Profile {profile.reference} archived.")
        return HttpResponseRedirect(reverse("missing:profile-list"))
