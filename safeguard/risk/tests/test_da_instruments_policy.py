"""Force policy for the domestic abuse instruments and MARAC: defaults, overrides, bad values."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from safeguard.domestic.rules import marac
from safeguard.risk.catalogue import instrument_get, instrument_registry
from safeguard.risk.policy import (
    DEFAULT_MARAC_ESCALATION_INCIDENTS,
    DEFAULT_MARAC_ESCALATION_WINDOW_DAYS,
    DashThresholds,
    MaracPolicy,
    dara_versions,
    dash_thresholds,
    dash_versions,
    marac_policy,
)
from safeguard.risk.rules.dash import SCORED_V1
from safeguard.risk.rules.instruments import NO, YES, risk_level


def force(**values: object) -> override_settings:
    return override_settings(SAFEGUARD=settings.SAFEGUARD | values)


def dash_answers(yes: int) -> dict[str, str]:
    return {code: YES if n < yes else NO for n, code in enumerate(SCORED_V1)}


DASH_V2 = {
    "version": 2,
    "questions": [
        {"code": f"Q{n}", "kind": "yes_no_not_known", "text": f"Question {n}?"}
        for n in range(1, 21)
    ],
}
DARA_V2 = {
    "version": 2,
    "questions": [
        {"code": "CHOKE", "kind": "yes_no_not_known", "text": "Choke?", "marker": "critical"}
    ],
}


class TestDaPolicyDefaults:
    def test_ships_the_domain_defaults(self) -> None:
        assert dash_thresholds() == DashThresholds(medium_from=10, high_from=14)
        assert dash_versions() == ()
        assert dara_versions() == ()
        assert marac_policy() == MaracPolicy(escalation_incidents=3, escalation_window_days=365)

    def test_marac_defaults_match_the_rule(self) -> None:
        assert DEFAULT_MARAC_ESCALATION_INCIDENTS == marac.DEFAULT_ESCALATION_INCIDENTS
        assert DEFAULT_MARAC_ESCALATION_WINDOW_DAYS == marac.DEFAULT_ESCALATION_WINDOW_DAYS

    def test_a_force_may_change_each_value(self) -> None:
        with force(
            RISK_DASH_MEDIUM_FROM=8,
            RISK_DASH_HIGH_FROM=12,
            RISK_DASH_VERSIONS=[DASH_V2],
            RISK_DARA_VERSIONS=[DARA_V2],
            MARAC_ESCALATION_INCIDENTS=4,
            MARAC_ESCALATION_WINDOW_DAYS=180,
        ):
            assert dash_thresholds() == DashThresholds(medium_from=8, high_from=12)
            assert [v["version"] for v in dash_versions()] == [2]
            assert [v["version"] for v in dara_versions()] == [2]
            assert marac_policy() == MaracPolicy(escalation_incidents=4, escalation_window_days=180)

    @pytest.mark.parametrize(
        ("values", "reader", "match"),
        [
            ({"RISK_DASH_MEDIUM_FROM": 0}, dash_thresholds, "RISK_DASH_MEDIUM_FROM"),
            ({"RISK_DASH_HIGH_FROM": "14"}, dash_thresholds, "RISK_DASH_HIGH_FROM"),
            ({"RISK_DASH_MEDIUM_FROM": 14}, dash_thresholds, "must be below"),
            ({"RISK_DASH_VERSIONS": {"version": 2}}, dash_versions, "RISK_DASH_VERSIONS"),
            ({"RISK_DARA_VERSIONS": ["x"]}, dara_versions, "RISK_DARA_VERSIONS"),
            ({"MARAC_ESCALATION_INCIDENTS": 0}, marac_policy, "MARAC_ESCALATION_INCIDENTS"),
            ({"MARAC_ESCALATION_WINDOW_DAYS": True}, marac_policy, "MARAC_ESCALATION_WINDOW"),
        ],
    )
    def test_a_bad_setting_fails_loudly(self, values, reader, match) -> None:
        with force(**values), pytest.raises(ImproperlyConfigured, match=match):
            reader()


class TestDaCatalogue:
    def test_registers_dash_dara_and_the_childs_risk(self) -> None:
        registry = instrument_registry()
        assert {(i.code, i.version) for i in registry.latest()} >= {
            ("DASH", 1),
            ("DARA", 1),
            ("DA_CHILD", 1),
        }
        assert instrument_get("DASH").allows_lowering is False

    def test_dash_v1_is_banded_by_the_forces_thresholds(self) -> None:
        assert risk_level(instrument_get("DASH", 1), dash_answers(9)) == "STANDARD"
        with force(RISK_DASH_MEDIUM_FROM=8, RISK_DASH_HIGH_FROM=12):
            dash = instrument_get("DASH", 1)
            assert risk_level(dash, dash_answers(9)) == "MEDIUM"
            assert risk_level(dash, dash_answers(12)) == "HIGH"

    def test_force_versions_join_the_shipped_ones(self) -> None:
        with force(RISK_DASH_VERSIONS=[DASH_V2], RISK_DARA_VERSIONS=[DARA_V2]):
            assert instrument_get("DASH").version == 2
            assert instrument_get("DASH", 1).version == 1
            assert instrument_get("DARA").version == 2
            assert instrument_get("DARA", 1).version == 1

    def test_a_force_version_without_thresholds_takes_the_forces(self) -> None:
        answers = {f"Q{n}": YES if n <= 5 else NO for n in range(1, 21)}
        with force(RISK_DASH_VERSIONS=[DASH_V2]):
            assert risk_level(instrument_get("DASH", 2), answers) == "STANDARD"
        with force(RISK_DASH_VERSIONS=[DASH_V2], RISK_DASH_MEDIUM_FROM=3, RISK_DASH_HIGH_FROM=5):
            assert risk_level(instrument_get("DASH", 2), answers) == "HIGH"

    @pytest.mark.parametrize(
        "values",
        [
            {"RISK_DASH_VERSIONS": [{"version": 1, "questions": DASH_V2["questions"]}]},
            {"RISK_DASH_VERSIONS": [DASH_V2], "RISK_DASH_HIGH_FROM": 25},
            {"RISK_DASH_HIGH_FROM": 28},
            {"RISK_DARA_VERSIONS": [{"version": 2, "questions": []}]},
            {"RISK_DASH_MEDIUM_FROM": 20},
        ],
    )
    def test_a_malformed_configured_instrument_fails_loudly(self, values) -> None:
        with force(**values), pytest.raises(ImproperlyConfigured):
            instrument_registry()
