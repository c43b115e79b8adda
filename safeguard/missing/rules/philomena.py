"""The Philomena Protocol: the carer's part 1 fills the report at once (DOMAIN.md §2.3).

Part 1 is completed in advance and kept updated by the carer; part 2 (clothing, where and
when last seen) only when the child goes missing [P]. When a report attaches a profile, the
core fields part 1 already answers are filled from it, and only where the officer left them
blank: what the reporter says tonight outranks what was written last month.
"""

from __future__ import annotations

from collections.abc import Mapping

PART_ONE_FIELDS: tuple[tuple[str, str], ...] = (
    ("physical_description", "Physical description"),
    ("photo_reference", "Recent photograph (where it is held)"),
    ("associates", "Friends and associates"),
    ("places", "Addresses and places visited"),
    ("previous_missing", "Previous missing episodes"),
    ("vulnerabilities", "Vulnerabilities"),
    ("medical", "Medical information"),
    ("financial", "Financial information (bank cards, cash)"),
    ("phones", "Phones"),
    ("social_media", "Social media"),
    ("transport", "Transport"),
)
"""(field, label) of part 1 (DOMAIN.md §2.3 [P])."""

FILLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("description", ("physical_description",)),
    ("phones", ("phones",)),
    ("social_media", ("social_media",)),
    ("medical_needs", ("medical",)),
    ("transport", ("transport",)),
    ("possessions", ("financial",)),
    ("likely_destinations", ("places", "associates")),
)
"""Report field ← the part 1 fields that answer it."""


def report_filled_from_profile(
    values: Mapping[str, str], part_one: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Return the report values with blanks filled from part 1, and the fields filled."""
    filled = dict(values)
    used: list[str] = []
    for field, sources in FILLS:
        if (filled.get(field) or "").strip():
            continue
        parts = [part_one.get(s, "").strip() for s in sources]
        text = "\n".join(p for p in parts if p)
        if text:
            filled[field] = f"{text}\n(From the Philomena Protocol profile)"
            used.append(field)
    return filled, used
