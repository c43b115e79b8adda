"""API shapes for places and business concerns (unique module-level names, STYLE.md §4.5).

A business sees its own submissions as reference, time, place and status only: the
submitted-concern shape has no name, no matched child and no police note (issue 10 item 2).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from safeguard.places.rules.codes import INDICATOR_LABELS
from safeguard.places.rules.concern import ConcernInput

# A guard against absurd bodies only: the force's own limits (PLACES_TEXT_MAX_LENGTH,
# PLACES_SHORT_TEXT_MAX_LENGTH) are checked by the concern rules, with their own message.
HARD_TEXT_LIMIT = 100_000


def _text(help_text: str) -> serializers.CharField:
    return serializers.CharField(
        max_length=HARD_TEXT_LIMIT,
        required=False,
        allow_blank=True,
        default="",
        help_text=help_text,
    )


class PlacesSeenAtField(serializers.DateTimeField):
    """ISO 8601 with its offset. A time without one is kept naive, so the concern rules
    refuse it ("Give the time with its time zone") rather than guess the zone."""

    def enforce_timezone(self, value: dt.datetime) -> dt.datetime:
        if timezone.is_naive(value):
            return value
        return super().enforce_timezone(value)


INDICATOR_CHOICES = [(i.value, label) for i, label in INDICATOR_LABELS.items()]


class PlacesConcernInput(serializers.Serializer[Any]):
    """A business's Makesafe concern; checked whole by the concern rules."""

    place = serializers.UUIDField(help_text="One of your own organisation's places")
    indicators = serializers.ListField(
        child=serializers.ChoiceField(choices=INDICATOR_CHOICES),
        required=False,
        default=list,
        max_length=len(INDICATOR_LABELS),
        help_text="The Makesafe signs seen (OTHER needs other_details)",
    )
    young_person_description = _text("Age, appearance, clothing, anything they said")
    adults_description = _text("The adults with them")
    other_details = _text("Anything else")
    room = _text("Room number")
    booking_details = _text("Name on the booking, how it was paid")
    seen_at = PlacesSeenAtField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When it was seen: ISO 8601 with its offset, not in the future",
    )
    still_on_site = serializers.BooleanField(
        help_text="The young person is still there now: the concern is urgent"
    )

    def details(self) -> ConcernInput:
        data = self.validated_data
        return ConcernInput(
            indicators=tuple(data["indicators"]),
            young_person_description=data["young_person_description"],
            adults_description=data["adults_description"],
            other_details=data["other_details"],
            room=data["room"],
            booking_details=data["booking_details"],
            seen_at=data["seen_at"],
            still_on_site=data["still_on_site"],
        )


class PlacesConcernReceiptOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    urgent = serializers.BooleanField()


class PlacesSubmittedConcernOutput(serializers.Serializer[Any]):
    """What a business sees of its own submission: never a name or a police note."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    place_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()


class PlacesPlaceOutput(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    postcode = serializers.CharField()
    flagged = serializers.BooleanField(help_text="The place has an open flag")


class PlacesHistoryEntryOutput(serializers.Serializer[Any]):
    reference = serializers.CharField(source="link.reference")
    role = serializers.CharField(source="link.role")
    occurred_at = serializers.DateTimeField(source="link.occurred_at")
    subject_type = serializers.CharField(source="link.subject_type")
    subject_id = serializers.UUIDField(source="link.subject_id")


class PlacesHistoryOutput(serializers.Serializer[Any]):
    place = PlacesPlaceOutput()
    entries = PlacesHistoryEntryOutput(many=True)
    withheld = serializers.IntegerField(
        help_text="Linked records outside your scope: counted, never shown"
    )
