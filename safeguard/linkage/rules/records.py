"""One person record as the linkage model compares it (issue 6). Pure.

Every source (the people table, an analyst's CSV) becomes a :class:`LinkRecord`; the
comparison columns come from :func:`comparison_row`, so the batch run and the real-time check
compare exactly the same keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguard.linkage.rules.dates import birth_year_from_estimate, dob_keys
from safeguard.linkage.rules.names import canonical_given_name, fold, surname_key, surname_parts
from safeguard.linkage.rules.postcodes import postcode_keys

COMPARISON_COLUMNS: tuple[str, ...] = (
    "unique_id",
    "given_canonical",
    "given_folded",
    "middle_folded",
    "surname",
    "surname_first",
    "surname_last",
    "dob",
    "dob_sorted",
    "birth_year",
    "sex",
    "postcode",
    "outward",
    "area",
    "address",
)


@dataclass(frozen=True)
class LinkRecord:
    record_id: str
    first_name: str
    surname: str
    middle_names: str = ""
    date_of_birth: dt.date | None = None
    sex: str = ""
    postcode: str = ""
    address: str = ""
    estimated_age: int | None = None
    estimated_on: dt.date | None = None


def _none_if_blank(value: str) -> str | None:
    return value or None


def comparison_row(record: LinkRecord) -> dict[str, str | None]:
    """Return the comparison columns of one record; blanks are None (Splink's "null" level).

    Given names are canonical (Bill and William agree) and folded (for fuzzy comparison);
    surnames keep their first and last parts so a hyphenated or double-barrelled surname
    still meets either half; the date of birth also has a form equal for a day-month swap;
    an estimated age gives a birth year.
    """
    parts = surname_parts(record.surname)
    iso, sorted_key, year = dob_keys(record.date_of_birth)
    if not year:
        estimate = birth_year_from_estimate(record.estimated_age, record.estimated_on)
        year = f"{estimate:04d}" if estimate is not None else ""
    postcode, outward, area = postcode_keys(record.postcode)
    sex = record.sex.strip().upper()
    return {
        "unique_id": record.record_id,
        "given_canonical": _none_if_blank(canonical_given_name(record.first_name)),
        "given_folded": _none_if_blank(fold(record.first_name).replace(" ", "")),
        "middle_folded": _none_if_blank(fold(record.middle_names)),
        "surname": _none_if_blank(surname_key(record.surname).replace(" ", "")),
        "surname_first": _none_if_blank(parts[0] if parts else ""),
        "surname_last": _none_if_blank(parts[-1] if parts else ""),
        "dob": _none_if_blank(iso),
        "dob_sorted": _none_if_blank(sorted_key),
        "birth_year": _none_if_blank(year),
        "sex": sex if sex in {"MALE", "FEMALE"} else None,
        "postcode": _none_if_blank(postcode),
        "outward": _none_if_blank(outward),
        "area": _none_if_blank(area),
        "address": _none_if_blank(fold(record.address)),
    }
