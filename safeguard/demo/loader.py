"""Write the synthetic force to the database: batch by batch, one audit event per run.

The generator decides every value; this module only turns its rows into table rows: with
``COPY`` on PostgreSQL and ``bulk_create`` elsewhere. People are written directly (not
through ``people.services``) so that a million-record force loads in minutes; that skips the
per-row audit on purpose, and the run itself is recorded as one ``demo.seeded`` collection
event carrying the size, the seed and the row counts.

After the population comes a year of casework (``safeguard.demo.pathways``): occurrences
with the people involved and each child's voice, child concerns with their triage and PPN
RAG assessment, referrals to children's social care and the statutory clocks the services
would have started. Every domestic-abuse occurrence has its domestic-abuse record, a
child-victim record per child and an Operation Encompass notification per related child of
school age, with the notify and acknowledge clocks. They too are written directly, without
the services' per-row audit; the clock rules are read from the referral and domestic services
and force policy, as the services read them.

Last come the missing children (``safeguard.demo.missing``): the carer's Philomena profiles
and a year of missing episodes. These go *through the missing-children services*, step by
step in time order, each call under a fixed clock set to the instant the plan gives it, so
their clocks, references, risk gradings, prompts, screenings and audit events are exactly
what the services write. That costs a few dozen queries a step, so a size's episodes are
kept in proportion to the force rather than to its casework (``MissingSpec``).

Then the online referrals, the child-death rota and the places (``safeguard.demo.places``):
a place per hotel, the engagement register and the demo hotel's concerns, again through
their services under fixed clocks (a few dozen calls, even for a force-year).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import json
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, reset_queries, transaction
from django.db.models import JSONField, Model
from django.db.models.fields import AutoFieldMixin

from safeguard.access.services import roles_sync
from safeguard.accounts.models import Organisation, SchoolClosure, SchoolTerm, Team, User
from safeguard.audit.models import AuditEvent
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import audit_event_record
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.selectors import clock_policy
from safeguard.core import clock
from safeguard.core.exceptions import DomainError
from safeguard.core.policy import force_policy
from safeguard.core.services import reference_issue
from safeguard.demo.child_deaths import child_deaths_demo_write
from safeguard.demo.domestic import EncompassRules
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
from safeguard.demo.missing import (
    AlertStep,
    EpisodePlan,
    Event,
    FoundStep,
    GradeStep,
    MissingPlan,
    MissingRules,
    NrmStep,
    PreventionStep,
    ProfileStep,
    ReportStep,
    ReturnInterviewStep,
    ReviewStep,
    ScreeningStep,
    StrategyStep,
)
from safeguard.demo.models import SyntheticIdentity
from safeguard.demo.online import online_demo_write
from safeguard.demo.pathways import CONCERN_SUBJECT, ClockRules, PathwayBatch
from safeguard.demo.places import hotel_plans, places_demo_write
from safeguard.domestic.models import ChildVictim, DomesticAbuseIncident, EncompassNotification
from safeguard.domestic.rules.encompass import notification_content
from safeguard.domestic.services.encompass import (
    ACK_LATE_REASON,
    ACKNOWLEDGE_CLOCK,
    NOTIFY_CLOCK,
    NOTIFY_RULE_SOURCE,
    SYSTEM_LATE_REASON,
)
from safeguard.incidents.models import Involvement, Occurrence, VoiceOfChildRecord
from safeguard.linkage.services import entry_index_build, people_link_run
from safeguard.missing import policy as missing_policy
from safeguard.missing.models import (
    ExploitationScreening,
    MissingEpisode,
    NrmReferral,
    PhilomenaProfile,
    RepeatMissingPrompt,
    RiskInformation,
)
from safeguard.missing.services import (
    FoundDetails,
    LocationDetails,
    NrmDetails,
    ProfileDetails,
    ReportDetails,
    RiskInformationDetails,
    child_rescue_alert_record,
    episode_found,
    episode_grade,
    episode_review,
    missing_report_record,
    nrm_referral_record,
    philomena_profile_save,
    prevention_interview_record,
    return_interview_record,
    screening_complete,
    strategy_discussion_record,
)
from safeguard.people.models import (
    Address,
    ChildProtectionPlan,
    Person,
    PersonAddress,
    PersonAlias,
    Relationship,
)
from safeguard.people.rules.names import name_search_key
from safeguard.referrals.models import ChildConcern, Referral
from safeguard.referrals.services import (
    DECISION_CLOCK,
    DECISION_RULE,
    DECISION_RULE_SOURCE,
    DECISION_RULE_VERSION,
    TRIAGE_CLOCK,
)
from safeguard.risk.models import RiskAssessment
from safeguard.risk.rules.ppn_rag import PPN_RAG_CODE, PPN_RAG_V1

SEEDED_EVENT = "demo.seeded"
REFERENCE_PREFIX = "PER"
OCCURRENCE_PREFIX = "INC"
CONCERN_PREFIX = "CON"
REFERRAL_PREFIX = "REF"
EPISODE_SUBJECT = "missing.missingepisode"
# Missing-pathway service calls made per transaction in a large force.
MISSING_STEPS_PER_TRANSACTION = 500
NOTIFICATION_PREFIX = "OE"
DECISION_LABEL = "Social care acknowledgement and decision"
TRIAGE_LABEL = "MASH triage"
DEMO_EMAIL_DOMAIN = "demo.safeguard.invalid"
# Rows per INSERT statement (Django lowers it further where a backend needs it, as SQLite does).
BULK_BATCH_SIZE = 5_000
# Up to this many people the whole run is one transaction; bigger runs commit per batch.
SINGLE_TRANSACTION_PEOPLE = 100_000
# Link the people and index them for the check at entry while loading, up to this size; a
# force-year load leaves that to `manage.py link_people` (minutes, and gigabytes, of work).
LINK_PEOPLE_UP_TO = 100_000


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
    with _fewer_collections(), whole_run:
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
        user_ids: dict[str, uuid.UUID] = dict(
            User.objects.filter(username__in=[u.username for u in setting.users]).values_list(
                "username", "id"
            )
        )
        casework = _CaseworkWriter(team_ids=team_ids, user_ids=user_ids, counts=counts)
        batches = generator.pathways(now=now, rules=clock_rules())
        with _progress_bar(total=size.pathway.concerns, enabled=progress, unit=" concerns") as step:
            for casework_batch in batches:
                with transaction.atomic():
                    casework.write(casework_batch)
                reset_queries()
                step(len(casework_batch.concerns))
        plan = generator.missing(now=now, rules=missing_rules())
        with _progress_bar(total=len(plan.episodes), enabled=progress, unit=" episodes") as step:
            _MissingWriter(counts=counts, kept=result.kept_users).write(plan, advance=step)
        online_demo_write(now=now, counts=counts)
        child_deaths_demo_write(now=now, counts=counts)
        with transaction.atomic():
            places_demo_write(
                plans=hotel_plans(setting, streets=generator.streets, seed=seed, now=now),
                now=now,
                counts=counts,
            )
        if size.people <= LINK_PEOPLE_UP_TO:
            # The review queue and the check at entry work from the first page view.
            run = people_link_run(seed=seed)
            counts["linkage pairs kept"] = run.candidates.count()
            counts["entry index keys"] = entry_index_build().keys
        audit_event_record(
            actor=None,
            operation=Operation.COLLECTION,
            event_type=SEEDED_EVENT,
            changes={"size": size.name, "seed": seed, "counts": dict(counts)},
        )
    result.seconds = time.perf_counter() - started
    return result


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the garbage collector less often while the force is made.

    The generator allocates millions of short-lived, acyclic objects; with the default
    thresholds the collector keeps re-scanning the long-lived tables and candidates
    (measured: the population planned about 15% faster with these thresholds).
    """
    previous = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def clock_rules() -> ClockRules:
    """Return the clock settings the referral services use, for the demo's casework.

    The decision clock's rule comes from ``referrals.services``; the triage clock's from
    force policy ``TRIAGE_HOURS``, worded as ``referrals.services.concern_record`` words it.
    """
    hours = int(force_policy("TRIAGE_HOURS"))
    return ClockRules(
        decision_kind=DECISION_CLOCK,
        decision_label=DECISION_LABEL,
        decision_rule=DECISION_RULE,
        decision_rule_source=DECISION_RULE_SOURCE,
        decision_rule_version=DECISION_RULE_VERSION,
        triage_kind=TRIAGE_CLOCK,
        triage_label=TRIAGE_LABEL,
        triage_hours=hours,
        triage_rule=f"Force policy: every child concern triaged by the MASH within {hours} hours",
        triage_rule_source="DOMAIN.md §4.3 [U] (MASH timescales are local)",
        triage_rule_version=f"mash-triage-{hours}h-v1",
        escalation_steps=tuple(clock_policy().escalation_steps),
        encompass=encompass_rules(),
    )


def missing_rules() -> MissingRules:
    """Return the missing-children force policy the services apply (``missing.policy``)."""
    repeat = missing_policy.repeat_policy()
    return MissingRules(
        review_hours=missing_policy.review_hours(),
        prevention_hours=missing_policy.prevention_interview_hours(),
        return_interview_hours=missing_policy.return_interview_hours(),
        repeat_threshold=repeat.threshold,
        repeat_window_days=repeat.window_days,
    )


def encompass_rules() -> EncompassRules:
    """Return the Operation Encompass clock settings, worded as ``domestic.services.encompass``
    words them (``notification_create`` and ``_send``), from force policy."""
    hours = int(force_policy("ENCOMPASS_ACKNOWLEDGE_HOURS"))
    return EncompassRules(
        notify_kind=NOTIFY_CLOCK,
        notify_label="Operation Encompass notification",
        notify_rule_source=NOTIFY_RULE_SOURCE,
        notify_rule_version="encompass-next-school-day-v1",
        acknowledge_kind=ACKNOWLEDGE_CLOCK,
        acknowledge_label="School acknowledges the Operation Encompass notification",
        acknowledge_hours=hours,
        acknowledge_rule=(
            f"Force policy: acknowledged within {hours} hours of the setting's next day start"
        ),
        acknowledge_rule_source="DOMAIN.md §3.2 [U] (acknowledgement times are local practice)",
        acknowledge_rule_version=f"encompass-ack-{hours}h-v1",
        system_late_reason=SYSTEM_LATE_REASON,
        acknowledge_late_reason=ACK_LATE_REASON,
        default_day_start=dt.time.fromisoformat(str(force_policy("ENCOMPASS_DEFAULT_DAY_START"))),
    )


@contextlib.contextmanager
def _progress_bar(
    *, total: int, enabled: bool, unit: str = " people"
) -> Iterator[Callable[[int], Any]]:
    from tqdm import tqdm

    bar = tqdm(total=total, unit=unit, file=sys.stderr, disable=not enabled, smoothing=0.1)
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
    usernames = [u.username for u in setting.users]
    taken = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
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
            # Generated colleagues carry casework only: nobody can sign in as them.
            password=password_hash if u.can_sign_in else make_password(None),
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
        _insert_rows(self.counts, label, model, fields, rows, use_copy=self.use_copy)

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


def _insert_rows(
    counts: dict[str, int],
    label: str,
    model: type[Model],
    fields: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    *,
    use_copy: bool,
) -> None:
    """Insert ``rows`` (values for ``fields``) and add them to ``counts[label]``."""
    counts[label] = counts.get(label, 0) + len(rows)
    if not rows:
        return
    if use_copy:
        _copy_rows(model, fields, rows)
    else:
        model._default_manager.bulk_create(
            [model(**dict(zip(fields, row, strict=True))) for row in rows],
            batch_size=BULK_BATCH_SIZE,
        )


def _references(prefix: str, years: Sequence[int]) -> list[str]:
    """Issue one reference per row, by the year of each row, in the rows' order."""
    issued = {
        year: iter(reference_issue(prefix=prefix, year=year, count=count))
        for year, count in sorted(Counter(years).items())
    }
    return [next(issued[year]) for year in years]


class _CaseworkWriter:
    """Write one batch of casework: occurrences to clocks, parents before children.

    References are issued by the year each record was made (``INC-2026-...`` for an
    occurrence recorded in 2026), in the order the rows were recorded.
    """

    def __init__(
        self,
        *,
        team_ids: dict[str, uuid.UUID],
        user_ids: dict[str, uuid.UUID],
        counts: dict[str, int],
    ) -> None:
        self.team_ids = team_ids
        self.user_ids = user_ids
        self.counts = counts
        self.use_copy = connection.vendor == "postgresql"

    def _insert(
        self, label: str, model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        _insert_rows(self.counts, label, model, fields, rows, use_copy=self.use_copy)

    def _team(self, code: str | None) -> uuid.UUID | None:
        return self.team_ids[code] if code else None

    def _user(self, username: str | None) -> uuid.UUID | None:
        return self.user_ids[username] if username else None

    def write(self, batch: PathwayBatch) -> None:
        user = self._user
        team = self._team
        occurrence_refs = _references(
            OCCURRENCE_PREFIX, [o.created_at.year for o in batch.occurrences]
        )
        self._insert(
            "occurrences",
            Occurrence,
            (
                "id",
                "reference",
                "occurrence_type",
                "occurred_at",
                "location",
                "postcode",
                "narrative",
                "owning_team_id",
                "is_restricted",
                "recorded_by_id",
                "created_at",
                "updated_at",
            ),
            [
                (
                    o.id,
                    reference,
                    o.occurrence_type,
                    o.occurred_at,
                    o.location,
                    o.postcode,
                    o.narrative,
                    team(o.owning_team_code),
                    False,
                    user(o.recorded_by),
                    o.created_at,
                    o.created_at,
                )
                for o, reference in zip(batch.occurrences, occurrence_refs, strict=True)
            ],
        )
        occurrence_reference = {
            o.id: reference for o, reference in zip(batch.occurrences, occurrence_refs, strict=True)
        }
        self._insert(
            "involvements",
            Involvement,
            ("id", "occurrence_id", "person_id", "role", "created_at", "updated_at"),
            [
                (i.id, i.occurrence_id, i.person_id, i.role, i.created_at, i.created_at)
                for i in batch.involvements
            ],
        )
        self._insert(
            "voice_of_child_records",
            VoiceOfChildRecord,
            (
                "id",
                "involvement_id",
                "seen",
                "spoken_to",
                "spoken_to_alone",
                "childs_words",
                "behaviour_and_demeanour",
                "wishes_and_feelings",
                "reason_not_seen_or_spoken_to",
                "communication_needs",
                "created_at",
                "updated_at",
            ),
            [
                (
                    new_id(),
                    v.involvement_id,
                    v.seen,
                    v.spoken_to,
                    v.spoken_to_alone,
                    v.childs_words,
                    v.behaviour_and_demeanour,
                    v.wishes_and_feelings,
                    v.reason_not_seen_or_spoken_to,
                    v.communication_needs,
                    v.created_at,
                    v.created_at,
                )
                for v in batch.voices
            ],
        )
        concern_refs = _references(CONCERN_PREFIX, [c.created_at.year for c in batch.concerns])
        self._insert(
            "child_concerns",
            ChildConcern,
            (
                "id",
                "reference",
                "child_id",
                "occurrence_id",
                "summary",
                "status",
                "owning_team_id",
                "recorded_by_id",
                "allocated_to_id",
                "research_notes",
                "rag",
                "risk_assessment_id",
                "triage_decision",
                "triage_rationale",
                "triaged_by_id",
                "triaged_at",
                "created_at",
                "updated_at",
            ),
            [
                (
                    c.id,
                    reference,
                    c.child_id,
                    c.occurrence_id,
                    c.summary,
                    c.status,
                    team(c.owning_team_code),
                    user(c.recorded_by),
                    user(c.allocated_to),
                    c.research_notes,
                    c.rag,
                    c.risk_assessment_id,
                    c.triage_decision,
                    c.triage_rationale,
                    user(c.triaged_by),
                    c.triaged_at,
                    c.created_at,
                    c.updated_at,
                )
                for c, reference in zip(batch.concerns, concern_refs, strict=True)
            ],
        )
        self._insert(
            "risk_assessments",
            RiskAssessment,
            (
                "id",
                "subject_type",
                "subject_id",
                "instrument_code",
                "instrument_version",
                "answers",
                "computed_level",
                "officer_level",
                "final_level",
                "level_change",
                "rationale",
                "assessed_by_id",
                "assessed_at",
                "reviewed_by_id",
                "reviewed_at",
                "review_outcome",
                "review_note",
                "reviewed_level",
                "created_at",
                "updated_at",
            ),
            [
                (
                    a.id,
                    CONCERN_SUBJECT,
                    a.subject_id,
                    PPN_RAG_CODE,
                    PPN_RAG_V1.version,
                    a.answers,
                    a.computed_level,
                    a.officer_level,
                    a.final_level,
                    a.level_change,
                    a.rationale,
                    user(a.assessed_by),
                    a.assessed_at,
                    user(a.reviewed_by),
                    a.reviewed_at,
                    a.review_outcome,
                    a.review_note,
                    a.reviewed_level,
                    a.assessed_at,
                    a.updated_at,
                )
                for a in batch.assessments
            ],
        )
        referral_refs = _references(REFERRAL_PREFIX, [r.sent_at.year for r in batch.referrals])
        self._insert(
            "referrals",
            Referral,
            (
                "id",
                "reference",
                "concern_id",
                "child_id",
                "recipient_organisation_id",
                "recipient_name",
                "method",
                "reason",
                "status",
                "owning_team_id",
                "sent_by_id",
                "sent_at",
                "acknowledged_at",
                "acknowledged_by_id",
                "decision",
                "decision_note",
                "decided_at",
                "decided_by_id",
                "is_restricted",
                "created_at",
                "updated_at",
            ),
            [
                (
                    r.id,
                    reference,
                    r.concern_id,
                    r.child_id,
                    r.recipient_organisation_id,
                    r.recipient_name,
                    r.method,
                    r.reason,
                    r.status,
                    team(r.owning_team_code),
                    user(r.sent_by),
                    r.sent_at,
                    r.acknowledged_at,
                    user(r.acknowledged_by),
                    r.decision,
                    r.decision_note,
                    r.decided_at,
                    user(r.decided_by),
                    False,
                    r.sent_at,
                    r.updated_at,
                )
                for r, reference in zip(batch.referrals, referral_refs, strict=True)
            ],
        )
        self._write_domestic(batch, occurrence_reference)
        self._insert(
            "statutory_clocks",
            StatutoryClock,
            (
                "id",
                "subject_type",
                "subject_id",
                "kind",
                "label",
                "started_at",
                "due_at",
                "rule",
                "rule_source",
                "rule_version",
                "owner_team_id",
                "owner_user_id",
                "partner_organisation_id",
                "urgent",
                "stopped_at",
                "stopped_by_id",
                "outcome",
                "breach_reason",
                "escalation_level",
                "created_at",
                "updated_at",
            ),
            [
                (
                    k.id,
                    k.subject_type,
                    k.subject_id,
                    k.kind,
                    k.label,
                    k.started_at,
                    k.due_at,
                    k.rule,
                    k.rule_source,
                    k.rule_version,
                    team(k.owner_team_code),
                    user(k.owner_user),
                    k.partner_organisation_id,
                    False,
                    k.stopped_at,
                    user(k.stopped_by),
                    k.outcome,
                    k.breach_reason,
                    k.escalation_level,
                    k.started_at,
                    k.updated_at,
                )
                for k in batch.clocks
            ],
        )

    def _write_domestic(self, batch: PathwayBatch, occurrence_reference: dict[str, str]) -> None:
        """Write the domestic-abuse records, child victims and Encompass notifications.

        A sent notification's content is built here, by ``notification_content`` as the
        sending service builds it, once the occurrence's reference is known.
        """
        user = self._user
        team = self._team
        self._insert(
            "da_incidents",
            DomesticAbuseIncident,
            (
                "id",
                "occurrence_id",
                "victim_id",
                "suspect_id",
                "relationship",
                "circumstances_for_school",
                "other_information_for_school",
                "owning_team_id",
                "is_restricted",
                "recorded_by_id",
                "created_at",
                "updated_at",
            ),
            [
                (
                    d.id,
                    d.occurrence_id,
                    d.victim_id,
                    d.suspect_id,
                    d.relationship,
                    d.circumstances_for_school,
                    d.other_information_for_school,
                    team(d.owning_team_code),
                    False,
                    user(d.recorded_by),
                    d.created_at,
                    d.created_at,
                )
                for d in batch.da_incidents
            ],
        )
        self._insert(
            "child_victims",
            ChildVictim,
            (
                "id",
                "incident_id",
                "child_id",
                "present",
                "where_present",
                "saw",
                "heard",
                "experienced_effects",
                "related_to",
                "concern_id",
                "created_at",
                "updated_at",
            ),
            [
                (
                    v.id,
                    v.incident_id,
                    v.child_id,
                    v.present,
                    v.where_present,
                    v.saw,
                    v.heard,
                    v.experienced_effects,
                    v.related_to,
                    v.concern_id,
                    v.created_at,
                    v.created_at,
                )
                for v in batch.child_victims
            ],
        )
        notification_refs = _references(
            NOTIFICATION_PREFIX, [n.created_at.year for n in batch.notifications]
        )
        rows = []
        for n, reference in zip(batch.notifications, notification_refs, strict=True):
            content: dict[str, str] = {}
            if n.facts is not None:
                facts = dataclasses.replace(
                    n.facts, police_reference=occurrence_reference[n.occurrence_id]
                )
                content = notification_content(facts)
            rows.append(
                (
                    n.id,
                    reference,
                    n.incident_id,
                    n.child_victim_id,
                    n.recipient_id,
                    n.recipient_kind,
                    n.status,
                    n.due_at,
                    n.due_rule,
                    n.recipient_id if n.sent_at is not None else None,
                    content,
                    n.sent_at,
                    user(n.sent_by),
                    n.sent_channel,
                    n.acknowledged_at,
                    user(n.acknowledged_by),
                    team(n.owning_team_code),
                    False,
                    n.created_at,
                    n.updated_at,
                )
            )
        self._insert(
            "encompass_notifications",
            EncompassNotification,
            (
                "id",
                "reference",
                "incident_id",
                "child_victim_id",
                "recipient_id",
                "recipient_kind",
                "status",
                "due_at",
                "due_rule",
                "shared_with_id",
                "content",
                "sent_at",
                "sent_by_id",
                "sent_channel",
                "acknowledged_at",
                "acknowledged_by_id",
                "owning_team_id",
                "is_restricted",
                "created_at",
                "updated_at",
            ),
            rows,
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
    # COPY sends text: JSON values go as their JSON text.
    json_at = [
        index for index, name in enumerate(fields) if isinstance(by_attname[name], JSONField)
    ]
    if json_at:
        rows = [
            tuple(json.dumps(v) if i in json_at else v for i, v in enumerate(row)) for row in rows
        ]
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


class MissingStepFailed(Exception):
    """A service refused a step of the missing-children plan: the plan and the rules disagree."""


class _MissingWriter:
    """Make the plan's calls to the missing-children services, oldest first.

    Each call runs under ``use_clock(FixedClock(instant))`` for the instant the plan gives
    it, so every time a service records (its clocks, the audit event, the reference year) is
    that instant. A large force commits every few hundred calls.
    """

    def __init__(self, *, counts: dict[str, int], kept: Sequence[str]) -> None:
        self.counts = counts
        self.kept = set(kept)
        self.users: dict[str, User] = {}
        self.profiles: dict[str, PhilomenaProfile] = {}
        self.episodes: dict[int, uuid.UUID] = {}
        self.gradings: dict[int, uuid.UUID] = {}

    def write(self, plan: MissingPlan, *, advance: Callable[[int], Any]) -> None:
        actors = plan.actors()
        if actors & self.kept:
            # An account that was already there holds a username the pathway works as:
            # its role and organisation are not the demo's, so no episode is made.
            return
        self.users = {
            u.username: u
            for u in User.objects.filter(username__in=actors).select_related("team", "organisation")
        }
        events_before = AuditEvent.objects.count()
        timeline = plan.timeline()
        for start in range(0, len(timeline), MISSING_STEPS_PER_TRANSACTION):
            with transaction.atomic():
                for event in timeline[start : start + MISSING_STEPS_PER_TRANSACTION]:
                    with clock.use_clock(clock.FixedClock(event.at)):
                        self._step(event)
                    if isinstance(event.step, ReportStep):
                        advance(1)
            reset_queries()
        self._check(plan.episodes)
        self._count(events_before)

    def _step(self, event: Event) -> None:
        step = event.step
        actor = self.users[step.actor]
        try:
            if isinstance(step, ProfileStep):
                self._profile(actor, step)
            elif isinstance(step, ReportStep):
                assert event.episode_key is not None
                self._report(actor, event.episode_key, step)
            else:
                assert event.episode_key is not None
                self._episode_step(actor, event.episode_key, step)
        except DomainError as error:
            detail = getattr(error, "errors", None) or str(error)
            raise MissingStepFailed(
                f"{type(step).__name__} at {step.at.isoformat()} (episode "
                f"{event.episode_key}) was refused: {detail}"
            ) from error

    def _profile(self, actor: User, step: ProfileStep) -> None:
        profile = philomena_profile_save(
            actor=actor,
            details=ProfileDetails(
                child_name=step.child_name,
                child_date_of_birth=step.child_date_of_birth,
                physical_description=step.physical_description,
                photo_reference=step.photo_reference,
                associates=step.associates,
                places=step.places,
                previous_missing=step.previous_missing,
                vulnerabilities=step.vulnerabilities,
                medical=step.medical,
                financial=step.financial,
                phones=step.phones,
                social_media=step.social_media,
                transport=step.transport,
            ),
            locations=[
                LocationDetails(name, address, risk) for name, address, risk in step.locations
            ],
        )
        # The service draws a reference from the operating system; the demo's comes from the
        # seed, so that loading the same seed again gives the same references.
        PhilomenaProfile.objects.filter(pk=profile.pk).update(reference=step.reference)
        profile.reference = step.reference
        self.profiles[step.key] = profile

    def _report(self, actor: User, key: int, step: ReportStep) -> None:
        profile = self.profiles[step.profile_key] if step.profile_key else None
        details = ReportDetails(
            child_id=uuid.UUID(step.child_id),
            category=step.category,
            missing_from=step.missing_from,
            reported_at=step.reported_at,
            last_seen_at=step.last_seen_at,
            placing_authority_id=(
                uuid.UUID(step.placing_authority_id) if step.placing_authority_id else None
            ),
            reported_by_name=step.reported_by_name,
            reported_by_relationship=step.reported_by_relationship,
            reported_by_contact=step.reported_by_contact,
            last_seen_place=step.last_seen_place,
            location_missing_from=step.location_missing_from,
            circumstances=step.circumstances,
            description=step.description,
            clothing=step.clothing,
            phones=step.phones,
            social_media=step.social_media,
            possessions=step.possessions,
            transport=step.transport,
            medical_needs=step.medical_needs,
            likely_destinations=step.likely_destinations,
            philomena_reference=profile.reference if profile else "",
            exploitation_indicators=step.exploitation_indicators,
        )
        episode = missing_report_record(
            actor=actor,
            details=details,
            risk_information=[
                RiskInformationDetails(
                    information=r.information,
                    supplied_by=r.supplied_by,
                    supplied_by_contact=r.supplied_by_contact,
                    obtained_at=r.obtained_at,
                )
                for r in step.risk_information
            ],
        )
        self.episodes[key] = episode.pk

    def _episode_step(self, actor: User, key: int, step: Any) -> None:  # noqa: PLR0911
        episode_id = self.episodes[key]
        if isinstance(step, GradeStep):
            assessment = episode_grade(
                actor=actor,
                episode_id=episode_id,
                answers=dict(step.answers),
                officer_level=step.officer_level or None,
                rationale=step.rationale,
                delay_reason=step.delay_reason,
            )
            self.gradings[key] = assessment.pk
            return
        if isinstance(step, ReviewStep):
            episode_review(
                actor=actor,
                episode_id=episode_id,
                assessment_id=self.gradings[key],
                agreed=True,
                note=step.note,
                delay_reason=step.delay_reason,
            )
            return
        if isinstance(step, AlertStep):
            child_rescue_alert_record(
                actor=actor, episode_id=episode_id, decision=step.decision, reason=step.reason
            )
            return
        if isinstance(step, FoundStep):
            organisation = step.return_interview_organisation_id
            episode_found(
                actor=actor,
                episode_id=episode_id,
                details=FoundDetails(
                    found_at=step.found_at,
                    found_place=step.found_place,
                    found_by=step.found_by,
                    condition=step.condition,
                    return_interview_organisation_id=uuid.UUID(organisation)
                    if organisation
                    else None,
                    exploitation_indicators=step.exploitation_indicators,
                ),
            )
            return
        if isinstance(step, PreventionStep):
            prevention_interview_record(
                actor=actor,
                episode_id=episode_id,
                held_at=step.held_at,
                summary=step.summary,
                debrief_intelligence=step.debrief_intelligence,
                exploitation_indicators=step.exploitation_indicators,
                delay_reason=step.delay_reason,
            )
            return
        if isinstance(step, ReturnInterviewStep):
            return_interview_record(
                actor=actor,
                episode_id=episode_id,
                outcome=step.outcome,
                note=step.note,
                delay_reason=step.delay_reason,
            )
            return
        if isinstance(step, StrategyStep):
            prompt = RepeatMissingPrompt.objects.get(episode_id=episode_id)
            strategy_discussion_record(
                actor=actor, prompt_id=prompt.pk, held_at=step.held_at, note=step.note
            )
            return
        if isinstance(step, ScreeningStep):
            screening = (
                ExploitationScreening.objects.filter(
                    episode_id=episode_id, completed_at__isnull=True
                )
                .order_by("created_at")
                .first()
            )
            if screening is None:
                raise MissingStepFailed(f"No open screening for episode {key} at {step.at}")
            screening_complete(
                actor=actor, screening_id=screening.pk, outcome=step.outcome, note=step.note
            )
            return
        if isinstance(step, NrmStep):
            nrm_referral_record(
                actor=actor,
                episode_id=episode_id,
                details=NrmDetails(
                    exploitation_type=step.exploitation_type,
                    referred_on=step.referred_on,
                    first_responder=step.first_responder,
                    reasonable_grounds=step.reasonable_grounds,
                    reasonable_grounds_on=step.reasonable_grounds_on,
                ),
            )
            return
        raise MissingStepFailed(f"Unknown step {type(step).__name__}")

    def _check(self, episodes: Sequence[EpisodePlan]) -> None:
        """The services raised exactly the repeat-missing prompts the plan expected."""
        expected = {self.episodes[e.key] for e in episodes if e.repeat_prompt}
        raised = set(
            RepeatMissingPrompt.objects.filter(episode_id__in=self.episodes.values()).values_list(
                "episode_id", flat=True
            )
        )
        if raised != expected:
            raise MissingStepFailed(
                f"Repeat-missing prompts: the plan expected {len(expected)}, the services "
                f"raised {len(raised)}"
            )

    def _count(self, events_before: int) -> None:
        counts = self.counts
        counts["philomena_profiles"] = PhilomenaProfile.objects.count()
        counts["missing_episodes"] = MissingEpisode.objects.count()
        counts["missing_risk_info"] = RiskInformation.objects.count()
        counts["repeat_prompts"] = RepeatMissingPrompt.objects.count()
        counts["screenings"] = ExploitationScreening.objects.count()
        counts["nrm_referrals"] = NrmReferral.objects.count()
        gradings = RiskAssessment.objects.filter(subject_type=EPISODE_SUBJECT).count()
        counts["risk_assessments"] = counts.get("risk_assessments", 0) + gradings
        clocks = StatutoryClock.objects.filter(subject_type=EPISODE_SUBJECT).count()
        counts["statutory_clocks"] = counts.get("statutory_clocks", 0) + clocks
        counts["audit_events"] = AuditEvent.objects.count() - events_before
