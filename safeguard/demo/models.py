"""Evaluation truth for the synthetic force: which person records are the same human being.

Only the demo generator writes here; record linkage reads it to measure precision and recall.
It is never shown to officers.
"""

from django.db import models


class SyntheticIdentity(models.Model):
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="+")
    identity = models.UUIDField(db_index=True)
    is_duplicate = models.BooleanField(default=False)
    # What the generator did to this copy: "typo", "nickname", "swapped_day_month", ...
    distortion = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.person_id} is {self.identity}"
