from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from safeguard.people.rules.codes import (
    OfficerDefinedEthnicity,
    SelfDefinedEthnicity,
    Sex,
    YesNoUnknown,
)
from safeguard.people.rules.recording_standards import (
    IssueCode,
    PersonFacts,
    Severity,
    person_recording_issues,
)

TODAY = dt.date(2026, 11, 26)
COMPLETE = PersonFacts(
    date_of_birth=dt.date(2016, 5, 1),
    estimated_age=None,
    estimated_on=None,
    sex=Sex.FEMALE,
    self_defined_ethnicity=SelfDefinedEthnicity.A2,
    officer_defined_ethnicity=OfficerDefinedEthnicity.IC4,
    has_education_setting=True,
    home_educated=False,
    looked_after=YesNoUnknown.NO,
    placing_authority="",
    first_language="English",
    interpreter_needed=YesNoUnknown.UNKNOWN,
    has_current_address=True,
)


def codes(facts: PersonFacts, policy: dict[str, str] | None = None) -> set[IssueCode]:
    return {i.code for i in person_recording_issues(facts, today=TODAY, policy=policy or {})}


class TestPersonRecordingIssues:
    def test_a_complete_record_has_no_issues(self) -> None:
        assert codes(COMPLETE) == set()

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            ({"date_of_birth": None}, IssueCode.DATE_OF_BIRTH_MISSING),
            ({"sex": Sex.NOT_RECORDED}, IssueCode.SEX_NOT_RECORDED),
            (
                {"self_defined_ethnicity": SelfDefinedEthnicity.NOT_ASKED},
                IssueCode.SELF_DEFINED_ETHNICITY_NOT_ASKED,
            ),
            (
                {"officer_defined_ethnicity": OfficerDefinedEthnicity.NOT_RECORDED},
                IssueCode.OFFICER_DEFINED_ETHNICITY_MISSING,
            ),
            ({"has_education_setting": False}, IssueCode.CHILD_EDUCATION_SETTING_MISSING),
            ({"looked_after": YesNoUnknown.YES}, IssueCode.LOOKED_AFTER_PLACING_AUTHORITY_MISSING),
            ({"first_language": "Polish"}, IssueCode.INTERPRETER_NEED_UNKNOWN),
            ({"has_current_address": False}, IssueCode.NO_CURRENT_ADDRESS),
        ],
    )
    def test_finds_each_gap(self, change: dict[str, object], expected: IssueCode) -> None:
        assert codes(dataclasses.replace(COMPLETE, **change)) == {expected}  # type: ignore[arg-type]

    def test_declined_ethnicity_is_not_a_gap(self) -> None:
        # "Not stated" means asked and declined: recorded correctly (DOMAIN.md §8.2).
        facts = dataclasses.replace(COMPLETE, self_defined_ethnicity=SelfDefinedEthnicity.NS)
        assert codes(facts) == set()

    def test_an_estimated_age_satisfies_the_date_of_birth_standard(self) -> None:
        facts = dataclasses.replace(
            COMPLETE, date_of_birth=None, estimated_age=9, estimated_on=TODAY
        )
        assert codes(facts) == set()

    @pytest.mark.parametrize("born", [dt.date(2024, 1, 1), dt.date(2000, 1, 1)])
    def test_education_setting_is_needed_only_for_school_age_children(self, born: dt.date) -> None:
        facts = dataclasses.replace(COMPLETE, date_of_birth=born, has_education_setting=False)
        assert IssueCode.CHILD_EDUCATION_SETTING_MISSING not in codes(facts)

    def test_home_education_satisfies_the_education_standard(self) -> None:
        facts = dataclasses.replace(COMPLETE, has_education_setting=False, home_educated=True)
        assert codes(facts) == set()

    def test_interpreter_answer_settles_the_language_standard(self) -> None:
        facts = dataclasses.replace(
            COMPLETE, first_language="Urdu", interpreter_needed=YesNoUnknown.NO
        )
        assert codes(facts) == set()

    def test_policy_sets_severity_and_can_switch_a_standard_off(self) -> None:
        facts = dataclasses.replace(COMPLETE, sex=Sex.NOT_RECORDED, has_current_address=False)
        issues = person_recording_issues(
            facts, today=TODAY, policy={"SEX_NOT_RECORDED": "block", "NO_CURRENT_ADDRESS": "off"}
        )
        assert [(i.code, i.severity, i.field) for i in issues] == [
            (IssueCode.SEX_NOT_RECORDED, Severity.BLOCK, "sex")
        ]

    def test_unnamed_standards_default_to_warnings(self) -> None:
        issues = person_recording_issues(
            dataclasses.replace(COMPLETE, sex=Sex.NOT_RECORDED), today=TODAY, policy={}
        )
        assert issues[0].severity is Severity.WARN
        assert "sex" in issues[0].message
