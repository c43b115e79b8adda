"""Who may be a party to domestic abuse, and who must be recorded as a child (DOMAIN.md §3.1).

Domestic Abuse Act 2021 s.1: the behaviour of A towards B is domestic abuse only if both are
aged 16 or over and personally connected [S]. Anyone under 18 in the household is a child
(Children Act 1989 s.105), recorded with their own voice, never as an "other adult".
"""

from __future__ import annotations

DA_MIN_AGE = 16
ADULT_AGE = 18


def party_age_error(*, role: str, age: int | None) -> str | None:
    """Return why a person of ``age`` cannot be the victim or suspect, or None if they can.

    An unknown age is accepted: the officer may not know it at the scene.
    """
    if age is None or age >= DA_MIN_AGE:
        return None
    return (
        f"The {role} is {age}: domestic abuse is between people aged 16 or over "
        "(Domestic Abuse Act 2021 s.1). Record a concern for the child instead."
    )


def household_adult_error(*, age: int | None) -> str | None:
    """Return why a person of ``age`` cannot be listed as another adult in the household."""
    if age is None or age >= ADULT_AGE:
        return None
    return f"This person is {age}: record them as a child, with their voice"
