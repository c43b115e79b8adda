"""Force policy for risk: shipped defaults, overrides, and loud failure on bad settings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from safeguard.risk.catalogue import instrument_get, instrument_list, instrument_registry
from safeguard.risk.policy import (
    lowering_rationale_min_length,
    ppn_escalation_check,
    ppn_escalation_policy,
    ppn_rag_versions,
    thrive_plus_versions,
)
from safeguard.risk.rules.instruments import UnknownInstrument
from safeguard.risk.rules.ppn_rag import RagLevel

ON = dt.date(2026, 5, 31)


def force(**values: object) -> override_settings:
    return override_settings(SAFEGUARD={**settings.SAFEGUARD, **values})


class TestPolicyDefaults:
    def test_ships_the_domain_defaults(self) -> None:
        policy = ppn_escalation_policy()
        assert (policy.window_days, policy.greens_threshold) == (92, 3)
        assert lowering_rationale_min_length() == 40
        assert [v["version"] for v in thrive_plus_versions()] == [1]
        assert ppn_rag_versions() == ()

    def test_a_force_may_change_each_value(self) -> None:
        with force(
            RISK_PPN_ESCALATION_WINDOW_DAYS=28,
            RISK_PPN_ESCALATION_GREENS=2,
            RISK_LOWERING_RATIONALE_MIN_LENGTH=10,
            RISK_THRIVE_PLUS_VERSIONS=[],
        ):
            assert ppn_escalation_policy().window_days == 28
            assert ppn_escalation_policy().greens_threshold == 2
            assert lowering_rationale_min_length() == 10
            assert thrive_plus_versions() == ()

    @pytest.mark.parametrize(
        ("key", "value", "reader"),
        [
            ("RISK_PPN_ESCALATION_WINDOW_DAYS", -1, ppn_escalation_policy),
            ("RISK_PPN_ESCALATION_WINDOW_DAYS", "92", ppn_escalation_policy),
            ("RISK_PPN_ESCALATION_GREENS", 0, ppn_escalation_policy),
            ("RISK_LOWERING_RATIONALE_MIN_LENGTH", True, lowering_rationale_min_length),
            ("RISK_THRIVE_PLUS_VERSIONS", {"version": 1}, thrive_plus_versions),
            ("RISK_PPN_RAG_VERSIONS", ["not a mapping"], ppn_rag_versions),
        ],
    )
    def test_a_bad_setting_fails_loudly(self, key, value, reader) -> None:
        with force(**{key: value}), pytest.raises(ImproperlyConfigured, match=key):
            reader()


class TestPpnEscalationCheck:
    def test_applies_the_forces_window_and_count(self) -> None:
        previous = [(ON - dt.timedelta(days=40), RagLevel.GREEN)]
        assert ppn_escalation_check(level="GREEN", previous=previous, on=ON) is False
        with force(RISK_PPN_ESCALATION_GREENS=2):
            assert ppn_escalation_check(level="GREEN", previous=previous, on=ON) is True
        with force(RISK_PPN_ESCALATION_GREENS=2, RISK_PPN_ESCALATION_WINDOW_DAYS=28):
            assert ppn_escalation_check(level="GREEN", previous=previous, on=ON) is False
        assert ppn_escalation_check(level=RagLevel.AMBER, previous=[], on=ON) is True


class TestCatalogue:
    def test_lists_the_latest_version_of_each_instrument(self) -> None:
        assert [(i.code, i.version) for i in instrument_list()] == [
            ("DARA", 1),
            ("DASH", 1),
            ("DA_CHILD", 1),
            ("KIRAT", 2),
            ("MISSING_APP", 1),
            ("PPN_RAG", 1),
            ("THRIVE", 1),
            ("THRIVE_PLUS", 1),
        ]

    def test_force_versions_join_the_shipped_ones(self) -> None:
        v2 = {"version": 2, "questions": [{"code": "A", "kind": "yes_no", "text": "A?"}]}
        with force(RISK_PPN_RAG_VERSIONS=[v2]):
            assert instrument_get("PPN_RAG").version == 2
            assert instrument_get("PPN_RAG", 1).version == 1

    def test_an_unknown_instrument_is_refused(self) -> None:
        with pytest.raises(UnknownInstrument):
            instrument_get("NO_SUCH_TOOL")

    @pytest.mark.parametrize(
        "values",
        [
            {"RISK_PPN_RAG_VERSIONS": [{"version": 1, "questions": []}]},
            {"RISK_THRIVE_PLUS_VERSIONS": [{"version": 1, "questions": [{"code": "x"}]}]},
        ],
    )
    def test_a_malformed_configured_instrument_fails_loudly(self, values) -> None:
        with force(**values), pytest.raises(ImproperlyConfigured):
            instrument_registry()
