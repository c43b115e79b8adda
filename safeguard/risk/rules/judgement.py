"""Professional judgement over an instrument's level, and the supervisor's review of it.

"An officer may raise, never silently lower, an actuarial level": for DASH, professional
judgement may refer a case but "must never 'downgrade' an actuarial result" (DOMAIN.md
§3.3 [S]). The same rule is applied to every instrument:

- raising needs a rationale (a reason the next reader can follow);
- lowering needs a longer rationale (force policy, a minimum length), and is refused
  outright by instruments that do not allow it (``Instrument.allows_lowering``);
- a supervisor reviews the assessment and either agrees or changes the level with a note,
  under the same lowering rule measured against the computed level.

Supervisor review itself follows APP missing persons ("regularly review and confirm the
risk assessment", DOMAIN.md §2.1 [P]); the minimum rationale length is [U] force policy.
"""

from __future__ import annotations

from enum import StrEnum

from safeguard.risk.rules.instruments import Instrument, is_lowering, is_raising

RATIONALE_MAX_LENGTH = 4000
DEFAULT_LOWERING_RATIONALE_MIN_LENGTH = 40


class LevelChange(StrEnum):
    """How the officer's level relates to the computed one."""

    NONE = "NONE"
    RAISED = "RAISED"
    LOWERED = "LOWERED"


class ReviewOutcome(StrEnum):
    AGREED = "AGREED"
    CHANGED = "CHANGED"


def level_change(instrument: Instrument, computed: str, officer: str | None) -> LevelChange:
    """Return whether the officer's level raises, lowers or keeps the computed level.

    :raises UnknownLevel: either level is not one of the instrument's
    """
    if not officer:
        return LevelChange.NONE
    if is_raising(instrument, computed, officer):
        return LevelChange.RAISED
    if is_lowering(instrument, computed, officer):
        return LevelChange.LOWERED
    return LevelChange.NONE


def _unknown_level(instrument: Instrument, level: str) -> str:
    return f"{level[:40]!r} is not a level of {instrument.title}: choose " + ", ".join(
        instrument.levels
    )


def _never_lowered(instrument: Instrument) -> str:
    return f"{instrument.title} levels can be raised by professional judgement but never lowered"


def _lowering_too_short(instrument: Instrument, minimum: int) -> str:
    return (
        f"Explain in at least {minimum} characters why the level should be lower than "
        f"the {instrument.title} level"
    )


def _too_long() -> str:
    return f"Write {RATIONALE_MAX_LENGTH} characters or fewer"


def officer_level_errors(
    instrument: Instrument,
    *,
    computed: str | None,
    officer_level: str | None,
    rationale: str,
    lowering_rationale_min_length: int = DEFAULT_LOWERING_RATIONALE_MIN_LENGTH,
) -> dict[str, list[str]]:
    """Return errors for the officer's level and rationale (keys ``officer_level``, ``rationale``).

    No officer level means the computed level stands, and the rationale is optional.
    ``computed`` None (the answers cannot be scored yet) checks only what can be checked
    without it, so every error can be shown at once.

    :raises UnknownLevel: ``computed`` is not one of the instrument's levels
    """
    errors: dict[str, list[str]] = {}
    text = rationale.strip()
    if len(text) > RATIONALE_MAX_LENGTH:
        errors["rationale"] = [_too_long()]
    if not officer_level:
        return errors
    if officer_level not in instrument.levels:
        errors["officer_level"] = [_unknown_level(instrument, officer_level)]
        return errors
    if computed is None:
        return errors
    change = level_change(instrument, computed, officer_level)
    if change is LevelChange.RAISED and not text:
        errors.setdefault("rationale", []).append("Explain why you are raising the level")
    if change is LevelChange.LOWERED:
        if not instrument.allows_lowering:
            errors["officer_level"] = [_never_lowered(instrument)]
        elif len(text) < lowering_rationale_min_length:
            errors.setdefault("rationale", []).append(
                _lowering_too_short(instrument, lowering_rationale_min_length)
            )
    return errors


def final_level(computed: str, officer_level: str | None) -> str:
    """Return the level the assessment settles on: the officer's if given, else computed."""
    return officer_level or computed


def review_errors(
    instrument: Instrument,
    *,
    computed: str,
    final: str,
    agreed: bool,
    level: str | None,
    note: str,
    lowering_rationale_min_length: int = DEFAULT_LOWERING_RATIONALE_MIN_LENGTH,
) -> dict[str, list[str]]:
    """Return errors for a supervisor's review (keys ``level`` and ``note``).

    Agreeing needs nothing more. Changing needs a different level and a note; a level below
    the computed one is lowering and follows the officer's lowering rule.

    :raises UnknownLevel: ``computed`` is not one of the instrument's levels
    """
    errors: dict[str, list[str]] = {}
    text = note.strip()
    if len(text) > RATIONALE_MAX_LENGTH:
        errors["note"] = [_too_long()]
    if agreed:
        if level and level != final:
            errors["level"] = ["Leave the level empty when you agree, or change the level"]
        return errors
    if not level:
        errors["level"] = ["Choose the level it should be"]
    elif level not in instrument.levels:
        errors["level"] = [_unknown_level(instrument, level)]
    elif level == final:
        errors["level"] = ["That is the level already given: agree instead"]
    elif is_lowering(instrument, computed, level):
        if not instrument.allows_lowering:
            errors["level"] = [_never_lowered(instrument)]
        elif len(text) < lowering_rationale_min_length:
            errors.setdefault("note", []).append(
                _lowering_too_short(instrument, lowering_rationale_min_length)
            )
    if not text and "note" not in errors:
        errors["note"] = ["Explain why you are changing the level"]
    return errors
