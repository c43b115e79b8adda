"""Receiving online CSEA referral packages (issue 7, DOMAIN.md §6.1): by form, API or file.

A package is checked whole (``rules.package``); the same package twice is recognised by
its digest, or by its sender's reference. Its suspect identifiers are matched to people the
force knows and, for an IP address at a time, to the subscriber address a communications
data request returned; the children living at those addresses or related to the suspect are
listed for a safeguarding decision. Receipt starts the action clock at the very-high time
until the referral is graded (``rules.times``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Q

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import clock_start
from safeguard.core import clock
from safeguard.core.exceptions import DomainError
from safeguard.core.services import reference_issue
from safeguard.online_abuse import policy
from safeguard.online_abuse.models import (
    ChildAroundSuspect,
    IdentifierMatch,
    IpSubscriber,
    KnownIdentifier,
    OnlineReferral,
    StageEvent,
    SuspectIdentifier,
)
from safeguard.online_abuse.rules.codes import ChildLink, IdentifierKind, Stage
from safeguard.online_abuse.rules.package import Package, PackageInvalid, read_package
from safeguard.online_abuse.rules.times import action_due
from safeguard.people.selectors import (
    children_living_at,
    children_related_to,
    current_address_ids,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import User

ACTION_CLOCK = "online.action"
ACTION_RULE = "KIRAT: act within the time of the referral's level, from receipt"
ACTION_RULE_SOURCE = "DOMAIN.md §6.2 [S] (times [U]), §6.3 [P]"
ACTION_RULE_VERSION = "kirat-action-v1"
MAX_FILE_PACKAGES = 1_000


class ReferralDuplicate(DomainError):
    """The same package (or the same sender's reference) was received before."""

    def __init__(self, reference: str) -> None:
        super().__init__(f"This package was received before, as {reference}.")
        self.reference = reference


def _existing(package: Package) -> OnlineReferral | None:
    same = Q(package_digest=package.digest)
    if package.reference:
        same |= Q(source=package.source, external_reference=package.reference)
    return OnlineReferral.objects.filter(same).first()


def _match(identifier: SuspectIdentifier) -> list[IdentifierMatch]:
    matches: list[IdentifierMatch] = []
    known = KnownIdentifier.objects.filter(kind=identifier.kind, normalised=identifier.normalised)
    for row in known.select_related("person"):
        matches.append(
            IdentifierMatch(
                identifier=identifier,
                person=row.person,
                how=f"{identifier.get_kind_display()} already known for this person"
                + (f" ({row.source})" if row.source else ""),
            )
        )
    if identifier.kind == IdentifierKind.IP_ADDRESS and identifier.seen_at is not None:
        subscribers = IpSubscriber.objects.filter(
            ip_address=identifier.normalised,
            starts_at__lte=identifier.seen_at,
            ends_at__gt=identifier.seen_at,
        ).select_related("address")
        for sub in subscribers:
            matches.append(
                IdentifierMatch(
                    identifier=identifier,
                    address=sub.address,
                    how=f"Subscriber address at that time ({sub.source})",
                )
            )
    return IdentifierMatch.objects.bulk_create(matches)


def _children_around(referral: OnlineReferral, matches: list[IdentifierMatch]) -> int:
    """List the children at the suspect's addresses or related to the suspect; return how many."""
    today = clock.today_in_london()
    addresses = {m.address_id for m in matches if m.address_id is not None}
    related: set[UUID] = set()
    if referral.suspect_id is not None:
        addresses |= current_address_ids(person_id=referral.suspect_id)
        related = children_related_to(person_id=referral.suspect_id, today=today)
    found: dict[UUID, str] = dict.fromkeys(
        children_living_at(address_ids=addresses, today=today) - {referral.suspect_id},
        ChildLink.LIVES_AT_SUSPECT_ADDRESS,
    )
    for child_id in related:
        found.setdefault(child_id, ChildLink.RELATIONSHIP)
    ChildAroundSuspect.objects.bulk_create(
        ChildAroundSuspect(referral=referral, child_id=child_id, link=link)
        for child_id, link in sorted(found.items(), key=lambda item: str(item[0]))
    )
    return len(found)


def _suspect(matches: list[IdentifierMatch]) -> Any:
    people = {m.person_id for m in matches if m.person_id is not None}
    return people.pop() if len(people) == 1 else None


@transaction.atomic
def referral_receive(*, actor: User, data: Any) -> OnlineReferral:
    """Record one package: check it, refuse a repeat, match its identifiers, list the children.

    A *collection* under s.62, naming the referral, the suspect matched and the children.

    :raises CapabilityMissing: the actor cannot record online referrals
    :raises PackageInvalid: every problem with the package, each with where it is
    :raises ReferralDuplicate: the package was received before
    """
    require_capability(actor, Capability.ONLINE_REFERRAL_RECORD)
    now = clock.now()
    package = read_package(data, now=now)
    existing = _existing(package)
    if existing is not None:
        raise ReferralDuplicate(existing.reference)
    referral = OnlineReferral(
        reference=reference_issue(prefix="ONL", year=now.year)[0],
        source=package.source,
        external_reference=package.reference,
        platform=package.platform,
        received_at=package.received_at,
        first_activity_at=package.first_activity_at,
        last_activity_at=package.last_activity_at,
        summary=package.summary,
        package=data if isinstance(data, dict) else {},
        package_digest=package.digest,
        owning_team=actor.team,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    try:
        with transaction.atomic():
            referral.save(force_insert=True)
    except IntegrityError as exc:  # the same package arriving at the same moment
        again = _existing(package)
        raise ReferralDuplicate(again.reference if again else "another referral") from exc
    matches: list[IdentifierMatch] = []
    for item in package.identifiers:
        identifier = SuspectIdentifier.objects.create(
            referral=referral,
            kind=item.kind,
            value=item.value,
            normalised=item.normalised,
            seen_at=item.seen_at,
        )
        matches.extend(_match(identifier))
    referral.suspect_id = _suspect(matches)
    referral.save(update_fields=["suspect"])
    children = _children_around(referral, matches)
    StageEvent.objects.create(
        referral=referral, stage=Stage.RECEIVED, occurred_at=now, recorded_by=actor
    )
    team = referral.owning_team
    if team is not None:
        clock_start(
            subject=Subject.of(referral),
            kind=ACTION_CLOCK,
            label="Act on the online referral (ungraded: held to the very-high time)",
            started_at=package.received_at,
            due_at=action_due(
                level=None, received_at=package.received_at, hours=policy.action_hours()
            ),
            rule=ACTION_RULE,
            rule_source=ACTION_RULE_SOURCE,
            rule_version=ACTION_RULE_VERSION,
            owner_team=team,
            urgent=True,
        )
    subjects = [Subject.of(referral)]
    if referral.suspect is not None:
        subjects.append(Subject.of(referral.suspect))
    subjects += [Subject.of(c.child) for c in referral.children.select_related("child")]
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="online_referral.received",
        subjects=subjects,
        changes={
            "reference": referral.reference,
            "source": referral.source,
            "external_reference": referral.external_reference,
            "identifiers": len(package.identifiers),
            "matches": len(matches),
            "children": children,
        },
    )
    return referral


@dataclass
class ImportReport:
    """What happened to each package in a file: recorded, a repeat, or refused and why."""

    recorded: list[str] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    refused: list[tuple[int, list[str]]] = field(default_factory=list)


class ImportFileInvalid(DomainError):
    """The file is not JSON, or holds no packages; nothing was imported."""


def referrals_import(*, actor: User, text: str) -> ImportReport:
    """Import a file of packages (one JSON object, or a list of them), each on its own.

    A package with problems, or received before, is reported with its position in the
    file and the rest proceed.

    :raises CapabilityMissing: the actor cannot record online referrals
    :raises ImportFileInvalid: not JSON, not a package or a list, or too many packages
    """
    require_capability(actor, Capability.ONLINE_REFERRAL_RECORD)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileInvalid(f"The file is not JSON (line {exc.lineno}: {exc.msg}).") from exc
    packages = data if isinstance(data, list) else [data]
    if not packages:
        raise ImportFileInvalid("The file holds no packages.")
    if len(packages) > MAX_FILE_PACKAGES:
        raise ImportFileInvalid(f"The file holds more than {MAX_FILE_PACKAGES:,} packages.")
    report = ImportReport()
    for number, item in enumerate(packages, start=1):
        try:
            referral = referral_receive(actor=actor, data=item)
        except PackageInvalid as exc:
            report.refused.append((number, exc.errors))
        except ReferralDuplicate as exc:
            report.duplicates.append((number, exc.reference))
        else:
            report.recorded.append(referral.reference)
    return report
