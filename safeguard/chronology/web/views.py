"""The single view of a child (issue 6 item 5): one page, opened with a stated purpose."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.chronology.links import entry_path
from safeguard.chronology.selectors import chronology_get, chronology_reference_in_scope
from safeguard.web.purposes import PurposeForm, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


class ChronologyView(CapabilityView):
    """The chronology; asks once per record and session why it is opened (DPA 2018 s.62(2)).

    The purpose is kept per person record in the session, shared with the person page
    (``safeguard.web.purposes``), so it is asked for here only if not stated there already.
    """

    required_capability = Capability.PERSON_VIEW

    def _ask(
        self, request: HttpRequest, person_id: UUID, form: PurposeForm, status: int
    ) -> HttpResponse:
        reference = chronology_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
        return render(
            request,
            "chronology/purpose.html",
            {"form": form, "reference": reference},
            status=status,
        )

    def get(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, person_id)
        if purpose is None:
            return self._ask(request, person_id, PurposeForm(), 200)
        chronology = chronology_get(actor=request.user, person_id=person_id, purpose=purpose)  # type: ignore[arg-type]
        names = list(dict.fromkeys(record.full_name for record in chronology.records))
        rows = [(entry, entry_path(entry)) for entry in chronology.entries]
        context = {
            "chronology": chronology,
            "person": chronology.person,
            "other_names": [n for n in names if n != chronology.person.full_name],
            "flags": chronology.flags.shown(),
            "rows": rows,
            "purpose": purpose,
        }
        return render(request, "chronology/chronology.html", context)

    def post(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        form = PurposeForm(request.POST)
        if not form.is_valid():
            return self._ask(request, person_id, form, 400)
        chronology_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
        state_purpose(request, person_id, form.purpose_text())
        return HttpResponseRedirect(
            reverse("chronology:chronology", kwargs={"person_id": person_id})
        )
