"""Fixtures for the risk tests: a person to assess, as a subject."""

from __future__ import annotations

from typing import Any

import pytest

from safeguard.audit.services import Subject
from safeguard.people.models import Person
from safeguard.people.tests.factories import make_person


@pytest.fixture
def child(db: Any) -> Person:
    return make_person(given_name="Testchild", family_name="Fictional")


@pytest.fixture
def child_subject(child: Person) -> Subject:
    return Subject.of(child)
