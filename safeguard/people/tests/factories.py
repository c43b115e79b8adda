"""Obviously fake people for tests (never real personal data)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from safeguard.people.models import Address, Person, PersonAddress
from safeguard.people.rules.names import name_search_key

_numbers = itertools.count(1)


def make_person(*, address_postcode: str | None = None, **fields: Any) -> Person:
    """Create a person directly (no audit): for tests that exercise reads, not collection."""
    values: dict[str, Any] = {
        "given_name": "Testchild",
        "family_name": "Fictional",
        "date_of_birth": dt.date(2015, 3, 14),
        "sex": "FEMALE",
        "self_defined_ethnicity": "W1",
        "officer_defined_ethnicity": "IC1",
    }
    values.update(fields)
    values.setdefault("reference", f"PER-2026-{900000 + next(_numbers):06d}")
    values["search_name"] = name_search_key(f"{values['given_name']} {values['family_name']}")
    values["search_family_name"] = name_search_key(values["family_name"])
    person = Person.objects.create(**values)
    if address_postcode:
        address = Address.objects.create(
            line_1="1 Imaginary Row", town="Stafford", postcode=address_postcode
        )
        PersonAddress.objects.create(person=person, address=address, starts_on=dt.date(2020, 1, 1))
    return person
