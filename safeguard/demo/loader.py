"""Write the synthetic force to the database: batch by batch, one audit event per run.

The generator decides every value; this module only turns its rows into table rows: with
``COPY`` on PostgreSQL and ``bulk_create`` elsewhere. People are written directly (not
through ``people.services``) so that a million-record force loads in minutes; that skips the
per-row audit on purpose, and the run itself is recorded as one ``demo.seeded`` collection
event carrying the size, the seed and the row counts.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, reset_queries, transaction
from django.db.models import Model
from django.db.models.fields import AutoFieldMixin

from safeguard.access.services import roles_sync
from safeguard.accounts.models import Organisation, SchoolClosure, SchoolTerm, Team, User
from safeguard.audit.models import AuditEvent
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import audit_event_record
from safeguard.core import clock
from safeguard.core.services import reference_issue
from safeguard.demo.generator import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    ForceGenerator,
    PopulationBatch,
    Setting,
    SizeSpec,
    random_uuid_hex,
)
from safeguard.demo.models import SyntheticIdentity
from safeguard.people.models import (
    Address,
    ChildProtectionPlan,
    Person,
    PersonAddress,
    PersonAlias,
    Relationship,
)
from safeguard.people.rules.names import name_search_key

SEEDED_EVENT = "demo.seeded"
REFERENCE_PREFIX = "PER"
DEMO_EMAIL_DOMAIN = "demo.safeguard.invalid"
# Rows per INSERT statement (Django lowers it further where a backend needs it, as SQLite does).
BULK_BATCH_SIZE = 5_000
# Up to this many people the whole run is one transaction; bigger runs commit per batch.
SINGLE_TRANSACTION_PEOPLE = 100_000


class DemoIncomplete(Exception):
    """Synthetic people exist but no run finished: an earlier ``seed_demo`` stopped part-way."""


@dataclass(frozen=True)
class LoadedDemo:
    size: str
    seed: int | None
    loaded_at: str
    counts: dict[str, int]


@dataclass(frozen=True)
class SignIn:
    username: str
    role: str
    where: str
    password: str


@dataclass
class SeedResult:
    size: str
    seed: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    # Usernames that already belonged to someone else and were left alone.
    kept_users: list[str] = field(default_factory=list)


def demo_loaded() -> LoadedDemo | None:
    """Return the last finished demo load, or None if the demo has never been loaded.

    :raises DemoIncomplete: synthetic people exist without a finished run
    """
    event = AuditEvent.objects.filter(event_type=SEEDED_EVENT).order_by("-sequence").first()
    if event is not None:
        changes = event.changes or {}
        return LoadedDemo(
            size=str(changes.get("size", "?")),
            seed=changes.get("seed"),
            loaded_at=event.occurred_at.isoformat(timespec="seconds"),
            counts=dict(changes.get("counts", {})),
        )
    if SyntheticIdentity.objects.exists():
        raise DemoIncomplete(
            "Synthetic people exist but no seed_demo run finished (it was probably "
            "interrupted). Load the demo into an empty database: create a new database "
            "(or delete db.sqlite3), run migrate, then seed_demo again."
        )
    return None


def sign_ins() -> list[SignIn]:
    """Return the demo accounts that exist, in the documented order."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=DEMO_USERNAMES)
        .select_related("team", "organisation")
        .prefetch_related("groups")
    }
    rows = []
    for account in DEMO_ACCOUNTS:
        user = users.get(account.username)
        if user is None:
            continue
        where = user.team.name if user.team else user.organisation.name if user.organisation else ""
        is_demo = user.email.endswith(f"@{DEMO_EMAIL_DOMAIN}")
        roles = ", ".join(sorted(g.name for g in user.groups.all())) or "(no role)"
        rows.append(
            SignIn(
                username=user.username,
                role=roles,
                where=where,
                password=DEMO_PASSWORD if is_demo else "(existing account; unchanged)",
            )
        )
    return rows


def seed_demo(
    *,
    size: SizeSpec,
    seed: int,
    progress: bool = False,
) -> SeedResult:
    """Generate the synthetic force for ``size`` and ``seed`` and write it.

    Small sizes load in one transaction; a large force commits batch by batch so that
    memory and transaction size stay bounded. Exactly one audit event records the run.
    """
    started = time.perf_counter()
    today = clock.today_in_london()
    now = clock.now()
    generator = ForceGenerator(seed=seed, size=size, today=today)
    setting = generator.setting()
    result = SeedResult(size=size.name, seed=seed, seconds=0.0)
    counts = result.counts
    whole_run = (
        transaction.atomic()
        if size.people <= SINGLE_TRANSACTION_PEOPLE
        else contextlib.nullcontext()
    )
    with whole_run:
        with transaction.atomic():
            team_ids = _write_setting(setting, now=now, counts=counts, kept=result.kept_users)
        writer = _BatchWriter(team_ids=team_ids, now=now, year=today.year, counts=counts)
        with _progress_bar(total=size.people, enabled=progress) as advance:
            for batch in generator.population():
                with transaction.atomic():
                    writer.write(batch)
                # With DEBUG on, Django keeps every query's SQL; a big load would hoard it.
                reset_queries()
                advance(len(batch.people))
        audit_event_record(
            actor=None,
            operation=Operation.COLLECTION,
            event_type=SEEDED_EVENT,
            changes={"size": size.name, "seed": seed, "counts": dict(counts)},
        )
    result.seconds = time.perf_counter() - started
    return result


@contextlib.contextmanager
def _progress_bar(*, total: int, enabled: bool) -> Iterator[Callable[[int], Any]]:
    from tqdm import tqdm

    bar = tqdm(total=total, unit=" people", file=sys.stderr, disable=not enabled, smoothing=0.1)
    try:
        yield bar.update
    finally:
        bar.close()


def _write_setting(
    setting: Setting, *, now: Any, counts: dict[str, int], kept: list[str]
) -> dict[str, uuid.UUID]:
    """Write teams, organisations, school calendars and demo users; return team ids by code."""
    stamps = {"created_at": now, "updated_at": now}
    codes = [t.code for t in setting.teams]
    team_ids: dict[str, uuid.UUID] = dict(
        Team.objects.filter(code__in=codes).values_list("code", "id")
    )
    new_teams = [
        Team(code=t.code, name=t.name, **stamps) for t in setting.teams if t.code not in team_ids
    ]
    Team.objects.bulk_create(new_teams)
    team_ids.update({t.code: t.id for t in new_teams})
    counts["teams"] = len(new_teams)

    Organisation.objects.bulk_create(
        [
            Organisation(
                id=o.id,
                name=o.name,
                kind=o.kind,
                urn=o.urn,
                local_authority=o.local_authority,
                day_starts_at=o.day_starts_at,
                **stamps,
            )
            for o in setting.organisations
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    SchoolTerm.objects.bulk_create(
        [
            SchoolTerm(
                organisation_id=t.organisation_id,
                starts_on=t.starts_on,
                ends_on=t.ends_on,
                **stamps,
            )
            for t in setting.terms
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    SchoolClosure.objects.bulk_create(
        [
            SchoolClosure(
                organisation_id=c.organisation_id, closed_on=c.closed_on, reason=c.reason, **stamps
            )
            for c in setting.closures
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    counts["organisations"] = len(setting.organisations)
    counts["school_terms"] = len(setting.terms)
    counts["school_closures"] = len(setting.closures)

    groups = {g.name: g for g in roles_sync()}
    taken = set(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True))
    kept.extend(sorted(taken))
    # One hash for every demo account: hashing is deliberately slow, and the password is shared.
    password_hash = make_password(DEMO_PASSWORD)
    users = [
        User(
            username=u.username,
            first_name=u.first_name,
            last_name=u.last_name,
            email=u.email,
            team_id=team_ids[u.team_code] if u.team_code else None,
            organisation_id=u.organisation_id,
            collar_number=u.collar_number,
            password=password_hash,
            date_joined=now,
        )
        for u in setting.users
        if u.username not in taken
    ]
    User.objects.bulk_create(users)
    role_of = {u.username: u.role for u in setting.users}
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=u.id, group_id=groups[role_of[u.username].value].id)
            for u in users
        ]
    )
    counts["users"] = len(users)
    return team_ids


_ids = random.Random()  # seeded from the OS: ids of rows nobody refers to need not repeat


def new_id() -> str:
    """Return a fresh random version-4 UUID as hex (for rows no other row refers to)."""
    return random_uuid_hex(_ids)


class _BatchWriter:
    """Turn one batch of generated rows into table rows and insert them.

    On PostgreSQL the rows go in with ``COPY`` (several times faster than ``INSERT`` for a
    million-record force, and no model instances are built); elsewhere, and for any other
    backend, with ``bulk_create``. Both paths take the same tuples, so they cannot drift.
    Columns a model has beyond the ones written here get the field's default.
    """

    def __init__(
        self, *, team_ids: dict[str, uuid.UUID], now: Any, year: int, counts: dict[str, int]
    ) -> None:
        self.team_ids = team_ids
        self.now = now
        self.year = year
        self.counts = counts
        self._keys: dict[str, str] = {}
        self.use_copy = connection.vendor == "postgresql"

    def _key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            if len(self._keys) > 500_000:
                self._keys.clear()
            key = self._keys[text] = name_search_key(text)
        return key

    def _insert(
        self, label: str, model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        self.counts[label] = self.counts.get(label, 0) + len(rows)
        if not rows:
            return
        if self.use_copy:
            _copy_rows(model, fields, rows)
        else:
            model._default_manager.bulk_create(
                [model(**dict(zip(fields, row, strict=True))) for row in rows],
                batch_size=BULK_BATCH_SIZE,
            )

    def write(self, batch: PopulationBatch) -> None:
        now = self.now
        key = self._key
        team_ids = self.team_ids
        references = reference_issue(
            prefix=REFERENCE_PREFIX, year=self.year, count=len(batch.people)
        )
        self._insert(
            "addresses",
            Address,
            ("id", "line_1", "line_2", "town", "postcode", "created_at", "updated_at"),
            [(a.id, a.line_1, a.line_2, a.town, a.postcode, now, now) for a in batch.addresses],
        )
        self._insert(
            "people",
            Person,
            PERSON_FIELDS,
            [
                (
                    p.id,
                    reference,
                    p.given_name,
                    p.middle_names,
                    p.family_name,
                    key(f"{p.given_name} {p.family_name}"),
                    key(p.family_name),
                    p.date_of_birth,
                    p.estimated_age,
                    p.estimated_on,
                    p.sex,
                    p.self_defined_ethnicity,
                    p.officer_defined_ethnicity,
                    p.disability,
                    p.disability_details,
                    p.send_status,
                    p.first_language,
                    p.interpreter_needed,
                    p.looked_after,
                    p.placing_authority,
                    p.education_setting_id,
                    p.home_educated,
                    team_ids[p.owning_team_code] if p.owning_team_code else None,
                    p.is_restricted,
                    1,
                    now,
                    now,
                )
                for p, reference in zip(batch.people, references, strict=True)
            ],
        )
        self._insert(
            "synthetic_identities",
            SyntheticIdentity,
            ("person_id", "identity", "is_duplicate", "distortion"),
            [(p.id, p.identity, p.is_duplicate, p.distortion) for p in batch.people],
        )
        self._insert(
            "person_aliases",
            PersonAlias,
            (
                "id",
                "person_id",
                "kind",
                "given_name",
                "family_name",
                "search_name",
                "created_at",
                "updated_at",
            ),
            [
                (
                    new_id(),
                    a.person_id,
                    a.kind,
                    a.given_name,
                    a.family_name,
                    key(f"{a.given_name} {a.family_name}"),
                    now,
                    now,
                )
                for a in batch.aliases
            ],
        )
        self._insert(
            "person_addresses",
            PersonAddress,
            ("id", "person_id", "address_id", "starts_on", "ends_on", "created_at", "updated_at"),
            [
                (new_id(), r.person_id, r.address_id, r.starts_on, r.ends_on, now, now)
                for r in batch.person_addresses
            ],
        )
        self._insert(
            "relationships",
            Relationship,
            (
                "id",
                "from_person_id",
                "to_person_id",
                "kind",
                "starts_on",
                "created_at",
                "updated_at",
            ),
            [
                (new_id(), r.from_person_id, r.to_person_id, r.kind, r.starts_on, now, now)
                for r in batch.relationships
            ],
        )
        self._insert(
            "protection_plans",
            ChildProtectionPlan,
            ("id", "person_id", "category", "starts_on", "ends_on", "created_at", "updated_at"),
            [
                (new_id(), c.person_id, c.category, c.starts_on, c.ends_on, now, now)
                for c in batch.plans
            ],
        )


PERSON_FIELDS: tuple[str, ...] = (
    "id",
    "reference",
    "given_name",
    "middle_names",
    "family_name",
    "search_name",
    "search_family_name",
    "date_of_birth",
    "estimated_age",
    "estimated_on",
    "sex",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "disability",
    "disability_details",
    "send_status",
    "first_language",
    "interpreter_needed",
    "looked_after",
    "placing_authority",
    "education_setting_id",
    "home_educated",
    "owning_team_id",
    "is_restricted",
    "version",
    "created_at",
    "updated_at",
)


def _copy_rows(model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Write ``rows`` (values for ``fields``, by attribute name) with PostgreSQL ``COPY``.

    Concrete columns not in ``fields`` are filled with the field's default, prepared once;
    an auto-increment primary key is left to the database.
    """
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    columns = [by_attname[name].column for name in fields]
    extra_values: list[Any] = []
    for model_field in model._meta.concrete_fields:
        if model_field.attname in fields:
            continue
        if model_field.primary_key and isinstance(model_field, AutoFieldMixin):
            continue
        columns.append(model_field.column)
        default = model_field.get_default()
        extra_values.append(model_field.get_db_prep_save(default, connection))
    extra = tuple(extra_values)
    statement = "COPY {} ({}) FROM STDIN".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(c) for c in columns),
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        write = copy.write_row
        if extra:
            for row in rows:
                write(row + extra)
        else:
            for row in rows:
                write(row)
