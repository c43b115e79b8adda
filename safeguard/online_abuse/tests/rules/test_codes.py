from __future__ import annotations

from enum import StrEnum

import pytest

from safeguard.online_abuse.rules.codes import (
    ChildDecision,
    ChildLink,
    IdentifierKind,
    ReferralSource,
    Stage,
)


@pytest.mark.parametrize(
    ("codes", "stored"),
    [
        (ReferralSource, ["NCA_CEOP", "IWF", "PUBLIC", "SELF_GENERATED", "OTHER_FORCE"]),
        (IdentifierKind, ["ACCOUNT", "EMAIL", "PHONE", "IP_ADDRESS"]),
        (
            Stage,
            [
                "RECEIVED",
                "RESEARCH",
                "PARTNER_REFERRAL",
                "WARRANT",
                "ENFORCEMENT",
                "SAFEGUARDING_VISIT",
                "OUTCOME",
                "CLOSED",
            ],
        ),
        (ChildDecision, ["REFER", "ALREADY_SAFEGUARDED", "NO_ACCESS", "NO_FURTHER_ACTION"]),
        (ChildLink, ["LIVES_AT_SUSPECT_ADDRESS", "RELATIONSHIP"]),
    ],
)
def test_codes_are_stored_as_their_names(codes: type[StrEnum], stored: list[str]) -> None:
    # The values are what the database and the package format hold: renaming one is a migration.
    assert [code.value for code in codes] == stored
    assert all(code.value == code.name for code in codes)


def test_a_code_is_its_stored_text() -> None:
    assert ReferralSource("NCA_CEOP") is ReferralSource.NCA_CEOP
    assert Stage.CLOSED == "CLOSED"
    with pytest.raises(ValueError, match="nca_ceop"):
        ReferralSource("nca_ceop")
