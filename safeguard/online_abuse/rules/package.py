"""The referral package format (issue 7): reading and checking one package. Pure.

A package is a JSON object in the documented format ``safeguard-online-referral/1``
(docs/howto/online-referral-packages.md):

- ``source``: one of ``NCA_CEOP``, ``IWF``, ``PUBLIC``, ``SELF_GENERATED``, ``OTHER_FORCE``
- ``reference``: the sender's reference (the NCA package number), optional for the public
- ``platform``, ``summary`` (required), ``received_at`` (ISO 8601 with a zone, required),
  ``first_activity_at`` and ``last_activity_at`` (optional)
- ``suspect``: ``accounts`` (objects with ``platform`` and ``username``), ``emails``,
  ``phones`` (strings), ``ip_addresses`` (objects with ``ip`` and ``seen_at``)
- ``media``: objects with any of ``md5``, ``sha1``, ``pdq`` (hex)

Every problem is reported with where it is (``suspect.emails[2]``), not just the first.
The package's digest is taken over its checked content in a canonical form, so the same
package sent twice, however it is laid out, is recognised.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from safeguard.online_abuse.rules.codes import IdentifierKind, ReferralSource
from safeguard.online_abuse.rules.identifiers import IdentifierInvalid, normalise

FORMAT = "safeguard-online-referral/1"
MAX_SUMMARY = 20_000
MAX_IDENTIFIERS = 500
HASH_LENGTHS = {"md5": 32, "sha1": 40, "pdq": 64}
_HEX = re.compile(r"[0-9a-f]+")


class PackageInvalid(ValueError):
    """The package cannot be accepted; ``errors`` lists each problem with where it is."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Identifier:
    kind: IdentifierKind
    value: str
    normalised: str
    seen_at: dt.datetime | None = None


@dataclass(frozen=True)
class Package:
    source: ReferralSource
    reference: str
    platform: str
    summary: str
    received_at: dt.datetime
    first_activity_at: dt.datetime | None
    last_activity_at: dt.datetime | None
    identifiers: tuple[Identifier, ...]
    media: tuple[Mapping[str, str], ...]
    digest: str = field(compare=False)


def _when(value: Any, where: str, errors: list[str], *, required: bool) -> dt.datetime | None:
    if value in (None, ""):
        if required:
            errors.append(f"{where}: required")
        return None
    if not isinstance(value, str):
        errors.append(f"{where}: must be a date and time such as 2026-11-20T09:15:00Z")
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        errors.append(f"{where}: {value[:40]!r} is not a date and time (ISO 8601)")
        return None
    if parsed.tzinfo is None:
        errors.append(f"{where}: give the time zone (for example Z for UTC)")
        return None
    return parsed.astimezone(dt.UTC)


def _text(data: Mapping[str, Any], key: str, errors: list[str], *, limit: int = 200) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(f"{key}: must be text")
        return ""
    if len(value) > limit:
        errors.append(f"{key}: longer than {limit:,} characters")
    return value.strip()


def _list(data: Mapping[str, Any], key: str, where: str, errors: list[str]) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        errors.append(f"{where}: must be a list")
        return []
    if len(value) > MAX_IDENTIFIERS:
        errors.append(f"{where}: more than {MAX_IDENTIFIERS} entries")
        return []
    return value


def _identifier(
    kind: IdentifierKind,
    value: Any,
    where: str,
    errors: list[str],
    *,
    platform: str = "",
    seen_at: dt.datetime | None = None,
) -> Identifier | None:
    if not isinstance(value, str):
        errors.append(f"{where}: must be text")
        return None
    try:
        return Identifier(kind, value.strip(), normalise(kind, value, platform=platform), seen_at)
    except IdentifierInvalid as exc:
        errors.append(f"{where}: {exc}")
        return None


def _suspect(data: Any, errors: list[str]) -> list[Identifier | None]:
    if data is None:
        return []
    if not isinstance(data, Mapping):
        errors.append("suspect: must be an object")
        return []
    found: list[Identifier | None] = []
    for i, item in enumerate(_list(data, "emails", "suspect.emails", errors)):
        found.append(_identifier(IdentifierKind.EMAIL, item, f"suspect.emails[{i}]", errors))
    for i, item in enumerate(_list(data, "phones", "suspect.phones", errors)):
        found.append(_identifier(IdentifierKind.PHONE, item, f"suspect.phones[{i}]", errors))
    for i, item in enumerate(_list(data, "accounts", "suspect.accounts", errors)):
        where = f"suspect.accounts[{i}]"
        if not isinstance(item, Mapping):
            errors.append(f"{where}: must be an object with platform and username")
            continue
        platform = item.get("platform", "")
        if platform is not None and not isinstance(platform, str):
            errors.append(f"{where}.platform: must be text")
            continue
        found.append(
            _identifier(
                IdentifierKind.ACCOUNT,
                item.get("username"),
                f"{where}.username",
                errors,
                platform=platform or "",
            )
        )
    for i, item in enumerate(_list(data, "ip_addresses", "suspect.ip_addresses", errors)):
        where = f"suspect.ip_addresses[{i}]"
        if not isinstance(item, Mapping):
            errors.append(f"{where}: must be an object with ip and seen_at")
            continue
        seen = _when(item.get("seen_at"), f"{where}.seen_at", errors, required=True)
        found.append(
            _identifier(
                IdentifierKind.IP_ADDRESS, item.get("ip"), f"{where}.ip", errors, seen_at=seen
            )
        )
    return found


def _media(data: Mapping[str, Any], errors: list[str]) -> list[dict[str, str]]:
    hashes: list[dict[str, str]] = []
    for i, item in enumerate(_list(data, "media", "media", errors)):
        where = f"media[{i}]"
        if not isinstance(item, Mapping) or not item:
            errors.append(f"{where}: must be an object with md5, sha1 or pdq")
            continue
        entry: dict[str, str] = {}
        for name, value in item.items():
            if name not in HASH_LENGTHS:
                errors.append(f"{where}: unknown hash format {str(name)[:20]!r} (md5, sha1, pdq)")
                continue
            text = str(value).strip().lower()
            if len(text) != HASH_LENGTHS[name] or not _HEX.fullmatch(text):
                errors.append(f"{where}.{name}: must be {HASH_LENGTHS[name]} hexadecimal digits")
                continue
            entry[name] = text
        if entry:
            hashes.append(entry)
    return hashes


def read_package(data: Any, *, now: dt.datetime) -> Package:
    """Check one package and return it in the form Safeguard records.

    :raises PackageInvalid: every problem found, each with where it is
    """
    if not isinstance(data, Mapping):
        raise PackageInvalid(["the package must be a JSON object"])
    errors: list[str] = []
    if data.get("format", FORMAT) != FORMAT:
        errors.append(f"format: expected {FORMAT!r}")
    try:
        source = ReferralSource(str(data.get("source", "")))
    except ValueError:
        choices = ", ".join(s.value for s in ReferralSource)
        errors.append(f"source: one of {choices}")
        source = ReferralSource.PUBLIC
    reference = _text(data, "reference", errors, limit=60)
    if source is ReferralSource.NCA_CEOP and not reference:
        errors.append("reference: required for an NCA-CEOP package")
    platform = _text(data, "platform", errors, limit=120)
    given = isinstance(data.get("summary"), str) and bool(str(data.get("summary")).strip())
    summary = _text(data, "summary", errors, limit=MAX_SUMMARY)
    if not given and not isinstance(data.get("summary"), (int, float, list, dict, bool)):
        errors.append("summary: required")
    received = _when(data.get("received_at"), "received_at", errors, required=True)
    if received is not None and received > now:
        errors.append("received_at: is in the future")
    first = _when(data.get("first_activity_at"), "first_activity_at", errors, required=False)
    last = _when(data.get("last_activity_at"), "last_activity_at", errors, required=False)
    if first and last and last < first:
        errors.append("last_activity_at: is before first_activity_at")
    identifiers = _suspect(data.get("suspect"), errors)
    media = _media(data, errors)
    if errors:
        raise PackageInvalid(errors)
    assert received is not None
    kept = tuple(i for i in identifiers if i is not None)
    canonical = {
        "source": source.value,
        "reference": reference,
        "platform": platform,
        "summary": summary,
        "received_at": received.isoformat(),
        "first_activity_at": first.isoformat() if first else "",
        "last_activity_at": last.isoformat() if last else "",
        "identifiers": sorted(
            [i.kind.value, i.normalised, i.seen_at.isoformat() if i.seen_at else ""] for i in kept
        ),
        "media": sorted(sorted(m.items()) for m in media),
    }
    digest = hashlib.sha256(
        json.dumps(canonical, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    return Package(
        source=source,
        reference=reference,
        platform=platform,
        summary=summary,
        received_at=received,
        first_activity_at=first,
        last_activity_at=last,
        identifiers=kept,
        media=tuple(media),
        digest=digest,
    )
