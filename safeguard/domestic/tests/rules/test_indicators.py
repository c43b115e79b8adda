from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.core.rules.indicators import Share
from safeguard.domestic.rules.indicators import (
    IncidentFact,
    NotificationFact,
    hours_to_notification,
    median_hours_to_notification,
    share_every_child_recorded,
    share_notified_on_time,
    share_referred,
)

T0 = dt.datetime(2027, 2, 12, 23, 40, tzinfo=dt.UTC)
DUE = dt.datetime(2027, 2, 22, 8, 30, tzinfo=dt.UTC)


def fact(**overrides: Any) -> IncidentFact:
    values: dict[str, Any] = {
        "occurred_at": T0,
        "children_detected": 1,
        "children_accounted_for": 1,
        "children_recorded": 2,
        "notifications": (NotificationFact(due_at=DUE, sent_at=T0 + dt.timedelta(hours=7)),),
        "children_referred": 2,
        "referral_waived": False,
    }
    values.update(overrides)
    return IncidentFact(**values)


def test_no_incidents_is_no_data_not_zero() -> None:
    assert share_referred([]).value is None
    assert share_notified_on_time([]) == Share(0, 0)
    assert median_hours_to_notification([]) is None


def test_every_child_accounted_for() -> None:
    rows = [fact(), fact(children_detected=2, children_accounted_for=1)]
    assert share_every_child_recorded(rows) == Share(1, 2)


def test_on_time_needs_every_notification_sent_before_due() -> None:
    late = NotificationFact(due_at=DUE, sent_at=DUE)
    unsent = NotificationFact(due_at=DUE, sent_at=None)
    rows = [
        fact(),
        fact(notifications=(late,)),
        fact(notifications=(unsent,)),
        fact(notifications=()),
    ]
    share = share_notified_on_time(rows)
    assert share == Share(1, 3)
    assert share.value == 1 / 3


def test_referred_or_waived() -> None:
    rows = [fact(), fact(children_referred=1), fact(children_referred=0, referral_waived=True)]
    assert share_referred(rows) == Share(2, 3)


def test_hours_from_incident_to_notification() -> None:
    rows = [
        fact(),
        fact(notifications=(NotificationFact(due_at=DUE, sent_at=T0 + dt.timedelta(hours=9)),)),
    ]
    assert hours_to_notification(rows) == [7.0, 9.0]
    assert median_hours_to_notification(rows) == 8.0
