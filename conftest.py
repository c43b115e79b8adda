"""Fixtures shared by every app's tests: roles, users of each role, signed-in clients."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access.rules.capabilities import PARTNER_ROLES, Role
from safeguard.access.services import roles_sync
from safeguard.accounts.models import Organisation, OrganisationKind, Team, User

_counter = itertools.count(1)

PARTNER_KIND = {
    Role.SCHOOL_DSL: OrganisationKind.SCHOOL,
    Role.SOCIAL_CARE_USER: OrganisationKind.CHILDRENS_SOCIAL_CARE,
    Role.HOTEL_REPORTER: OrganisationKind.HOTEL,
    Role.CARER: OrganisationKind.CARE_PROVIDER,
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        roles_sync()


@pytest.fixture
def team(db: Any) -> Team:
    return Team.objects.create(name="Public Protection Unit", code=f"PPU{next(_counter)}")


@pytest.fixture
def other_team(db: Any) -> Team:
    return Team.objects.create(name="Response North", code=f"RN{next(_counter)}")


@pytest.fixture
def make_user(db: Any, team: Team) -> Callable[..., User]:
    from django.contrib.auth.models import Group

    def make(
        role: Role,
        *,
        user_team: Team | None = None,
        organisation: Organisation | None = None,
        username: str | None = None,
    ) -> User:
        name = username or f"{role.name.lower()}{next(_counter)}"
        if role in PARTNER_ROLES:
            org = organisation or Organisation.objects.create(
                name=f"Partner {name}", kind=PARTNER_KIND[role]
            )
            user = User.objects.create_user(
                username=name, password="correct horse battery staple", organisation=org
            )
        else:
            user = User.objects.create_user(
                username=name, password="correct horse battery staple", team=user_team or team
            )
        user.groups.add(Group.objects.get(name=role.value))
        return User.objects.get(pk=user.pk)  # fresh instance: no cached permissions

    return make


def sign_in(client: Client, user: User) -> Client:
    """Sign ``user`` in on ``client``, with the second factor passed for staff."""
    client.force_login(user)
    if not user.is_partner:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(make_user: Callable[..., User]) -> Callable[..., tuple[Client, User]]:
    def make(role: Role, **kwargs: Any) -> tuple[Client, User]:
        user = make_user(role, **kwargs)
        return sign_in(Client(), user), user

    return make
