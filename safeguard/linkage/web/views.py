"""Linkage pages (issue 6): record a person with the check at entry, the review queue,
and undoing or merging a link from a person's page."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.selectors import education_setting_choices
from safeguard.core import clock
from safeguard.linkage.rules.dates import BadDate, parse_date_of_birth
from safeguard.linkage.rules.records import LinkRecord
from safeguard.linkage.selectors import EntryMatch, entry_check, review_pair_get, review_queue
from safeguard.linkage.services import EntryDecision, person_record_checked
from safeguard.linkage.web.forms import NEW_PERSON, PairDecisionForm, ReasonForm
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.services import (
    LinkRefused,
    PersonInvalid,
    person_link_record,
    person_link_undo,
    person_merge,
)
from safeguard.people.web.forms import PersonCreateForm
from safeguard.web.purposes import state_purpose
from safeguard.web.views import CapabilityView

MAX_ESTIMATED_AGE = 120


def _record_from(data: Any) -> LinkRecord | None:
    """The new record as typed so far, or None until a given and family name are typed."""
    given = str(data.get("given_name", "")).strip()
    family = str(data.get("family_name", "")).strip()
    if not given or not family:
        return None
    try:
        born = parse_date_of_birth(
            str(data.get("date_of_birth", "")), today=clock.today_in_london()
        )
    except BadDate:
        born = None  # still being typed, or wrong: the form says so when saved
    age = _estimated_age(str(data.get("estimated_age", "")))
    return LinkRecord(
        record_id="new",
        first_name=given[:200],
        middle_names=str(data.get("middle_names", ""))[:200],
        surname=family[:200],
        date_of_birth=born,
        sex=str(data.get("sex", "")),
        postcode=str(data.get("address_postcode", ""))[:20],
        estimated_age=age,
        estimated_on=clock.today_in_london() if age is not None else None,
    )


def _estimated_age(text: str) -> int | None:
    """The estimated age as typed, if it is a plausible whole number of years."""
    value = text.strip()
    if not value.isdigit() or int(value) > MAX_ESTIMATED_AGE:
        return None
    return int(value)


def _matches(request: HttpRequest, data: Any) -> list[EntryMatch] | None:
    record = _record_from(data)
    if record is None:
        return None
    return entry_check(actor=request.user, record=record)  # type: ignore[arg-type]


def _render_entry(
    request: HttpRequest,
    form: PersonCreateForm,
    matches: list[EntryMatch] | None,
    *,
    decision_error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "creating": True,
        "matches": matches,
        "checked": matches is not None,
        "chosen": request.POST.get("existing", ""),
        "reason": request.POST.get("decision_reason", ""),
        "decision_error": decision_error,
        "new_person": NEW_PERSON,
    }
    return render(request, "linkage/person_entry.html", context, status=status)


class PersonEntryView(CapabilityView):
    """Record a person; "is this child already known?" is checked before anything is saved."""

    required_capability = Capability.PERSON_CREATE

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PersonCreateForm(settings_choices=education_setting_choices())
        return _render_entry(request, form, None)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PersonCreateForm(request.POST, settings_choices=education_setting_choices())
        matches = _matches(request, request.POST)
        if request.POST.get("action") == "check":
            return _render_entry(request, form, matches)
        if not form.is_valid():
            return _render_entry(request, form, matches, status=400)
        chosen = request.POST.get("existing", "")
        same_as, error = _chosen_person(chosen, offered=bool(matches))
        if error:
            return _render_entry(request, form, matches, decision_error=error, status=400)
        try:
            person = person_record_checked(
                actor=request.user,  # type: ignore[arg-type]
                details=form.details(),
                address=form.address(),
                education_setting_id=(
                    UUID(form.cleaned_data["education_setting"])
                    if form.cleaned_data["education_setting"]
                    else None
                ),
                decision=EntryDecision(
                    offered=matches or [],
                    same_as=same_as,
                    reason=request.POST.get("decision_reason", ""),
                ),
            )
        except PersonInvalid as exc:
            form.apply_errors(exc.errors)
            return _render_entry(request, form, matches, status=400)
        except LinkRefused as exc:
            return _render_entry(request, form, matches, decision_error=str(exc), status=400)
        # The officer who recorded the person has, by doing so, stated why.
        state_purpose(request, person.pk, "Recording this person")
        linked = f", linked to {same_as and _reference(matches, same_as)}" if same_as else ""
        messages.success(request, f"{person.full_name} recorded as {person.reference}{linked}.")
        return HttpResponseRedirect(
            reverse("people:person-detail", kwargs={"person_id": person.pk})
        )


def _chosen_person(chosen: str, *, offered: bool) -> tuple[UUID | None, str]:
    """The person the officer chose (None for a new person), or why the choice is refused."""
    if offered and not chosen:
        return None, "Say whether this is one of the people already known, or a new person"
    if not chosen or chosen == NEW_PERSON:
        return None, ""
    try:
        return UUID(chosen), ""
    except ValueError:
        return None, "Choose one of the people offered, or a new person"


def _reference(matches: list[EntryMatch] | None, person_id: UUID) -> str:
    return next((m.person.reference for m in matches or [] if m.person.pk == person_id), "")


class EntryCheckView(CapabilityView):
    """The matches as an HTML fragment, fetched while the officer types (entry-check.js)."""

    required_capability = Capability.PERSON_CREATE

    def get(self, request: HttpRequest) -> HttpResponse:
        matches = _matches(request, request.GET)
        context = {"matches": matches, "checked": matches is not None, "new_person": NEW_PERSON}
        return render(request, "linkage/includes/entry_matches.html", context)


class ReviewQueueView(CapabilityView):
    required_capability = Capability.PERSON_MERGE

    def get(self, request: HttpRequest) -> HttpResponse:
        pairs = review_queue(actor=request.user)  # type: ignore[arg-type]
        return render(request, "linkage/review_queue.html", {"pairs": pairs})


class ReviewPairView(CapabilityView):
    """Two records side by side with the explanation; the reviewer decides."""

    required_capability = Capability.PERSON_MERGE

    def _render(
        self, request: HttpRequest, candidate_id: UUID, form: PairDecisionForm, status: int = 200
    ) -> HttpResponse:
        pair = review_pair_get(actor=request.user, candidate_id=candidate_id)  # type: ignore[arg-type]
        return render(
            request, "linkage/review_pair.html", {"pair": pair, "form": form}, status=status
        )

    def get(self, request: HttpRequest, candidate_id: UUID) -> HttpResponse:
        return self._render(request, candidate_id, PairDecisionForm())

    def post(self, request: HttpRequest, candidate_id: UUID) -> HttpResponse:
        pair = review_pair_get(actor=request.user, candidate_id=candidate_id)  # type: ignore[arg-type]
        form = PairDecisionForm(request.POST)
        if form.is_valid():
            try:
                self._decide(request, pair.left.pk, pair.right.pk, pair, form.cleaned_data)
            except LinkRefused as exc:
                form.add_error("reason", str(exc))
            else:
                messages.success(request, "Decision recorded.")
                return HttpResponseRedirect(reverse("linkage:review-queue"))
        return self._render(request, candidate_id, form, status=400)

    def _decide(
        self, request: HttpRequest, left: UUID, right: UUID, pair: Any, data: dict[str, Any]
    ) -> None:
        actor = request.user
        decision, reason = data["decision"], data["reason"]
        merge = decision.startswith("merge")
        person_link_record(
            actor=actor,  # type: ignore[arg-type]
            first_id=left,
            second_id=right,
            decision=LinkDecision.DIFFERENT if decision == "different" else LinkDecision.SAME,
            reason=reason,
            source=LinkSource.REVIEW,
            match_probability=pair.scored.probability,
            explanation=[f.as_dict() for f in pair.scored.fields],
        )
        if merge:  # the link just made, with what the reviewer saw, becomes the merge
            kept, away = (left, right) if decision == "merge_left" else (right, left)
            person_merge(actor=actor, kept_id=kept, merged_away_id=away, reason=reason)  # type: ignore[arg-type]


def _back_to(person_id: str) -> HttpResponseRedirect:
    try:
        target = UUID(person_id)
    except ValueError:
        return HttpResponseRedirect(reverse("people:person-search"))
    return HttpResponseRedirect(reverse("people:person-detail", kwargs={"person_id": target}))


class LinkUndoView(CapabilityView):
    """Undo a link or unmerge, from a person's page (POST only)."""

    required_capability = Capability.PERSON_LINK

    def post(self, request: HttpRequest, link_id: UUID) -> HttpResponse:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Give a reason to undo the link.")
            return _back_to(request.POST.get("person", ""))
        try:
            link = person_link_undo(
                actor=request.user,  # type: ignore[arg-type]
                link_id=link_id,
                reason=form.cleaned_data["reason"],
            )
        except LinkRefused as exc:
            messages.error(request, str(exc))
            return _back_to(request.POST.get("person", ""))
        messages.success(
            request,
            f"{link.left.reference} and {link.right.reference} now stand as separate records.",
        )
        return _back_to(request.POST.get("person", ""))


class LinkMergeView(CapabilityView):
    """Merge a linked record into the one whose page this is (POST only)."""

    required_capability = Capability.PERSON_MERGE

    def post(self, request: HttpRequest, person_id: UUID, other_id: UUID) -> HttpResponse:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Give a reason to merge the records.")
            return _back_to(str(person_id))
        try:
            person_merge(
                actor=request.user,  # type: ignore[arg-type]
                kept_id=person_id,
                merged_away_id=other_id,
                reason=form.cleaned_data["reason"],
            )
        except LinkRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, "Records merged. The other record's number now opens this one."
            )
        return _back_to(str(person_id))
