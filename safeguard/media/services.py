"""Writes for seized-media triage: banks and their import, seizures, hashing and grading.

Every service checks the actor's capability and writes its audit event in the same
transaction as the change (STYLE.md §4.8). Hashing seized files is *collection*; matching
them against the banks is *combination*; a grading is *alteration*.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core.exceptions import DomainError
from safeguard.media.hashing import FileHashes, file_hash
from safeguard.media.index import PdqIndex, hex_to_array
from safeguard.media.models import (
    BankHash,
    Categorisation,
    HashBank,
    MediaItem,
    MediaMatch,
    Seizure,
)
from safeguard.media.policy import triage_policy
from safeguard.media.rules.categories import Category
from safeguard.media.rules.hashes import HashFormat, HashValueInvalid, hash_parse
from safeguard.media.rules.matching import (
    BankKind,
    Hit,
    ItemStatus,
    Method,
    ThresholdInvalid,
    TriagePolicy,
    best_hits,
    flooding_entries,
    item_decide,
    pdq_usable,
    threshold_check,
    within_threshold,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import User

BANK_COLUMNS = ("format", "hash")
BANK_OPTIONAL_COLUMNS = ("label",)
IMPORT_BATCH = 5000
LOOKUP_BATCH = 500


class MediaInvalid(DomainError):
    """The request cannot be done as asked; the message is safe to show."""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class FileError:
    file_name: str
    message: str


@dataclass
class TriageReport:
    hashed: int = 0
    already_hashed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)


# Banks --------------------------------------------------------------------------------------


@transaction.atomic
def hash_bank_create(
    *,
    actor: User,
    name: str,
    kind: BankKind,
    pdq_threshold: int | None = None,
    source: str = "",
    description: str = "",
) -> HashBank:
    """Create a hash bank.

    :raises CapabilityMissing: the actor may not manage hash banks
    :raises MediaInvalid: the name is taken, or the threshold is outside the policy
    """
    require_capability(actor, Capability.HASH_BANK_MANAGE)
    policy = triage_policy()
    threshold = policy.default_pdq_threshold if pdq_threshold is None else pdq_threshold
    try:
        threshold_check(threshold, policy)
    except ThresholdInvalid as exc:
        raise MediaInvalid(str(exc)) from exc
    cleaned = name.strip()
    if not cleaned:
        raise MediaInvalid("Give the bank a name.")
    if HashBank.objects.filter(name=cleaned).exists():
        raise MediaInvalid(f"A bank named {cleaned!r} already exists.")
    bank = HashBank.objects.create(
        name=cleaned,
        kind=kind.value,
        pdq_threshold=threshold,
        source=source,
        description=description,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="media.hash_bank_created",
        subjects=[Subject.of(bank)],
        changes={"name": cleaned, "kind": kind.value, "pdq_threshold": threshold},
    )
    return bank


def _bank_rows(lines: Iterable[str]) -> Iterator[tuple[int, dict[str | None, object]]]:
    reader = csv.DictReader(lines, restkey=None)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in BANK_COLUMNS if c not in header]
    if missing:
        raise MediaInvalid(
            "The bank file's first line must name the columns format,hash (and optionally "
            f"label); missing: {', '.join(missing)}."
        )
    reader.fieldnames = header
    for row in reader:
        yield reader.line_num, row


def _bank_row_parse(row: dict[str | None, object]) -> tuple[HashFormat, str, str]:
    if row.get(None):
        raise HashValueInvalid("The row has more fields than the header names.")
    if any(row.get(c) is None for c in BANK_COLUMNS):
        raise HashValueInvalid("The row has fewer fields than the header names.")
    parsed = hash_parse(str(row["format"]), str(row["hash"]))
    label = str(row.get("label") or "").strip()[:120]
    return parsed.format, parsed.value, label


@transaction.atomic
def hash_bank_import(*, actor: User, bank: HashBank, lines: Iterable[str]) -> ImportReport:
    """Add the hashes of a CSV file (columns format,hash[,label]) to ``bank``.

    A row with an unknown format, a malformed value or the wrong number of fields is reported
    with its line number and skipped; the other rows are imported. A hash already in the bank
    is counted as a duplicate.

    :raises CapabilityMissing: the actor may not manage hash banks
    :raises MediaInvalid: the file has no header naming the columns, or is not text
    """
    require_capability(actor, Capability.HASH_BANK_MANAGE)
    report = ImportReport()
    seen: dict[HashFormat, set[str | None]] = {
        f: set(bank.hashes.values_list(f.value, flat=True)) for f in HashFormat
    }
    pending: list[BankHash] = []
    try:
        for line, row in _bank_rows(lines):
            try:
                hash_format, value, label = _bank_row_parse(row)
            except HashValueInvalid as exc:
                report.errors.append(RowError(line, str(exc)))
                continue
            if value in seen[hash_format]:
                report.duplicates += 1
                continue
            seen[hash_format].add(value)
            pending.append(BankHash(bank=bank, label=label, **{hash_format.value: value}))
            if len(pending) >= IMPORT_BATCH:
                report.imported += len(BankHash.objects.bulk_create(pending))
                pending = []
    except (UnicodeDecodeError, csv.Error) as exc:
        raise MediaInvalid(f"The bank file cannot be read as CSV text ({exc}).") from exc
    report.imported += len(BankHash.objects.bulk_create(pending))
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="media.hash_bank_imported",
        subjects=[Subject.of(bank)],
        changes={
            "imported": report.imported,
            "duplicates": report.duplicates,
            "errors": len(report.errors),
        },
    )
    return report


# Seizures and hashing -------------------------------------------------------------------------


@transaction.atomic
def seizure_create(
    *,
    actor: User,
    reference: str,
    description: str = "",
    referral_reference: str = "",
) -> Seizure:
    """Record a seizure of media to triage, linked to an online referral if one is named.

    :raises CapabilityMissing: the actor may not triage media
    :raises MediaInvalid: no reference, a reference already used, or an unknown referral
    """
    from safeguard.online_abuse.models import OnlineReferral

    require_capability(actor, Capability.MEDIA_TRIAGE)
    cleaned = reference.strip()
    if not cleaned:
        raise MediaInvalid("Give the seizure a reference, such as the exhibit number.")
    if Seizure.objects.filter(reference=cleaned).exists():
        raise MediaInvalid(f"A seizure with the reference {cleaned!r} already exists.")
    referral = None
    if referral_reference.strip():
        referral = OnlineReferral.objects.filter(reference=referral_reference.strip()).first()
        if referral is None:
            raise MediaInvalid(f"No online referral has the reference {referral_reference!r}.")
    seizure = Seizure.objects.create(
        reference=cleaned, description=description, referral=referral, created_by=actor
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="media.seizure_created",
        subjects=[Subject.of(seizure)] + ([Subject.of(referral)] if referral else []),
        changes={"reference": cleaned},
    )
    return seizure


def folder_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Yield each file under ``folder`` (sorted) as its path within the folder and its bytes.

    :raises MediaInvalid: the folder does not exist
    """
    if not folder.is_dir():
        raise MediaInvalid(f"{folder} is not a folder.")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield path.relative_to(folder).as_posix(), path.read_bytes()


@dataclass
class _BankEntries:
    """Every PDQ entry of every bank, as arrays the index and the decision rules read."""

    index: PdqIndex | None
    hash_ids: list[str]
    bank_ids: list[str]
    banks: dict[str, HashBank]


def _bank_entries(policy: TriagePolicy) -> _BankEntries:
    banks = {str(b.pk): b for b in HashBank.objects.all()}
    rows = list(BankHash.objects.exclude(pdq=None).values_list("pk", "bank_id", "pdq"))
    if not rows:
        return _BankEntries(None, [], [], banks)
    radius = max([b.pdq_threshold for b in banks.values()] + [0])
    index = PdqIndex(
        hex_to_array([str(r[2]) for r in rows]), radius=min(radius, policy.max_pdq_threshold)
    )
    return _BankEntries(index, [str(r[0]) for r in rows], [str(r[1]) for r in rows], banks)


def _pdq_hits(
    hashes: list[FileHashes], entries: _BankEntries, policy: TriagePolicy
) -> dict[int, list[Hit]]:
    hits: dict[int, list[Hit]] = defaultdict(list)
    if entries.index is None:
        return hits
    owners: list[int] = []
    queries: list[str] = []
    for number, h in enumerate(hashes):
        if pdq_usable(h.pdq_quality, policy):
            owners.extend([number] * len(h.dihedral))
            queries.extend(h.dihedral)
    if not queries:
        return hits
    found = entries.index.search(hex_to_array(queries), workers=1)
    for query, row, distance in zip(
        found.query.tolist(), found.hash.tolist(), found.distance.tolist(), strict=True
    ):
        bank = entries.banks[entries.bank_ids[row]]
        if within_threshold(distance, bank.pdq_threshold):
            hits[owners[query]].append(
                Hit(str(bank.pk), BankKind(bank.kind), entries.hash_ids[row], Method.PDQ, distance)
            )
    return hits


def _exact_hits(hashes: list[FileHashes], banks: dict[str, HashBank]) -> dict[int, list[Hit]]:
    hits: dict[int, list[Hit]] = defaultdict(list)
    for field_name, method in (("md5", Method.MD5), ("sha1", Method.SHA1)):
        owners: dict[str, list[int]] = defaultdict(list)
        for number, h in enumerate(hashes):
            owners[getattr(h, field_name)].append(number)
        values = list(owners)
        for start in range(0, len(values), LOOKUP_BATCH):
            batch = values[start : start + LOOKUP_BATCH]
            lookup = {f"{field_name}__in": batch}
            for pk, bank_id, value in BankHash.objects.filter(**lookup).values_list(
                "pk", "bank_id", field_name
            ):
                bank = banks[str(bank_id)]
                for number in owners[value]:
                    hits[number].append(Hit(str(bank.pk), BankKind(bank.kind), str(pk), method, 0))
    return hits


@transaction.atomic
def seizure_files_hash(
    *, actor: User, seizure: Seizure, files: Iterable[tuple[str, bytes]]
) -> TriageReport:
    """Hash each file, match it against every bank, and record the items and their matches.

    A file that cannot be read as an image is recorded with the reason, and matched by MD5
    and SHA-1 only; the other files proceed. A file already hashed into this seizure (same
    SHA-1) is skipped. Floods of matches are quarantined (``rules.matching``).

    :raises CapabilityMissing: the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    policy = triage_policy()
    known = set(seizure.items.values_list("sha1", flat=True))
    report = TriageReport()
    names: list[str] = []
    hashes: list[FileHashes] = []
    for name, data in files:
        hashed = file_hash(data)
        if hashed.sha1 in known:
            report.already_hashed += 1
            continue
        known.add(hashed.sha1)
        names.append(name[-255:])
        hashes.append(hashed)
    entries = _bank_entries(policy)
    pdq_hits = _pdq_hits(hashes, entries, policy)
    exact_hits = _exact_hits(hashes, entries.banks)
    item_hits = {
        n: best_hits(pdq_hits.get(n, []) + exact_hits.get(n, [])) for n in range(len(hashes))
    }
    flooding = flooding_entries({str(n): hits for n, hits in item_hits.items()}, policy)
    items: list[MediaItem] = []
    matches: list[MediaMatch] = []
    for number, (name, hashed) in enumerate(zip(names, hashes, strict=True)):
        hits = item_hits[number]
        decision = item_decide(hits, flooding=flooding, policy=policy)
        status = decision.status
        if hashed.error and status is ItemStatus.UNMATCHED:
            status = ItemStatus.ERROR
        item = MediaItem(
            seizure=seizure,
            file_name=name,
            size=hashed.size,
            md5=hashed.md5,
            sha1=hashed.sha1,
            pdq=hashed.pdq,
            pdq_quality=hashed.pdq_quality,
            thumbnail=hashed.thumbnail,
            status=status.value,
            status_reason=decision.reason,
            error=hashed.error,
        )
        items.append(item)
        matches.extend(
            MediaMatch(
                item=item,
                bank_id=h.bank_id,
                bank_hash_id=h.bank_hash_id,
                method=h.method.value,
                distance=h.distance,
            )
            for h in hits
        )
        report.counts[status.value] = report.counts.get(status.value, 0) + 1
        if hashed.error:
            report.errors.append(FileError(name, hashed.error))
    MediaItem.objects.bulk_create(items)
    MediaMatch.objects.bulk_create(matches)
    report.hashed = len(items)
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="media.items_hashed",
        subjects=[Subject.of(seizure)],
        changes={"hashed": report.hashed, "already_hashed": report.already_hashed},
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COMBINATION,
        event_type="media.items_matched",
        subjects=[Subject.of(seizure)],
        changes={"banks": sorted(b.name for b in entries.banks.values()), **report.counts},
    )
    return report


def seizure_folder_hash(*, actor: User, seizure: Seizure, folder: Path) -> TriageReport:
    """Hash every file under ``folder`` into ``seizure`` (see :func:`seizure_files_hash`).

    :raises CapabilityMissing: the actor may not triage media
    :raises MediaInvalid: the folder does not exist
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    if not folder.is_dir():
        raise MediaInvalid(f"{folder} is not a folder.")
    return seizure_files_hash(actor=actor, seizure=seizure, files=folder_files(folder))


# Grading ------------------------------------------------------------------------------------


@transaction.atomic
def item_categorise(
    *, actor: User, item: MediaItem, category: Category, note: str = ""
) -> Categorisation:
    """Record the investigator's category for an item (the latest grading counts).

    :raises CapabilityMissing: the actor may not triage media
    """
    require_capability(actor, Capability.MEDIA_TRIAGE)
    previous = item.categorisations.order_by("-created_at").first()
    grading = Categorisation.objects.create(
        item=item, category=category.value, categorised_by=actor, note=note.strip()
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="media.item_categorised",
        subjects=[Subject.of(item), Subject.of(item.seizure)],
        changes={"category": [previous.category if previous else None, category.value]},
    )
    return grading


__all__ = [
    "FileError",
    "ImportReport",
    "MediaInvalid",
    "RowError",
    "TriageReport",
    "folder_files",
    "hash_bank_create",
    "hash_bank_import",
    "item_categorise",
    "seizure_create",
    "seizure_files_hash",
    "seizure_folder_hash",
]
