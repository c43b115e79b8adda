from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.domestic.rules.marac import (
    DEFAULT_ESCALATION_INCIDENTS,
    DEFAULT_ESCALATION_WINDOW_DAYS,
    MARAC_REASON_LABELS,
    MaracReason,
    incidents_in_window,
    marac_referral_reasons,
)

ON = dt.date(2026, 5, 31)
V, E, P, R = (
    MaracReason.VISIBLE_HIGH_RISK,
    MaracReason.POTENTIAL_ESCALATION,
    MaracReason.PROFESSIONAL_JUDGEMENT,
    MaracReason.REPEAT,
)
PROPERTIES = settings(database=None, deadline=None)


def days_before(*offsets: int) -> list[dt.date]:
    return [ON - dt.timedelta(days=n) for n in offsets]


def reasons(**arguments: object) -> frozenset[MaracReason]:
    values: dict[str, object] = {
        "risk_level": "STANDARD",
        "officer_raised": False,
        "incident_dates": [ON],
    } | arguments
    return marac_referral_reasons(on=ON, **values)  # type: ignore[arg-type]


class TestMaracReferralReasons:
    @pytest.mark.parametrize(
        ("risk_level", "officer_raised", "expected"),
        [
            pytest.param("HIGH", False, {V}, id="computed high is visible high risk"),
            pytest.param("HIGH", True, {P}, id="raised to high is professional judgement"),
            pytest.param("MEDIUM", True, set(), id="raised but not to high"),
            pytest.param("MEDIUM", False, set(), id="medium"),
            pytest.param("STANDARD", False, set(), id="standard"),
        ],
    )
    def test_high_risk_is_visible_or_professional_judgement(
        self, risk_level, officer_raised, expected
    ) -> None:
        assert reasons(risk_level=risk_level, officer_raised=officer_raised) == expected

    @pytest.mark.parametrize(
        ("incident_dates", "expected"),
        [
            pytest.param(days_before(0), set(), id="one incident"),
            pytest.param(days_before(0, 100), set(), id="two incidents"),
            pytest.param(days_before(0, 100, 200), {E}, id="three in twelve months"),
            pytest.param(days_before(0, 0, 0), {E}, id="three on one day"),
            pytest.param(days_before(0, 100, 365), {E}, id="day 365 is in the window"),
            pytest.param(days_before(0, 100, 366), set(), id="day 366 is out"),
            pytest.param(days_before(0, 100, -1), set(), id="later dates are ignored"),
            pytest.param(days_before(0, 100, -1, 300), {E}, id="later dates ignored, three left"),
            pytest.param([], set(), id="no incidents"),
        ],
    )
    def test_three_incidents_in_365_days_is_potential_escalation(
        self, incident_dates, expected
    ) -> None:
        assert reasons(incident_dates=incident_dates) == expected

    def test_reports_every_criterion_met(self) -> None:
        result = reasons(
            risk_level="HIGH",
            incident_dates=days_before(0, 10, 20),
            previous_marac_within_days=200,
        )
        assert result == {V, E, R}

    @pytest.mark.parametrize(
        ("within", "repeat_window_days", "expected"),
        [
            (None, 365, set()),
            (0, 365, {R}),
            (365, 365, {R}),
            (366, 365, set()),
            (40, 30, set()),
        ],
    )
    def test_a_referral_within_the_repeat_window_is_a_repeat(
        self, within, repeat_window_days, expected
    ) -> None:
        result = reasons(previous_marac_within_days=within, repeat_window_days=repeat_window_days)
        assert result == expected

    @pytest.mark.parametrize(
        ("window_days", "escalation_incidents", "offsets", "expected"),
        [
            (90, 3, (0, 50, 100), set()),
            (90, 2, (0, 50, 100), {E}),
            (1, 2, (0, 1), {E}),
            (1, 2, (0, 2), set()),
            (365, 1, (0,), {E}),
            (730, 4, (0, 200, 400, 600), {E}),
        ],
    )
    def test_count_and_window_are_force_policy(
        self, window_days, escalation_incidents, offsets, expected
    ) -> None:
        result = reasons(
            incident_dates=days_before(*offsets),
            window_days=window_days,
            escalation_incidents=escalation_incidents,
        )
        assert result == expected

    def test_defaults_are_three_incidents_in_365_days(self) -> None:
        assert (DEFAULT_ESCALATION_INCIDENTS, DEFAULT_ESCALATION_WINDOW_DAYS) == (3, 365)

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ({"window_days": 0}, "window_days must be 1 or more"),
            ({"escalation_incidents": 0}, "escalation_incidents must be 1 or more"),
            ({"repeat_window_days": 0}, "repeat_window_days must be 1 or more"),
            ({"previous_marac_within_days": -1}, "must not be negative"),
            ({"risk_level": "RED"}, "risk_level must be one of STANDARD, MEDIUM, HIGH"),
            ({"risk_level": "high"}, "risk_level must be one of"),
        ],
    )
    def test_refuses_nonsense(self, arguments, message) -> None:
        with pytest.raises(ValueError, match=message):
            reasons(**arguments)

    def test_every_reason_has_a_label(self) -> None:
        assert set(MARAC_REASON_LABELS) == set(MaracReason)
        assert MARAC_REASON_LABELS[R] == "Repeat referral"


class TestIncidentsInWindow:
    def test_counts_both_ends_and_ignores_later_dates(self) -> None:
        dates = days_before(0, 365, 366, -1)
        assert incidents_in_window(incident_dates=dates, on=ON, window_days=365) == 2

    @PROPERTIES
    @given(
        recent=st.lists(st.integers(0, 365), max_size=6),
        outside=st.lists(st.one_of(st.integers(366, 5000), st.integers(-400, -1)), max_size=6),
    )
    def test_dates_outside_the_window_never_change_the_count(self, recent, outside) -> None:
        inside = incidents_in_window(incident_dates=days_before(*recent), on=ON, window_days=365)
        mixed = incidents_in_window(
            incident_dates=days_before(*recent, *outside), on=ON, window_days=365
        )
        assert inside == mixed == len(recent)

    @PROPERTIES
    @given(offsets=st.lists(st.integers(-50, 800), max_size=8), extra=st.integers(0, 365))
    def test_another_incident_never_withdraws_escalation(self, offsets, extra) -> None:
        before = E in reasons(incident_dates=days_before(*offsets))
        after = E in reasons(incident_dates=days_before(*offsets, extra))
        assert after or not before
