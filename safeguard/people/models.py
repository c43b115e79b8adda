"""People (children and adults), their names, addresses, relationships and plans.

Fields and constraints only; workflow lives in services, rules in ``people.rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safeguard.core.models import BaseModel
from safeguard.people.rules import codes
from safeguard.people.rules.names import MAX_NAME_LENGTH


def _choices(enum: type[StrEnum], labels: Mapping[Any, str] | None = None) -> list[tuple[str, str]]:
    return [(m.value, (labels or {}).get(m, m.value.replace("_", " ").capitalize())) for m in enum]


SEX_CHOICES = _choices(codes.Sex)
SDE_CHOICES = _choices(codes.SelfDefinedEthnicity, codes.SELF_DEFINED_ETHNICITY_LABELS)
IC_CHOICES = _choices(codes.OfficerDefinedEthnicity, codes.OFFICER_DEFINED_ETHNICITY_LABELS)
YNU_CHOICES = _choices(codes.YesNoUnknown)
SEND_CHOICES = _choices(codes.SendStatus)
RELATIONSHIP_CHOICES = _choices(codes.RelationshipKind)


class Person(BaseModel):
    """A child or an adult known to the force."""

    reference = models.CharField(max_length=20, unique=True)
    given_name = models.CharField(max_length=MAX_NAME_LENGTH)
    middle_names = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    family_name = models.CharField(max_length=MAX_NAME_LENGTH)
    # Accent- and case-folded "given family" for search (people.rules.names.name_search_key).
    search_name = models.CharField(max_length=2 * MAX_NAME_LENGTH + 1, db_index=True)
    search_family_name = models.CharField(max_length=MAX_NAME_LENGTH, db_index=True)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    estimated_age = models.PositiveSmallIntegerField(null=True, blank=True)
    estimated_on = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=16, choices=SEX_CHOICES, default=codes.Sex.NOT_RECORDED)
    self_defined_ethnicity = models.CharField(
        max_length=12, choices=SDE_CHOICES, default=codes.SelfDefinedEthnicity.NOT_ASKED
    )
    officer_defined_ethnicity = models.CharField(
        max_length=12, choices=IC_CHOICES, default=codes.OfficerDefinedEthnicity.NOT_RECORDED
    )
    disability = models.CharField(
        max_length=8, choices=YNU_CHOICES, default=codes.YesNoUnknown.UNKNOWN
    )
    disability_details = models.TextField(blank=True)
    send_status = models.CharField(
        max_length=12, choices=SEND_CHOICES, default=codes.SendStatus.UNKNOWN
    )
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.CharField(
        max_length=8, choices=YNU_CHOICES, default=codes.YesNoUnknown.UNKNOWN
    )
    looked_after = models.CharField(
        max_length=8, choices=YNU_CHOICES, default=codes.YesNoUnknown.UNKNOWN
    )
    placing_authority = models.CharField(max_length=120, blank=True)
    education_setting = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pupils",
    )
    home_educated = models.BooleanField(default=False)
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_restricted = models.BooleanField(default=False)
    # Optimistic concurrency: every save must name the version it started from.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_age__isnull=True) | Q(estimated_age__lte=120),
                name="people_person_estimated_age_plausible",
            ),
            models.CheckConstraint(
                condition=Q(estimated_age__isnull=True) | Q(estimated_on__isnull=False),
                name="people_person_estimate_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.full_name}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.middle_names, self.family_name) if p)


class PersonAlias(BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=16, choices=_choices(codes.AliasKind))
    given_name = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    family_name = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    search_name = models.CharField(max_length=2 * MAX_NAME_LENGTH + 1, db_index=True)

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Address(BaseModel):
    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=10, db_index=True)

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


class PersonAddress(BaseModel):
    """A period a person lived at an address; ``ends_on`` null means current."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="address_history")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residents")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="people_address_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.address_id}"


class Relationship(BaseModel):
    """``from_person`` is ``kind`` of ``to_person`` (e.g. parent of, sibling of)."""

    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_from"
    )
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=24, choices=RELATIONSHIP_CHOICES)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_person=F("to_person")), name="people_relationship_not_self"
            ),
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="people_relationship_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person_id} {self.kind} {self.to_person_id}"


class ChildProtectionPlan(BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="protection_plans")
    category = models.CharField(max_length=12, choices=_choices(codes.ChildProtectionCategory))
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="people_plan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} plan from {self.starts_on}"


class PersonLink(BaseModel):
    """Two person records a user has decided about (issue 6): the same person, or not.

    A ``SAME`` link shows both records in one chronology. Setting ``kept`` makes it a merge:
    the other record's id then redirects to ``kept``. Undoing a link (``undone_at``) ends the
    merge too and restores both records; nothing is ever deleted by a link or a merge.
    ``left`` is always the record with the lower id, so a pair has one row while it stands.
    """

    left = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="links_as_left")
    right = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="links_as_right")
    decision = models.CharField(max_length=10, choices=_choices(codes.LinkDecision))
    source = models.CharField(max_length=10, choices=_choices(codes.LinkSource))
    kept = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    match_probability = models.FloatField(null=True, blank=True)
    # The per-field explanation the user saw when deciding (linkage.rules.entry).
    explanation = models.JSONField(default=list, blank=True)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(left=F("right")), name="people_link_two_records"),
            models.UniqueConstraint(
                fields=["left", "right"],
                condition=Q(undone_at__isnull=True),
                name="people_link_pair_once_while_standing",
            ),
            models.CheckConstraint(
                condition=Q(kept__isnull=True)
                | (Q(decision="SAME") & (Q(kept=F("left")) | Q(kept=F("right")))),
                name="people_link_kept_is_one_of_a_same_pair",
            ),
            models.CheckConstraint(
                condition=Q(kept__isnull=True, merged_at__isnull=True)
                | Q(kept__isnull=False, merged_at__isnull=False),
                name="people_link_merge_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} {self.decision} {self.right_id}"

    @property
    def merged_away_id(self) -> Any:
        """The id that redirects to ``kept`` while this merge stands, else None."""
        if self.kept_id is None or self.undone_at is not None:
            return None
        return self.right_id if self.kept_id == self.left_id else self.left_id
