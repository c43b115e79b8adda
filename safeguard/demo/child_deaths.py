"""The child-death training register and on-call rota in the demo force (issue 8).

The demo's investigator and on-call senior officer are trained, and on call every night of
the next fortnight from 19:00 to 07:00 London time, the detective and the senior officer
by turns with the MASH researcher as the second detective; one night is left without a
trained detective, so the rota page shows a gap in cover from the first view.
"""

from __future__ import annotations

import datetime as dt

from safeguard.accounts.models import User
from safeguard.child_deaths.models import ChildDeathTraining, RotaShift
from safeguard.core.rules.calendar import LONDON

DAYS = 14
GAP_NIGHT = 5  # the sixth night has no trained detective


def child_deaths_demo_write(*, now: dt.datetime, counts: dict[str, int]) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=["investigator", "mash", "oncall"])
    }
    if len(users) < 3:
        return
    today = now.astimezone(LONDON).date()
    for user in users.values():
        ChildDeathTraining.objects.create(
            officer=user,
            course="Child death investigation (synthetic record)",
            completed_on=today - dt.timedelta(days=300),
            expires_on=today + dt.timedelta(days=430),
        )
    shifts = []
    for day in range(-1, DAYS):
        date = today + dt.timedelta(days=day)
        start = dt.datetime.combine(date, dt.time(19), tzinfo=LONDON).astimezone(dt.UTC)
        end = dt.datetime.combine(
            date + dt.timedelta(days=1), dt.time(7), tzinfo=LONDON
        ).astimezone(dt.UTC)
        shifts.append(
            RotaShift(officer=users["oncall"], duty="SENIOR_OFFICER", starts_at=start, ends_at=end)
        )
        if day == GAP_NIGHT:
            continue
        shifts.append(
            RotaShift(
                officer=users["investigator"],
                duty="DETECTIVE",
                starts_at=start,
                ends_at=end,
                rank=1,
            )
        )
        shifts.append(
            RotaShift(officer=users["mash"], duty="DETECTIVE", starts_at=start, ends_at=end, rank=2)
        )
    RotaShift.objects.bulk_create(shifts)
    counts["child death rota shifts"] = len(shifts)
