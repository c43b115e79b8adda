"""API shapes for the chronology (unique module-level names, STYLE.md §4.5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from safeguard.chronology.links import entry_path
from safeguard.chronology.rules.flags import FlagCode
from safeguard.chronology.rules.gaps import GapCode
from safeguard.chronology.rules.timeline import Entry, EntryKind
from safeguard.core.rules.calendar import LONDON
from safeguard.people.models import Person


class ChronologyRecordOutput(serializers.ModelSerializer[Person]):
    full_name = serializers.CharField()

    class Meta:
        model = Person
        fields = ["id", "reference", "given_name", "middle_names", "family_name", "full_name"]


class ChronologyFlagsOutput(serializers.Serializer[Any]):
    on_protection_plan = serializers.BooleanField()
    looked_after = serializers.BooleanField()
    missing_now = serializers.BooleanField()
    open_referrals = serializers.IntegerField()
    exploitation_indicators = serializers.BooleanField()


class ChronologyFlagOutput(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=[(c.value, c.value) for c in FlagCode])
    name = serializers.CharField(source="label")
    detail = serializers.CharField()


class ChronologyGapOutput(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=[(c.value, c.value) for c in GapCode])
    person_reference = serializers.CharField()
    record_reference = serializers.CharField()
    message = serializers.CharField()
    detail = serializers.CharField()


class ChronologyEntryOutput(serializers.Serializer[Any]):
    occurred_at = serializers.SerializerMethodField(
        help_text="When it happened, if recorded with a time (ISO 8601, UTC)"
    )
    occurred_on = serializers.SerializerMethodField(
        help_text="The day it happened (Europe/London); the only value for dated events"
    )
    kind = serializers.ChoiceField(choices=[(k.value, k.value) for k in EntryKind])
    kind_label = serializers.CharField(source="label")
    summary = serializers.CharField()
    person_id = serializers.UUIDField()
    person_reference = serializers.CharField()
    record_reference = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The record's own page, if it has one")

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_occurred_at(self, entry: Entry) -> str | None:
        if isinstance(entry.when, dt.datetime):
            return entry.when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        return None

    @extend_schema_field(serializers.DateField())
    def get_occurred_on(self, entry: Entry) -> str:
        if isinstance(entry.when, dt.datetime):
            return entry.when.astimezone(LONDON).date().isoformat()
        return entry.when.isoformat()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, entry: Entry) -> str | None:
        return entry_path(entry)


class ChronologyOutput(serializers.Serializer[Any]):
    person = ChronologyRecordOutput(help_text="The record asked for")
    records = ChronologyRecordOutput(many=True, help_text="Every record shown, this one first")
    hidden_count = serializers.IntegerField(
        help_text="Linked records the caller may not see; left out of everything else"
    )
    flags = ChronologyFlagsOutput()
    flags_shown = serializers.SerializerMethodField()
    gaps = ChronologyGapOutput(many=True)
    entries = ChronologyEntryOutput(many=True, help_text="Newest first")

    @extend_schema_field(ChronologyFlagOutput(many=True))
    def get_flags_shown(self, chronology: Any) -> list[dict[str, Any]]:
        return list(ChronologyFlagOutput(chronology.flags.shown(), many=True).data)
