"""Risk assessments: fields and constraints only; scoring lives in ``risk.rules``.

An assessment is about any record (a child concern, a person, later a missing episode),
named like an audit subject: ``subject_type`` ``"referrals.childconcern"`` and the record's
ID. The instrument code and version, the answers, the computed level and the officer's
judgement are stored together, so the assessment can be read again exactly as it was made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safeguard.core.models import BaseModel
from safeguard.risk.rules.instruments import CODE_MAX_LENGTH
from safeguard.risk.rules.judgement import LevelChange, ReviewOutcome

CODE_LENGTH = CODE_MAX_LENGTH
SUBJECT_TYPE_LENGTH = 100
SUBJECT_ID_LENGTH = 64

LEVEL_CHANGE_CHOICES = [
    (LevelChange.NONE.value, "As computed"),
    (LevelChange.RAISED.value, "Raised by the officer"),
    (LevelChange.LOWERED.value, "Lowered by the officer"),
]
REVIEW_OUTCOME_CHOICES = [
    (ReviewOutcome.AGREED.value, "Agreed"),
    (ReviewOutcome.CHANGED.value, "Changed"),
]


class RiskAssessment(BaseModel):
    """One completed instrument, with the officer's judgement and a supervisor's review."""

    subject_type = models.CharField(max_length=SUBJECT_TYPE_LENGTH)
    subject_id = models.CharField(max_length=SUBJECT_ID_LENGTH)
    instrument_code = models.CharField(max_length=CODE_LENGTH)
    instrument_version = models.PositiveSmallIntegerField()
    answers = models.JSONField(default=dict)
    computed_level = models.CharField(max_length=CODE_LENGTH)
    officer_level = models.CharField(max_length=CODE_LENGTH, blank=True)
    final_level = models.CharField(max_length=CODE_LENGTH)
    level_change = models.CharField(
        max_length=8, choices=LEVEL_CHANGE_CHOICES, default=LevelChange.NONE.value
    )
    rationale = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_outcome = models.CharField(max_length=8, choices=REVIEW_OUTCOME_CHOICES, blank=True)
    review_note = models.TextField(blank=True)
    reviewed_level = models.CharField(max_length=CODE_LENGTH, blank=True)

    class Meta:
        ordering = ["-assessed_at"]
        indexes = [
            models.Index(
                fields=["subject_type", "subject_id", "-assessed_at"],
                name="risk_assessment_subject",
            ),
            models.Index(fields=["reviewed_at", "assessed_at"], name="risk_assessment_review"),
            # Supervisors' "awaiting your approval": unreviewed, oldest first.
            models.Index(
                fields=["assessed_at"],
                condition=Q(reviewed_at__isnull=True),
                name="risk_assessment_awaiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(instrument_version__gte=1), name="risk_assessment_version_from_1"
            ),
            # The final level is the officer's if they gave one, else the computed level.
            models.CheckConstraint(
                condition=Q(officer_level="", final_level=F("computed_level"))
                | (~Q(officer_level="") & Q(final_level=F("officer_level"))),
                name="risk_assessment_final_level",
            ),
            models.CheckConstraint(
                condition=Q(level_change__in=[c.value for c in LevelChange]),
                name="risk_assessment_level_change_known",
            ),
            # A raised or lowered level always has its rationale (never silently lowered).
            models.CheckConstraint(
                condition=Q(level_change=LevelChange.NONE.value)
                | (~Q(officer_level="") & ~Q(officer_level=F("computed_level")) & ~Q(rationale="")),
                name="risk_assessment_change_explained",
            ),
            models.CheckConstraint(
                condition=~Q(level_change=LevelChange.NONE.value)
                | Q(officer_level="")
                | Q(officer_level=F("computed_level")),
                name="risk_assessment_change_recorded",
            ),
            # Review fields are all empty (not yet reviewed) or all present.
            models.CheckConstraint(
                condition=Q(
                    reviewed_by__isnull=True,
                    reviewed_at__isnull=True,
                    review_outcome="",
                    reviewed_level="",
                )
                | Q(
                    reviewed_by__isnull=False,
                    reviewed_at__isnull=False,
                    review_outcome=ReviewOutcome.AGREED.value,
                    reviewed_level=F("final_level"),
                )
                | (
                    Q(
                        reviewed_by__isnull=False,
                        reviewed_at__isnull=False,
                        review_outcome=ReviewOutcome.CHANGED.value,
                    )
                    & ~Q(reviewed_level="")
                    & ~Q(reviewed_level=F("final_level"))
                    & ~Q(review_note="")
                ),
                name="risk_assessment_review_complete",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("assessed_by")),
                name="risk_assessment_not_self_reviewed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_code} v{self.instrument_version}: {self.final_level}"

    @property
    def current_level(self) -> str:
        """Return the level that now stands: the supervisor's if reviewed, else the final one."""
        return self.reviewed_level or self.final_level

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None
