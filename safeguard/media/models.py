"""Seized media triage (issue 7 item 4): hash banks, seizures, hashed items, matches, categories.

No seized image is kept: an item holds its hashes and a small blurred thumbnail, made when the
file was hashed, which is all the review page ever shows (DOMAIN.md §6.4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel
from safeguard.media.rules.categories import CATEGORY_LABELS
from safeguard.media.rules.matching import STATUS_LABELS, BankKind, Method

BANK_KIND_CHOICES = [
    (BankKind.POSITIVE.value, "Known indecent images"),
    (BankKind.NEGATIVE.value, "Known innocent images"),
]
METHOD_CHOICES = [(m.value, m.value) for m in Method]
STATUS_CHOICES = [(s.value, label) for s, label in STATUS_LABELS.items()]
CATEGORY_CHOICES = [(c.value, label) for c, label in CATEGORY_LABELS.items()]


class HashBank(BaseModel):
    """A named set of known hashes, positive (known indecent) or negative (known innocent)."""

    name = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=BANK_KIND_CHOICES)
    pdq_threshold = models.PositiveSmallIntegerField(default=31)
    source = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BankHash(BaseModel):
    """One known hash in a bank: exactly one of PDQ, MD5 or SHA-1."""

    bank = models.ForeignKey(HashBank, on_delete=models.CASCADE, related_name="hashes")
    pdq = models.CharField(max_length=64, null=True, blank=True, db_index=True)
    md5 = models.CharField(max_length=32, null=True, blank=True, db_index=True)
    sha1 = models.CharField(max_length=40, null=True, blank=True, db_index=True)
    label = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(pdq__isnull=False, md5__isnull=True, sha1__isnull=True)
                | Q(pdq__isnull=True, md5__isnull=False, sha1__isnull=True)
                | Q(pdq__isnull=True, md5__isnull=True, sha1__isnull=False),
                name="media_bank_hash_one_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank_id}: {self.pdq or self.md5 or self.sha1}"


class Seizure(BaseModel):
    """A set of seized media to triage, e.g. the images from one device."""

    reference = models.CharField(max_length=40, unique=True)
    description = models.TextField(blank=True)
    referral = models.ForeignKey(
        "online_abuse.OnlineReferral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class MediaItem(BaseModel):
    """One seized file, hashed: never the image itself, only its hashes and a blurred thumbnail."""

    seizure = models.ForeignKey(Seizure, on_delete=models.CASCADE, related_name="items")
    file_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    md5 = models.CharField(max_length=32, blank=True, db_index=True)
    sha1 = models.CharField(max_length=40, blank=True, db_index=True)
    pdq = models.CharField(max_length=64, null=True, blank=True)
    pdq_quality = models.PositiveSmallIntegerField(null=True, blank=True)
    thumbnail = models.BinaryField(blank=True, default=b"")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES)
    status_reason = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["file_name", "created_at"]

    def __str__(self) -> str:
        return self.file_name


class MediaMatch(BaseModel):
    """A bank entry an item matched (or, for a negative bank, was suppressed by)."""

    item = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="matches")
    bank = models.ForeignKey(HashBank, on_delete=models.PROTECT, related_name="+")
    bank_hash = models.ForeignKey(BankHash, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=4, choices=METHOD_CHOICES)
    distance = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["distance"]
        constraints = [
            models.UniqueConstraint(fields=["item", "bank_hash"], name="media_match_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ~ {self.bank_hash_id} ({self.method} {self.distance})"


class Categorisation(BaseModel):
    """An investigator's grading of an item; the latest one counts, earlier ones are kept."""

    item = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="categorisations")
    category = models.CharField(max_length=12, choices=CATEGORY_CHOICES)
    categorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.category}"
