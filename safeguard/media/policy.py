"""The force's media-triage policy, from ``settings.SAFEGUARD["MEDIA_TRIAGE"]`` when set."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from safeguard.media.rules.matching import TriagePolicy


def triage_policy() -> TriagePolicy:
    """Return the policy: the rules' defaults, overridden by any the settings name."""
    overrides: dict[str, Any] = getattr(settings, "SAFEGUARD", {}).get("MEDIA_TRIAGE", {})
    return TriagePolicy(**overrides)
