"""The audit log's hash chain: each row's digest covers its content and the previous digest.

Tamper evidence for the s.62 logs (DOMAIN.md §9.3 "logs must be tamper-evident" [P]).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(payload: Mapping[str, Any]) -> str:
    """Serialise ``payload`` the same way every time (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def event_digest(*, previous_digest: str, payload: Mapping[str, Any]) -> str:
    """Return the SHA-256 digest chaining ``payload`` to ``previous_digest``."""
    material = previous_digest + "|" + canonical_json(payload)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    sequence: int
    previous_digest: str
    digest: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class BrokenLink:
    sequence: int
    reason: str


def first_broken_link(links: Iterable[ChainLink]) -> BrokenLink | None:
    """Return the first link whose digest or back-pointer does not hold, or None if intact.

    ``links`` must be in sequence order, starting from the first event ever written.
    """
    expected_previous = GENESIS
    for link in links:
        if link.previous_digest != expected_previous:
            return BrokenLink(link.sequence, "previous digest does not match the row before")
        recomputed = event_digest(previous_digest=link.previous_digest, payload=link.payload)
        if recomputed != link.digest:
            return BrokenLink(link.sequence, "content does not match its digest")
        expected_previous = link.digest
    return None
