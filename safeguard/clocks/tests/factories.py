"""Clocks for tests: a referral-decision clock with a real Working Together deadline."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from safeguard.audit.services import Subject
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.services import clock_start
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.calendar import LONDON
from safeguard.core.rules.deadlines import working_days_deadline

BANK_HOLIDAYS = england_and_wales_bank_holidays(years=range(2025, 2028))

# Friday 6 March 2026, 17:00 GMT: one working day runs to the end of Monday 9 March.
RECEIVED_AT = datetime(2026, 3, 6, 17, 0, tzinfo=LONDON)
DUE_AT = working_days_deadline(received_at=RECEIVED_AT, working_days=1, bank_holidays=BANK_HOLIDAYS)
RULE = "Working Together 2023: decision within one working day"
RULE_SOURCE = "DOMAIN.md §4.2 [S]"
RULE_VERSION = "wt2023-decision-v1"


def a_subject() -> Subject:
    """Return a made-up referral to run a clock against (clocks need no real record)."""
    return Subject("referrals.referral", str(uuid.uuid4()))


def start_clock(**overrides: Any) -> StatutoryClock:
    """Start a referral-decision clock through the service, overriding any argument."""
    values: dict[str, Any] = {
        "subject": a_subject(),
        "kind": "referral.decision",
        "label": "Social care decision due",
        "started_at": RECEIVED_AT,
        "due_at": DUE_AT,
        "rule": RULE,
        "rule_source": RULE_SOURCE,
        "rule_version": RULE_VERSION,
    }
    values.update(overrides)
    return clock_start(**values)


def subject_of(clock: StatutoryClock) -> Subject:
    return Subject(clock.subject_type, str(clock.subject_id))
