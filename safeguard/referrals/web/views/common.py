"""Shared pieces of the referral pages: the purpose prompt and local times."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.core.rules.calendar import LONDON
from safeguard.web.purposes import PurposeForm, state_purpose
from safeguard.web.views import CapabilityView


class PurposeView(CapabilityView):
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


def as_london(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=LONDON)
