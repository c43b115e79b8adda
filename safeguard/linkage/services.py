"""Writes for record linkage: a batch run over the people table (issue 6)."""

from __future__ import annotations

import time
from uuid import UUID

from django.db import transaction

from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core.policy import force_policy
from safeguard.linkage.model import MODEL_VERSION, Progress, Thresholds, link
from safeguard.linkage.models import LinkageRun, LinkCandidate
from safeguard.linkage.selectors import people_as_link_records


def thresholds_from_policy() -> Thresholds:
    """The force's link and review thresholds (``LINKAGE_*_PROBABILITY``, force policy [U])."""
    return Thresholds(
        link=float(force_policy("LINKAGE_LINK_PROBABILITY")),
        review_from=float(force_policy("LINKAGE_REVIEW_FROM_PROBABILITY")),
    )


def people_link_run(*, seed: int = 1, progress: Progress | None = None) -> LinkageRun:
    """Link every person record; keep the run and the pairs in the review band.

    Run by the system (a command), so the reading of every record is one *consultation*
    event naming the run, with the number of records read.
    """
    thresholds = thresholds_from_policy()
    started = time.perf_counter()
    result = link(
        people_as_link_records(),
        thresholds=thresholds,
        seed=seed,
        progress=progress or (lambda _stage: None),
    )
    sizes: dict[str, int] = {}
    for cluster in result.clusters.values():
        sizes[cluster] = sizes.get(cluster, 0) + 1
    with transaction.atomic():
        run = LinkageRun.objects.create(
            source="PEOPLE",
            model_version=MODEL_VERSION,
            link_threshold=thresholds.link,
            review_threshold=thresholds.review_from,
            records=result.records,
            pairs_scored=result.pairs_scored,
            clusters_with_more_than_one=sum(1 for n in sizes.values() if n > 1),
            seconds=round(time.perf_counter() - started, 3),
            model_json=result.model_json,
        )
        LinkCandidate.objects.bulk_create(
            (
                LinkCandidate(
                    run=run, left_id=UUID(left), right_id=UUID(right), match_probability=p
                )
                for left, right, p in result.pairs
                if p < thresholds.link
            ),
            batch_size=5000,
        )
        audit_event_record(
            actor=None,
            operation=Operation.CONSULTATION,
            event_type="linkage.run",
            subjects=[Subject.of(run)],
            justification="Batch record linkage of person records (issue 6)",
            changes={"records": result.records, "model_version": MODEL_VERSION},
        )
    return run
