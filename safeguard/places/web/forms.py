"""Forms for the business portal and the police pages of places (issue 10)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django import forms

from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.core.rules.calendar import LONDON
from safeguard.places.models import LINK_ROLE_CHOICES, PLACE_KIND_CHOICES
from safeguard.places.rules.codes import INDICATOR_LABELS
from safeguard.places.rules.concern import ConcernInput
from safeguard.places.rules.places import NAME_MAX, PlaceInput

_HARD_LIMIT = 100_000


class ConcernForm(forms.Form):
    """A business's concern (Operation Makesafe, DOMAIN.md §7). Checked by the service."""

    place = forms.ChoiceField(label="Where")
    indicators = forms.MultipleChoiceField(
        label="What did you notice?",
        required=False,
        choices=[(i.value, label) for i, label in INDICATOR_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick everything that applies.",
    )
    still_on_site = forms.ChoiceField(
        label="Is the young person still here now?",
        choices=[("yes", "Yes, still here"), ("no", "No, or I do not know")],
        widget=forms.RadioSelect,
    )
    seen_on = forms.DateField(label="Date you saw this", help_text="For example 27/11/2026")
    seen_time = forms.TimeField(label="Time you saw this", help_text="For example 21:40")
    young_person_description = forms.CharField(
        label="Describe the young person",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Age, appearance, clothing, anything they said. Not their name unless you know it.",
    )
    adults_description = forms.CharField(
        label="Describe the adults with them",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    room = forms.CharField(label="Room number", required=False)
    booking_details = forms.CharField(
        label="Booking details", required=False, help_text="Name on the booking, how it was paid"
    )
    other_details = forms.CharField(
        label="Anything else", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, places: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["place"].choices = places  # type: ignore[attr-defined]
        if len(places) == 1:
            self.fields["place"].initial = places[0][0]

    def details(self) -> ConcernInput:
        data = self.cleaned_data
        seen_at = dt.datetime.combine(data["seen_on"], data["seen_time"], tzinfo=LONDON)
        return ConcernInput(
            indicators=tuple(data["indicators"]),
            young_person_description=data["young_person_description"],
            adults_description=data["adults_description"],
            other_details=data["other_details"],
            room=data["room"],
            booking_details=data["booking_details"],
            seen_at=seen_at,
            still_on_site=data["still_on_site"] == "yes",
        )


class MatchSearchForm(forms.Form):
    first_name = forms.CharField(label="Given name", required=False, max_length=100)
    surname = forms.CharField(label="Family name", required=False, max_length=100)
    estimated_age = forms.IntegerField(
        label="Age, about", required=False, min_value=0, max_value=25
    )


class TriageForm(forms.Form):
    child = forms.UUIDField(label="The child", required=False)
    action_taken = forms.CharField(
        label="Action taken", widget=forms.Textarea(attrs={"rows": 3}), max_length=_HARD_LIMIT
    )
    breach_reason = forms.CharField(
        label="If late: why", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DateInput(forms.DateInput):
    input_type = "date"


def business_choices() -> list[tuple[str, str]]:
    """(id, name) of the partner businesses (hotel-kind organisations) for a pick-list: the
    only kind the place and engagement services accept. Names only, no personal data."""
    rows = Organisation.objects.filter(kind=OrganisationKind.HOTEL).order_by("name")
    return [(str(pk), name) for pk, name in rows.values_list("pk", "name")]


class PlaceForm(forms.Form):
    """A new place; the service checks the details (``rules.places.place_errors``)."""

    kind = forms.ChoiceField(label="Kind of place", choices=[("", "Choose"), *PLACE_KIND_CHOICES])
    # Not required here: the service's message says what to give (checked there).
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=_HARD_LIMIT,
        help_text=f"For an address, the street address ({NAME_MAX} characters at most)",
        widget=forms.TextInput(attrs={"core": "1"}),  # shown without "(optional)"
    )
    address_line = forms.CharField(label="Address", required=False, max_length=_HARD_LIMIT)
    town = forms.CharField(label="Town", required=False, max_length=_HARD_LIMIT)
    postcode = forms.CharField(label="Postcode", required=False, max_length=_HARD_LIMIT)
    operator = forms.CharField(label="Owner or operator", required=False, max_length=_HARD_LIMIT)
    organisation = forms.ChoiceField(
        label="Business partner that runs it",
        required=False,
        help_text="Its staff can then report concerns about this place",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].choices = [("", "None"), *business_choices()]  # type: ignore[attr-defined]

    def details(self) -> PlaceInput:
        data = self.cleaned_data
        return PlaceInput(
            kind=data["kind"],
            name=data["name"],
            address_line=data["address_line"],
            town=data["town"],
            postcode=data["postcode"],
            operator=data["operator"],
        )

    def organisation_id(self) -> UUID | None:
        value = self.cleaned_data["organisation"]
        return UUID(value) if value else None


class FlagForm(forms.Form):
    reason = forms.CharField(
        label="Why flag this place",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=_HARD_LIMIT,
    )
    review_on = forms.DateField(label="Review by", widget=DateInput)


class FlagLowerForm(forms.Form):
    reason = forms.CharField(
        label="Why lower the flag",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=_HARD_LIMIT,
    )


class LinkForm(forms.Form):
    reference = forms.CharField(
        label="Record reference",
        max_length=40,
        help_text="A missing episode, occurrence, referral or concern, for example MIS-2026-000123",
    )
    role = forms.ChoiceField(
        label="How the record involves this place", choices=[("", "Choose"), *LINK_ROLE_CHOICES]
    )
    reason = forms.CharField(
        label="Why they are linked", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class EngagementForm(forms.Form):
    """Engagement with a business; the service checks the fields and the date."""

    organisation = forms.ChoiceField(label="Business")
    training_given = forms.CharField(label="Training given", max_length=_HARD_LIMIT)
    given_on = forms.DateField(label="Date given", widget=DateInput)
    contact_name = forms.CharField(label="Contact name", max_length=_HARD_LIMIT)
    contact_details = forms.CharField(
        label="Contact details", max_length=_HARD_LIMIT, help_text="Telephone or email"
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=_HARD_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].choices = [("", "Choose"), *business_choices()]  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Why close this concern",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=_HARD_LIMIT,
    )
