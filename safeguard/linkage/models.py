"""Record linkage runs and the pairs they leave for a person to review (issue 6).

Fields and constraints only. A run records the model version and thresholds it used, so a
link can always be explained by the run that proposed it (DESIGN.md invariant 7 in spirit:
the rule that made a decision is stored with it).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from safeguard.core.models import BaseModel


class LinkageRun(BaseModel):
    """One batch run of the linkage model over the people table or an analyst's file."""

    source = models.CharField(max_length=10, choices=[("PEOPLE", "People"), ("CSV", "CSV file")])
    engine = models.CharField(max_length=10, default="duckdb")
    model_version = models.CharField(max_length=40)
    link_threshold = models.FloatField()
    review_threshold = models.FloatField()
    records = models.PositiveIntegerField()
    pairs_scored = models.PositiveIntegerField()
    clusters_with_more_than_one = models.PositiveIntegerField()
    seconds = models.FloatField()
    model_json = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_threshold__lte=F("link_threshold")),
                name="linkage_review_below_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_version} over {self.records} records"


class LinkCandidate(BaseModel):
    """A pair of person records the model scored in the review band, awaiting a person."""

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="candidates")
    left = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField()

    class Meta:
        ordering = ["-match_probability"]
        constraints = [
            models.UniqueConstraint(fields=["run", "left", "right"], name="linkage_pair_once"),
            models.CheckConstraint(condition=~Q(left=F("right")), name="linkage_pair_differs"),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id} ({self.match_probability:.3f})"


class EntryIndexBuild(BaseModel):
    """One build of the prepared index the real-time check reads (``EntryKey``).

    People recorded or changed after ``started_at`` are not in the index yet; the check
    scores them directly, so a new record is offered from the moment it is saved.
    """

    started_at = models.DateTimeField()
    records = models.PositiveIntegerField()
    keys = models.PositiveIntegerField()
    seconds = models.FloatField()
    model_version = models.CharField(max_length=40)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"index of {self.records} records at {self.started_at:%Y-%m-%d %H:%M}"


class EntryKey(models.Model):
    """A blocking key of a person record (a digest of ``linkage.rules.entry.entry_keys``)."""

    id = models.BigAutoField(primary_key=True)
    key = models.CharField(max_length=32, db_index=True)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "person"], name="linkage_entry_key_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} -> {self.person_id}"
