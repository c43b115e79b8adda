"""The synthetic force as plain rows, decided by one seeded ``random.Random``. No database.

:class:`ForceGenerator` first plans the fixed setting (teams, partner organisations, school
terms and closures, demo users), then yields the population household by household in
batches: people, aliases, addresses, address history, relationships and child protection
plans, each person carrying the hidden true identity that record linkage is measured
against. ``safeguard.demo.loader`` turns the rows into database rows.

Everything here is a function of the seed, the size and ``today``: the same three give the
same force, row for row. The people are invented; realistic data-quality gaps (ethnicity not
asked, sex not recorded, missing dates of birth, children with no school recorded) and
duplicate records with realistic errors are put in on purpose (DESIGN.md "Synthetic force").
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any, TypeVar

from safeguard.access.rules.capabilities import Role
from safeguard.core.rules.calendar import SchoolCalendar
from safeguard.core.rules.periods import DatePeriod
from safeguard.demo import names
from safeguard.demo.domestic import EducationSetting
from safeguard.demo.missing import (
    CARE_HOME_NAME,
    MissingCandidate,
    MissingPeople,
    MissingPlan,
    MissingPlanner,
    MissingRules,
    MissingSpec,
)
from safeguard.demo.names import FEMALE, MALE, Community
from safeguard.demo.pathways import (
    ADULT_WITH_DOB_DAYS,
    ADULT_WITHOUT_DOB_DAYS,
    MASH,
    PPU,
    AdultCandidate,
    ChildCandidate,
    ClockRules,
    OfficerRow,
    PathwayBatch,
    PathwayPlanner,
    PathwaySpec,
)
from safeguard.people.rules.codes import (
    AliasKind,
    ChildProtectionCategory,
    OfficerDefinedEthnicity,
    RelationshipKind,
    SelfDefinedEthnicity,
    SendStatus,
    Sex,
    YesNoUnknown,
)

# Published in the README; the demo holds only synthetic people.
DEMO_PASSWORD = "safeguard-demo-2026"

ADULT_DAYS = 18 * 365 + 5  # at least 18 by the calendar, leap days included
CHILD_MAX_DAYS = 18 * 365 - 1  # under 18 by the calendar

SCHOOL = "SCHOOL"
CSC = "CSC"
HOTEL = "HOTEL"
LOCAL_AUTHORITY = "LA"
CARE_PROVIDER = "CARE"
# The demo children's home: in Stafford, its children placed by the authorities below (the
# second child, whose return interview is awaited, by the authority the demo accounts are not
# in: see safeguard.demo.missing).
CARE_HOME_TOWN = "Stafford"
CARE_HOME_PLACED_BY = (
    "Staffordshire County Council",
    "Stoke-on-Trent City Council",
    "Staffordshire County Council",
    "Staffordshire County Council",
    "Staffordshire County Council",
)
# Children kept for the missing pathway are at least this old today.
MISSING_MIN_AGE_DAYS = 10 * 365


# --- Sizes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SizeSpec:
    """How big a force to make."""

    name: str
    people: int
    primary_schools: int
    secondary_schools: int
    hotels: int
    # Households generated (and written) per batch.
    batch_households: int
    # The year of casework: occurrences, concerns, referrals and their clocks.
    pathway: PathwaySpec = field(default_factory=PathwaySpec)
    # Missing children beyond the showcase every size has (safeguard.demo.missing).
    missing: MissingSpec = field(default_factory=MissingSpec)


SIZES: dict[str, SizeSpec] = {
    "tiny": SizeSpec(
        "tiny",
        150,
        2,
        1,
        2,
        10_000,
        PathwaySpec(
            occurrences=45,
            concerns=20,
            awaiting_triage=2,
            running_due=1,
            running_overdue=1,
            ppu_officers=1,
        ),
        MissingSpec(background_episodes=0),
    ),
    "demo": SizeSpec(
        "demo",
        5_000,
        10,
        3,
        5,
        10_000,
        PathwaySpec(
            occurrences=1_500,
            concerns=200,
            awaiting_triage=15,
            referral_pending=1,
            running_due=2,
            running_overdue=4,
            mash_officers=2,
            ppu_officers=2,
        ),
        MissingSpec(background_episodes=20),
    ),
    "force-year": SizeSpec(
        "force-year",
        1_000_000,
        340,
        70,
        60,
        10_000,
        PathwaySpec(
            occurrences=300_000,
            concerns=40_000,
            awaiting_triage=3_000,
            referral_pending=60,
            running_due=120,
            running_overdue=300,
            mash_officers=6,
            ppu_officers=4,
        ),
        # A real force this size records about four times as many episodes of children
        # missing, but each goes through the services (about 90 ms an episode on PostgreSQL):
        # 4,000 added six minutes to the load, 1,000 add about a minute and a half.
        MissingSpec(background_episodes=1_000),
    ),
}


# --- Rows -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamRow:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: str
    name: str
    kind: str
    urn: str = ""
    local_authority: str = ""
    day_starts_at: dt.time = dt.time(8, 30)
    # Not stored: where the school is and which children it takes.
    town: str = ""
    phase: str = ""


@dataclass(frozen=True, slots=True)
class TermRow:
    organisation_id: str
    starts_on: dt.date
    ends_on: dt.date


@dataclass(frozen=True, slots=True)
class ClosureRow:
    organisation_id: str
    closed_on: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class UserRow:
    username: str
    role: Role
    first_name: str
    last_name: str
    email: str
    team_code: str | None
    organisation_id: str | None
    collar_number: str = ""
    # Demo accounts share the published password; generated colleagues cannot sign in.
    can_sign_in: bool = True


@dataclass(slots=True)
class PersonRow:
    id: str
    identity: str
    given_name: str
    family_name: str
    middle_names: str = ""
    date_of_birth: dt.date | None = None
    estimated_age: int | None = None
    estimated_on: dt.date | None = None
    sex: str = Sex.NOT_RECORDED.value
    self_defined_ethnicity: str = SelfDefinedEthnicity.NOT_ASKED.value
    officer_defined_ethnicity: str = OfficerDefinedEthnicity.NOT_RECORDED.value
    disability: str = YesNoUnknown.UNKNOWN.value
    disability_details: str = ""
    send_status: str = SendStatus.UNKNOWN.value
    first_language: str = ""
    interpreter_needed: str = YesNoUnknown.UNKNOWN.value
    looked_after: str = YesNoUnknown.UNKNOWN.value
    placing_authority: str = ""
    education_setting_id: str | None = None
    home_educated: bool = False
    owning_team_code: str | None = None
    is_restricted: bool = False
    is_duplicate: bool = False
    distortion: str = ""


@dataclass(frozen=True, slots=True)
class AliasRow:
    person_id: str
    kind: str
    given_name: str
    family_name: str


@dataclass(frozen=True, slots=True)
class AddressRow:
    id: str
    line_1: str
    line_2: str
    town: str
    postcode: str


@dataclass(frozen=True, slots=True)
class PersonAddressRow:
    person_id: str
    address_id: str
    starts_on: dt.date | None
    ends_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RelationshipRow:
    from_person_id: str
    to_person_id: str
    kind: str
    starts_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PlanRow:
    person_id: str
    category: str
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass
class Setting:
    """The fixed part of the force: teams, partner organisations and the demo users."""

    teams: list[TeamRow]
    organisations: list[OrganisationRow]
    terms: list[TermRow]
    closures: list[ClosureRow]
    users: list[UserRow]


@dataclass
class PopulationBatch:
    """The rows for a run of whole households, written together."""

    people: list[PersonRow] = field(default_factory=list)
    aliases: list[AliasRow] = field(default_factory=list)
    addresses: list[AddressRow] = field(default_factory=list)
    person_addresses: list[PersonAddressRow] = field(default_factory=list)
    relationships: list[RelationshipRow] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)


# --- Fixed setting --------------------------------------------------------------------------

TEAMS: tuple[TeamRow, ...] = (
    TeamRow("PPU", "Public Protection Unit"),
    TeamRow("MASH", "Multi-Agency Safeguarding Hub"),
    TeamRow("OCSEA", "Online Child Sexual Exploitation and Abuse Team"),
    TeamRow("CAIT", "Child Abuse Investigation Team"),
    TeamRow("RESP-N", "Response North (Stoke-on-Trent and Newcastle)"),
    TeamRow("RESP-S", "Response South (Stafford and Cannock)"),
    TeamRow("RESP-E", "Response East (Burton and Tamworth)"),
    TeamRow("PERF", "Performance and Analysis"),
    TeamRow("IMU", "Information Management Unit"),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    # Police staff have a team; partners have an organisation of this kind instead.
    team_code: str | None = None
    partner_kind: str | None = None
    collar_prefix: str = ""


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("response", Role.RESPONSE_OFFICER, team_code="RESP-N", collar_prefix="PC"),
    DemoAccount("mash", Role.MASH_RESEARCHER, team_code="MASH", collar_prefix="DC"),
    DemoAccount("investigator", Role.INVESTIGATOR, team_code="CAIT", collar_prefix="DC"),
    DemoAccount("supervisor", Role.SUPERVISOR, team_code="PPU", collar_prefix="DS"),
    DemoAccount("oncall", Role.ON_CALL_SENIOR_OFFICER, team_code="PPU", collar_prefix="DI"),
    DemoAccount("performance", Role.PERFORMANCE_LEAD, team_code="PERF"),
    DemoAccount("auditor", Role.AUDITOR, team_code="IMU"),
    DemoAccount("admin", Role.ADMIN, team_code="IMU"),
    DemoAccount("school", Role.SCHOOL_DSL, partner_kind=SCHOOL),
    DemoAccount("socialcare", Role.SOCIAL_CARE_USER, partner_kind=CSC),
    DemoAccount("hotel", Role.HOTEL_REPORTER, partner_kind=HOTEL),
    DemoAccount("carer", Role.CARER, partner_kind=CARE_PROVIDER),
)
DEMO_USERNAMES: tuple[str, ...] = tuple(a.username for a in DEMO_ACCOUNTS)

# Staffordshire-style term dates (inclusive): six terms a year, Easter in the spring break.
TERM_DATES: tuple[tuple[str, str], ...] = (
    ("2025-09-03", "2025-10-24"),
    ("2025-11-03", "2025-12-19"),
    ("2026-01-05", "2026-02-13"),
    ("2026-02-23", "2026-03-27"),
    ("2026-04-13", "2026-05-22"),
    ("2026-06-01", "2026-07-21"),
    ("2026-09-02", "2026-10-23"),
    ("2026-11-02", "2026-12-18"),
    ("2027-01-04", "2027-02-12"),
    ("2027-02-22", "2027-03-25"),
    ("2027-04-12", "2027-05-28"),
    ("2027-06-07", "2027-07-21"),
)
# Thursday 7 May 2026: local elections; some schools are polling stations.
POLLING_DAY = dt.date(2026, 5, 7)
BANK_HOLIDAYS_IN_TERM = frozenset({dt.date(2026, 5, 4), dt.date(2027, 5, 3)})

PLAN_CATEGORIES = (
    (ChildProtectionCategory.NEGLECT, 48.0),
    (ChildProtectionCategory.EMOTIONAL, 38.0),
    (ChildProtectionCategory.PHYSICAL, 8.0),
    (ChildProtectionCategory.SEXUAL, 4.0),
    (ChildProtectionCategory.MULTIPLE, 2.0),
)

HOUSEHOLD_KINDS = (
    ("single_adult", 20.0),
    ("couple", 17.0),
    ("couple_children", 28.0),
    ("single_parent", 18.0),
    ("blended", 7.0),
    ("multigenerational", 3.0),
    ("foster", 0.5),
    ("childrens_home", 0.08),
    ("shared", 4.0),
)
SOUTH_ASIAN = frozenset({"pakistani", "bangladeshi", "punjabi_sikh", "gujarati"})
LARGE_FAMILIES = frozenset({"pakistani", "bangladeshi", "somali", "traveller"})
RESTRICTING_TEAMS = (("PPU", 4.0), ("CAIT", 3.0), ("OCSEA", 2.0), ("MASH", 1.0))

# Duplicate distortions and how often each is chosen when it applies.
DISTORTIONS: tuple[tuple[str, float], ...] = (
    ("typo", 3.0),
    ("nickname", 3.0),
    ("transliteration", 3.0),
    ("native_script", 2.0),
    ("swapped_day_month", 3.0),
    ("missing_dob", 2.0),
    ("wrong_birth_year", 1.0),
    ("surname_change", 2.0),
    ("hyphenated_surname", 1.0),
    ("diacritics_dropped", 2.0),
    ("name_order_swapped", 1.0),
    ("irish_form", 2.0),
    ("middle_name_as_given", 2.0),
)

_QWERTY_NEIGHBOURS = {
    "a": "qsz",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "j": "hk",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "q": "w",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
    "v": "cb",
    "w": "qe",
    "x": "zc",
    "y": "tu",
    "z": "x",
}
_PHONETIC = (
    ("ph", "f"),
    ("ie", "ei"),
    ("y", "i"),
    ("c", "k"),
    ("ll", "l"),
    ("ss", "s"),
    ("ou", "u"),
    ("ee", "ea"),
    ("th", "t"),
    ("ck", "k"),
)
_SEPARATORS = frozenset(" -'\u2019")


# --- Showcase households ----------------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdSpec:
    """A household with some choices fixed, so every size shows the awkward cases."""

    kind: str
    community: str
    partner_community: str | None = None
    # Family name the household's children take (and the first adult's, unless overridden).
    family: str | None = None
    # Role ("a1", "a2", "c0", "c1", "absent", ...) -> given name, and -> family name.
    given: tuple[tuple[str, str], ...] = ()
    family_of: tuple[tuple[str, str], ...] = ()
    # Roles recorded in their community's own script.
    native: frozenset[str] = frozenset()
    # Role -> distortions of a duplicate record made for that role.
    duplicates: tuple[tuple[str, tuple[str, ...]], ...] = ()
    children: int | None = None
    plan: bool = False
    restricted: frozenset[str] = frozenset()
    hyphenate_children: bool = False
    absent_parent: bool | None = None


SHOWCASE: tuple[HouseholdSpec, ...] = (
    HouseholdSpec(
        "couple_children",
        "polish",
        family="Wójcik",
        given=(("a1", "Łukasz"), ("a2", "Katarzyna")),
        family_of=(("a2", "Wójcik"),),
        duplicates=(("a2", ("nickname", "diacritics_dropped")), ("c0", ("swapped_day_month",))),
        children=2,
    ),
    HouseholdSpec(
        "single_parent",
        "irish",
        family="O'Brien",
        given=(("a1", "Saoirse"), ("c0", "Zoë")),
        family_of=(("a1", "Ní Bhriain"), ("c0", "O'Brien")),
        duplicates=(("a1", ("irish_form",)),),
        children=2,
        absent_parent=True,
    ),
    HouseholdSpec(
        "couple_children",
        "arab",
        family="Al-Sayed",
        given=(("a1", "Mohammed"), ("a2", "Fatima")),
        family_of=(("a2", "Haddad"),),
        native=frozenset({"a2"}),
        duplicates=(("a1", ("native_script",)),),
        children=3,
    ),
    HouseholdSpec(
        "multigenerational",
        "pakistani",
        family="Khan",
        given=(("a1", "Muhammad"),),
        duplicates=(("a1", ("transliteration", "swapped_day_month")),),
        children=3,
    ),
    HouseholdSpec(
        "couple_children",
        "english",
        partner_community="nigerian",
        family="Taylor",
        given=(("a1", "William"),),
        family_of=(("a2", "Okafor"),),
        hyphenate_children=True,
        duplicates=(("a1", ("nickname",)), ("c0", ("hyphenated_surname",))),
        children=2,
    ),
    HouseholdSpec(
        "couple",
        "chinese",
        family="Zhang",
        given=(("a1", "Wei"), ("a2", "Fang")),
        family_of=(("a2", "Chen"),),
        duplicates=(("a2", ("name_order_swapped",)),),
    ),
    HouseholdSpec("foster", "english", children=2),
    HouseholdSpec("single_parent", "english", children=3, plan=True, absent_parent=True),
    HouseholdSpec("single_adult", "english", restricted=frozenset({"a1"})),
    HouseholdSpec("couple_children", "somali", children=3),
    HouseholdSpec(
        "single_parent",
        "ukrainian",
        given=(("a1", "Olena"),),
        family="Kovalenko",
        native=frozenset({"a1"}),
        duplicates=(("c0", ("transliteration",)),),
        children=1,
        absent_parent=False,
    ),
    HouseholdSpec(
        "couple_children",
        "punjabi_sikh",
        given=(("a2", "Harpreet"),),
        duplicates=(("a2", ("typo", "missing_dob")),),
        children=2,
    ),
)


# --- Helpers ----------------------------------------------------------------------------------


def random_uuid_hex(rng: random.Random) -> str:
    """Return a version-4 UUID drawn from ``rng``, as 32 hex digits (much cheaper than UUID)."""
    number = rng.getrandbits(128)
    number = (number & ~(0xC000 << 48)) | (0x8000 << 48)
    number = (number & ~(0xF000 << 64)) | (4 << 76)
    return f"{number:032x}"


def postcode(rng: random.Random, districts: tuple[str, ...]) -> str:
    """Return a believable postcode in one of ``districts`` (an invented inward code)."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    inward = f"{rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
    return f"{rng.choice(districts)} {inward}"


def _is_latin(text: str) -> bool:
    """Tell whether ``text`` is written in Latin script (accents allowed)."""
    return all(ord(ch) < 0x0300 or ch in _SEPARATORS for ch in text)


def strip_diacritics(text: str) -> str:
    """Return ``text`` as typed on a keyboard without accents (Wójcik -> Wojcik, Ł -> L)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(str.maketrans("łŁøØđĐ", "lLoOdD"))


_T = TypeVar("_T")
Town = tuple[str, tuple[str, ...], float, str]


def _weighted(rng: random.Random, choices: Sequence[tuple[_T, float]]) -> _T:
    total = sum(w for _, w in choices)
    point = rng.random() * total
    for value, weight in choices:
        point -= weight
        if point < 0:
            return value
    return choices[-1][0]


@dataclass(slots=True)
class _Member:
    """A person being built, with what the household logic needs beside the row."""

    row: PersonRow
    community: Community
    gender: str
    role: str
    age_days: int
    # Family name before gendering, used to name the children.
    base_family: str = ""

    @property
    def is_child(self) -> bool:
        return self.age_days <= CHILD_MAX_DAYS


# --- The generator ----------------------------------------------------------------------------


class ForceGenerator:
    """Plan a synthetic force from a seed. Call :meth:`setting` before :meth:`population`."""

    def __init__(self, *, seed: int, size: SizeSpec, today: dt.date) -> None:
        self.seed = seed
        self.size = size
        self.today = today
        self.today_ord = today.toordinal()
        self.rng = random.Random(seed)
        self.communities = names.communities()
        self._community_cum = list(accumulate(c.weight for c in self.communities))
        self._kind_names = [k for k, _ in HOUSEHOLD_KINDS]
        self._kind_cum = list(accumulate(w for _, w in HOUSEHOLD_KINDS))
        self._town_cum = list(accumulate(t[2] for t in names.TOWNS))
        self.variants = names.variant_tables()
        self.by_key = names.community_by_key()
        self.english = self.by_key["english"]
        self.streets = self._street_pool()
        sept = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        self.academic_year_ord = sept.toordinal()
        self.schools: dict[tuple[str, str], list[str]] = {}
        self.schools_by_phase: dict[str, list[str]] = {"primary": [], "secondary": []}
        self.household_count = 0
        # Casework draws from its own stream, so the population is the same with or without it.
        self.pathway_rng = random.Random(f"pathways:{seed}")
        spec = size.pathway
        # Children and adults set aside during the population for the casework: enough to
        # choose from (about twice the concerns), without holding the whole force in memory.
        expected_children = 0.3 * size.people
        self._child_share = (
            1.0 if size.people <= 10_000 else min(1.0, 2 * spec.concerns / expected_children)
        )
        background = max(0, spec.occurrences - spec.concerns)
        self._adult_share = min(1.0, background / max(1, size.people))
        # Kept as plain tuples of strings and numbers, which the garbage collector stops
        # tracking: a hundred thousand tracked objects would slow every later collection
        # (measured: 35% slower population).
        self.child_candidates: list[tuple[Any, ...]] = []
        self.adult_candidates: list[tuple[Any, ...]] = []
        # Missing children draw from a third stream: the care home, the carer and the
        # episodes change nothing else in the force. Children of ten and over are kept for
        # them (chosen by their id, without a draw; a sample in a large force).
        self.missing_rng = random.Random(f"missing:{seed}")
        self.missing_candidates: list[MissingCandidate] = []
        self.care_home_residents: list[MissingCandidate] = []
        wanted = 6 * size.missing.background_episodes
        self._missing_share = (
            1.0 if size.people <= 10_000 else min(1.0, wanted / max(1.0, 0.08 * size.people))
        )
        self._setting: Setting | None = None
        self._population_done = False

    # -- basic draws --

    def _uuid(self) -> str:
        return random_uuid_hex(self.rng)

    def _community(self) -> Community:
        return self.rng.choices(self.communities, cum_weights=self._community_cum)[0]

    def _town(self) -> Town:
        return self.rng.choices(names.TOWNS, cum_weights=self._town_cum)[0]

    def _street_pool(self) -> tuple[str, ...]:
        """Street names: curated stems, plus surnames from a Faker seeded by the run's seed."""
        from faker import Faker

        fake = Faker("en_GB")
        fake.seed_instance(self.seed)
        stems = list(names.STREET_STEMS) + [fake.last_name() for _ in range(150)]
        suffixes = names.STREET_SUFFIXES
        return tuple(sorted({f"{stem} {suffix}" for stem in stems for suffix in suffixes}))

    def _postcode(self, districts: tuple[str, ...]) -> str:
        return postcode(self.rng, districts)

    # -- setting --

    def setting(self) -> Setting:
        """Return the teams, partner organisations, school calendars and demo users."""
        rng = self.rng
        organisations: list[OrganisationRow] = [
            OrganisationRow(
                self._uuid(),
                "Staffordshire County Council (Education)",
                LOCAL_AUTHORITY,
                local_authority="Staffordshire",
            ),
            OrganisationRow(
                self._uuid(),
                "Stoke-on-Trent City Council (Education)",
                LOCAL_AUTHORITY,
                local_authority="Stoke-on-Trent",
            ),
            OrganisationRow(
                self._uuid(),
                "Staffordshire Children's Social Care",
                CSC,
                local_authority="Staffordshire",
            ),
            OrganisationRow(
                self._uuid(),
                "Stoke-on-Trent Children's Social Care",
                CSC,
                local_authority="Stoke-on-Trent",
            ),
        ]
        count = self.size.primary_schools + self.size.secondary_schools
        urns = rng.sample(range(120_000, 150_000), count)
        used_names: set[str] = set()
        schools: list[OrganisationRow] = []
        for index in range(count):
            phase = "primary" if index < self.size.primary_schools else "secondary"
            town, _, _, authority = self._town()
            patterns = (
                names.PRIMARY_SCHOOL_PATTERNS
                if phase == "primary"
                else names.SECONDARY_SCHOOL_PATTERNS
            )
            name = ""
            while not name or name in used_names:
                stem = rng.choice(names.STREET_STEMS) if rng.random() < 0.7 else town
                name = rng.choice(patterns).format(stem=stem, saint=rng.choice(names.SAINTS))
                if name in used_names:
                    name = f"{name}, {town}"
            used_names.add(name)
            school = OrganisationRow(
                self._uuid(),
                name,
                SCHOOL,
                urn=str(urns[index]),
                local_authority=authority,
                day_starts_at=dt.time(8, rng.choice((30, 35, 40, 45, 50))),
                town=town,
                phase=phase,
            )
            schools.append(school)
            self.schools.setdefault((town, phase), []).append(school.id)
            self.schools_by_phase[phase].append(school.id)
        organisations.extend(schools)
        hotel_names: set[str] = set()
        for _ in range(self.size.hotels):
            name, hotel_town = "", ""
            while not name or name in hotel_names:
                stem = rng.choice(names.HOTEL_NAMES)
                hotel_town = self._town()[0]
                name = f"{stem}, {hotel_town}"
            hotel_names.add(name)
            organisations.append(OrganisationRow(self._uuid(), name, HOTEL, town=hotel_town))
        organisations.append(
            OrganisationRow(
                random_uuid_hex(self.missing_rng),
                CARE_HOME_NAME,
                CARE_PROVIDER,
                local_authority="Staffordshire",
                town=CARE_HOME_TOWN,
            )
        )
        terms, closures = self._calendars(schools)
        self._setting = Setting(
            teams=list(TEAMS),
            organisations=organisations,
            terms=terms,
            closures=closures,
            users=self._users(organisations) + self._colleagues(organisations),
        )
        return self._setting

    def _calendars(self, schools: list[OrganisationRow]) -> tuple[list[TermRow], list[ClosureRow]]:
        rng = self.rng
        base = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in TERM_DATES]
        terms: list[TermRow] = []
        closures: list[ClosureRow] = []
        for school in schools:
            school_terms = []
            for index, (first_day, last_day) in enumerate(base):
                # Academies set some of their own dates: a later first day, a later last day.
                starts, ends = first_day, last_day
                if index % 6 == 0 and rng.random() < 0.3:
                    starts += dt.timedelta(days=1)
                if index % 6 == 5 and rng.random() < 0.3:
                    ends += dt.timedelta(days=1)
                school_terms.append((starts, ends))
                terms.append(TermRow(school.id, starts, ends))
            for year in (0, 1):
                year_terms = school_terms[year * 6 : year * 6 + 6]
                chosen: set[dt.date] = set()
                if year == 0 and rng.random() < 0.15:
                    chosen.add(POLLING_DAY)
                    closures.append(ClosureRow(school.id, POLLING_DAY, "Polling station"))
                while len(chosen) < 2:
                    starts, ends = rng.choice(year_terms)
                    day = starts + dt.timedelta(days=rng.randrange((ends - starts).days + 1))
                    if day.weekday() >= 5 or day in BANK_HOLIDAYS_IN_TERM or day in chosen:
                        continue
                    chosen.add(day)
                    reason = "Staff training (INSET) day"
                    if day.month in (12, 1, 2) and rng.random() < 0.3:
                        reason = "Closed: snow and ice"
                    elif rng.random() < 0.1:
                        reason = "Closed: heating failure"
                    closures.append(ClosureRow(school.id, day, reason))
        return terms, closures

    def _users(self, organisations: list[OrganisationRow]) -> list[UserRow]:
        rng = self.rng
        first_of_kind: dict[str, OrganisationRow] = {}
        for org in organisations:
            first_of_kind.setdefault(org.kind, org)
        users = []
        for account in DEMO_ACCOUNTS:
            # The carer came with the missing pathway: named from its own stream, so that
            # everyone else in the force stays the same.
            draw = self.missing_rng if account.role is Role.CARER else rng
            community = self._community_from(draw)
            gender = draw.choice((FEMALE, MALE))
            pool = community.given_female if gender == FEMALE else community.given_male
            first = draw.choice(pool)
            last = draw.choice(community.family)
            if gender == FEMALE and community.gendered_surnames:
                last = names.feminine_surname(last)
            partner = first_of_kind[account.partner_kind] if account.partner_kind else None
            collar = ""
            if account.collar_prefix:
                collar = f"{account.collar_prefix} {draw.randrange(1000, 9999)}"
            users.append(
                UserRow(
                    username=account.username,
                    role=account.role,
                    first_name=first,
                    last_name=last,
                    email=f"{account.username}@demo.safeguard.invalid",
                    team_code=account.team_code,
                    organisation_id=partner.id if partner else None,
                    collar_number=collar,
                )
            )
        return users

    def _colleagues(self, organisations: list[OrganisationRow]) -> list[UserRow]:
        """Return officers beside the demo accounts, and a duty worker for each other CSC.

        They carry the casework so that caseload and allocation views have several rows;
        none can sign in. Drawn from the casework's own random stream.
        """
        spec = self.size.pathway
        if not spec.concerns:
            return []
        rng = self.pathway_rng
        users = []
        plan = [(MASH, Role.MASH_RESEARCHER, n) for n in range(spec.mash_officers)] + [
            (PPU, Role.INVESTIGATOR, n) for n in range(spec.ppu_officers)
        ]
        for team_code, role, number in plan:
            community = self._community_from(rng)
            gender = rng.choice((FEMALE, MALE))
            first = rng.choice(community.given_female if gender == FEMALE else community.given_male)
            last = rng.choice(community.family)
            if gender == FEMALE and community.gendered_surnames:
                last = names.feminine_surname(last)
            username = f"{team_code.lower()}{number + 1:02d}"
            users.append(
                UserRow(
                    username=username,
                    role=role,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@demo.safeguard.invalid",
                    team_code=team_code,
                    organisation_id=None,
                    collar_number=f"DC {rng.randrange(1000, 9999)}",
                    can_sign_in=False,
                )
            )
        users.extend(_safeguarding_leads(organisations))
        social_care = [o for o in organisations if o.kind == CSC]
        for org in social_care[1:]:  # the first is the demo "socialcare" account's
            slug = org.local_authority.lower().replace(" ", "-")
            username = f"socialcare-{slug}"
            users.append(
                UserRow(
                    username=username,
                    role=Role.SOCIAL_CARE_USER,
                    first_name="Duty",
                    last_name=f"Social Worker ({org.local_authority})",
                    email=f"{username}@demo.safeguard.invalid",
                    team_code=None,
                    organisation_id=org.id,
                    can_sign_in=False,
                )
            )
        return users

    def _community_from(self, rng: random.Random) -> Community:
        return rng.choices(self.communities, cum_weights=self._community_cum)[0]

    # -- casework --

    def pathways(self, *, now: dt.datetime, rules: ClockRules) -> Iterator[PathwayBatch]:
        """Yield the year of casework before ``now``, about a month per batch.

        Call after :meth:`population` has been run to the end: the casework is about the
        people it made.

        :raises RuntimeError: the population has not been made yet
        """
        spec = self.size.pathway
        if not spec.concerns:
            return iter(())
        if self._setting is None or not self._population_done:
            raise RuntimeError("Make the setting and the whole population first")
        users = self._setting.users
        officers = [
            OfficerRow(u.username, u.team_code)
            for u in users
            if u.role in (Role.MASH_RESEARCHER, Role.INVESTIGATOR) and u.team_code in (MASH, PPU)
        ]
        by_role = {u.role: u for u in users if u.username in DEMO_USERNAMES}
        response = by_role[Role.RESPONSE_OFFICER]
        investigator = by_role[Role.INVESTIGATOR]
        # Response officers record most incidents; CAIT some of the concerns.
        recorders = [OfficerRow(response.username, response.team_code)] * 4 + [
            OfficerRow(investigator.username, investigator.team_code)
        ]
        social_workers = {
            u.organisation_id: u.username
            for u in users
            if u.role is Role.SOCIAL_CARE_USER and u.organisation_id
        }
        csc_by_authority = {
            o.local_authority: o.id for o in self._setting.organisations if o.kind == CSC
        }
        settings = _education_settings(self._setting)
        planner = PathwayPlanner(
            rng=self.pathway_rng,
            spec=spec,
            now=now,
            rules=rules,
            children=[ChildCandidate(*c) for c in self.child_candidates],
            adults=[AdultCandidate(*a) for a in self.adult_candidates],
            officers=officers,
            recorders=recorders,
            social_workers=social_workers,
            csc_by_authority=csc_by_authority,
            reviewer=by_role[Role.SUPERVISOR].username,
            settings=settings,
            authority_settings={
                o.local_authority: o.id
                for o in self._setting.organisations
                if o.kind == LOCAL_AUTHORITY
            },
        )
        return planner.batches()

    def _set_aside(self, residents: list[_Member], address: AddressRow, town_row: Town) -> None:
        """Keep some of a household's children and adults for the casework."""
        if not self.size.pathway.concerns:
            return
        draw = self.pathway_rng.random
        children = [
            m
            for m in residents
            if m.is_child and draw() < self._child_share and not m.row.is_restricted
        ]
        adults = [m for m in residents if not m.is_child and _adult_on_record(m)]
        chosen_adults = [(i, m) for i, m in enumerate(adults) if draw() < self._adult_share]
        if not children and not chosen_adults:
            return
        location = ", ".join(p for p in (address.line_1, address.line_2, address.town) if p)
        pair = tuple((m.row.id, m.gender) for m in adults[:2])
        for member in children:
            row = member.row
            self.child_candidates.append(
                (
                    row.id,
                    row.given_name,
                    member.age_days,
                    location,
                    address.postcode,
                    town_row[3],
                    _communication_needs(row),
                    pair,
                    " ".join(p for p in (row.given_name, row.middle_names, row.family_name) if p),
                    row.date_of_birth,
                    row.estimated_age,
                    row.estimated_on,
                    row.education_setting_id,
                    row.home_educated,
                )
            )
        for index, member in chosen_adults:
            partner = pair[1 - index][0] if index < 2 and len(pair) == 2 else None
            self.adult_candidates.append(
                (member.row.id, member.gender, location, address.postcode, partner)
            )

    # -- missing children --

    def missing(self, *, now: dt.datetime, rules: MissingRules) -> MissingPlan:
        """Return the carer's Philomena profiles and a year of missing episodes before ``now``.

        Call after :meth:`population` has been run to the end.

        :raises RuntimeError: the population has not been made yet
        """
        if self._setting is None or not self._population_done:
            raise RuntimeError("Make the setting and the whole population first")
        setting = self._setting
        by_role = {u.role: u for u in setting.users if u.username in DEMO_USERNAMES}
        csc = [o for o in setting.organisations if o.kind == CSC]
        social_workers = {
            u.organisation_id: u.username
            for u in setting.users
            if u.role is Role.SOCIAL_CARE_USER and u.organisation_id
        }
        demo_csc = by_role[Role.SOCIAL_CARE_USER].organisation_id
        care_provider = by_role[Role.CARER].organisation_id
        assert demo_csc is not None
        assert care_provider is not None
        english = self.english
        people = MissingPeople(
            officer=by_role[Role.RESPONSE_OFFICER].username,
            supervisor=by_role[Role.SUPERVISOR].username,
            specialist=by_role[Role.MASH_RESEARCHER].username,
            carer=by_role[Role.CARER].username,
            care_provider_id=care_provider,
            csc_by_authority={o.local_authority: o.id for o in csc},
            social_workers=social_workers,
            demo_csc_id=demo_csc,
            hotels=tuple(o.name for o in setting.organisations if o.kind == HOTEL),
        )
        planner = MissingPlanner(
            rng=self.missing_rng,
            spec=self.size.missing,
            now=now,
            rules=rules,
            candidates=self.missing_candidates,
            residents=self.care_home_residents,
            people=people,
            names=(english.given_female, english.given_male, english.family),
        )
        return planner.make()

    def _keep_for_missing(
        self, residents: list[_Member], address: AddressRow, town_row: Town, kind: str
    ) -> None:
        """Keep the household's children of ten and over for the missing pathway.

        No random draw: a large force keeps a share chosen by the (already random) person id.
        """
        share = self._missing_share
        location = ""
        for member in residents:
            row = member.row
            if not member.is_child or member.age_days < MISSING_MIN_AGE_DAYS:
                continue
            if row.is_restricted or row.date_of_birth is None:
                continue
            if share < 1.0 and int(row.id[:8], 16) >= share * 0x1_0000_0000:
                continue
            location = location or ", ".join(
                p for p in (address.line_1, address.line_2, address.town) if p
            )
            home = kind if kind in ("foster", "childrens_home") else "family"
            self.missing_candidates.append(
                MissingCandidate(
                    person_id=row.id,
                    given_name=row.given_name,
                    family_name=row.family_name,
                    full_name=_full_name(row),
                    gender=member.gender,
                    date_of_birth=row.date_of_birth,
                    looked_after=row.looked_after == YesNoUnknown.YES.value,
                    placing_authority=row.placing_authority,
                    location=location,
                    postcode=address.postcode,
                    authority=town_row[3],
                    home=home,
                )
            )

    def _care_home(self) -> PopulationBatch:
        """Make the demo children's home: teenagers placed there, drawn from the missing stream.

        The carer's Philomena profiles and the showcase episodes are about these children, so
        every size has them, whatever households the population happened to make.
        """
        batch = PopulationBatch()
        saved = self.rng
        self.rng = self.missing_rng
        try:
            town_row = next(t for t in names.TOWNS if t[0] == CARE_HOME_TOWN)
            address = AddressRow(
                self._uuid(),
                "Meadow View",
                f"{self.rng.randint(2, 90)} {self.rng.choice(self.streets)}",
                town_row[0],
                self._postcode(town_row[1]),
            )
            batch.addresses.append(address)
            location = f"{address.line_1}, {address.line_2}, {address.town}"
            genders = (FEMALE, MALE, self.rng.choice((FEMALE, MALE)), FEMALE, MALE)
            for placed_by, gender in zip(CARE_HOME_PLACED_BY, genders, strict=True):
                community = self._community()
                age_days = self.rng.randint(13 * 365 + 100, 17 * 365 + 150)
                member = self._person(
                    batch,
                    role="t",
                    community=community,
                    gender=gender,
                    age_days=age_days,
                    family=self._family_name(community),
                    spec=None,
                )
                row = member.row
                # The home knows each child's date of birth; none of them is restricted.
                row.date_of_birth = dt.date.fromordinal(self.today_ord - age_days)
                row.estimated_age = row.estimated_on = None
                row.is_restricted = False
                row.owning_team_code = None
                row.looked_after = YesNoUnknown.YES.value
                row.placing_authority = placed_by
                placed_on = dt.date.fromordinal(self.today_ord - self.rng.randint(150, 700))
                batch.person_addresses.append(PersonAddressRow(row.id, address.id, placed_on))
                self._school(member, town_row[0], {})
                self.care_home_residents.append(
                    MissingCandidate(
                        person_id=row.id,
                        given_name=row.given_name,
                        family_name=row.family_name,
                        full_name=_full_name(row),
                        gender=gender,
                        date_of_birth=row.date_of_birth,
                        looked_after=True,
                        placing_authority=placed_by,
                        location=location,
                        postcode=address.postcode,
                        authority=town_row[3],
                        home="care_home",
                        placed_on=placed_on,
                    )
                )
        finally:
            self.rng = saved
        return batch

    # -- population --

    def population(self) -> Iterator[PopulationBatch]:
        """Yield batches of whole households until the size's person count is reached."""
        target = self.size.people
        made = 0
        while made < target:
            batch = PopulationBatch()
            for _ in range(self.size.batch_households):
                if made + len(batch.people) >= target:
                    break
                index = self.household_count
                spec = SHOWCASE[index] if index < len(SHOWCASE) else None
                self._household(batch, spec)
                self.household_count += 1
            made += len(batch.people)
            yield batch
        yield self._care_home()
        self._population_done = True

    # -- people --

    def _given(self, community: Community, gender: str, child: bool) -> str:
        rng = self.rng
        if child:
            # Second-generation children often get names from the wider British pool.
            if community.child_female and rng.random() < 0.85:
                pool = community.child_female if gender == FEMALE else community.child_male
                return rng.choice(pool)
            if community is not self.english and rng.random() < 0.25:
                pool = self.english.child_female if gender == FEMALE else self.english.child_male
                return rng.choice(pool)
        return rng.choice(community.given_female if gender == FEMALE else community.given_male)

    def _family_name(self, community: Community) -> str:
        rng = self.rng
        family = rng.choice(community.family)
        if community.key == "english" and rng.random() < 0.02:
            other = rng.choice(community.family)
            if other != family:
                family = f"{family}-{other}"
        return family

    def _person(
        self,
        batch: PopulationBatch,
        *,
        role: str,
        community: Community,
        gender: str,
        age_days: int,
        family: str,
        spec: HouseholdSpec | None,
        ethnicity: str | None = None,
        officer_ethnicity: str | None = None,
        given_community: Community | None = None,
        avoid: frozenset[str] | set[str] = frozenset(),
    ) -> _Member:
        """Make one person (an original record) and add the row to ``batch``."""
        rng = self.rng
        child = age_days <= CHILD_MAX_DAYS
        given = self._given(given_community or community, gender, child)
        for _ in range(5):
            if given not in avoid:
                break
            given = self._given(given_community or community, gender, child)
        given, middle, family, base_family = self._naming(
            community, gender=gender, child=child, given=given, family=family
        )
        if spec:
            given = dict(spec.given).get(role, given)
            family = dict(spec.family_of).get(role, family)
            base_family = dict(spec.family_of).get(role, base_family)
        if middle == given:
            middle = ""
        native = self.variants.native
        share = community.native_script_share
        wants_native = role in spec.native if spec else rng.random() < share
        if wants_native and given in native and family in native:
            given, family = native[given], native[family]
            middle = native.get(middle, "")
        row = PersonRow(
            id=self._uuid(),
            identity=self._uuid(),
            given_name=given,
            family_name=family,
            middle_names=middle,
        )
        self._birth(row, age_days, child)
        self._demographics(
            row,
            community,
            gender=gender,
            child=child,
            ethnicity=ethnicity,
            officer_ethnicity=officer_ethnicity,
        )
        restricted = role in spec.restricted if spec else rng.random() < 0.0015
        if restricted:
            row.is_restricted = True
            row.owning_team_code = _weighted(rng, RESTRICTING_TEAMS)
        batch.people.append(row)
        return _Member(row, community, gender, role, age_days, base_family=base_family)

    def _naming(
        self, community: Community, *, gender: str, child: bool, given: str, family: str
    ) -> tuple[str, str, str, str]:
        """Apply the community's naming customs; return (given, middle, family, base family)."""
        rng = self.rng
        middle = ""
        base_family = family
        if community.gendered_surnames:
            if gender == FEMALE:
                family = names.feminine_surname(family)
            else:
                family = names.masculine_surname(family)
        if community.sikh:
            marker = "Kaur" if gender == FEMALE else "Singh"
            if rng.random() < 0.4:
                family = marker
            else:
                middle = marker
        elif rng.random() < community.middle_share:
            pool = community.given_female if gender == FEMALE else community.given_male
            middle = rng.choice(pool)
        if community.key == "pakistani" and gender == MALE and rng.random() < 0.3:
            middle, given = given, rng.choice(("Mohammed", "Muhammad", "Mohammad"))
        woman = gender == FEMALE and not child
        share = community.female_only_share
        if woman and community.family_female_only and rng.random() < share:
            family = rng.choice(community.family_female_only)
        if community.key == "irish" and rng.random() < 0.06:
            forms = self.variants.irish_forms.get(family)
            if forms:
                family = forms[0] if gender == MALE else forms[1]
        if middle == given:
            middle = ""
        return given, middle, family, base_family

    def _birth(self, row: PersonRow, age_days: int, child: bool) -> None:
        rng = self.rng
        dob_ord = self.today_ord - age_days
        missing = rng.random() < (0.006 if child else 0.025)
        if not missing:
            row.date_of_birth = dt.date.fromordinal(dob_ord)
            return
        if rng.random() < 0.8:
            estimated_ord = self.today_ord - rng.randrange(0, 3 * 365)
            age_then = max(0, (estimated_ord - dob_ord) // 365 + rng.randint(-3, 3))
            row.estimated_age = min(age_then, 120)
            row.estimated_on = dt.date.fromordinal(estimated_ord)

    def _demographics(
        self,
        row: PersonRow,
        community: Community,
        *,
        gender: str,
        child: bool,
        ethnicity: str | None,
        officer_ethnicity: str | None,
    ) -> None:
        rng = self.rng
        # Sex: a few records never had it recorded.
        roll = rng.random()
        if roll < 0.015:
            row.sex = Sex.NOT_RECORDED.value
        elif roll < 0.018:
            row.sex = Sex.NOT_KNOWN.value
        else:
            row.sex = Sex.FEMALE.value if gender == FEMALE else Sex.MALE.value
        # Self-defined ethnicity: often never asked; sometimes asked and declined.
        roll = rng.random()
        not_asked = 0.2 if child else 0.13
        if roll < not_asked:
            row.self_defined_ethnicity = SelfDefinedEthnicity.NOT_ASKED.value
        elif roll < not_asked + 0.04:
            row.self_defined_ethnicity = SelfDefinedEthnicity.NS.value
        elif ethnicity:
            row.self_defined_ethnicity = ethnicity
        elif rng.random() < 0.93:
            row.self_defined_ethnicity = community.ethnicity
        else:
            row.self_defined_ethnicity = rng.choice(community.ethnicity_alternatives)
        # Officer-defined: only recorded when an officer saw the person.
        roll = rng.random()
        if roll < 0.3:
            row.officer_defined_ethnicity = OfficerDefinedEthnicity.NOT_RECORDED.value
        elif roll < 0.32:
            row.officer_defined_ethnicity = OfficerDefinedEthnicity.IC9.value
        elif roll < 0.37:
            row.officer_defined_ethnicity = rng.choice(("IC1", "IC2", "IC3", "IC4", "IC5", "IC6"))
        else:
            row.officer_defined_ethnicity = officer_ethnicity or community.officer_ethnicity
        self._language(row, community, child)
        self._needs(row, child)

    def _language(self, row: PersonRow, community: Community, child: bool) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            language = ""
        elif child and roll < 0.6:
            language = "English"
        else:
            language = str(_weighted(rng, community.languages))
        row.first_language = language
        if language in ("", "English"):
            row.interpreter_needed = (
                YesNoUnknown.NO.value if rng.random() < 0.5 else YesNoUnknown.UNKNOWN.value
            )
            return
        roll = rng.random()
        if child:
            row.interpreter_needed = (
                YesNoUnknown.NO.value if roll < 0.8 else YesNoUnknown.UNKNOWN.value
            )
        elif roll < 0.35:
            row.interpreter_needed = YesNoUnknown.YES.value
        elif roll < 0.75:
            row.interpreter_needed = YesNoUnknown.NO.value
        else:
            row.interpreter_needed = YesNoUnknown.UNKNOWN.value

    def _needs(self, row: PersonRow, child: bool) -> None:
        rng = self.rng
        roll = rng.random()
        if child:
            if roll < 0.78:
                row.send_status = SendStatus.NONE.value
            elif roll < 0.91:
                row.send_status = SendStatus.SEN_SUPPORT.value
            elif roll < 0.955:
                row.send_status = SendStatus.EHC_PLAN.value
            row.looked_after = (
                YesNoUnknown.NO.value if rng.random() < 0.9 else YesNoUnknown.UNKNOWN.value
            )
            disabled, unknown = 0.05, 0.15
        else:
            if roll < 0.1:
                row.send_status = SendStatus.NONE.value
            disabled, unknown = 0.08, 0.6
        roll = rng.random()
        if roll < disabled:
            row.disability = YesNoUnknown.YES.value
            row.disability_details = rng.choice(names.DISABILITY_DETAILS)
        elif roll > disabled + unknown:
            row.disability = YesNoUnknown.NO.value

    def _school(self, member: _Member, town: str, chosen: dict[str, str | None]) -> None:
        """Record where a child is educated; siblings in the same phase share a school."""
        row = member.row
        rng = self.rng
        years = (self.academic_year_ord - (self.today_ord - member.age_days)) * 4 // 1461
        if years < 4:
            return
        if years >= 16:
            phase = "secondary" if rng.random() < 0.55 else ""
        else:
            phase = "primary" if years <= 10 else "secondary"
        if not phase:
            return
        roll = rng.random()
        if roll < 0.012:
            row.home_educated = True
            return
        if roll < 0.032:
            return  # not known: a gap the recording standards report
        if phase not in chosen:
            local = self.schools.get((town, phase)) or self.schools_by_phase[phase]
            chosen[phase] = rng.choice(local) if local else None
        row.education_setting_id = chosen[phase]

    # -- households --

    def _kind(self) -> str:
        return self.rng.choices(self._kind_names, cum_weights=self._kind_cum)[0]

    def _address(self, batch: PopulationBatch, town_row: Town | None = None) -> AddressRow:
        rng = self.rng
        town, districts, _, _ = town_row or self._town()
        street = rng.choice(self.streets)
        if rng.random() < 0.15:
            line_1 = f"Flat {rng.randint(1, 24)} {rng.choice(names.BUILDING_NAMES)}"
            line_2 = f"{rng.randint(1, 120)} {street}"
        else:
            line_1 = f"{rng.randint(1, 220)} {street}"
            line_2 = ""
        address = AddressRow(self._uuid(), line_1, line_2, town, self._postcode(districts))
        batch.addresses.append(address)
        return address

    def _live_at(
        self,
        batch: PopulationBatch,
        members: Sequence[_Member],
        address: AddressRow,
        moved_in_ord: int,
    ) -> None:
        rng = self.rng
        for member in members:
            born_ord = self.today_ord - member.age_days
            starts: dt.date | None = dt.date.fromordinal(max(moved_in_ord, born_ord))
            if rng.random() < 0.04:
                starts = None  # moved in on a date nobody recorded
            batch.person_addresses.append(PersonAddressRow(member.row.id, address.id, starts))

    def _relate(
        self,
        batch: PopulationBatch,
        source: _Member,
        target: _Member,
        kind: RelationshipKind,
        starts_on: dt.date | None = None,
    ) -> None:
        batch.relationships.append(
            RelationshipRow(source.row.id, target.row.id, kind.value, starts_on)
        )

    def _adult_age(self, low: int, high: int) -> int:
        """Return an age in days for an adult aged ``low`` to ``high`` years."""
        days = self.rng.randint(low * 365, high * 365 + 364)
        return max(days, ADULT_DAYS)

    def _children_ages(
        self, mother_age_days: int, count: int, max_age_days: int | None = None
    ) -> list[int]:
        rng = self.rng
        latest_first = min(CHILD_MAX_DAYS, mother_age_days - 17 * 365)
        if max_age_days is not None:
            latest_first = min(latest_first, max_age_days)
        if latest_first < 30:
            return []
        oldest = rng.randint(0, latest_first)
        if max_age_days is None and rng.random() < 0.12 and mother_age_days > 40 * 365:
            # A grown-up child still living at home.
            oldest = rng.randint(ADULT_DAYS, ADULT_DAYS + 5 * 365)
        ages = [oldest]
        for _ in range(count - 1):
            if rng.random() < 0.03:
                ages.append(ages[-1])  # twins
                continue
            younger = ages[-1] - rng.randint(300, 6 * 365)
            if younger < 0:
                break
            ages.append(younger)
        return ages

    def _child_count(self, community: Community, spec: HouseholdSpec | None) -> int:
        if spec and spec.children is not None:
            return spec.children
        count = _weighted(self.rng, ((1, 35.0), (2, 38.0), (3, 17.0), (4, 7.0), (5, 3.0)))
        if community.key in LARGE_FAMILIES and self.rng.random() < 0.3:
            count += 1
        return count

    @staticmethod
    def _mixed_code(first: Community, second: Community) -> str | None:
        """Return the Mixed code for children of parents from these communities, if any."""
        codes = {first.ethnicity, second.ethnicity}
        groups = {code[0] for code in codes}
        if len(codes) == 1 or groups == {"W"}:
            return None
        if "W" in groups and "B1" in codes:
            return "M1"
        if groups == {"W", "B"}:
            return "M2"
        if groups == {"W", "A"}:
            return "M3"
        return "M9"

    def _household(self, batch: PopulationBatch, spec: HouseholdSpec | None) -> None:
        rng = self.rng
        kind = spec.kind if spec else self._kind()
        community = self.by_key[spec.community] if spec else self._community()
        if kind == "couple_children" and community.key in SOUTH_ASIAN and rng.random() < 0.25:
            kind = "multigenerational"
        town_row = self._town()
        address = self._address(batch, town_row)
        moved_in_ord = self.today_ord - rng.randint(30, 15 * 365)
        builder = getattr(self, f"_{kind}")
        residents, family = builder(batch, community, spec, address, moved_in_ord)
        self._live_at(batch, residents, address, moved_in_ord)
        if rng.random() < 0.1:
            # The household moved here from somewhere else in the force area.
            previous = self._address(batch)
            ends = dt.date.fromordinal(moved_in_ord - 1)
            starts_ord = moved_in_ord - rng.randint(180, 8 * 365)
            for member in residents:
                born_ord = self.today_ord - member.age_days
                if born_ord < moved_in_ord - 1:
                    starts = dt.date.fromordinal(max(starts_ord, born_ord))
                    batch.person_addresses.append(
                        PersonAddressRow(member.row.id, previous.id, starts, ends)
                    )
        chosen: dict[str, str | None] = {}
        for member in residents:
            if member.is_child:
                self._school(member, town_row[0], chosen)
        self._set_aside(residents, address, town_row)
        self._keep_for_missing(residents, address, town_row, kind)
        if kind != "childrens_home":
            self._plans(batch, [m for m in family if m.is_child], spec)
        for member in family:
            self._aliases(batch, member)
            self._duplicates(batch, member, spec, address)

    # Each builder returns (residents at the household address, everyone it made).

    def _single_adult(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        gender = self.rng.choice((FEMALE, MALE))
        family = spec.family if spec and spec.family else self._family_name(community)
        adult = self._person(
            batch,
            role="a1",
            community=community,
            gender=gender,
            age_days=self._adult_age(18, 90),
            family=family,
            spec=spec,
        )
        return [adult], [adult]

    def _shared(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        members = []
        for index in range(self.rng.randint(2, 4)):
            member_community = community if index == 0 else self._community()
            members.append(
                self._person(
                    batch,
                    role=f"a{index + 1}",
                    community=member_community,
                    gender=self.rng.choice((FEMALE, MALE)),
                    age_days=self._adult_age(18, 45),
                    family=self._family_name(member_community),
                    spec=spec,
                )
            )
        return members, members

    def _couple_adults(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        low: int,
        high: int,
    ) -> tuple[_Member, _Member, str]:
        """Make a couple; return (man, woman, the family name their children take)."""
        rng = self.rng
        family = spec.family if spec and spec.family else self._family_name(community)
        if spec and spec.partner_community:
            partner_community = self.by_key[spec.partner_community]
        elif rng.random() < 0.08:
            partner_community = self._community()
        else:
            partner_community = community
        man_age = self._adult_age(low, high)
        woman_age = max(ADULT_DAYS, man_age + rng.randint(-6 * 365, 3 * 365))
        man = self._person(
            batch,
            role="a1",
            community=community,
            gender=MALE,
            age_days=man_age,
            family=family,
            spec=spec,
        )
        maiden = self._family_name(partner_community)
        takes_name = rng.random() < partner_community.takes_husband_name and (
            spec is None or "a2" not in dict(spec.family_of)
        )
        woman = self._person(
            batch,
            role="a2",
            community=partner_community,
            gender=FEMALE,
            age_days=woman_age,
            family=family if takes_name else maiden,
            spec=spec,
        )
        if partner_community.gendered_surnames:
            maiden = names.feminine_surname(maiden)
        if takes_name and woman.row.family_name != maiden and rng.random() < 0.3:
            batch.aliases.append(
                AliasRow(woman.row.id, AliasKind.PREVIOUS_NAME.value, woman.row.given_name, maiden)
            )
        self._relate(batch, man, woman, RelationshipKind.PARTNER)
        return man, woman, family

    def _couple(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        man, woman, _ = self._couple_adults(batch, community, spec, 20, 85)
        return [man, woman], [man, woman]

    def _children(
        self,
        batch: PopulationBatch,
        *,
        mother: _Member | None,
        father: _Member | None,
        community: Community,
        family: str,
        spec: HouseholdSpec | None,
        count: int,
        mother_age_days: int,
        first_role: int = 0,
        max_age_days: int | None = None,
    ) -> list[_Member]:
        """Make a sibling group with PARENT, PARENTAL_RESPONSIBILITY and SIBLING links."""
        rng = self.rng
        parents = [p for p in (mother, father) if p is not None]
        mixed = None
        officer = None
        other = community
        if mother and father:
            mixed = self._mixed_code(father.community, mother.community)
            other = mother.community if father.community is community else father.community
            if mixed:
                officer = rng.choice((father.community, mother.community)).officer_ethnicity
        if community.patronymic and father is not None:
            family = father.row.given_name
        elif (
            mother
            and father
            and ((spec and spec.hyphenate_children) or (mixed and rng.random() < 0.25))
        ):
            mother_family = mother.base_family
            if mother_family != family and _is_latin(mother_family) and _is_latin(family):
                family = f"{family}-{mother_family}"
        children: list[_Member] = []
        ages = self._children_ages(mother_age_days, count, max_age_days)
        for index, age_days in enumerate(ages):
            name_community = other if mixed and rng.random() < 0.5 else community
            child = self._person(
                batch,
                role=f"c{first_role + index}",
                community=community,
                gender=rng.choice((FEMALE, MALE)),
                age_days=age_days,
                family=family,
                spec=spec,
                ethnicity=mixed,
                officer_ethnicity=officer,
                given_community=name_community,
                avoid={c.row.given_name for c in children},
            )
            born = child.row.date_of_birth
            for parent in parents:
                self._relate(batch, parent, child, RelationshipKind.PARENT, born)
                has_pr = parent is mother or parent.role != "absent" or rng.random() < 0.7
                if has_pr and child.is_child:
                    self._relate(
                        batch, parent, child, RelationshipKind.PARENTAL_RESPONSIBILITY, born
                    )
            for sibling in children:
                self._relate(batch, sibling, child, RelationshipKind.SIBLING)
            children.append(child)
        return children

    def _couple_children(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        man, woman, family = self._couple_adults(batch, community, spec, 22, 58)
        children = self._children(
            batch,
            mother=woman,
            father=man,
            community=community,
            family=family,
            spec=spec,
            count=self._child_count(community, spec),
            mother_age_days=woman.age_days,
        )
        people = [man, woman, *children]
        return people, people

    def _multigenerational(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        residents, people = self._couple_children(batch, community, spec, address, moved_in_ord)
        father = people[0]
        rng = self.rng
        grandparents: list[_Member] = []
        grandfather_family = father.base_family
        for index, gender in enumerate((MALE, FEMALE)):
            if index == 1 and grandparents and rng.random() < 0.3:
                break
            age = max(self._adult_age(60, 88), father.age_days + 18 * 365)
            grandparent = self._person(
                batch,
                role=f"g{index + 1}",
                community=community,
                gender=gender,
                age_days=age,
                family=grandfather_family,
                spec=spec,
            )
            self._relate(
                batch, grandparent, father, RelationshipKind.PARENT, father.row.date_of_birth
            )
            grandparents.append(grandparent)
        if len(grandparents) == 2:
            self._relate(batch, grandparents[0], grandparents[1], RelationshipKind.PARTNER)
        return residents + grandparents, people + grandparents

    def _absent_parent(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        *,
        gender: str,
        age_days: int,
        family: str,
        role: str = "absent",
    ) -> _Member:
        """Make a parent who lives elsewhere, at their own address."""
        parent = self._person(
            batch,
            role=role,
            community=community,
            gender=gender,
            age_days=age_days,
            family=family,
            spec=spec,
        )
        elsewhere = self._address(batch)
        self._live_at(batch, [parent], elsewhere, self.today_ord - self.rng.randint(30, 3000))
        return parent

    def _single_parent(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        rng = self.rng
        family = spec.family if spec and spec.family else self._family_name(community)
        gender = FEMALE if rng.random() < 0.88 or (spec and spec.absent_parent) else MALE
        parent = self._person(
            batch,
            role="a1",
            community=community,
            gender=gender,
            age_days=self._adult_age(18, 52),
            family=family,
            spec=spec,
        )
        absent_wanted = (
            spec.absent_parent if spec and spec.absent_parent is not None else (rng.random() < 0.45)
        )
        absent = None
        if absent_wanted and gender == FEMALE:
            absent_community = community if rng.random() < 0.85 else self._community()
            if absent_community is community:
                absent_family = family
            else:
                absent_family = self._family_name(absent_community)
            absent = self._absent_parent(
                batch,
                absent_community,
                spec,
                gender=MALE,
                age_days=max(ADULT_DAYS, parent.age_days + rng.randint(-3 * 365, 8 * 365)),
                family=absent_family,
            )
            self._relate(batch, absent, parent, RelationshipKind.EX_PARTNER)
        mother = parent if gender == FEMALE else None
        father = absent if gender == FEMALE else parent
        children_family = family
        if absent is not None and not spec and rng.random() < 0.6:
            children_family = absent.base_family
        children = self._children(
            batch,
            mother=mother,
            father=father,
            community=community,
            family=children_family,
            spec=spec,
            count=self._child_count(community, spec),
            mother_age_days=parent.age_days,
        )
        people = [parent, *children] + ([absent] if absent else [])
        return [parent, *children], people

    def _blended(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        rng = self.rng
        residents, people = self._single_parent(batch, community, spec, address, moved_in_ord)
        mother = residents[0]
        partner_community = community if rng.random() < 0.8 else self._community()
        partner = self._person(
            batch,
            role="p",
            community=partner_community,
            gender=MALE,
            age_days=max(ADULT_DAYS, mother.age_days + rng.randint(-5 * 365, 6 * 365)),
            family=self._family_name(partner_community),
            spec=spec,
        )
        self._relate(batch, partner, mother, RelationshipKind.PARTNER)
        moved_in = dt.date.fromordinal(moved_in_ord)
        step_children = [m for m in residents[1:] if m.is_child]
        for child in step_children:
            self._relate(batch, partner, child, RelationshipKind.HOUSEHOLD_MEMBER, moved_in)
        new_children: list[_Member] = []
        if mother.gender == FEMALE and rng.random() < 0.4:
            new_children = self._children(
                batch,
                mother=mother,
                father=partner,
                community=partner_community,
                family=partner.base_family,
                spec=spec,
                count=1,
                mother_age_days=mother.age_days,
                first_role=len(step_children),
                max_age_days=self.today_ord - moved_in_ord,
            )
            for half in new_children:
                for child in step_children:
                    self._relate(batch, child, half, RelationshipKind.SIBLING)
        return [*residents, partner, *new_children], [*people, partner, *new_children]

    def _looked_after(self, batch: PopulationBatch, spec: HouseholdSpec | None) -> list[_Member]:
        """Make a sibling group in care, with their birth mother recorded half the time."""
        rng = self.rng
        birth_community = self._community()
        family = self._family_name(birth_community)
        mother = None
        mother_age = self._adult_age(22, 45)
        if rng.random() < 0.5:
            mother = self._absent_parent(
                batch,
                birth_community,
                spec,
                gender=FEMALE,
                age_days=mother_age,
                family=family,
                role="birth_mother",
            )
        children = self._children(
            batch,
            mother=mother,
            father=None,
            community=birth_community,
            family=family,
            spec=spec,
            count=rng.choice((1, 1, 2, 3)) if not spec else (spec.children or 1),
            mother_age_days=mother_age,
        )
        for child in children:
            if child.is_child:
                child.row.looked_after = YesNoUnknown.YES.value
                child.row.placing_authority = (
                    rng.choice(names.PLACING_AUTHORITIES[:2])
                    if rng.random() < 0.6
                    else rng.choice(names.PLACING_AUTHORITIES)
                )
        return children + ([mother] if mother else [])

    def _foster(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        rng = self.rng
        if rng.random() < 0.7:
            man, woman, _ = self._couple_adults(batch, community, spec, 38, 66)
            carers = [man, woman]
        else:
            carers = [
                self._person(
                    batch,
                    role="a1",
                    community=community,
                    gender=FEMALE,
                    age_days=self._adult_age(38, 66),
                    family=self._family_name(community),
                    spec=spec,
                )
            ]
        placed = self._looked_after(batch, spec)
        children = [m for m in placed if m.is_child]
        placed_on = dt.date.fromordinal(self.today_ord - rng.randint(20, 4 * 365))
        for carer in carers:
            for child in children:
                self._relate(batch, carer, child, RelationshipKind.CARER, placed_on)
        return carers + children, carers + placed

    def _childrens_home(
        self,
        batch: PopulationBatch,
        community: Community,
        spec: HouseholdSpec | None,
        address: AddressRow,
        moved_in_ord: int,
    ) -> tuple[list[_Member], list[_Member]]:
        rng = self.rng
        teenagers: list[_Member] = []
        people: list[_Member] = []
        for _ in range(rng.randint(2, 4)):
            birth_community = self._community()
            family = self._family_name(birth_community)
            teenager = self._person(
                batch,
                role="t",
                community=birth_community,
                gender=rng.choice((FEMALE, MALE)),
                age_days=rng.randint(12 * 365, CHILD_MAX_DAYS),
                family=family,
                spec=None,
            )
            teenager.row.looked_after = YesNoUnknown.YES.value
            teenager.row.placing_authority = rng.choice(names.PLACING_AUTHORITIES)
            teenagers.append(teenager)
            people.append(teenager)
            if rng.random() < 0.3:
                mother = self._absent_parent(
                    batch,
                    birth_community,
                    None,
                    gender=FEMALE,
                    age_days=teenager.age_days + self._adult_age(18, 35),
                    family=family,
                    role="birth_mother",
                )
                born = teenager.row.date_of_birth
                self._relate(batch, mother, teenager, RelationshipKind.PARENT, born)
                self._relate(
                    batch, mother, teenager, RelationshipKind.PARENTAL_RESPONSIBILITY, born
                )
                people.append(mother)
        return teenagers, people

    # -- extras --

    def _plans(
        self, batch: PopulationBatch, children: list[_Member], spec: HouseholdSpec | None
    ) -> None:
        rng = self.rng
        if not children:
            return
        looked_after = any(c.row.looked_after == YesNoUnknown.YES.value for c in children)
        chance = 0.4 if looked_after else 0.025
        if not (spec.plan if spec else rng.random() < chance):
            return
        category = _weighted(rng, PLAN_CATEGORIES).value
        current = (spec is not None and spec.plan) or (not looked_after and rng.random() < 0.4)
        if current:
            starts_ord, ends_ord = self.today_ord - rng.randint(20, 700), None
        else:
            starts_ord = self.today_ord - rng.randint(400, 2500)
            ends_ord = min(starts_ord + rng.randint(90, 730), self.today_ord - 1)
        for child in children:
            born_ord = self.today_ord - child.age_days
            child_start = max(starts_ord, born_ord + 7)
            if child_start > self.today_ord or (ends_ord is not None and child_start > ends_ord):
                continue
            batch.plans.append(
                PlanRow(
                    child.row.id,
                    category,
                    dt.date.fromordinal(child_start),
                    dt.date.fromordinal(ends_ord) if ends_ord is not None else None,
                )
            )

    def _aliases(self, batch: PopulationBatch, member: _Member) -> None:
        rng = self.rng
        row = member.row
        short = self.variants.diminutives.get(row.given_name)
        if short and rng.random() < 0.1:
            batch.aliases.append(
                AliasRow(row.id, AliasKind.KNOWN_AS.value, rng.choice(short), row.family_name)
            )
        if not member.is_child and rng.random() < 0.01:
            community = member.community
            pool = community.given_female if member.gender == FEMALE else community.given_male
            batch.aliases.append(
                AliasRow(
                    row.id,
                    AliasKind.ALIAS.value,
                    rng.choice(pool),
                    self._family_name(community) if rng.random() < 0.6 else "",
                )
            )

    # -- duplicates --

    def _duplicates(
        self,
        batch: PopulationBatch,
        member: _Member,
        spec: HouseholdSpec | None,
        address: AddressRow,
    ) -> None:
        rng = self.rng
        forced = dict(spec.duplicates).get(member.role) if spec else None
        if forced is None:
            chance = 0.03 if member.is_child else 0.045
            if rng.random() >= chance:
                return
            copies = 2 if rng.random() < 0.12 else 1
        else:
            copies = 1
        for _ in range(copies):
            self._duplicate(batch, member, address, forced)

    def _duplicate(
        self,
        batch: PopulationBatch,
        member: _Member,
        address: AddressRow,
        forced: tuple[str, ...] | None,
    ) -> None:
        rng = self.rng
        original = member.row
        copy = replace(
            original,
            id=self._uuid(),
            is_duplicate=True,
            is_restricted=False,
            owning_team_code=None,
            middle_names=original.middle_names if rng.random() < 0.5 else "",
            education_setting_id=original.education_setting_id if rng.random() < 0.5 else None,
        )
        applied = self._apply_distortions(copy, member, forced)
        if not applied:
            return  # nothing sensible to change: no duplicate this time
        copy.distortion = "+".join(applied)[:40]
        # A copy made by another officer on another day: the gaps differ too.
        if rng.random() < 0.35:
            copy.self_defined_ethnicity = SelfDefinedEthnicity.NOT_ASKED.value
        if rng.random() < 0.4:
            copy.officer_defined_ethnicity = OfficerDefinedEthnicity.NOT_RECORDED.value
        if rng.random() < 0.05:
            copy.sex = Sex.NOT_RECORDED.value
        batch.people.append(copy)
        self._duplicate_address(batch, copy, member, address)

    def _apply_distortions(
        self, copy: PersonRow, member: _Member, forced: tuple[str, ...] | None
    ) -> list[str]:
        """Distort ``copy`` once (sometimes twice); return the labels applied."""
        applied: list[str] = []
        wanted = list(forced) if forced else [""]
        if not forced and self.rng.random() < 0.25:
            wanted.append("")
        for choice in wanted:
            label = choice or self._pick_distortion(copy, member, applied)
            if label and label not in applied and self._distort(copy, member, label):
                applied.append(label)
        for fallback in ("typo", "name_order_swapped", "wrong_birth_year"):
            if applied:
                break
            if self._distort(copy, member, fallback):
                applied.append(fallback)
        return applied

    def _duplicate_address(
        self, batch: PopulationBatch, copy: PersonRow, member: _Member, address: AddressRow
    ) -> None:
        """Give a duplicate the household address, an old address elsewhere, or none."""
        rng = self.rng
        born_ord = self.today_ord - member.age_days
        roll = rng.random()
        if roll < 0.55:
            starts_ord = max(born_ord, self.today_ord - rng.randint(1, 2000))
            batch.person_addresses.append(
                PersonAddressRow(copy.id, address.id, dt.date.fromordinal(starts_ord))
            )
        elif roll < 0.8:
            elsewhere = self._address(batch)
            ends_ord = self.today_ord - rng.randint(0, min(1500, member.age_days))
            starts_ord = max(born_ord, ends_ord - rng.randint(60, 2000))
            batch.person_addresses.append(
                PersonAddressRow(
                    copy.id,
                    elsewhere.id,
                    dt.date.fromordinal(starts_ord),
                    dt.date.fromordinal(ends_ord),
                )
            )

    def _pick_distortion(self, copy: PersonRow, member: _Member, applied: list[str]) -> str:
        candidates = [
            (label, weight)
            for label, weight in DISTORTIONS
            if label not in applied and self._applies(copy, member, label)
        ]
        if not candidates:
            return ""
        return _weighted(self.rng, candidates)

    def _applies(self, row: PersonRow, member: _Member, label: str) -> bool:  # noqa: PLR0911
        variants = self.variants
        latin = _is_latin(row.given_name) and _is_latin(row.family_name)
        dob = row.date_of_birth
        if label == "typo":
            return latin
        if label == "nickname":
            return row.given_name in variants.diminutives
        if label == "transliteration":
            return row.given_name in variants.transliterations or (
                row.family_name in variants.transliterations
            )
        if label == "native_script":
            return row.given_name in variants.native and row.family_name in variants.native
        if label == "swapped_day_month":
            return dob is not None and dob.day <= 12 and dob.day != dob.month
        if label in ("missing_dob", "wrong_birth_year"):
            return dob is not None and not (dob.month == 2 and dob.day == 29)
        if label == "surname_change":
            return latin
        if label == "hyphenated_surname":
            return latin and member.is_child and "-" not in row.family_name
        if label == "diacritics_dropped":
            plain = strip_diacritics(row.given_name + row.family_name)
            return latin and plain != row.given_name + row.family_name
        if label == "name_order_swapped":
            return row.given_name != row.family_name
        if label == "irish_form":
            forms = variants.irish_forms
            return row.family_name in forms or any(
                row.family_name in pair for pair in forms.values()
            )
        if label == "middle_name_as_given":
            return bool(row.middle_names) and row.middle_names not in ("Kaur", "Singh")
        return False

    # One branch per distortion label, kept together so they read as a table.
    def _distort(self, row: PersonRow, member: _Member, label: str) -> bool:  # noqa: PLR0912, PLR0915
        """Apply one distortion to ``row`` in place; return False if it did not apply."""
        if not self._applies(row, member, label):
            return False
        rng = self.rng
        variants = self.variants
        if label == "typo":
            if rng.random() < 0.5:
                row.family_name = _typo(rng, row.family_name)
            else:
                row.given_name = _typo(rng, row.given_name)
        elif label == "nickname":
            row.given_name = rng.choice(variants.diminutives[row.given_name])
        elif label == "transliteration":
            if row.given_name in variants.transliterations and (
                row.family_name not in variants.transliterations or rng.random() < 0.6
            ):
                row.given_name = rng.choice(variants.transliterations[row.given_name])
            else:
                row.family_name = rng.choice(variants.transliterations[row.family_name])
        elif label == "native_script":
            row.given_name = variants.native[row.given_name]
            row.family_name = variants.native[row.family_name]
            row.middle_names = variants.native.get(row.middle_names, "")
        elif label == "swapped_day_month":
            dob = row.date_of_birth
            assert dob is not None
            row.date_of_birth = dob.replace(day=dob.month, month=dob.day)
        elif label == "missing_dob":
            dob = row.date_of_birth
            assert dob is not None
            row.date_of_birth = None
            if rng.random() < 0.7:
                row.estimated_on = dt.date.fromordinal(self.today_ord - rng.randint(0, 1000))
                years = (row.estimated_on.toordinal() - dob.toordinal()) // 365
                row.estimated_age = min(120, max(0, years + rng.randint(-2, 2)))
        elif label == "wrong_birth_year":
            dob = row.date_of_birth
            assert dob is not None
            row.date_of_birth = dob.replace(year=dob.year + rng.choice((-1, 1)))
        elif label == "surname_change":
            community = member.community
            new = self._family_name(community)
            if community.gendered_surnames and member.gender == FEMALE:
                new = names.feminine_surname(new)
            if new == row.family_name:
                return False
            row.family_name = new
        elif label == "hyphenated_surname":
            other = self._family_name(self.english if rng.random() < 0.6 else member.community)
            if other == row.family_name or not _is_latin(other):
                return False
            row.family_name = f"{row.family_name}-{other}"
        elif label == "diacritics_dropped":
            row.given_name = strip_diacritics(row.given_name)
            row.family_name = strip_diacritics(row.family_name)
        elif label == "name_order_swapped":
            row.given_name, row.family_name = row.family_name, row.given_name
        elif label == "irish_form":
            row.family_name = _irish_variant(row.family_name, member.gender, variants)
        elif label == "middle_name_as_given":
            row.given_name, row.middle_names = row.middle_names, ""
        return True


def _safeguarding_leads(organisations: list[OrganisationRow]) -> list[UserRow]:
    """Return a designated safeguarding lead for every school but the demo account's, and an
    education safeguarding officer for each local authority (told of home-educated children).

    They acknowledge the Operation Encompass notifications in the casework; none can sign in.
    Named without a random draw, so the rest of the force is the same with or without them.
    """
    users = []
    schools = [o for o in organisations if o.kind == SCHOOL]
    for school in schools[1:]:  # the first is the demo "school" account's
        username = f"dsl-{school.urn}"
        users.append(
            UserRow(
                username=username,
                role=Role.SCHOOL_DSL,
                first_name="Designated",
                last_name="Safeguarding Lead",
                email=f"{username}@demo.safeguard.invalid",
                team_code=None,
                organisation_id=school.id,
                can_sign_in=False,
            )
        )
    for authority in (o for o in organisations if o.kind == LOCAL_AUTHORITY):
        slug = authority.local_authority.lower().replace(" ", "-")
        username = f"education-{slug}"
        users.append(
            UserRow(
                username=username,
                role=Role.SCHOOL_DSL,
                first_name="Education Safeguarding",
                last_name=f"Officer ({authority.local_authority})",
                email=f"{username}@demo.safeguard.invalid",
                team_code=None,
                organisation_id=authority.id,
                can_sign_in=False,
            )
        )
    return users


def _education_settings(setting: Setting) -> dict[str, EducationSetting]:
    """Return the schools (with their calendars) and local authorities a notification can go
    to, with who acknowledges for each: the demo "school" account, or the generated lead."""
    terms: dict[str, list[DatePeriod]] = {}
    for term in setting.terms:
        terms.setdefault(term.organisation_id, []).append(DatePeriod(term.starts_on, term.ends_on))
    closures: dict[str, set[dt.date]] = {}
    for closure in setting.closures:
        closures.setdefault(closure.organisation_id, set()).add(closure.closed_on)
    leads = {
        u.organisation_id: u.username
        for u in setting.users
        if u.role is Role.SCHOOL_DSL and u.organisation_id
    }
    # The demo "school" account's own school (the account that can sign in).
    walkthrough = {
        u.organisation_id for u in setting.users if u.role is Role.SCHOOL_DSL and u.can_sign_in
    }
    settings = {}
    for org in setting.organisations:
        if org.kind not in (SCHOOL, LOCAL_AUTHORITY):
            continue
        calendar = None
        if org.kind == SCHOOL:
            calendar = SchoolCalendar(
                terms=tuple(sorted(terms.get(org.id, []), key=lambda t: t.starts_on)),
                closures=frozenset(closures.get(org.id, ())),
                day_starts_at=org.day_starts_at,
            )
        settings[org.id] = EducationSetting(
            id=org.id,
            name=org.name,
            kind=org.kind,
            day_starts_at=org.day_starts_at,
            calendar=calendar,
            acknowledger=leads.get(org.id),
            in_casework=org.id not in walkthrough,
        )
    return settings


def _full_name(row: PersonRow) -> str:
    return " ".join(p for p in (row.given_name, row.middle_names, row.family_name) if p)


def _adult_on_record(member: _Member) -> bool:
    """Tell whether a person was an adult a year ago on the record too (see pathways)."""
    if member.row.date_of_birth is not None:
        return member.age_days >= ADULT_WITH_DOB_DAYS
    return member.age_days >= ADULT_WITHOUT_DOB_DAYS


SEND_NEEDS = {
    SendStatus.SEN_SUPPORT.value: "SEN support at school: give time to answer, short questions.",
    SendStatus.EHC_PLAN.value: "Education, health and care plan: communicates with some help.",
}


def _communication_needs(row: PersonRow) -> str:
    """Return what an officer would note about talking with the child, from their record."""
    if row.interpreter_needed == YesNoUnknown.YES.value and row.first_language:
        return f"First language {row.first_language}; interpreter needed."
    return SEND_NEEDS.get(row.send_status, "")


def _irish_variant(family: str, gender: str, variants: names.VariantTables) -> str:
    """Swap an anglicised Irish surname for its Irish-language form, or back."""
    forms = variants.irish_forms
    if family in forms:
        men, women = forms[family]
        return women if gender == FEMALE else men
    for anglicised, pair in forms.items():
        if family in pair:
            return anglicised
    return family


def _typo(rng: random.Random, name: str) -> str:
    """Return ``name`` with one realistic keying or spelling error."""
    if len(name) < 3:
        return name + name[-1]
    for _ in range(10):
        operation = rng.randrange(5)
        index = rng.randrange(1, len(name) - 1)
        if operation == 0:  # adjacent letters swapped
            changed = name[:index] + name[index + 1] + name[index] + name[index + 2 :]
        elif operation == 1:  # a letter left out
            changed = name[:index] + name[index + 1 :]
        elif operation == 2:  # a letter doubled
            changed = name[:index] + name[index] + name[index:]
        elif operation == 3:  # a neighbouring key
            near = _QWERTY_NEIGHBOURS.get(name[index].lower())
            if not near:
                continue
            changed = name[:index] + rng.choice(near) + name[index + 1 :]
        else:  # spelt as it sounds
            lower = name.lower()
            pairs = [(a, b) for a, b in _PHONETIC if a in lower[1:]]
            if not pairs:
                continue
            old, new = rng.choice(pairs)
            at = lower.index(old, 1)
            changed = name[:at] + new + name[at + len(old) :]
        if changed != name and changed.strip(" -'") and not set(changed[:1]) & _SEPARATORS:
            return changed
    return name[:-1] if len(name) > 3 else name + name[-1]
