"""Reads for record linkage: every person as a linkage record (issue 6)."""

from __future__ import annotations

from collections.abc import Iterator

from safeguard.linkage.rules.records import LinkRecord
from safeguard.people.models import Person, PersonAddress

BATCH = 20_000


def _current_addresses() -> dict[str, tuple[str, str]]:
    """Person id -> (postcode, address text) of their current address (the latest started)."""
    current: dict[str, tuple[str, str]] = {}
    rows = (
        PersonAddress.objects.filter(ends_on__isnull=True)
        .order_by("person_id", "starts_on")
        .values_list("person_id", "address__postcode", "address__line_1", "address__town")
        .iterator(chunk_size=BATCH)
    )
    for person_id, postcode, line_1, town in rows:
        current[str(person_id)] = (postcode, f"{line_1}, {town}")
    return current


def people_as_link_records() -> Iterator[LinkRecord]:
    """Yield every person record as a linkage record, with their current address.

    Read by the batch run as the system; the run's own audit event records the reading
    (the caller's service).
    """
    addresses = _current_addresses()
    rows = Person.objects.values_list(
        "pk",
        "given_name",
        "middle_names",
        "family_name",
        "date_of_birth",
        "sex",
        "estimated_age",
        "estimated_on",
    ).iterator(chunk_size=BATCH)
    for pk, given, middle, family, born, sex, age, on in rows:
        postcode, address = addresses.get(str(pk), ("", ""))
        yield LinkRecord(
            record_id=str(pk),
            first_name=given,
            middle_names=middle,
            surname=family,
            date_of_birth=born,
            sex=sex,
            postcode=postcode,
            address=address,
            estimated_age=age,
            estimated_on=on,
        )
