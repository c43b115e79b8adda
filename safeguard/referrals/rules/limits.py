"""Statutory limits for strategy discussions and police protection, as policy data.

- Initial child protection conference within 15 working days of the strategy discussion
  (DOMAIN.md §4.2 [S], Working Together 2023 as quoted by local procedures).
- Police protection ends within 72 hours (Children Act 1989 s.46(6); DOMAIN.md §4.2 [S]).

Both are statute or statutory guidance quoted through secondary sources, so the numbers
live here as named defaults that force policy may override, with a version for the clocks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProtectionLimits:
    icpc_working_days: int = 15
    police_protection_hours: int = 72
    version: str = "wt2023-ca1989-v1"


DEFAULT_LIMITS = ProtectionLimits()
