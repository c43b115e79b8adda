"""Field checks for a person's details, shared by the web form, the API and the service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguard.people.rules.codes import (
    OfficerDefinedEthnicity,
    SelfDefinedEthnicity,
    SendStatus,
    Sex,
    YesNoUnknown,
)
from safeguard.people.rules.names import MAX_NAME_LENGTH, is_valid_postcode

MAX_ESTIMATED_AGE = 120


@dataclass(frozen=True)
class AddressDetails:
    line_1: str
    town: str
    postcode: str
    line_2: str = ""


@dataclass(frozen=True)
class PersonDetails:
    """Everything an officer types about a person; codes arrive as plain strings."""

    given_name: str
    family_name: str
    middle_names: str = ""
    date_of_birth: dt.date | None = None
    estimated_age: int | None = None
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
    home_educated: bool = False


def _check_name(errors: dict[str, list[str]], field: str, value: str, *, required: bool) -> None:
    if required and not value.strip():
        errors.setdefault(field, []).append("Enter a name")
    if len(value) > MAX_NAME_LENGTH:
        errors.setdefault(field, []).append(f"Name must be {MAX_NAME_LENGTH} characters or fewer")
    if any(ord(ch) < 32 for ch in value):
        errors.setdefault(field, []).append("Name must not contain control characters")


def _check_code(
    errors: dict[str, list[str]],
    field: str,
    value: str,
    allowed: type[Sex]
    | type[SelfDefinedEthnicity]
    | type[OfficerDefinedEthnicity]
    | type[YesNoUnknown]
    | type[SendStatus],
) -> None:
    if value not in {m.value for m in allowed}:
        errors.setdefault(field, []).append(f"'{value[:40]}' is not a known code")


def person_details_errors(details: PersonDetails, *, today: dt.date) -> dict[str, list[str]]:
    """Return field-level errors for ``details``; an empty dict means they are acceptable."""
    errors: dict[str, list[str]] = {}
    _check_name(errors, "given_name", details.given_name, required=True)
    _check_name(errors, "family_name", details.family_name, required=True)
    _check_name(errors, "middle_names", details.middle_names, required=False)
    if details.date_of_birth is not None:
        if details.date_of_birth > today:
            errors.setdefault("date_of_birth", []).append("Date of birth must be in the past")
        elif details.date_of_birth.year < today.year - MAX_ESTIMATED_AGE:
            errors.setdefault("date_of_birth", []).append("Date of birth is too far in the past")
        if details.estimated_age is not None:
            errors.setdefault("estimated_age", []).append(
                "Give a date of birth or an estimated age, not both"
            )
    if details.estimated_age is not None and not 0 <= details.estimated_age <= MAX_ESTIMATED_AGE:
        errors.setdefault("estimated_age", []).append(
            f"Estimated age must be between 0 and {MAX_ESTIMATED_AGE}"
        )
    _check_code(errors, "sex", details.sex, Sex)
    _check_code(
        errors, "self_defined_ethnicity", details.self_defined_ethnicity, SelfDefinedEthnicity
    )
    _check_code(
        errors,
        "officer_defined_ethnicity",
        details.officer_defined_ethnicity,
        OfficerDefinedEthnicity,
    )
    _check_code(errors, "disability", details.disability, YesNoUnknown)
    _check_code(errors, "send_status", details.send_status, SendStatus)
    _check_code(errors, "interpreter_needed", details.interpreter_needed, YesNoUnknown)
    _check_code(errors, "looked_after", details.looked_after, YesNoUnknown)
    if len(details.first_language) > 60:
        errors.setdefault("first_language", []).append("Language must be 60 characters or fewer")
    if len(details.placing_authority) > 120:
        errors.setdefault("placing_authority", []).append(
            "Placing authority must be 120 characters or fewer"
        )
    return errors


def address_errors(address: AddressDetails) -> dict[str, list[str]]:
    """Return field-level errors for an address."""
    errors: dict[str, list[str]] = {}
    if not address.line_1.strip():
        errors.setdefault("line_1", []).append("Enter the first line of the address")
    if not address.town.strip():
        errors.setdefault("town", []).append("Enter the town or city")
    if not is_valid_postcode(address.postcode):
        errors.setdefault("postcode", []).append("Enter a real postcode, like ST16 2DE")
    for field, value, limit in (
        ("line_1", address.line_1, 120),
        ("line_2", address.line_2, 120),
        ("town", address.town, 80),
    ):
        if len(value) > limit:
            errors.setdefault(field, []).append(f"Must be {limit} characters or fewer")
    return errors
