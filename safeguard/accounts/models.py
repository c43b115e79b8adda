"""Users, police teams and partner organisations. No permission logic lives here (see access)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel


class Team(BaseModel):
    """A police team or unit (PPU, MASH, online CSEA team, response)."""

    name = models.CharField(max_length=120)
    code = models.CharField(max_length=20, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    SCHOOL = "SCHOOL", "School or education setting"
    CHILDRENS_SOCIAL_CARE = "CSC", "Children's social care"
    HOTEL = "HOTEL", "Hotel or other business"
    LOCAL_AUTHORITY = "LA", "Local authority (education)"
    CARE_PROVIDER = "CARE", "Children's home or fostering provider"


class Organisation(BaseModel):
    """A partner organisation whose users have least-privilege accounts."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=OrganisationKind.choices)
    # Unique reference number for schools (DfE URN); blank for others.
    urn = models.CharField(max_length=12, blank=True)
    local_authority = models.CharField(max_length=120, blank=True)
    # Start of the school day, for "before the start of the next school day" (DOMAIN.md §3.2).
    day_starts_at = models.TimeField(default=dt.time(8, 30))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"], condition=~Q(urn=""), name="accounts_organisation_unique_urn"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SchoolTerm(BaseModel):
    """One term (inclusive dates) of a school's calendar; the gaps are its holidays."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="terms")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["organisation", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="accounts_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.starts_on} to {self.ends_on}"


class SchoolClosure(BaseModel):
    """A day inside term when the school is shut (training day, polling day)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="closures"
    )
    closed_on = models.DateField()
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "closed_on"], name="accounts_closure_unique_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} closed {self.closed_on}"


class User(AbstractUser):
    """A person who signs in: police staff (with a team) or a partner (with an organisation)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    collar_number = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=True) | Q(organisation__isnull=True),
                name="accounts_user_staff_or_partner",
            ),
        ]

    @property
    def is_partner(self) -> bool:
        return self.organisation_id is not None

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
