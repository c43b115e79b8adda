"""Shared fixtures for the places tests: a MASH team, two hotels with their reporters."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, Team, User
from safeguard.core.clock import FixedClock, use_clock
from safeguard.places.models import Place
from safeguard.places.tests.support import NOW, hotel, mash, place_of


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with use_clock(FixedClock(NOW)):
        yield


@pytest.fixture
def mash_team(db: object) -> Team:
    return mash()


@pytest.fixture
def researcher(make_user: Callable[..., User], mash_team: Team) -> User:
    return make_user(Role.MASH_RESEARCHER, user_team=mash_team)


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user(Role.RESPONSE_OFFICER)


@pytest.fixture
def hotel_a(db: object) -> Organisation:
    return hotel("Fictional Station Hotel Ltd")


@pytest.fixture
def hotel_b(db: object) -> Organisation:
    return hotel("Fictional Canal Lodge Ltd")


@pytest.fixture
def reporter_a(make_user: Callable[..., User], hotel_a: Organisation) -> User:
    return make_user(Role.HOTEL_REPORTER, organisation=hotel_a)


@pytest.fixture
def reporter_b(make_user: Callable[..., User], hotel_b: Organisation) -> User:
    return make_user(Role.HOTEL_REPORTER, organisation=hotel_b)


@pytest.fixture
def place_a(hotel_a: Organisation, researcher: User) -> Place:
    return place_of(hotel_a, researcher, name="Station Hotel", postcode="ST16 2AB")


@pytest.fixture
def place_b(hotel_b: Organisation, researcher: User) -> Place:
    return place_of(hotel_b, researcher, name="Canal Lodge", postcode="ST17 4XY")
