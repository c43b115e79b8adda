"""Seized-media triage pages: seizures, the review queue (blurred thumbnails only), grading."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.media.rules.categories import CATEGORY_LABELS, NOT_YET, Category
from safeguard.media.rules.matching import STATUS_LABELS, ItemStatus
from safeguard.media.selectors import (
    item_get,
    item_thumbnail,
    review_queue,
    seizure_category_counts,
    seizure_get,
    seizure_list,
)
from safeguard.media.services import item_categorise
from safeguard.web.views import CapabilityView


class CategoriseForm(forms.Form):
    category = forms.ChoiceField(
        choices=[(c.value, label) for c, label in CATEGORY_LABELS.items()],
        widget=forms.RadioSelect,
        label="Category (Sentencing Council)",
    )
    note = forms.CharField(required=False, max_length=2000, label="Note (optional)")


def _counts_rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    rows = [(CATEGORY_LABELS[c], counts[c.value]) for c in Category]
    return [*rows, ("Not yet categorised", counts[NOT_YET])]


class SeizureListView(CapabilityView):
    required_capability = Capability.MEDIA_TRIAGE

    def get(self, request: HttpRequest) -> HttpResponse:
        seizures = seizure_list(actor=acting_user(request))
        return render(request, "media/seizure_list.html", {"seizures": seizures})


class ReviewQueueView(CapabilityView):
    required_capability = Capability.MEDIA_TRIAGE

    def get(self, request: HttpRequest, seizure_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        seizure = seizure_get(actor=actor, seizure_id=seizure_id)
        rows = review_queue(actor=actor, seizure=seizure)
        counts = seizure_category_counts(actor=actor, seizure=seizure)
        context: dict[str, Any] = {
            "seizure": seizure,
            "rows": rows,
            "status_labels": {s.value: label for s, label in STATUS_LABELS.items()},
            "category_labels": {c.value: label for c, label in CATEGORY_LABELS.items()},
            "counts": _counts_rows(counts),
            "form": CategoriseForm(),
            "reviewable": {ItemStatus.MATCHED.value, ItemStatus.QUARANTINED.value},
        }
        return render(request, "media/review_queue.html", context)


class ItemCategoriseView(CapabilityView):
    required_capability = Capability.MEDIA_TRIAGE

    def post(self, request: HttpRequest, item_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        item = item_get(actor=actor, item_id=item_id)
        form = CategoriseForm(request.POST)
        if not form.is_valid():
            return render(
                request, "media/item_categorise.html", {"item": item, "form": form}, status=400
            )
        item_categorise(
            actor=actor,
            item=item,
            category=Category(form.cleaned_data["category"]),
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"{item.file_name}: category recorded.")
        return HttpResponseRedirect(
            reverse("media:review-queue", kwargs={"seizure_id": item.seizure_id})
        )


class ThumbnailView(CapabilityView):
    """The stored blurred thumbnail: the seized image itself is never kept."""

    required_capability = Capability.MEDIA_TRIAGE

    def get(self, request: HttpRequest, item_id: UUID) -> HttpResponse:
        data = item_thumbnail(actor=acting_user(request), item_id=item_id)
        response = HttpResponse(data, content_type="image/jpeg")
        response["Cache-Control"] = "no-store"
        return response
