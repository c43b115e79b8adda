"""People pages: find, record, open (with a purpose), amend, break glass."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.access.services import ReasonTooShort
from safeguard.accounts.selectors import education_setting_choices
from safeguard.core.exceptions import EditConflict, NotFoundOrForbidden
from safeguard.people.rules.codes import RelationshipKind
from safeguard.people.selectors import (
    PersonSearch,
    person_get,
    person_merged_into,
    person_reference_in_scope,
    person_search,
)
from safeguard.people.services import (
    PersonInvalid,
    RelationshipInvalid,
    person_address_add,
    person_break_glass,
    person_update,
    relationship_record,
)
from safeguard.people.web.forms import (
    AddressForm,
    BreakGlassForm,
    PersonEditForm,
    PersonSearchForm,
    RelationshipForm,
)
from safeguard.web.purposes import PurposeForm, purpose_redirect, state_purpose, stated_purpose
from safeguard.web.views import CapabilityView


def _purpose_redirect(person_id: UUID, next_url: str) -> HttpResponseRedirect:
    url = reverse("people:person-purpose", kwargs={"person_id": person_id})
    return purpose_redirect(url, next_url)


def _setting_id(value: str) -> UUID | None:
    return UUID(value) if value else None


class PersonSearchView(CapabilityView):
    required_capability = Capability.PERSON_SEARCH

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PersonSearchForm(request.GET or None)
        results = None
        if form.is_bound and form.is_valid():
            query = PersonSearch(**form.cleaned_data)
            if query.is_empty():
                form.add_error(None, "Enter a name, a date of birth or a postcode")
            else:
                results = person_search(actor=request.user, query=query)  # type: ignore[arg-type]
        status = 400 if form.is_bound and form.errors else 200
        return render(
            request, "people/search.html", {"form": form, "results": results}, status=status
        )


class PersonPurposeView(CapabilityView):
    """Ask once per record and session why the user is opening it (DPA 2018 s.62(2))."""

    required_capability = Capability.PERSON_VIEW

    def _next(self, request: HttpRequest, person_id: UUID) -> str:
        default = reverse("people:person-detail", kwargs={"person_id": person_id})
        candidate = request.GET.get("next", "")
        return candidate if candidate.startswith(f"/people/{person_id}/") else default

    def get(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        reference = person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
        return render(
            request, "people/purpose.html", {"form": PurposeForm(), "reference": reference}
        )

    def post(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        reference = person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
        form = PurposeForm(request.POST)
        if form.is_valid():
            state_purpose(request, person_id, form.purpose_text())
            return HttpResponseRedirect(self._next(request, person_id))
        return render(
            request, "people/purpose.html", {"form": form, "reference": reference}, status=400
        )


def _render_person(
    request: HttpRequest,
    person_id: UUID,
    purpose: str,
    *,
    address_form: AddressForm | None = None,
    relationship_form: RelationshipForm | None = None,
    status: int = 200,
) -> HttpResponse:
    record = person_get(actor=request.user, person_id=person_id, purpose=purpose)  # type: ignore[arg-type]
    context = {
        "record": record,
        "person": record.person,
        "purpose": purpose,
        "address_form": address_form or AddressForm(),
        "relationship_form": relationship_form or RelationshipForm(),
    }
    return render(request, "people/person_detail.html", context, status=status)


class PersonDetailView(CapabilityView):
    required_capability = Capability.PERSON_VIEW

    def get(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        kept = person_merged_into(person_id=person_id)
        if kept is not None:
            # A merged-away id still works: it opens the record it was merged into.
            reference = person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
            messages.info(request, f"{reference} was merged into this record.")
            return HttpResponseRedirect(reverse("people:person-detail", kwargs={"person_id": kept}))
        purpose = stated_purpose(request, person_id)
        if purpose is None:
            person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
            return _purpose_redirect(person_id, request.path)
        return _render_person(request, person_id, purpose)


class PersonAddressAddView(CapabilityView):
    """Record a new current address from the person page (POST only)."""

    required_capability = Capability.PERSON_EDIT

    def post(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
        form = AddressForm(request.POST)
        if form.is_valid():
            try:
                person_address_add(actor=request.user, person_id=person_id, address=form.address())  # type: ignore[arg-type]
            except PersonInvalid as exc:
                form.apply_errors(exc.errors)
            else:
                messages.success(request, "Address recorded.")
                return HttpResponseRedirect(
                    reverse("people:person-detail", kwargs={"person_id": person_id})
                )
        purpose = stated_purpose(request, person_id) or "Recording an address"
        return _render_person(request, person_id, purpose, address_form=form, status=400)


class RelationshipAddView(CapabilityView):
    """Record a family or household relationship from the person page (POST only)."""

    required_capability = Capability.PERSON_EDIT

    def post(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
        form = RelationshipForm(request.POST)
        if form.is_valid():
            try:
                relationship_record(
                    actor=request.user,  # type: ignore[arg-type]
                    from_person_id=person_id,
                    to_person_reference=form.cleaned_data["to_person_reference"],
                    kind=RelationshipKind(form.cleaned_data["kind"]),
                )
            except RelationshipInvalid as exc:
                for field, errors in exc.errors.items():
                    for error in errors:
                        form.add_error(field, error)
            else:
                messages.success(request, "Relationship recorded.")
                return HttpResponseRedirect(
                    reverse("people:person-detail", kwargs={"person_id": person_id})
                )
        purpose = stated_purpose(request, person_id) or "Recording a relationship"
        return _render_person(request, person_id, purpose, relationship_form=form, status=400)


class PersonEditView(CapabilityView):
    required_capability = Capability.PERSON_EDIT

    def _initial(self, record: Any) -> dict[str, Any]:
        person = record.person
        fields = [
            f for f in PersonEditForm.base_fields if f not in {"education_setting", "version"}
        ]
        initial = {f: getattr(person, f) for f in fields}
        initial["education_setting"] = str(person.education_setting_id or "")
        initial["version"] = person.version
        return initial

    def get(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        purpose = stated_purpose(request, person_id)
        if purpose is None:
            person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
            return _purpose_redirect(person_id, request.path)
        record = person_get(actor=request.user, person_id=person_id, purpose=purpose)  # type: ignore[arg-type]
        form = PersonEditForm(
            initial=self._initial(record), settings_choices=education_setting_choices()
        )
        return render(request, "people/person_form.html", {"form": form, "person": record.person})

    def post(self, request: HttpRequest, person_id: UUID) -> HttpResponse:
        reference = person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
        form = PersonEditForm(request.POST, settings_choices=education_setting_choices())
        status = 400
        if form.is_valid():
            try:
                person = person_update(
                    actor=request.user,  # type: ignore[arg-type]
                    person_id=person_id,
                    expected_version=form.cleaned_data["version"],
                    details=form.details(),
                    education_setting_id=_setting_id(form.cleaned_data["education_setting"]),
                )
            except PersonInvalid as exc:
                form.apply_errors(exc.errors)
            except EditConflict as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, "Changes saved.")
                return HttpResponseRedirect(
                    reverse("people:person-detail", kwargs={"person_id": person.pk})
                )
        context = {"form": form, "person": {"pk": person_id, "reference": reference}}
        return render(request, "people/person_form.html", context, status=status)


class PersonBreakGlassView(CapabilityView):
    required_capability = Capability.BREAK_GLASS

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "people/break_glass.html", {"form": BreakGlassForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = BreakGlassForm(request.POST)
        if form.is_valid():
            try:
                person = person_break_glass(
                    actor=request.user,  # type: ignore[arg-type]
                    reference=form.cleaned_data["reference"],
                    reason=form.cleaned_data["reason"],
                )
            except NotFoundOrForbidden as exc:
                form.add_error("reference", str(exc))
            except ReasonTooShort as exc:
                form.add_error("reason", str(exc))
            else:
                state_purpose(
                    request, person.pk, ("Break glass: " + form.cleaned_data["reason"].strip())
                )
                return HttpResponseRedirect(
                    reverse("people:person-detail", kwargs={"person_id": person.pk})
                )
        return render(request, "people/break_glass.html", {"form": form}, status=400)
