"""Supervisors and auditors review break-glass access."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.models import ReviewOutcome
from safeguard.access.rules.capabilities import Capability
from safeguard.access.selectors import break_glass_get, break_glass_list
from safeguard.access.services import break_glass_review
from safeguard.access.web.forms import BreakGlassReviewForm
from safeguard.core.exceptions import DomainError
from safeguard.web.views import CapabilityView


class BreakGlassListView(CapabilityView):
    required_capability = Capability.BREAK_GLASS_REVIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        grants = list(break_glass_list(actor=request.user)[:200])  # type: ignore[arg-type]
        return render(request, "access/break_glass_list.html", {"grants": grants})


class BreakGlassReviewView(CapabilityView):
    required_capability = Capability.BREAK_GLASS_REVIEW

    def get(self, request: HttpRequest, grant_id: UUID) -> HttpResponse:
        grant = break_glass_get(actor=request.user, grant_id=grant_id)  # type: ignore[arg-type]
        return render(
            request,
            "access/break_glass_review.html",
            {"grant": grant, "form": BreakGlassReviewForm()},
        )

    def post(self, request: HttpRequest, grant_id: UUID) -> HttpResponse:
        grant = break_glass_get(actor=request.user, grant_id=grant_id)  # type: ignore[arg-type]
        form = BreakGlassReviewForm(request.POST)
        if form.is_valid():
            try:
                break_glass_review(
                    actor=request.user,  # type: ignore[arg-type]
                    grant=grant,
                    outcome=ReviewOutcome(form.cleaned_data["outcome"]),
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Review recorded.")
                return HttpResponseRedirect(reverse("access:break-glass-list"))
        return render(
            request, "access/break_glass_review.html", {"grant": grant, "form": form}, status=400
        )
