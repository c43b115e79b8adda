"""Recording standards for a person, as a list of issues (STYLE.md §4.6; DOMAIN.md §8).

Services use the list to block or warn at entry; the person page shows it; the inspection
dashboard later counts compliance with the very same function, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from safeguard.people.rules.age import age_on, is_child
from safeguard.people.rules.codes import (
    OfficerDefinedEthnicity,
    SelfDefinedEthnicity,
    Sex,
    YesNoUnknown,
)


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"
    OFF = "off"


class IssueCode(StrEnum):
    DATE_OF_BIRTH_MISSING = "DATE_OF_BIRTH_MISSING"
    SEX_NOT_RECORDED = "SEX_NOT_RECORDED"
    SELF_DEFINED_ETHNICITY_NOT_ASKED = "SELF_DEFINED_ETHNICITY_NOT_ASKED"
    OFFICER_DEFINED_ETHNICITY_MISSING = "OFFICER_DEFINED_ETHNICITY_MISSING"
    CHILD_EDUCATION_SETTING_MISSING = "CHILD_EDUCATION_SETTING_MISSING"
    LOOKED_AFTER_PLACING_AUTHORITY_MISSING = "LOOKED_AFTER_PLACING_AUTHORITY_MISSING"
    INTERPRETER_NEED_UNKNOWN = "INTERPRETER_NEED_UNKNOWN"
    NO_CURRENT_ADDRESS = "NO_CURRENT_ADDRESS"


MESSAGES: dict[IssueCode, tuple[str, str]] = {
    # code: (field it belongs to, message for the officer). Sources: DOMAIN.md §8.1-8.3 for
    # demographics, §3.2 for the education setting (Operation Encompass).
    IssueCode.DATE_OF_BIRTH_MISSING: (
        "date_of_birth",
        "Record a date of birth, or an estimated age if it is not known",
    ),
    IssueCode.SEX_NOT_RECORDED: ("sex", "Record the person's sex"),
    IssueCode.SELF_DEFINED_ETHNICITY_NOT_ASKED: (
        "self_defined_ethnicity",
        "Ask the person's self-defined ethnicity; choose 'Not stated' if they decline",
    ),
    IssueCode.OFFICER_DEFINED_ETHNICITY_MISSING: (
        "officer_defined_ethnicity",
        "Record the officer-defined ethnicity",
    ),
    IssueCode.CHILD_EDUCATION_SETTING_MISSING: (
        "education_setting",
        "Record the child's school or education setting, or that they are home educated "
        "(needed for Operation Encompass notifications)",
    ),
    IssueCode.LOOKED_AFTER_PLACING_AUTHORITY_MISSING: (
        "placing_authority",
        "A looked-after child needs the placing authority recorded",
    ),
    IssueCode.INTERPRETER_NEED_UNKNOWN: (
        "interpreter_needed",
        "First language is not English: record whether an interpreter is needed",
    ),
    IssueCode.NO_CURRENT_ADDRESS: ("address", "Record a current address"),
}


@dataclass(frozen=True)
class PersonFacts:
    """What the standards look at, as plain values."""

    date_of_birth: dt.date | None
    estimated_age: int | None
    estimated_on: dt.date | None
    sex: Sex
    self_defined_ethnicity: SelfDefinedEthnicity
    officer_defined_ethnicity: OfficerDefinedEthnicity
    has_education_setting: bool
    home_educated: bool
    looked_after: YesNoUnknown
    placing_authority: str
    first_language: str
    interpreter_needed: YesNoUnknown
    has_current_address: bool


@dataclass(frozen=True)
class RecordingIssue:
    code: IssueCode
    severity: Severity
    field: str
    message: str


def _is_english(language: str) -> bool:
    return language.strip().lower() in {"", "english", "en", "eng"}


def _breaches(facts: PersonFacts, *, today: dt.date) -> list[IssueCode]:
    age = age_on(
        on=today,
        date_of_birth=facts.date_of_birth,
        estimated_age=facts.estimated_age,
        estimated_on=facts.estimated_on,
    )
    found: list[IssueCode] = []
    if facts.date_of_birth is None and facts.estimated_age is None:
        found.append(IssueCode.DATE_OF_BIRTH_MISSING)
    if facts.sex in {Sex.NOT_RECORDED}:
        found.append(IssueCode.SEX_NOT_RECORDED)
    if facts.self_defined_ethnicity is SelfDefinedEthnicity.NOT_ASKED:
        found.append(IssueCode.SELF_DEFINED_ETHNICITY_NOT_ASKED)
    if facts.officer_defined_ethnicity is OfficerDefinedEthnicity.NOT_RECORDED:
        found.append(IssueCode.OFFICER_DEFINED_ETHNICITY_MISSING)
    school_age = age is not None and age >= 4 and is_child(age=age)
    if school_age and not facts.has_education_setting and not facts.home_educated:
        found.append(IssueCode.CHILD_EDUCATION_SETTING_MISSING)
    if facts.looked_after is YesNoUnknown.YES and not facts.placing_authority.strip():
        found.append(IssueCode.LOOKED_AFTER_PLACING_AUTHORITY_MISSING)
    needs_interpreter_answer = not _is_english(facts.first_language)
    if needs_interpreter_answer and facts.interpreter_needed is YesNoUnknown.UNKNOWN:
        found.append(IssueCode.INTERPRETER_NEED_UNKNOWN)
    if not facts.has_current_address:
        found.append(IssueCode.NO_CURRENT_ADDRESS)
    return found


def person_recording_issues(
    facts: PersonFacts, *, today: dt.date, policy: Mapping[str, str]
) -> list[RecordingIssue]:
    """Return the recording standards ``facts`` falls short of, each with its severity.

    ``policy`` maps an issue code to "block", "warn" or "off" (force policy); a code the
    policy does not name is a warning.
    """
    issues = []
    for code in _breaches(facts, today=today):
        severity = Severity(policy.get(code.value, Severity.WARN.value))
        if severity is Severity.OFF:
            continue
        field, message = MESSAGES[code]
        issues.append(RecordingIssue(code=code, severity=severity, field=field, message=message))
    return issues
