"""National Referral Mechanism referrals: what a referral and its decisions need (DOMAIN.md §10.1).

Pure: the standard library and this package only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguard.missing.rules.codes import ExploitationType, NrmDecision


@dataclass(frozen=True)
class NrmDetails:
    exploitation_type: str
    referred_on: dt.date | None
    first_responder: str
    nrm_reference: str = ""
    reasonable_grounds: str = NrmDecision.PENDING
    reasonable_grounds_on: dt.date | None = None
    conclusive_grounds: str = NrmDecision.PENDING
    conclusive_grounds_on: dt.date | None = None
    ictg_referred_on: dt.date | None = None
    victim_not_offender: bool = True


def nrm_errors(details: NrmDetails, today: dt.date) -> dict[str, list[str]]:
    """Return field errors for an NRM referral and its decisions; empty when it can be kept.

    A decision needs its date; no date in the future or before the referral; conclusive
    grounds come after a positive reasonable-grounds decision and not before it (the
    two-stage decision, DOMAIN.md §10.1 [S]). Decision timescales are not confirmed [U], so
    none is enforced.
    """
    errors: dict[str, list[str]] = {}
    if details.exploitation_type not in {t.value for t in ExploitationType}:
        errors["exploitation_type"] = ["Choose the type of exploitation"]
    if details.referred_on is None:
        errors["referred_on"] = ["Record the date of the NRM referral"]
    elif details.referred_on > today:
        errors["referred_on"] = ["The referral date cannot be in the future"]
    if not details.first_responder.strip():
        errors["first_responder"] = ["Record the first responder organisation"]
    decisions = {d.value for d in NrmDecision}
    for name, decision, on in (
        ("reasonable_grounds", details.reasonable_grounds, details.reasonable_grounds_on),
        ("conclusive_grounds", details.conclusive_grounds, details.conclusive_grounds_on),
    ):
        if decision not in decisions:
            errors[name] = ["Choose awaited, positive or negative"]
        elif decision != NrmDecision.PENDING and on is None:
            errors[f"{name}_on"] = ["A decision needs its date"]
        elif on is not None and on > today:
            errors[f"{name}_on"] = ["A decision date cannot be in the future"]
        elif on is not None and details.referred_on is not None and on < details.referred_on:
            errors[f"{name}_on"] = ["A decision cannot be dated before the referral"]
    rg_on, cg_on = details.reasonable_grounds_on, details.conclusive_grounds_on
    if rg_on is not None and cg_on is not None and cg_on < rg_on:
        errors["conclusive_grounds_on"] = [
            "The conclusive-grounds decision cannot come before the reasonable-grounds one"
        ]
    rg_positive = details.reasonable_grounds == NrmDecision.POSITIVE
    if details.conclusive_grounds != NrmDecision.PENDING and not rg_positive:
        errors["conclusive_grounds"] = [
            "A conclusive-grounds decision follows a positive reasonable-grounds decision"
        ]
    return errors
