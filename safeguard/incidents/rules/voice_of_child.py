"""The voice of the child, recorded wherever a child is involved (DOMAIN.md §8.4 [P]/[S]).

HMICFRS has repeatedly found forces do not record children's behaviour, demeanour and views;
the structured fields follow DOMAIN.md §8.4's suggested set.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeguard.incidents.rules.codes import CHILD_ROLES, InvolvementRole

MIN_ACCOUNT_LENGTH = 3


@dataclass(frozen=True)
class VoiceOfChild:
    seen: bool | None
    spoken_to: bool | None
    spoken_to_alone: bool | None = None
    childs_words: str = ""
    behaviour_and_demeanour: str = ""
    wishes_and_feelings: str = ""
    reason_not_seen_or_spoken_to: str = ""
    communication_needs: str = ""


def is_child_involvement(*, role: InvolvementRole, age: int | None) -> bool:
    """Tell whether an involvement is a child's: a child's role, or anyone under 18."""
    return role in CHILD_ROLES or (age is not None and age < 18)


def _blank(text: str) -> bool:
    return len(text.strip()) < MIN_ACCOUNT_LENGTH


def voice_of_child_errors(voice: VoiceOfChild | None) -> dict[str, list[str]]:
    """Return field errors that stop a child's involvement being recorded without their voice.

    Seen: the officer records behaviour and demeanour. Spoken to: the child's words and
    whether they were spoken to alone. Not seen or not spoken to: the reason.
    """
    if voice is None:
        return {
            "voice_of_child": [
                "Record the voice of the child: whether they were seen and spoken to"
            ]
        }
    errors: dict[str, list[str]] = {}
    if voice.seen is None:
        errors["seen"] = ["Say whether the child was seen"]
    if voice.spoken_to is None:
        errors["spoken_to"] = ["Say whether the child was spoken to"]
    if voice.seen and _blank(voice.behaviour_and_demeanour):
        errors["behaviour_and_demeanour"] = ["Describe the child's behaviour and demeanour"]
    if voice.spoken_to and _blank(voice.childs_words):
        errors["childs_words"] = ["Record what the child said, in their words"]
    if voice.spoken_to and voice.spoken_to_alone is None:
        errors["spoken_to_alone"] = ["Say whether the child was spoken to alone"]
    not_heard = voice.seen is False or voice.spoken_to is False
    if not_heard and _blank(voice.reason_not_seen_or_spoken_to):
        errors["reason_not_seen_or_spoken_to"] = [
            "Give the reason the child was not seen or not spoken to"
        ]
    return errors
