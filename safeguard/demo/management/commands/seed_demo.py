"""``manage.py seed_demo``: load the synthetic force (DESIGN.md "Synthetic force")."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.demo import loader
from safeguard.demo.generator import DEMO_PASSWORD, SIZES


class Command(BaseCommand):
    help = (
        "Load a synthetic force: teams, partner organisations, school calendars, households "
        "of invented people (with data-quality gaps and duplicate records), one demo user "
        "per role, and a year of casework (occurrences with each child's voice, child "
        "concerns triaged by the MASH, referrals to children's social care, domestic-abuse "
        "incidents with their child victims and Operation Encompass notifications of the "
        "children's schools, missing children with their gradings, return interviews, "
        "Philomena profiles and screenings, the statutory clocks, and a place per hotel with the "
        "businesses trained and the demo hotel's Makesafe concerns). Deterministic by --seed. Does nothing if the demo is already loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="demo",
            help="tiny (~150 people), demo (~5,000) or force-year (~1,000,000). Default: demo.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed. Default: 1.")

    def handle(self, *args: Any, **options: Any) -> None:
        size = SIZES[options["size"]]
        seed = options["seed"]
        try:
            loaded = loader.demo_loaded()
        except loader.DemoIncomplete as error:
            raise CommandError(str(error)) from error
        if loaded is not None:
            self.stdout.write(
                f"Demo already loaded ({loaded.size}, seed {loaded.seed}, at "
                f"{loaded.loaded_at}); nothing changed. To load another size or seed, start "
                "from an empty database."
            )
            self._sign_in_table()
            return
        self.stdout.write(f"Loading the synthetic force: size {size.name}, seed {seed}...")
        result = loader.seed_demo(size=size, seed=seed, progress=sys.stderr.isatty())
        total = sum(result.counts.values())
        self.stdout.write("")
        self.stdout.write(f"{'Table':<24}{'Rows':>12}")
        for name, count in result.counts.items():
            self.stdout.write(f"{name:<24}{count:>12,}")
        self.stdout.write(f"{'total':<24}{total:>12,}")
        rate = total / result.seconds if result.seconds else 0.0
        self.stdout.write(f"Loaded in {result.seconds:.1f} s ({rate:,.0f} rows/s).")
        for username in result.kept_users:
            self.stderr.write(
                f"Username {username!r} already existed; that account was left unchanged."
            )
        self._sign_in_table()

    def _sign_in_table(self) -> None:
        rows = loader.sign_ins()
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (every demo account's password is {DEMO_PASSWORD}):")
        width_user = max([len("Username"), *(len(r.username) for r in rows)]) + 2
        width_role = max([len("Role"), *(len(r.role) for r in rows)]) + 2
        width_where = max([len("Team or organisation"), *(len(r.where) for r in rows)]) + 2
        self.stdout.write(
            f"{'Username':<{width_user}}{'Role':<{width_role}}"
            f"{'Team or organisation':<{width_where}}Password"
        )
        for row in rows:
            self.stdout.write(
                f"{row.username:<{width_user}}{row.role:<{width_role}}"
                f"{row.where:<{width_where}}{row.password}"
            )
