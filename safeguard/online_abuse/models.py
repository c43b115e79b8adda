"""Online CSEA referrals (issue 7, DOMAIN.md §6): fields and constraints only.

A referral keeps the package exactly as received (``package``) and a digest of its canonical
form, so the same package twice is recognised. Suspect identifiers are matched to people the
force knows (``KnownIdentifier``) and, for IP addresses at a time, to the subscriber address
a communications data request returned (``IpSubscriber``).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safeguard.core.models import BaseModel
from safeguard.online_abuse.rules import codes


def _choices(enum: type[StrEnum], labels: Mapping[Any, str] | None = None) -> list[tuple[str, str]]:
    return [(m.value, (labels or {}).get(m, m.value.replace("_", " ").capitalize())) for m in enum]


SOURCE_CHOICES = _choices(
    codes.ReferralSource,
    {
        codes.ReferralSource.NCA_CEOP: "NCA-CEOP package",
        codes.ReferralSource.IWF: "Internet Watch Foundation",
        codes.ReferralSource.PUBLIC: "Report from the public",
        codes.ReferralSource.SELF_GENERATED: "Self-generated imagery",
        codes.ReferralSource.OTHER_FORCE: "Another force",
    },
)
STAGE_CHOICES = _choices(codes.Stage)
IDENTIFIER_CHOICES = _choices(codes.IdentifierKind, {codes.IdentifierKind.IP_ADDRESS: "IP address"})


class OnlineReferral(BaseModel):
    """One online CSEA referral package, from receipt to outcome."""

    reference = models.CharField(max_length=20, unique=True)
    source = models.CharField(max_length=16, choices=SOURCE_CHOICES)
    external_reference = models.CharField(max_length=60, blank=True)
    platform = models.CharField(max_length=120, blank=True)
    received_at = models.DateTimeField()
    first_activity_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField()
    package = models.JSONField(default=dict)
    package_digest = models.CharField(max_length=64, unique=True)
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES, default=codes.Stage.RECEIVED)
    kirat_level = models.CharField(max_length=12, blank=True)
    suspect = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_reference"],
                condition=~Q(external_reference=""),
                name="online_referral_external_reference_once",
            ),
            models.CheckConstraint(
                condition=Q(last_activity_at__isnull=True)
                | Q(first_activity_at__isnull=True)
                | Q(last_activity_at__gte=F("first_activity_at")),
                name="online_referral_activity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class SuspectIdentifier(BaseModel):
    """An identifier the package names: an account, an email, a phone, an IP at a time."""

    referral = models.ForeignKey(
        OnlineReferral, on_delete=models.CASCADE, related_name="identifiers"
    )
    kind = models.CharField(max_length=12, choices=IDENTIFIER_CHOICES)
    value = models.CharField(max_length=320)
    normalised = models.CharField(max_length=320, db_index=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.normalised}"


class KnownIdentifier(BaseModel):
    """An identifier the force already holds for a person (from earlier records)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="known_identifiers"
    )
    kind = models.CharField(max_length=12, choices=IDENTIFIER_CHOICES)
    normalised = models.CharField(max_length=320, db_index=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "normalised"], name="online_known_identifier_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.normalised}"


class IpSubscriber(BaseModel):
    """Who an IP address was assigned to over a period (a communications data return)."""

    ip_address = models.GenericIPAddressField(db_index=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    address = models.ForeignKey("people.Address", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="online_ip_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ip_address} {self.starts_at:%Y-%m-%d %H:%M}"


class IdentifierMatch(BaseModel):
    """A suspect identifier matched to a known person or to a subscriber address."""

    identifier = models.ForeignKey(
        SuspectIdentifier, on_delete=models.CASCADE, related_name="matches"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.ForeignKey(
        "people.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    how = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(address__isnull=False),
                name="online_match_names_someone_or_somewhere",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier_id}: {self.how}"


class StageEvent(BaseModel):
    """The referral entered a stage (or was re-graded), with who and why."""

    referral = models.ForeignKey(OnlineReferral, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES)
    occurred_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_at"]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.stage}"


class ChildAroundSuspect(BaseModel):
    """A child living at or linked to a suspect's address, with a safeguarding decision."""

    referral = models.ForeignKey(OnlineReferral, on_delete=models.CASCADE, related_name="children")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    link = models.CharField(max_length=30, choices=_choices(codes.ChildLink))
    decision = models.CharField(max_length=24, choices=_choices(codes.ChildDecision), blank=True)
    reason = models.TextField(blank=True)
    concern = models.ForeignKey(
        "referrals.ChildConcern", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "child"], name="online_child_once"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_at__isnull=False),
                name="online_child_decision_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.child_id}"
