"""Missing children: episodes, risk information, Philomena profiles, screenings and the NRM.

Fields and constraints only; the workflow lives in ``missing.services``, the rules in
``missing.rules`` (DOMAIN.md §2, §10.1). Risk gradings are risk-framework assessments about
the episode (``risk.RiskAssessment``, subject ``missing.missingepisode``); review, prevention
and return-interview times are statutory clocks (``clocks.StatutoryClock``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safeguard.core.models import BaseModel
from safeguard.missing.rules.codes import (
    CATEGORY_LABELS,
    CRA_DECISION_LABELS,
    EPISODE_STATUS_LABELS,
    EXPLOITATION_TYPE_LABELS,
    FOUND_CONDITION_LABELS,
    MISSING_FROM_LABELS,
    NRM_DECISION_LABELS,
    RETURN_INTERVIEW_OUTCOME_LABELS,
    SCREENING_OUTCOME_LABELS,
    EpisodeStatus,
    NrmDecision,
)


def _choices(labels: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(k.value, v) for k, v in labels.items()]


EPISODE_STATUS_CHOICES = _choices(EPISODE_STATUS_LABELS)


class PhilomenaProfile(BaseModel):
    """A carer's Philomena Protocol part 1, held before the child ever goes missing (§2.3).

    It belongs to the care provider or local authority that holds it (``holder``) and moves
    with the child. Police see it only once a missing report quotes its reference or the
    child it is linked to goes missing (DOMAIN.md §2.3: "given to police only when the child
    is reported missing" [P]).
    """

    reference = models.CharField(max_length=20, unique=True)
    holder = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="philomena_profiles"
    )
    # The child as the carer names them; linked to a person once a report attaches it.
    child_name = models.CharField(max_length=200)
    child_date_of_birth = models.DateField()
    child = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    physical_description = models.TextField()
    photo_reference = models.CharField(max_length=300, blank=True)
    associates = models.TextField(blank=True)
    places = models.TextField(blank=True)
    previous_missing = models.TextField(blank=True)
    vulnerabilities = models.TextField(blank=True)
    medical = models.TextField(blank=True)
    financial = models.TextField(blank=True)
    phones = models.TextField(blank=True)
    social_media = models.TextField(blank=True)
    transport = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Archived when the child moves on (the profile goes with them to the next holder).
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["child_name"]
        indexes = [models.Index(fields=["holder", "child_name"], name="missing_profile_holder")]

    def __str__(self) -> str:
        return self.reference


class RiskAssessedLocation(BaseModel):
    """A place the child may go, assessed for risk, kept with the profile (§2.3 [P])."""

    profile = models.ForeignKey(
        PhilomenaProfile, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    risk = models.TextField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MissingEpisode(BaseModel):
    """One report of a child missing (or away from placement), from report to after-care."""

    reference = models.CharField(max_length=20, unique=True)
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    category = models.CharField(max_length=8, choices=_choices(CATEGORY_LABELS))
    missing_from = models.CharField(max_length=8, choices=_choices(MISSING_FROM_LABELS))
    placing_authority = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=8, choices=EPISODE_STATUS_CHOICES, default=EpisodeStatus.OPEN
    )
    # The core information set (DOMAIN.md §2.1 [S]; missing.rules.standards.CORE_FIELDS).
    reported_by_name = models.CharField(max_length=200, blank=True)
    reported_by_relationship = models.CharField(max_length=100, blank=True)
    reported_by_contact = models.CharField(max_length=200, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField()
    last_seen_place = models.CharField(max_length=300, blank=True)
    location_missing_from = models.CharField(max_length=300, blank=True)
    circumstances = models.TextField(blank=True)
    description = models.TextField(blank=True)
    clothing = models.TextField(blank=True)
    phones = models.TextField(blank=True)
    social_media = models.TextField(blank=True)
    possessions = models.TextField(blank=True)
    transport = models.TextField(blank=True)
    medical_needs = models.TextField(blank=True)
    likely_destinations = models.TextField(blank=True)
    # Philomena Protocol part 1 as it stood when attached, and what it filled in.
    philomena_profile = models.ForeignKey(
        PhilomenaProfile, null=True, blank=True, on_delete=models.PROTECT, related_name="episodes"
    )
    philomena_snapshot = models.JSONField(default=dict, blank=True)
    philomena_filled = models.JSONField(default=list, blank=True)
    # Exploitation indicators seen at report, when found or at debrief (codes).
    exploitation_indicators = models.JSONField(default=list, blank=True)
    # Child Rescue Alert, considered for a child graded high (DOMAIN.md §2.1 [P]).
    cra_decision = models.CharField(
        max_length=12, choices=_choices(CRA_DECISION_LABELS), blank=True
    )
    cra_reason = models.TextField(blank=True)
    cra_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cra_decided_at = models.DateTimeField(null=True, blank=True)
    # Found.
    found_at = models.DateTimeField(null=True, blank=True)
    found_place = models.CharField(max_length=300, blank=True)
    found_by = models.CharField(max_length=200, blank=True)
    found_condition = models.CharField(
        max_length=16, choices=_choices(FOUND_CONDITION_LABELS), blank=True
    )
    # Police prevention (safe and well) interview (DOMAIN.md §2.2 [S]).
    prevention_interview_at = models.DateTimeField(null=True, blank=True)
    prevention_interview_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    prevention_interview_summary = models.TextField(blank=True)
    debrief_intelligence = models.TextField(blank=True)
    # The local authority's return interview, a closed loop (DOMAIN.md §2.2 [S]).
    return_interview_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_interview_requested_at = models.DateTimeField(null=True, blank=True)
    return_interview_outcome = models.CharField(
        max_length=10, choices=_choices(RETURN_INTERVIEW_OUTCOME_LABELS), blank=True
    )
    return_interview_outcome_at = models.DateTimeField(null=True, blank=True)
    return_interview_note = models.TextField(blank=True)
    return_interview_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owning_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_restricted = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(status=EpisodeStatus.OPEN),
                name="missing_one_open_episode_per_child",
            ),
            models.UniqueConstraint(
                fields=["recorded_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="missing_episode_idempotent",
            ),
            models.CheckConstraint(
                condition=Q(found_at__isnull=True) | Q(found_at__gte=F("last_seen_at")),
                name="missing_found_after_last_seen",
            ),
            models.CheckConstraint(
                condition=Q(status=EpisodeStatus.OPEN) | Q(found_at__isnull=False),
                name="missing_found_has_time",
            ),
            models.CheckConstraint(
                condition=Q(cra_decision="") | ~Q(cra_reason=""),
                name="missing_cra_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "last_seen_at"], name="missing_child_seen"),
            models.Index(fields=["status", "last_seen_at"], name="missing_status_seen"),
            models.Index(
                fields=["return_interview_organisation", "return_interview_requested_at"],
                name="missing_rhi_org",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class RiskInformation(BaseModel):
    """A piece of risk information, who supplied it and when it was obtained (§2.1 [P])."""

    episode = models.ForeignKey(
        MissingEpisode, on_delete=models.CASCADE, related_name="risk_information"
    )
    information = models.TextField()
    supplied_by = models.CharField(max_length=200)
    supplied_by_contact = models.CharField(max_length=200)
    obtained_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["obtained_at", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supplied_by="") & ~Q(supplied_by_contact="") & ~Q(information=""),
                name="missing_risk_information_sourced",
            ),
        ]

    def __str__(self) -> str:
        return f"risk information from {self.supplied_by}"


class RepeatMissingPrompt(BaseModel):
    """A strategy-discussion prompt raised because the child keeps going missing (§2.2 [S])."""

    episode = models.OneToOneField(
        MissingEpisode, on_delete=models.CASCADE, related_name="repeat_prompt"
    )
    episodes_in_window = models.PositiveSmallIntegerField()
    threshold = models.PositiveSmallIntegerField()
    window_days = models.PositiveSmallIntegerField()
    discussion_held_at = models.DateTimeField(null=True, blank=True)
    discussion_note = models.TextField(blank=True)
    discussion_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discussion_held_at__isnull=True) | ~Q(discussion_note=""),
                name="missing_strategy_discussion_noted",
            ),
        ]

    def __str__(self) -> str:
        return f"repeat missing {self.episodes_in_window} in {self.window_days} days"


class ExploitationScreening(BaseModel):
    """A CSE/CCE screening raised by exploitation indicators in an episode (§2.2, §10.1)."""

    episode = models.ForeignKey(MissingEpisode, on_delete=models.CASCADE, related_name="screenings")
    indicators = models.JSONField(default=list)
    outcome = models.CharField(max_length=8, choices=_choices(SCREENING_OUTCOME_LABELS), blank=True)
    note = models.TextField(blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True, outcome="")
                | (Q(completed_at__isnull=False) & ~Q(outcome="") & ~Q(note="")),
                name="missing_screening_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"exploitation screening {self.outcome or 'open'}"


class NrmReferral(BaseModel):
    """A National Referral Mechanism referral for a child (DOMAIN.md §10.1 [S])."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    episode = models.ForeignKey(
        MissingEpisode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nrm_referrals",
    )
    exploitation_type = models.CharField(max_length=16, choices=_choices(EXPLOITATION_TYPE_LABELS))
    referred_on = models.DateField()
    nrm_reference = models.CharField(max_length=60, blank=True)
    first_responder = models.CharField(max_length=200)
    reasonable_grounds = models.CharField(
        max_length=10, choices=_choices(NRM_DECISION_LABELS), default=NrmDecision.PENDING
    )
    reasonable_grounds_on = models.DateField(null=True, blank=True)
    conclusive_grounds = models.CharField(
        max_length=10, choices=_choices(NRM_DECISION_LABELS), default=NrmDecision.PENDING
    )
    conclusive_grounds_on = models.DateField(null=True, blank=True)
    ictg_referred_on = models.DateField(null=True, blank=True)
    victim_not_offender = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reasonable_grounds=NrmDecision.PENDING)
                | Q(reasonable_grounds_on__isnull=False),
                name="missing_nrm_rg_dated",
            ),
            models.CheckConstraint(
                condition=Q(conclusive_grounds=NrmDecision.PENDING)
                | Q(conclusive_grounds_on__isnull=False),
                name="missing_nrm_cg_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"NRM {self.exploitation_type} {self.referred_on}"
