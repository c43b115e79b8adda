from __future__ import annotations

import pytest

from safeguard.incidents.rules.codes import InvolvementRole
from safeguard.incidents.rules.voice_of_child import (
    VoiceOfChild,
    is_child_involvement,
    voice_of_child_errors,
)

HEARD = VoiceOfChild(
    seen=True,
    spoken_to=True,
    spoken_to_alone=True,
    childs_words="Mummy was crying",
    behaviour_and_demeanour="Quiet, clinging to her brother",
)


class TestIsChildInvolvement:
    @pytest.mark.parametrize(
        ("role", "age", "expected"),
        [
            (InvolvementRole.CHILD_PRESENT, None, True),
            (InvolvementRole.CHILD_IN_HOUSEHOLD, 30, True),
            (InvolvementRole.VICTIM, 15, True),
            (InvolvementRole.WITNESS, 17, True),
            (InvolvementRole.VICTIM, 18, False),
            (InvolvementRole.SUSPECT, None, False),
        ],
    )
    def test_by_role_or_age(self, role, age, expected) -> None:
        assert is_child_involvement(role=role, age=age) is expected


class TestVoiceOfChildErrors:
    def test_a_complete_account_has_no_errors(self) -> None:
        assert voice_of_child_errors(HEARD) == {}

    def test_no_voice_at_all_is_an_error(self) -> None:
        assert "voice_of_child" in voice_of_child_errors(None)

    @pytest.mark.parametrize(
        ("voice", "fields"),
        [
            (VoiceOfChild(seen=None, spoken_to=None), {"seen", "spoken_to"}),
            (
                VoiceOfChild(
                    seen=True, spoken_to=False, reason_not_seen_or_spoken_to="Asleep upstairs"
                ),
                {"behaviour_and_demeanour"},
            ),
            (
                VoiceOfChild(seen=True, spoken_to=True, behaviour_and_demeanour="Calm"),
                {"childs_words", "spoken_to_alone"},
            ),
            (VoiceOfChild(seen=False, spoken_to=False), {"reason_not_seen_or_spoken_to"}),
            (
                VoiceOfChild(seen=True, spoken_to=False, behaviour_and_demeanour="Calm"),
                {"reason_not_seen_or_spoken_to"},
            ),
        ],
    )
    def test_names_what_is_missing(self, voice, fields) -> None:
        assert set(voice_of_child_errors(voice)) == fields

    def test_a_child_not_seen_with_a_reason_is_complete(self) -> None:
        voice = VoiceOfChild(
            seen=False, spoken_to=False, reason_not_seen_or_spoken_to="At grandmother's house"
        )
        assert voice_of_child_errors(voice) == {}
