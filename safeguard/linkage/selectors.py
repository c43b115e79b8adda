"""Reads for record linkage (issue 6): person records as linkage records, the real-time
check at entry, and the review queue."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.core.policy import force_policy
from safeguard.linkage.models import EntryIndexBuild, EntryKey, LinkageRun, LinkCandidate
from safeguard.linkage.rules.entry import (
    DEFAULT_WEIGHTS,
    Scored,
    Weights,
    entry_keys,
    score,
    top_matches,
    weights_from_model_json,
)
from safeguard.linkage.rules.records import LinkRecord, comparison_row
from safeguard.people.models import Person, PersonAddress, PersonLink
from safeguard.people.policies import scope_people

if TYPE_CHECKING:
    from safeguard.accounts.models import User

BATCH = 20_000
ENTRY_LIMIT = 5
DELTA_LIMIT = 5_000


def _current_addresses(ids: Collection[UUID] | None = None) -> dict[str, tuple[str, str]]:
    """Person id -> (postcode, address text) of their current address (the latest started)."""
    current: dict[str, tuple[str, str]] = {}
    rows = PersonAddress.objects.filter(ends_on__isnull=True)
    if ids is not None:
        rows = rows.filter(person_id__in=ids)
    values = (
        rows.order_by("person_id", "starts_on")
        .values_list("person_id", "address__postcode", "address__line_1", "address__town")
        .iterator(chunk_size=BATCH)
    )
    for person_id, postcode, line_1, town in values:
        current[str(person_id)] = (postcode, f"{line_1}, {town}")
    return current


def people_as_link_records(ids: Collection[UUID] | None = None) -> Iterator[LinkRecord]:
    """Yield every person record (or those with ``ids``) as a linkage record.

    Read by the batch run and the entry check as the system; the caller audits what it
    shows or keeps (its own service or selector).
    """
    addresses = _current_addresses(ids)
    people = Person.objects.all() if ids is None else Person.objects.filter(pk__in=ids)
    rows = people.values_list(
        "pk",
        "given_name",
        "middle_names",
        "family_name",
        "date_of_birth",
        "sex",
        "estimated_age",
        "estimated_on",
    ).iterator(chunk_size=BATCH)
    for pk, given, middle, family, born, sex, age, on in rows:
        postcode, address = addresses.get(str(pk), ("", ""))
        yield LinkRecord(
            record_id=str(pk),
            first_name=given,
            middle_names=middle,
            surname=family,
            date_of_birth=born,
            sex=sex,
            postcode=postcode,
            address=address,
            estimated_age=age,
            estimated_on=on,
        )


def key_digest(key: str) -> str:
    """The stored form of a blocking key: short, fixed length, and no name in clear."""
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def entry_weights() -> Weights:
    """The u probabilities and prior of the latest run over the people table, or defaults."""
    run = LinkageRun.objects.filter(source="PEOPLE").exclude(model_json={}).first()
    return weights_from_model_json(run.model_json) if run is not None else DEFAULT_WEIGHTS


def _candidate_ids(row: dict[str, str | None]) -> set[UUID]:
    """People sharing a blocking key in the prepared index, and everyone changed since."""
    build = EntryIndexBuild.objects.first()
    digests = [key_digest(k) for k in entry_keys(row)]
    ids = set(EntryKey.objects.filter(key__in=digests).values_list("person_id", flat=True))
    changed = Person.objects.all()
    if build is not None:
        changed = changed.filter(
            Q(updated_at__gte=build.started_at)
            | Q(address_history__created_at__gte=build.started_at)
        )
    ids.update(changed.order_by("-updated_at").values_list("pk", flat=True)[:DELTA_LIMIT])
    return ids


@dataclass(frozen=True)
class EntryMatch:
    """An existing person the check offers, with the scored comparison."""

    person: Person
    postcode: str
    scored: Scored


def entry_check(*, actor: User, record: LinkRecord) -> list[EntryMatch]:
    """The people in the actor's scope most likely to be this new record, likeliest first.

    Shows at most five, from ``LINKAGE_ENTRY_SHOW_FROM_PROBABILITY`` (force policy [U]).
    Logs one *consultation* naming each person offered.

    :raises CapabilityMissing: the actor cannot search people
    """
    require_capability(actor, Capability.PERSON_SEARCH)
    new = comparison_row(record)
    ids = _candidate_ids(new)
    if not ids:
        return []
    in_scope = set(scope_people(actor).filter(pk__in=ids).values_list("pk", flat=True))
    candidates = {r.record_id: r for r in people_as_link_records(in_scope)}
    best = top_matches(
        new,
        (comparison_row(r) for r in candidates.values()),
        entry_weights(),
        limit=ENTRY_LIMIT,
        show_from=float(force_policy("LINKAGE_ENTRY_SHOW_FROM_PROBABILITY")),
    )
    people = Person.objects.in_bulk([UUID(s.record_id) for s in best])
    matches = [
        EntryMatch(
            person=people[UUID(s.record_id)],
            postcode=candidates[s.record_id].postcode,
            scored=s,
        )
        for s in best
    ]
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="person.entry_checked",
        subjects=[Subject.of(m.person) for m in matches],
        justification="Check whether a person being recorded is already known",
        changes={
            "query": {
                "name": f"{record.first_name} {record.surname}".strip(),
                "date_of_birth": (
                    record.date_of_birth.isoformat() if record.date_of_birth else None
                ),
                "postcode": record.postcode,
            },
            "offered": [
                {"person": s.record_id, "probability": round(s.probability, 4)} for s in best
            ],
        },
    )
    return matches


@dataclass(frozen=True)
class ReviewPair:
    """A pair the batch model scored, awaiting a person's decision, with the explanation."""

    candidate: LinkCandidate
    left: Person
    right: Person
    left_postcode: str
    right_postcode: str
    scored: Scored
    band: str  # "link" (the model would link) or "review" (uncertain)


QUEUE_LIMIT = 50


def _decided_pairs(ids: Collection[UUID]) -> set[frozenset[UUID]]:
    rows = PersonLink.objects.filter(undone_at__isnull=True).filter(
        Q(left_id__in=ids) | Q(right_id__in=ids)
    )
    return {frozenset(pair) for pair in rows.values_list("left_id", "right_id")}


def _review_pairs(actor: User, candidates: list[LinkCandidate]) -> list[ReviewPair]:
    ids = {pk for c in candidates for pk in (c.left_id, c.right_id)}
    visible = set(scope_people(actor).filter(pk__in=ids).values_list("pk", flat=True))
    decided = _decided_pairs(ids)
    kept = [
        c
        for c in candidates
        if c.left_id in visible
        and c.right_id in visible
        and frozenset((c.left_id, c.right_id)) not in decided
    ]
    wanted = {pk for c in kept for pk in (c.left_id, c.right_id)}
    records = {r.record_id: r for r in people_as_link_records(wanted)}
    people = Person.objects.in_bulk(list(wanted))
    weights = entry_weights()
    pairs = []
    for c in kept:
        left, right = records[str(c.left_id)], records[str(c.right_id)]
        pairs.append(
            ReviewPair(
                candidate=c,
                left=people[c.left_id],
                right=people[c.right_id],
                left_postcode=left.postcode,
                right_postcode=right.postcode,
                scored=score(comparison_row(left), comparison_row(right), weights),
                band="link" if c.match_probability >= c.run.link_threshold else "review",
            )
        )
    return pairs


def _audit_pairs(actor: User, pairs: list[ReviewPair], justification: str) -> None:
    subjects = {p.pk: Subject.of(p) for pair in pairs for p in (pair.left, pair.right)}
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="linkage.pairs_reviewed",
        subjects=list(subjects.values()),
        justification=justification,
        changes={"pairs": [str(pair.candidate.pk) for pair in pairs]},
    )


def pairs_awaiting_review() -> int | None:
    """How many pairs of the latest people-table run still await a decision (None: no run).

    A count only, across every scope: for the inspection dashboard (issue 9), nothing to audit.
    """
    run = LinkageRun.objects.filter(source="PEOPLE").first()
    if run is None:
        return None
    pairs = list(run.candidates.values_list("left_id", "right_id"))
    decided = _decided_pairs({pk for pair in pairs for pk in pair})
    return sum(1 for pair in pairs if frozenset(pair) not in decided)


def review_queue(*, actor: User) -> list[ReviewPair]:
    """The undecided pairs of the latest run over the people table, likeliest first.

    Pairs with a standing decision, or with a record outside the actor's scope, are left
    out. Logs one *consultation* naming every record shown.

    :raises CapabilityMissing: the actor cannot merge people
    """
    require_capability(actor, Capability.PERSON_MERGE)
    run = LinkageRun.objects.filter(source="PEOPLE").first()
    if run is None:
        return []
    pairs: list[ReviewPair] = []
    candidates = run.candidates.select_related("run").order_by("-match_probability", "id")
    start = 0
    # Decided pairs drop out, so read on in pages until the queue page is full.
    while len(pairs) < QUEUE_LIMIT:
        page = list(candidates[start : start + QUEUE_LIMIT * 2])
        if not page:
            break
        pairs.extend(_review_pairs(actor, page))
        start += len(page)
    pairs = pairs[:QUEUE_LIMIT]
    if pairs:
        _audit_pairs(actor, pairs, "Review possible duplicate person records")
    return pairs


def review_pair_get(*, actor: User, candidate_id: UUID) -> ReviewPair:
    """One pair side by side, with the explanation; a *consultation* of both records.

    :raises CapabilityMissing: the actor cannot merge people
    :raises NotFoundOrForbidden: no such pair, already decided, or a record out of scope
    """
    require_capability(actor, Capability.PERSON_MERGE)
    candidate = LinkCandidate.objects.select_related("run").filter(pk=candidate_id).first()
    pairs = _review_pairs(actor, [candidate]) if candidate is not None else []
    if not pairs:
        raise NotFoundOrForbidden()
    _audit_pairs(actor, pairs, "Decide whether two person records are the same person")
    return pairs[0]
