"""``seed_demo``: a believable synthetic force, the same for the same seed, safe to re-run."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections import defaultdict
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safeguard.access.rules.capabilities import PARTNER_ROLES, Role
from safeguard.accounts.models import (
    Organisation,
    OrganisationKind,
    SchoolClosure,
    SchoolTerm,
    User,
)
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.demo.generator import DEMO_ACCOUNTS, DEMO_PASSWORD, SIZES, ForceGenerator
from safeguard.demo.loader import SEEDED_EVENT
from safeguard.demo.models import SyntheticIdentity
from safeguard.people.models import Person, PersonAlias, Relationship
from safeguard.people.rules.codes import OfficerDefinedEthnicity, SelfDefinedEthnicity, Sex
from safeguard.people.rules.names import name_search_key, normalise_postcode
from safeguard.people.tests.factories import make_person

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def _seed(**options: Any) -> str:
    out = io.StringIO()
    with use_clock(FixedClock(NOW)):
        call_command("seed_demo", size="tiny", seed=1, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def _names(seed: int) -> list[tuple[str, str, str]]:
    generator = ForceGenerator(seed=seed, size=SIZES["tiny"], today=TODAY)
    generator.setting()
    return [
        (p.given_name, p.middle_names, p.family_name)
        for batch in generator.population()
        for p in batch.people
    ]


def _is_non_latin(text: str) -> bool:
    return any(ch.isalpha() and "LATIN" not in unicodedata.name(ch, "") for ch in text)


@pytest.fixture
def seeded(db: Any) -> str:
    return _seed()


class TestDeterminism:
    def test_the_same_seed_gives_the_same_people(self) -> None:
        assert _names(1) == _names(1)

    def test_another_seed_gives_other_people(self) -> None:
        assert _names(1) != _names(2)

    def test_tiny_is_about_150_people(self) -> None:
        assert 140 <= len(_names(1)) <= 170


@pytest.mark.django_db
class TestSeedDemo:
    def test_creates_a_user_for_every_role_with_its_group(self, seeded: str) -> None:
        users = {
            u.username: u
            for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
        }
        assert {a.role for a in DEMO_ACCOUNTS} == set(Role)
        for account in DEMO_ACCOUNTS:
            user = users[account.username]
            assert list(user.groups.values_list("name", flat=True)) == [account.role.value]
            if account.role in PARTNER_ROLES:
                assert user.team_id is None
                assert user.organisation is not None
                assert user.organisation.kind == account.partner_kind
            else:
                assert user.organisation_id is None
                assert user.team is not None
                assert user.team.code == account.team_code
            assert user.check_password(DEMO_PASSWORD)

    def test_prints_the_sign_ins(self, seeded: str) -> None:
        for account in DEMO_ACCOUNTS:
            assert account.username in seeded
        assert DEMO_PASSWORD in seeded

    def test_names_in_the_database_match_the_plan_for_the_seed(self, seeded: str) -> None:
        stored = set(Person.objects.values_list("given_name", "middle_names", "family_name"))
        planned = set(_names(1))
        assert stored == planned

    def test_duplicates_exist_and_share_their_identity(self, seeded: str) -> None:
        # given
        rows = SyntheticIdentity.objects.all()
        by_identity: dict[Any, list[SyntheticIdentity]] = defaultdict(list)
        for row in rows:
            by_identity[row.identity].append(row)
        # then
        assert rows.count() == Person.objects.count()
        duplicates = [r for r in rows if r.is_duplicate]
        assert len(duplicates) >= 5
        for duplicate in duplicates:
            group = by_identity[duplicate.identity]
            assert len(group) >= 2
            assert sum(not r.is_duplicate for r in group) == 1
            assert duplicate.distortion
        assert all(not r.distortion for r in rows if not r.is_duplicate)

    def test_a_nickname_duplicate_is_findable_under_the_formal_name(self, seeded: str) -> None:
        original = Person.objects.get(given_name="Katarzyna", family_name="Wójcik")
        identity = SyntheticIdentity.objects.get(person=original).identity
        copies = Person.objects.filter(
            pk__in=SyntheticIdentity.objects.filter(identity=identity, is_duplicate=True).values(
                "person"
            )
        )
        assert {(p.given_name, p.family_name) for p in copies} <= {
            ("Kasia", "Wojcik"),
            ("Kaska", "Wojcik"),
        }
        assert copies.exists()

    def test_unicode_names_round_trip(self, seeded: str) -> None:
        for given, family in (("Łukasz", "Wójcik"), ("Zoë", "O'Brien"), ("Saoirse", "Ní Bhriain")):
            person = Person.objects.get(given_name=given, family_name=family)
            assert person.search_name == name_search_key(f"{given} {family}")
        non_latin = [p for p in Person.objects.all() if _is_non_latin(p.given_name + p.family_name)]
        assert any(p.given_name == "محمد" for p in non_latin)
        assert any(p.family_name == "Коваленко" for p in non_latin)

    def test_search_keys_and_postcodes_are_normalised(self, seeded: str) -> None:
        for person in Person.objects.all():
            assert person.search_name == name_search_key(
                f"{person.given_name} {person.family_name}"
            )
            assert person.search_family_name == name_search_key(person.family_name)
        for alias in PersonAlias.objects.all():
            assert alias.search_name == name_search_key(f"{alias.given_name} {alias.family_name}")
        for person in Person.objects.prefetch_related("address_history__address")[:50]:
            for period in person.address_history.all():
                assert period.address.postcode == normalise_postcode(period.address.postcode)

    def test_data_quality_gaps_are_present(self, seeded: str) -> None:
        people = Person.objects.all()
        assert people.filter(self_defined_ethnicity=SelfDefinedEthnicity.NOT_ASKED).exists()
        assert people.filter(self_defined_ethnicity=SelfDefinedEthnicity.NS).exists()
        assert people.filter(
            officer_defined_ethnicity=OfficerDefinedEthnicity.NOT_RECORDED
        ).exists()
        assert people.filter(sex=Sex.NOT_RECORDED).exists()
        assert people.filter(date_of_birth__isnull=True, estimated_age__isnull=False).exists()

    def test_families_schools_and_care_are_recorded(self, seeded: str) -> None:
        assert Relationship.objects.filter(kind="PARENT").exists()
        assert Relationship.objects.filter(kind="PARENTAL_RESPONSIBILITY").exists()
        assert Relationship.objects.filter(kind="SIBLING").exists()
        assert Person.objects.filter(education_setting__kind=OrganisationKind.SCHOOL).exists()
        looked_after = Person.objects.filter(looked_after="YES")
        assert looked_after.exists()
        assert not looked_after.filter(placing_authority="").exists()
        assert Person.objects.filter(protection_plans__isnull=False).exists()
        assert Person.objects.filter(is_restricted=True, owning_team__isnull=False).exists()

    def test_schools_have_urns_terms_and_closures(self, seeded: str) -> None:
        schools = Organisation.objects.filter(kind=OrganisationKind.SCHOOL)
        assert schools.count() >= 3
        for school in schools:
            assert len(school.urn) == 6
            terms = SchoolTerm.objects.filter(organisation=school)
            assert terms.count() == 12
            assert terms.filter(starts_on__year=2025).exists()
            assert terms.filter(ends_on__year=2027).exists()
            assert SchoolClosure.objects.filter(organisation=school).count() >= 4

    def test_writes_one_audit_event_for_the_run(self, seeded: str) -> None:
        event = AuditEvent.objects.get(event_type=SEEDED_EVENT)
        assert event.actor_username == "system"
        assert event.changes["counts"]["people"] == Person.objects.count()
        assert event.changes["size"] == "tiny"

    def test_a_second_run_changes_nothing_and_prints_the_sign_ins(self, seeded: str) -> None:
        # given
        people = Person.objects.count()
        # when
        output = _seed()
        # then
        assert "already loaded" in output
        assert "investigator" in output
        assert Person.objects.count() == people
        assert AuditEvent.objects.filter(event_type=SEEDED_EVENT).count() == 1


@pytest.mark.django_db
class TestSeedDemoAlongsideOtherData:
    def test_leaves_an_existing_account_with_a_demo_username_alone(self) -> None:
        # given
        User.objects.create_user(username="admin", password="someone else's password 1")
        # when
        _seed()
        # then
        admin = User.objects.get(username="admin")
        assert not admin.check_password(DEMO_PASSWORD)
        assert not admin.groups.exists()
        assert User.objects.get(username="auditor").check_password(DEMO_PASSWORD)

    def test_refuses_to_run_over_a_load_that_stopped_part_way(self) -> None:
        # given
        person = make_person()
        SyntheticIdentity.objects.create(person=person, identity=person.id)
        # when / then
        with pytest.raises(CommandError, match="no seed_demo run finished"):
            _seed()
