"""Allowed steps of a referral's closed loop, as a transition table (STYLE.md §4.6).

Sent -> acknowledged -> decided (DOMAIN.md §4.2 [S]: the local authority acknowledges and
decides within one working day). A decision may arrive without a separate acknowledgement:
deciding acknowledges.
"""

from __future__ import annotations

from safeguard.referrals.rules.codes import ReferralStatus

TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.SENT: frozenset({ReferralStatus.ACKNOWLEDGED, ReferralStatus.DECIDED}),
    ReferralStatus.ACKNOWLEDGED: frozenset({ReferralStatus.DECIDED}),
    ReferralStatus.DECIDED: frozenset(),
}


def can_move(*, current: ReferralStatus, to: ReferralStatus) -> bool:
    """Tell whether a referral in ``current`` may move to ``to``."""
    return to in TRANSITIONS[current]
