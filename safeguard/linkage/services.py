"""Writes for record linkage: a batch run over the people table (issue 6)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.policy import force_policy
from safeguard.linkage.model import MODEL_VERSION, Engine, Progress, Thresholds, link
from safeguard.linkage.models import EntryIndexBuild, EntryKey, LinkageRun, LinkCandidate
from safeguard.linkage.rules.entry import entry_keys
from safeguard.linkage.rules.records import comparison_row
from safeguard.linkage.selectors import EntryMatch, key_digest, people_as_link_records
from safeguard.people.models import Person
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.rules.validation import AddressDetails, PersonDetails
from safeguard.people.services import LinkRefused, person_create, person_link_record

if TYPE_CHECKING:
    from safeguard.accounts.models import User

INDEX_BATCH = 20_000


def thresholds_from_policy() -> Thresholds:
    """The force's link and review thresholds (``LINKAGE_*_PROBABILITY``, force policy [U])."""
    return Thresholds(
        link=float(force_policy("LINKAGE_LINK_PROBABILITY")),
        review_from=float(force_policy("LINKAGE_REVIEW_FROM_PROBABILITY")),
    )


def people_link_run(
    *,
    seed: int = 1,
    progress: Progress | None = None,
    engine: Engine = "duckdb",
    spark_master: str | None = None,
) -> LinkageRun:
    """Link every person record on ``engine`` (``model.link``); keep the run and every pair
    from the review threshold up.

    Pairs from ``LINKAGE_LINK_PROBABILITY`` up are the model's links, the rest wait for a
    person; both are offered for a decision in the review queue, and nothing changes what
    a chronology shows until a person links the records (``people.services``).

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
        engine=engine,
        spark_master=spark_master,
    )
    sizes: dict[str, int] = {}
    for cluster in result.clusters.values():
        sizes[cluster] = sizes.get(cluster, 0) + 1
    with transaction.atomic():
        run = LinkageRun.objects.create(
            source="PEOPLE",
            engine=engine,
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


def entry_index_build(*, progress: Progress | None = None) -> EntryIndexBuild:
    """Rebuild the prepared index the real-time check reads: every person's blocking keys.

    People saved while it builds are scored directly by the check (they are changed after
    ``started_at``), so nobody is missed. Run by the system; one *consultation* event names
    the build and the number of records read.
    """
    started_at = clock.now()
    started = time.perf_counter()
    report = progress or (lambda _stage: None)
    report("indexing")
    count = 0
    keys = 0
    with transaction.atomic():
        EntryKey.objects.all().delete()
        batch: list[EntryKey] = []
        for record in people_as_link_records():
            count += 1
            person_id = UUID(record.record_id)
            for key in entry_keys(comparison_row(record)):
                batch.append(EntryKey(key=key_digest(key), person_id=person_id))
            if len(batch) >= INDEX_BATCH:
                EntryKey.objects.bulk_create(batch)
                keys += len(batch)
                batch = []
        EntryKey.objects.bulk_create(batch)
        keys += len(batch)
        build = EntryIndexBuild.objects.create(
            started_at=started_at,
            records=count,
            keys=keys,
            seconds=round(time.perf_counter() - started, 3),
            model_version=MODEL_VERSION,
        )
        audit_event_record(
            actor=None,
            operation=Operation.CONSULTATION,
            event_type="linkage.index_built",
            subjects=[Subject.of(build)],
            justification="Prepare the index for the check whether a person is already known",
            changes={"records": count, "keys": keys},
        )
    return build


@dataclass(frozen=True)
class EntryDecision:
    """What the officer decided about the people the check offered.

    ``same_as`` names the offered person this new record is; None means none of them.
    """

    offered: list[EntryMatch]
    same_as: UUID | None
    reason: str


@transaction.atomic
def person_record_checked(
    *,
    actor: User,
    details: PersonDetails,
    address: AddressDetails | None,
    education_setting_id: UUID | None,
    decision: EntryDecision,
) -> Person:
    """Record a new person after the check at entry, with the officer's decision.

    Linked to the offered person they said it is (a *combination*), or recorded as a
    different person from each one offered; either way with their reason. Nothing is
    recorded if any part fails.

    :raises PersonInvalid: the person's details have errors
    :raises LinkRefused: a decision was needed and is missing, or has no reason
    """
    offered = {m.person.pk: m for m in decision.offered}
    if offered and decision.same_as is None and not decision.reason.strip():
        raise LinkRefused("Say why this is none of the people already known.")
    if decision.same_as is not None and decision.same_as not in offered:
        raise LinkRefused("That person is no longer offered; check again.")
    person = person_create(
        actor=actor, details=details, address=address, education_setting_id=education_setting_id
    )
    for person_id, match in offered.items():
        same = person_id == decision.same_as
        if decision.same_as is not None and not same:
            continue
        person_link_record(
            actor=actor,
            first_id=person.pk,
            second_id=person_id,
            decision=LinkDecision.SAME if same else LinkDecision.DIFFERENT,
            reason=decision.reason,
            source=LinkSource.ENTRY,
            match_probability=match.scored.probability,
            explanation=[f.as_dict() for f in match.scored.fields],
        )
    return person
