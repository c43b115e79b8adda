"""A real server on a fresh database (SQLite file or a new PostgreSQL database) for browser journeys.

The server runs in its own process, as in production: the journey drives it only through
Debian's chromium, never through Django's test client.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SAFEGUARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # a test-only key, never a real account's

SETUP_SCRIPT = f"""
import datetime as dt
from django_otp.plugins.otp_totp.models import TOTPDevice
from safeguard.accounts.models import Organisation, User
from safeguard.core.clock import FixedClock, now, use_clock
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.people.rules.validation import AddressDetails, PersonDetails
from safeguard.people.services import person_create
from safeguard.referrals.services import (ConcernDetails, ReferralDetails, concern_record, concern_triage,
                                          referral_send)
for name in ("mash", "response", "investigator", "supervisor", "oncall"):
    user = User.objects.get(username=name)
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
mash = User.objects.get(username="mash")
person_create(actor=mash, details=PersonDetails(given_name="Zoë", family_name="O'Brien-Ní Bhriain",
              sex="FEMALE", self_defined_ethnicity="W2", officer_defined_ethnicity="IC1"),
              address=AddressDetails(line_1="4 Journey Close", town="Stafford", postcode="ST16 2DE"))
person_create(actor=mash, details=PersonDetails(given_name="Kofi", family_name="Journeyman",
              date_of_birth=dt.date(2016, 3, 3), sex="MALE"))
# A child known at one address; the linkage journey records her again, misspelt, elsewhere.
from django.contrib.auth.models import Group
linker = User.objects.create_user(username="linker", password="safeguard-demo-2026", team=mash.team)
linker.groups.add(Group.objects.get(name="MASH researcher"))
TOTPDevice.objects.create(user=linker, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
person_create(actor=mash, details=PersonDetails(given_name="Oluwaseun", family_name="Linkjourney",
              date_of_birth=dt.date(2014, 5, 6), sex="FEMALE", self_defined_ethnicity="B2",
              officer_defined_ethnicity="IC3"),
              address=AddressDetails(line_1="7 Known Street", town="Cannock", postcode="WS11 1AA"))
# A referral sent ten days ago that social care never answered.
supervisor = User.objects.get(username="supervisor")
quiet = person_create(actor=mash, details=PersonDetails(given_name="Unanswered", family_name="Fictionalchild",
                      date_of_birth=dt.date(2015, 1, 1)))
social_care = Organisation.objects.get(users__username="socialcare")
with use_clock(FixedClock(now() - dt.timedelta(days=10))):
    concern = concern_record(actor=supervisor, details=ConcernDetails(
        child_id=quiet.pk, occurred_at=now() - dt.timedelta(hours=1), location="Home",
        summary="Neglect concern", voice=VoiceOfChild(seen=False, spoken_to=False,
        reason_not_seen_or_spoken_to="Child at school during the visit")))
    amber = {{q: "NO" for q in ("SIGNIFICANT_HARM", "NO_SAFE_CARER", "ABUSE_DISCLOSED",
             "DOMESTIC_ABUSE_EXPOSURE", "CARER_CAPACITY_REDUCED", "EXPLOITATION_OR_MISSING")}}
    amber["NEGLECT_SIGNS"] = "YES"
    concern_triage(actor=supervisor, concern_id=concern.pk, research_notes="", answers=amber,
                   decision="REFER_TO_SOCIAL_CARE", rationale="Neglect indicators need assessment")
    referral_send(actor=supervisor, concern_id=concern.pk, details=ReferralDetails(
        recipient_organisation_id=social_care.pk, method="PORTAL", reason="Neglect concern, no answer yet"))
"""


@dataclass(frozen=True)
class LiveApp:
    url: str
    totp_key_hex: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url(tmp: Path) -> tuple[str, str | None]:
    """Return the database URL for the server, and a PostgreSQL database name to drop after."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        return f"sqlite:///{tmp / 'journey.sqlite3'}", None
    import psycopg

    name = f"safeguard_journey_{uuid.uuid4().hex[:8]}"
    admin_url = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + f"/{name}", name


def _drop(name: str) -> None:
    import psycopg

    admin_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _prepare(setup_script: str, extra_env: dict[str, str]) -> tuple[dict[str, str], str | None]:
    """Migrate a fresh database, load the tiny demo force and run the journey's setup script."""
    tmp = Path(tempfile.mkdtemp(prefix="safeguard-journey-"))
    database_url, pg_name = _database_url(tmp)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": database_url,
        "SAFEGUARD_RELAX_SECOND_FACTOR": "0",
        "DJANGO_DEBUG": "0",
        **extra_env,
    }

    def run(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )

    run("migrate", "--noinput")
    run("seed_demo", "--size", "tiny", "--seed", "7")
    run("shell", "-c", setup_script)
    return env, pg_name


def _start(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--nothreading",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/health/", timeout=1)
            return server, url
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the journey server did not start")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    server.wait(timeout=20)


def _serve(setup_script: str, extra_env: dict[str, str]) -> Iterator[LiveApp]:
    env, pg_name = _prepare(setup_script, extra_env)
    server, url = _start(env)
    try:
        yield LiveApp(url=url, totp_key_hex=TOTP_KEY_HEX)
    finally:
        _stop(server)
        if pg_name:
            _drop(pg_name)


@pytest.fixture(scope="session")
def live_app() -> Iterator[LiveApp]:
    yield from _serve(SETUP_SCRIPT, {})


# Friday 12 February 2027, 23:45 in London (GMT): the last school day before half-term.
HALF_TERM_FRIDAY = "2027-02-12T23:45:00+00:00"
HALF_TERM_SETUP = f"""
import datetime as dt
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from safeguard.accounts.models import Organisation, SchoolClosure, SchoolTerm, User
from safeguard.people.rules.validation import AddressDetails, PersonDetails
from safeguard.people.services import person_create
for name in ("response", "supervisor"):
    user = User.objects.get(username=name)
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
school = Organisation.objects.get(users__username="school")
school.name = "Journey Fictional Primary School"
school.save()
other = Organisation.objects.create(name="Elsewhere Fictional Academy", kind="SCHOOL")
SchoolTerm.objects.bulk_create(
    SchoolTerm(organisation=other, starts_on=t.starts_on, ends_on=t.ends_on)
    for t in SchoolTerm.objects.filter(organisation=school))
SchoolClosure.objects.filter(organisation=school, closed_on__gte=dt.date(2027, 2, 1),
                             closed_on__lte=dt.date(2027, 3, 1)).delete()
dsl = User.objects.create_user(username="school2", password="safeguard-demo-2026", organisation=other)
dsl.groups.add(Group.objects.get(name="School designated safeguarding lead"))
officer = User.objects.get(username="response")
person_create(actor=officer, details=PersonDetails(given_name="Halfterm", family_name="Victimfictional",
              date_of_birth=dt.date(1991, 4, 4), sex="FEMALE"),
              address=AddressDetails(line_1="9 Journey Close", town="Stafford", postcode="ST16 3JJ"))
person_create(actor=officer, details=PersonDetails(given_name="Halfterm", family_name="Suspectfictional",
              date_of_birth=dt.date(1989, 5, 5), sex="MALE"))
"""


@pytest.fixture(scope="session")
def live_app_half_term() -> Iterator[LiveApp]:
    """A server whose clock starts at 23:45 on the Friday before February half-term 2027."""
    yield from _serve(HALF_TERM_SETUP, {"SAFEGUARD_CLOCK_START": HALF_TERM_FRIDAY})


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# Saturday 9 January 2027 (GMT). A looked-after child with a carer's Philomena profile.
MISSING_SETUP = f"""
import datetime as dt
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from safeguard.accounts.models import Organisation, User
from safeguard.core.clock import FixedClock, use_clock
from safeguard.missing.services import LocationDetails, ProfileDetails, philomena_profile_save
from safeguard.people.rules.validation import PersonDetails
from safeguard.people.services import person_create
for name in ("response", "supervisor", "oncall"):
    user = User.objects.get(username=name)
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
home = Organisation.objects.create(name="Journey Fictional Children's Home", kind="CARE")
carer = User.objects.create_user(username="journeycarer", password="safeguard-demo-2026", organisation=home)
carer.groups.add(Group.objects.get(name="Carer (children's home or foster carer)"))
officer = User.objects.get(username="response")
person_create(actor=officer, details=PersonDetails(given_name="Maja", family_name="Wiśniewska-Fictional",
              date_of_birth=dt.date(2012, 5, 17), sex="FEMALE", looked_after="YES",
              placing_authority="Fictional County Children's Services"))
with use_clock(FixedClock(dt.datetime(2027, 1, 2, 11, 0, tzinfo=dt.UTC))):
    profile = philomena_profile_save(actor=carer, details=ProfileDetails(
        child_name="Maja Wiśniewska-Fictional", child_date_of_birth=dt.date(2012, 5, 17),
        physical_description="White, 5ft 2in, slim, shoulder-length blonde hair, scar on left eyebrow",
        photo_reference="Photo JFH-0417 in the home's safe", associates="Older boyfriend 'Dee', about 20",
        places="Hanley bus station; McDonald's, Stafford town centre", phones="07700 900 417",
        social_media="Snapchat maja_fictional", transport="Buses; lifts from Dee's silver car",
        medical="Epilepsy: takes lamotrigine twice daily", financial="No bank card; pocket money"),
        locations=[LocationDetails(name="Flat above the takeaway", address="12 Fictional Parade, Hanley",
                                   risk="Older men; drugs seen there")])
social_care = Organisation.objects.get(users__username="socialcare").name
open("{{path}}", "w").write(profile.reference + "\\n" + social_care)
"""


@dataclass
class NightServers:
    """One database, served at different moments of one night (a server per clock start)."""

    env: dict[str, str]
    pg_name: str | None
    profile_reference: str
    social_care_name: str
    server: subprocess.Popen[bytes] | None = None

    def at(self, clock_start: str) -> LiveApp:
        if self.server is not None:
            _stop(self.server)
        self.server, url = _start({**self.env, "SAFEGUARD_CLOCK_START": clock_start})
        return LiveApp(url=url, totp_key_hex=TOTP_KEY_HEX)


@pytest.fixture(scope="session")
def missing_night() -> Iterator[NightServers]:
    reference_file = Path(tempfile.mkdtemp(prefix="safeguard-journey-")) / "reference"
    env, pg_name = _prepare(MISSING_SETUP.replace("{path}", str(reference_file)), {})
    reference, social_care = reference_file.read_text().split("\n", 1)
    servers = NightServers(
        env=env, pg_name=pg_name, profile_reference=reference, social_care_name=social_care
    )
    try:
        yield servers
    finally:
        if servers.server is not None:
            _stop(servers.server)
        if pg_name:
            _drop(pg_name)


ONLINE_SETUP = f"""
import datetime as dt
from django_otp.plugins.otp_totp.models import TOTPDevice
from safeguard.accounts.models import User
from safeguard.online_abuse.models import IpSubscriber, KnownIdentifier
from safeguard.people.models import Address, PersonAddress
from safeguard.people.rules.validation import AddressDetails, PersonDetails
from safeguard.people.services import person_create
for name in ("investigator", "supervisor"):
    user = User.objects.get(username=name)
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
# The investigator works online referrals in the supervisor's team, who sees its breaches.
investigator = User.objects.get(username="investigator")
investigator.team = User.objects.get(username="supervisor").team
investigator.save()
mash = User.objects.get(username="mash")
home = AddressDetails(line_1="12 Fictional Row", town="Stafford", postcode="ST16 9ZZ")
suspect = person_create(actor=mash, details=PersonDetails(given_name="Gareth", family_name="Onlinefictional",
                        date_of_birth=dt.date(1984, 6, 1), sex="MALE", self_defined_ethnicity="W1",
                        officer_defined_ethnicity="IC1"), address=home)
address = PersonAddress.objects.get(person=suspect).address
for given, born in (("Amelia", dt.date(2016, 4, 4)), ("Jack", dt.date(2019, 9, 9))):
    child = person_create(actor=mash, details=PersonDetails(given_name=given, family_name="Onlinefictional",
                          date_of_birth=born, sex="FEMALE" if given == "Amelia" else "MALE",
                          self_defined_ethnicity="W1", officer_defined_ethnicity="IC1"))
    PersonAddress.objects.create(person=child, address=address, starts_on=dt.date(2020, 1, 1))
KnownIdentifier.objects.create(person=suspect, kind="EMAIL", normalised="g.online@example.invalid",
                               source="Fictional earlier occurrence")
IpSubscriber.objects.create(ip_address="198.51.100.23", starts_at=dt.datetime(2027, 3, 1, tzinfo=dt.UTC),
                            ends_at=dt.datetime(2027, 4, 1, tzinfo=dt.UTC), address=address,
                            source="Fictional communications data return")
"""


@pytest.fixture(scope="session")
def online_week() -> Iterator[NightServers]:
    """One database served at two moments: the morning a package arrives, and 8 days on."""
    env, pg_name = _prepare(ONLINE_SETUP, {})
    servers = NightServers(env=env, pg_name=pg_name, profile_reference="", social_care_name="")
    try:
        yield servers
    finally:
        if servers.server is not None:
            _stop(servers.server)
        if pg_name:
            _drop(pg_name)


DEATH_SETUP = f"""
import datetime as dt
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from safeguard.accounts.models import User
from safeguard.child_deaths.models import ChildDeathTraining, RotaShift
from safeguard.people.models import PersonAddress
from safeguard.people.rules.validation import AddressDetails, PersonDetails
from safeguard.people.services import person_create
investigator = User.objects.get(username="investigator")
second = User.objects.create_user(username="detective2", password="safeguard-demo-2026",
                                  team=investigator.team, first_name="Dana", last_name="Secondfictional")
second.groups.add(Group.objects.get(name="Investigator"))
for name in ("response", "investigator", "detective2", "oncall"):
    user = User.objects.get(username=name)
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
night_start = dt.datetime(2027, 1, 9, 20, 0, tzinfo=dt.UTC)
night_end = dt.datetime(2027, 1, 10, 20, 0, tzinfo=dt.UTC)
for name, duty, rank in (("investigator", "DETECTIVE", 1), ("detective2", "DETECTIVE", 2),
                         ("oncall", "SENIOR_OFFICER", 1)):
    user = User.objects.get(username=name)
    ChildDeathTraining.objects.create(officer=user, course="Child death investigation (fictional)",
                                      completed_on=dt.date(2026, 3, 1), expires_on=dt.date(2029, 3, 1))
    RotaShift.objects.create(officer=user, duty=duty, starts_at=night_start, ends_at=night_end, rank=rank)
mash = User.objects.get(username="mash")
home = AddressDetails(line_1="5 Fictional Mews", town="Stafford", postcode="ST17 0ZZ")
baby = person_create(actor=mash, details=PersonDetails(given_name="Noah", family_name="Deathfictional",
                     date_of_birth=dt.date(2026, 9, 1), sex="MALE", self_defined_ethnicity="W1",
                     officer_defined_ethnicity="IC1"), address=home)
address = PersonAddress.objects.get(person=baby).address
sister = person_create(actor=mash, details=PersonDetails(given_name="Lily", family_name="Deathfictional",
                       date_of_birth=dt.date(2022, 5, 5), sex="FEMALE", self_defined_ethnicity="W1",
                       officer_defined_ethnicity="IC1"))
PersonAddress.objects.create(person=sister, address=address, starts_on=dt.date(2022, 5, 5))
open("{{path}}", "w").write(baby.reference)
"""


@pytest.fixture(scope="session")
def death_night() -> Iterator[NightServers]:
    """One database served at moments of a Sunday: the report at 03:10, and afterwards."""
    reference_file = Path(tempfile.mkdtemp(prefix="safeguard-journey-")) / "reference"
    env, pg_name = _prepare(DEATH_SETUP.replace("{path}", str(reference_file)), {})
    servers = NightServers(
        env=env, pg_name=pg_name, profile_reference=reference_file.read_text(), social_care_name=""
    )
    try:
        yield servers
    finally:
        if servers.server is not None:
            _stop(servers.server)
        if pg_name:
            _drop(pg_name)


INSPECTION_SETUP = f"""
import datetime as dt
from django_otp.plugins.otp_totp.models import TOTPDevice
from safeguard.accounts.models import User
from safeguard.core.clock import now
from safeguard.domestic.services import da_incident_record
from safeguard.domestic.tests.factories import a_school, details, household, new_child_row
user = User.objects.get(username="performance")
TOTPDevice.objects.filter(user=user).delete()
TOTPDevice.objects.create(user=user, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
# A domestic abuse incident with a child whose school was never told: late.
da_incident_record(actor=User.objects.get(username="response"),
                   details=details(household(), occurred_at=now() - dt.timedelta(days=10)),
                   children=[new_child_row(a_school("Inspection Fictional Primary"))], choices={{}})
"""


@pytest.fixture(scope="session")
def inspection_app() -> Iterator[LiveApp]:
    yield from _serve(INSPECTION_SETUP, {})


HOTEL_SETUP = f"""
import datetime as dt
from django_otp.plugins.otp_totp.models import TOTPDevice
from safeguard.accounts.models import User
from safeguard.core.clock import FixedClock, use_clock
from safeguard.missing.models import MissingEpisode
from safeguard.people.rules.validation import AddressDetails, PersonDetails
from safeguard.people.services import person_create
from safeguard.places.models import Place
from safeguard.places.rules.places import PlaceInput
from safeguard.places.services import place_record
for name in ("mash", "oncall"):
    user = User.objects.get(username=name)
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="journey", confirmed=True, key="{TOTP_KEY_HEX}")
mash = User.objects.get(username="mash")
organisation = User.objects.get(username="hotel").organisation
place = Place.objects.filter(organisation=organisation).first()
if place is None:
    with use_clock(FixedClock(dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC))):
        place = place_record(actor=mash, organisation_id=organisation.pk, details=PlaceInput(
            kind="HOTEL", name=organisation.name, address_line="1 Fictional Station Road",
            town="Stafford", postcode="ST16 2ZZ", operator=organisation.name))
home = AddressDetails(line_1="7 Fictional Close", town="Stoke-on-Trent", postcode="ST4 9ZZ")
child = person_create(actor=mash, details=PersonDetails(given_name="Chloe", family_name="Makesafefictional",
                      date_of_birth=dt.date(2011, 8, 1), sex="FEMALE", self_defined_ethnicity="W1",
                      officer_defined_ethnicity="IC1"), address=home)
# Found at the hotel eleven days before the concern, after a night missing.
episode = MissingEpisode.objects.create(reference="MIS-2027-900417", child=child, category="MISSING",
    missing_from="HOME", status="FOUND", last_seen_at=dt.datetime(2027, 2, 1, 18, 0, tzinfo=dt.UTC),
    last_seen_place="Hanley bus station", found_at=dt.datetime(2027, 2, 2, 9, 30, tzinfo=dt.UTC),
    found_place=place.name + ", Stafford", recorded_by=mash)
open("{{path}}", "w").write(place.name + "\\n" + episode.reference)
"""


@dataclass
class HotelNight:
    servers: NightServers
    place_name: str
    episode_reference: str


@pytest.fixture(scope="session")
def hotel_night() -> Iterator[HotelNight]:
    """One database served on a Friday night: a hotel's concern, then the MASH's triage."""
    reference_file = Path(tempfile.mkdtemp(prefix="safeguard-journey-")) / "reference"
    env, pg_name = _prepare(HOTEL_SETUP.replace("{path}", str(reference_file)), {})
    place_name, episode = reference_file.read_text().split("\n", 1)
    servers = NightServers(env=env, pg_name=pg_name, profile_reference="", social_care_name="")
    try:
        yield HotelNight(servers, place_name, episode)
    finally:
        if servers.server is not None:
            _stop(servers.server)
        if pg_name:
            _drop(pg_name)
