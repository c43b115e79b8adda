"""What a seized item's hash matches decide: matched, suppressed, quarantined or unmatched.

Force policy (``TriagePolicy``), never constants here:

* **Threshold per bank.** A PDQ hash matches a bank entry when at most the bank's threshold
  of its 256 bits differ. 31 is the threshold Meta's Hasher-Matcher-Actioner uses by default;
  a bank may set its own, up to ``max_pdq_threshold``. MD5 and SHA-1 match only exactly.
* **Quality.** PDQ reports a quality from 0 to 100 with each hash; a hash below
  ``min_pdq_quality`` (a near-blank image, say) is too unreliable to match by, so such an
  item is matched by MD5 and SHA-1 only. Meta's PDQ notes advise discarding hashes below 50.
* **Negative banks.** A bank of known innocent images (stock photographs, icons, a force's
  own test images). A hit in any negative bank suppresses the item's positive matches: it
  does not go to the review queue as a match, and the hit is kept to show why.
* **Floods.** Matches in unusual numbers usually mean a bad bank entry (a blank or near-blank
  image's hash, a logo) or a threshold set too wide, not a seizure of known images. Two rules,
  each held for a supervisor to check before anyone relies on the match:

  1. *Item flood*: an item that matches more than ``max_matches_per_item`` distinct positive
     bank entries is quarantined.
  2. *Entry flood*: a positive bank entry that more than ``max_items_per_bank_hash`` distinct
     items of one seizure match (by PDQ) is a flooding entry; an item whose positive matches
     are all flooding entries is quarantined.

These are the project's own choices, marked [U] until a force confirms them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class BankKind(StrEnum):
    POSITIVE = "POSITIVE"
    NEGATIVE = "NEGATIVE"


class Method(StrEnum):
    PDQ = "PDQ"
    MD5 = "MD5"
    SHA1 = "SHA1"


class ItemStatus(StrEnum):
    UNMATCHED = "UNMATCHED"
    MATCHED = "MATCHED"
    SUPPRESSED = "SUPPRESSED"
    QUARANTINED = "QUARANTINED"
    ERROR = "ERROR"


STATUS_LABELS: dict[ItemStatus, str] = {
    ItemStatus.UNMATCHED: "No match",
    ItemStatus.MATCHED: "Matched",
    ItemStatus.SUPPRESSED: "Suppressed (known innocent)",
    ItemStatus.QUARANTINED: "Quarantined (flood of matches)",
    ItemStatus.ERROR: "Could not be hashed",
}


@dataclass(frozen=True)
class TriagePolicy:
    default_pdq_threshold: int = 31
    max_pdq_threshold: int = 64
    min_pdq_quality: int = 50
    max_matches_per_item: int = 50
    max_items_per_bank_hash: int = 100


@dataclass(frozen=True)
class Hit:
    """One bank entry an item's hash came within reach of."""

    bank_id: str
    bank_kind: BankKind
    bank_hash_id: str
    method: Method
    distance: int


@dataclass(frozen=True)
class Decision:
    status: ItemStatus
    reason: str


class ThresholdInvalid(ValueError):
    """A bank threshold outside what the policy allows; the message is safe to show."""


def threshold_check(threshold: int, policy: TriagePolicy) -> int:
    """Return ``threshold`` if a bank may use it.

    :raises ThresholdInvalid: below 0 or above the policy's maximum
    """
    if threshold < 0 or threshold > policy.max_pdq_threshold:
        raise ThresholdInvalid(
            f"A PDQ threshold is from 0 to {policy.max_pdq_threshold} bits; got {threshold}."
        )
    return threshold


def pdq_usable(quality: int | None, policy: TriagePolicy) -> bool:
    """Tell whether a PDQ hash of this quality may be matched by."""
    return quality is not None and quality >= policy.min_pdq_quality


def within_threshold(distance: int, threshold: int) -> bool:
    """Tell whether a PDQ distance is a match for a bank with ``threshold`` (inclusive)."""
    return distance <= threshold


def best_hits(hits: Iterable[Hit]) -> list[Hit]:
    """Return one hit per bank entry: the closest (an item hashed in several orientations
    may reach the same entry more than once, and by PDQ and MD5 both)."""
    best: dict[str, Hit] = {}
    for hit in hits:
        current = best.get(hit.bank_hash_id)
        if current is None or hit.distance < current.distance:
            best[hit.bank_hash_id] = hit
    return sorted(best.values(), key=lambda h: (h.distance, h.bank_hash_id))


def flooding_entries(
    item_hits: Mapping[str, Sequence[Hit]], policy: TriagePolicy
) -> frozenset[str]:
    """Return the positive bank entries that too many items of one seizure match by PDQ."""
    per_entry: Counter[str] = Counter()
    for hits in item_hits.values():
        entries = {
            h.bank_hash_id
            for h in hits
            if h.bank_kind is BankKind.POSITIVE and h.method is Method.PDQ
        }
        per_entry.update(entries)
    return frozenset(e for e, n in per_entry.items() if n > policy.max_items_per_bank_hash)


def item_decide(hits: Sequence[Hit], *, flooding: frozenset[str], policy: TriagePolicy) -> Decision:
    """Return what an item's hits decide (the rules in this module's docstring, in order)."""
    negative = [h for h in hits if h.bank_kind is BankKind.NEGATIVE]
    if negative:
        return Decision(ItemStatus.SUPPRESSED, "Matches a bank of known innocent images.")
    positive = {h.bank_hash_id for h in hits if h.bank_kind is BankKind.POSITIVE}
    if not positive:
        return Decision(ItemStatus.UNMATCHED, "")
    if len(positive) > policy.max_matches_per_item:
        return Decision(
            ItemStatus.QUARANTINED,
            f"Matches {len(positive)} bank entries, more than "
            f"{policy.max_matches_per_item}: check the banks before relying on it.",
        )
    if positive <= flooding:
        return Decision(
            ItemStatus.QUARANTINED,
            "Matches only bank entries that more than "
            f"{policy.max_items_per_bank_hash} items of this seizure match: check the bank.",
        )
    return Decision(ItemStatus.MATCHED, "")
