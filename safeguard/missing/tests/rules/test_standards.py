from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from safeguard.missing.rules.codes import MissingFrom
from safeguard.missing.rules.standards import (
    CORE_FIELD_NAMES,
    CORE_FIELDS,
    EpisodeFacts,
    Gap,
    GapCode,
    RiskInformationFact,
    core_information_complete,
    entry_gaps,
    episode_gaps,
    risk_information_gaps,
)

MESSAGES = dict(CORE_FIELDS)

COMPLETE_VALUES: dict[str, object] = {
    "reported_by_name": "Fictional Carer",
    "reported_by_contact": "07700 900123",
    "reported_at": dt.datetime(2026, 7, 1, 21, 0, tzinfo=dt.UTC),
    "last_seen_at": dt.datetime(2026, 7, 1, 17, 30, tzinfo=dt.UTC),
    "last_seen_place": "Bus station, stand 4",
    "location_missing_from": "1 Example Road",
    "circumstances": "Left after an argument",
    "description": "Slim, 160cm, dark hair",
    "clothing": "Not known",
    "phones": "None known",
    "social_media": "None known",
    "possessions": "Not known",
    "transport": "Bus",
    "medical_needs": "None known",
    "likely_destinations": "Not known",
}

SOURCED = RiskInformationFact(
    information="Said she would meet an older man",
    supplied_by="Fictional Carer",
    supplied_by_contact="07700 900123",
    obtained_at_given=True,
)

RISK_INFORMATION_GAP = Gap(
    GapCode.RISK_INFORMATION,
    "risk_information",
    "Record the risk information you were given, with who supplied it",
)
PLACING_AUTHORITY_GAP = Gap(
    GapCode.PLACING_AUTHORITY,
    "placing_authority",
    "A child missing from care needs the placing authority (it holds the return interview)",
)
NOT_GRADED_GAP = Gap(GapCode.NOT_GRADED, "risk", "Grade the risk (APP minimum action)")
CRA_GAP = Gap(
    GapCode.CHILD_RESCUE_ALERT,
    "child_rescue_alert",
    "Graded high: record whether a Child Rescue Alert was considered and why",
)
PREVENTION_GAP = Gap(
    GapCode.PREVENTION_INTERVIEW,
    "prevention_interview",
    "Record the police prevention (safe and well) interview",
)
RETURN_GAP = Gap(
    GapCode.RETURN_INTERVIEW,
    "return_interview",
    "Request the return interview from the local authority",
)


def facts(**overrides: Any) -> EpisodeFacts:
    values: dict[str, Any] = {
        "values": COMPLETE_VALUES,
        "missing_from": MissingFrom.HOME,
        "has_placing_authority": False,
        "risk_information": (SOURCED,),
    }
    values.update(overrides)
    return EpisodeFacts(**values)


def with_values(**changes: object) -> EpisodeFacts:
    return facts(values={**COMPLETE_VALUES, **changes})


def graded(**overrides: Any) -> EpisodeFacts:
    """A complete report, graded, with nothing outstanding."""
    return facts(graded_level="MEDIUM", **overrides)


class TestCoreFields:
    def test_the_core_set_is_the_aide_memoire_plus_who_reported_and_when(self) -> None:
        assert tuple(name for name, _ in CORE_FIELDS) == CORE_FIELD_NAMES
        assert len(CORE_FIELD_NAMES) == len(set(CORE_FIELD_NAMES)) == 15
        assert CORE_FIELD_NAMES[:3] == ("reported_by_name", "reported_by_contact", "reported_at")
        assert set(COMPLETE_VALUES) == set(CORE_FIELD_NAMES)

    def test_a_complete_report_has_no_gaps(self) -> None:
        assert entry_gaps(facts()) == []
        assert core_information_complete(facts()) is True

    @pytest.mark.parametrize("name", CORE_FIELD_NAMES)
    @pytest.mark.parametrize("blank", [None, "", "   ", "\t\n"])
    def test_each_blank_core_field_is_a_gap(self, name: str, blank: object) -> None:
        report = with_values(**{name: blank})
        assert entry_gaps(report) == [Gap(GapCode.CORE_FIELD, name, MESSAGES[name])]
        assert core_information_complete(report) is False

    @pytest.mark.parametrize("name", CORE_FIELD_NAMES)
    def test_each_absent_core_field_is_a_gap(self, name: str) -> None:
        values = {k: v for k, v in COMPLETE_VALUES.items() if k != name}
        assert entry_gaps(facts(values=values)) == [Gap(GapCode.CORE_FIELD, name, MESSAGES[name])]

    @pytest.mark.parametrize("name", CORE_FIELD_NAMES)
    @pytest.mark.parametrize("answer", ["Not known", "None known", "not known", "-"])
    def test_not_known_is_information_not_a_gap(self, name: str, answer: str) -> None:
        assert entry_gaps(with_values(**{name: answer})) == []

    @pytest.mark.parametrize("value", [0, False, dt.date(2026, 7, 1), 0.0])
    def test_a_non_text_value_is_not_blank(self, value: object) -> None:
        assert entry_gaps(with_values(circumstances=value)) == []

    def test_every_field_blank_gives_every_gap_in_form_order(self) -> None:
        report = facts(values={})
        assert entry_gaps(report) == [
            Gap(GapCode.CORE_FIELD, name, message) for name, message in CORE_FIELDS
        ]

    def test_extra_values_are_ignored(self) -> None:
        assert entry_gaps(with_values(officer_note="", other=None)) == []


class TestPlacingAuthority:
    @pytest.mark.parametrize(
        ("missing_from", "has_placing_authority", "expected"),
        [
            (MissingFrom.CARE, False, [PLACING_AUTHORITY_GAP]),
            ("CARE", False, [PLACING_AUTHORITY_GAP]),
            (MissingFrom.CARE, True, []),
            (MissingFrom.HOME, False, []),
            (MissingFrom.HOME, True, []),
        ],
    )
    def test_care_needs_the_placing_authority(
        self, missing_from: str, has_placing_authority: bool, expected: list[Gap]
    ) -> None:
        report = facts(missing_from=missing_from, has_placing_authority=has_placing_authority)
        assert entry_gaps(report) == expected
        assert core_information_complete(report) is (expected == [])


class TestRiskInformation:
    @pytest.mark.parametrize("items", [(), []])
    def test_none_given_is_a_gap(self, items: Any) -> None:
        assert risk_information_gaps(items) == [RISK_INFORMATION_GAP]
        report = facts(risk_information=items)
        assert entry_gaps(report) == [RISK_INFORMATION_GAP]
        assert core_information_complete(report) is False

    def test_sourced_information_has_no_gap(self) -> None:
        assert risk_information_gaps([SOURCED, SOURCED]) == []

    @pytest.mark.parametrize(
        ("changes", "missing"),
        [
            ({"information": ""}, "the information"),
            ({"information": "  "}, "the information"),
            ({"supplied_by": ""}, "who supplied it"),
            ({"supplied_by": "\n"}, "who supplied it"),
            ({"supplied_by_contact": ""}, "their contact details"),
            ({"obtained_at_given": False}, "when it was obtained"),
            (
                {"supplied_by": "", "supplied_by_contact": ""},
                "who supplied it, their contact details",
            ),
            (
                {
                    "information": "",
                    "supplied_by": "",
                    "supplied_by_contact": " ",
                    "obtained_at_given": False,
                },
                "the information, who supplied it, their contact details, when it was obtained",
            ),
        ],
    )
    def test_each_missing_part_names_itself(self, changes: dict[str, Any], missing: str) -> None:
        item = dataclasses.replace(SOURCED, **changes)
        expected = [
            Gap(GapCode.RISK_SOURCE, "risk_information.0", f"Risk information 1: record {missing}")
        ]
        assert risk_information_gaps([item]) == expected
        assert entry_gaps(facts(risk_information=(item,))) == expected

    def test_not_known_source_is_information(self) -> None:
        item = dataclasses.replace(SOURCED, supplied_by_contact="Not known")
        assert risk_information_gaps([item]) == []

    def test_gaps_are_numbered_by_position(self) -> None:
        no_contact = dataclasses.replace(SOURCED, supplied_by_contact="")
        no_time = dataclasses.replace(SOURCED, obtained_at_given=False)
        assert risk_information_gaps([SOURCED, no_contact, SOURCED, no_time]) == [
            Gap(
                GapCode.RISK_SOURCE,
                "risk_information.1",
                "Risk information 2: record their contact details",
            ),
            Gap(
                GapCode.RISK_SOURCE,
                "risk_information.3",
                "Risk information 4: record when it was obtained",
            ),
        ]

    def test_gaps_come_in_order_core_then_placing_authority_then_risk(self) -> None:
        report = facts(
            values={**COMPLETE_VALUES, "clothing": ""},
            missing_from=MissingFrom.CARE,
            risk_information=(),
        )
        assert [g.code for g in entry_gaps(report)] == [
            GapCode.CORE_FIELD,
            GapCode.PLACING_AUTHORITY,
            GapCode.RISK_INFORMATION,
        ]


class TestEpisodeGaps:
    def test_graded_complete_open_episode_has_no_gaps(self) -> None:
        assert episode_gaps(graded()) == []

    def test_not_graded(self) -> None:
        assert episode_gaps(facts()) == [NOT_GRADED_GAP]

    def test_cra_is_not_asked_for_until_graded(self) -> None:
        # Until graded, only the grading is asked for, not a Child Rescue Alert decision.
        assert episode_gaps(facts(graded_level=None, cra_decided=False)) == [NOT_GRADED_GAP]

    @pytest.mark.parametrize(
        ("level", "cra_decided", "expected"),
        [
            ("HIGH", False, [CRA_GAP]),
            ("HIGH", True, []),
            ("MEDIUM", False, []),
            ("LOW", False, []),
            ("VERY_LOW", False, []),
        ],
    )
    def test_child_rescue_alert_considered_when_graded_high(
        self, level: str, cra_decided: bool, expected: list[Gap]
    ) -> None:
        assert episode_gaps(facts(graded_level=level, cra_decided=cra_decided)) == expected

    @pytest.mark.parametrize(
        ("found", "prevention", "return_requested", "expected"),
        [
            (False, False, False, []),
            (True, True, True, []),
            (True, False, True, [PREVENTION_GAP]),
            (True, True, False, [RETURN_GAP]),
            (True, False, False, [PREVENTION_GAP, RETURN_GAP]),
        ],
    )
    def test_after_found_the_interviews(
        self, found: bool, prevention: bool, return_requested: bool, expected: list[Gap]
    ) -> None:
        report = graded(
            found=found,
            prevention_interview_done=prevention,
            return_interview_requested=return_requested,
        )
        assert episode_gaps(report) == expected

    def test_includes_entry_gaps_first_then_later_duties(self) -> None:
        report = facts(
            values={**COMPLETE_VALUES, "phones": " "},
            missing_from=MissingFrom.CARE,
            risk_information=(dataclasses.replace(SOURCED, supplied_by=""),),
            graded_level="HIGH",
            found=True,
        )
        assert [g.code for g in episode_gaps(report)] == [
            GapCode.CORE_FIELD,
            GapCode.PLACING_AUTHORITY,
            GapCode.RISK_SOURCE,
            GapCode.CHILD_RESCUE_ALERT,
            GapCode.PREVENTION_INTERVIEW,
            GapCode.RETURN_INTERVIEW,
        ]
        assert episode_gaps(report)[: len(entry_gaps(report))] == entry_gaps(report)

    def test_later_duties_do_not_affect_core_completeness(self) -> None:
        report = facts(graded_level=None, found=True)
        assert core_information_complete(report) is True
        assert episode_gaps(report) == [NOT_GRADED_GAP, PREVENTION_GAP, RETURN_GAP]
