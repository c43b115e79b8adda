"""The real-time check against the people table, through the prepared index (issue 6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import override_settings

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Team, User
from safeguard.audit.models import AuditEvent, AuditSubject
from safeguard.core.clock import FixedClock, use_clock
from safeguard.linkage.models import EntryIndexBuild, EntryKey
from safeguard.linkage.rules.records import LinkRecord
from safeguard.linkage.selectors import entry_check
from safeguard.linkage.services import entry_index_build
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

BORN = dt.date(2014, 3, 7)
MISSPELT = LinkRecord(
    record_id="new",
    first_name="Katarzina",
    surname="Nowak",
    date_of_birth=BORN,
    sex="FEMALE",
    postcode="ST17 4AB",
)


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user(Role.RESPONSE_OFFICER)


def _strangers(n: int) -> None:
    for i in range(n):
        make_person(
            given_name=f"Stranger{chr(65 + i % 26)}{chr(65 + i // 26)}",
            family_name="Unrelatedson",
            date_of_birth=dt.date(1970, 1, 1) + dt.timedelta(days=211 * i),
            address_postcode=f"M{1 + i % 9} {1 + i % 7}XY",
        )


def test_a_misspelt_child_at_another_postcode_is_offered_with_the_explanation(
    officer: User,
) -> None:
    child = make_person(
        given_name="Katarzyna", family_name="Nowak", date_of_birth=BORN, address_postcode="ST16 2DE"
    )
    _strangers(30)
    entry_index_build()
    matches = entry_check(actor=officer, record=MISSPELT)
    assert matches[0].person == child
    assert matches[0].postcode == "ST16 2DE"
    fields = {f.field: f for f in matches[0].scored.fields}
    assert fields["date_of_birth"].agrees is True
    assert fields["surname"].level == "same surname"
    assert fields["postcode"].agrees is True  # same area (ST), a different postcode
    assert fields["postcode"].level == "same postcode area"
    assert fields["given_name"].level == "given name spelt slightly differently"
    assert all(
        m.person.family_name != "Unrelatedson" or m.scored.probability < 0.05 for m in matches
    )


def test_the_index_holds_each_persons_blocking_keys_and_the_build_is_audited() -> None:
    make_person(given_name="Ava", family_name="Testwood", address_postcode="ST16 2DE")
    make_person(given_name="Leo", family_name="Testwood", date_of_birth=None)
    build = entry_index_build()
    assert build.records == 2
    assert build.keys == EntryKey.objects.count() > 2
    event = AuditEvent.objects.get(event_type="linkage.index_built")
    assert event.operation == "consultation"
    assert event.changes == {"records": 2, "keys": build.keys}
    entry_index_build()  # a rebuild replaces, never doubles
    assert EntryKey.objects.count() == build.keys
    assert EntryIndexBuild.objects.count() == 2


def test_a_person_recorded_after_the_build_is_offered_before_the_next_build(
    officer: User,
) -> None:
    with use_clock(FixedClock(dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC))):
        entry_index_build()
    with use_clock(FixedClock(dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC))):
        child = make_person(
            given_name="Katarzyna",
            family_name="Nowak",
            date_of_birth=BORN,
            created_at=dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC),
            updated_at=dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC),
        )
        assert not EntryKey.objects.exists()
        assert [m.person for m in entry_check(actor=officer, record=MISSPELT)] == [child]


def test_someone_in_the_index_but_not_in_the_officers_scope_is_never_offered(
    officer: User, other_team: Team
) -> None:
    make_person(
        given_name="Katarzyna",
        family_name="Nowak",
        date_of_birth=BORN,
        owning_team=other_team,
        is_restricted=True,
    )
    entry_index_build()
    assert entry_check(actor=officer, record=MISSPELT) == []


def test_the_check_is_a_consultation_naming_each_person_offered(officer: User) -> None:
    child = make_person(given_name="Katarzyna", family_name="Nowak", date_of_birth=BORN)
    entry_index_build()
    entry_check(actor=officer, record=MISSPELT)
    event = AuditEvent.objects.get(event_type="person.entry_checked")
    assert event.operation == "consultation"
    assert set(AuditSubject.objects.filter(event=event).values_list("subject_id", flat=True)) == {
        str(child.pk)
    }
    assert event.changes["query"]["name"] == "Katarzina Nowak"
    assert event.changes["offered"][0]["person"] == str(child.pk)


def test_the_force_sets_how_likely_a_match_must_be_to_be_offered(officer: User) -> None:
    make_person(given_name="Katarzyna", family_name="Nowak", date_of_birth=dt.date(2013, 9, 1))
    entry_index_build()
    spelt = dataclasses.replace(MISSPELT, first_name="Katarzyna")
    assert len(entry_check(actor=officer, record=spelt)) == 1
    stricter = {**settings.SAFEGUARD, "LINKAGE_ENTRY_SHOW_FROM_PROBABILITY": 0.999}
    with override_settings(SAFEGUARD=stricter):
        assert entry_check(actor=officer, record=spelt) == []


def test_no_more_than_five_are_offered_likeliest_first(officer: User) -> None:
    for n in range(8):
        make_person(
            given_name="Katarzyna",
            family_name="Nowak",
            date_of_birth=BORN + dt.timedelta(days=n * 40),
        )
    entry_index_build()
    matches = entry_check(actor=officer, record=dataclasses.replace(MISSPELT, first_name="Kasia"))
    assert len(matches) == 5
    weights = [m.scored.match_weight for m in matches]
    assert weights == sorted(weights, reverse=True)
    assert matches[0].person.date_of_birth == BORN
