"""manage.py import_hash_bank --as USER --bank NAME [--kind positive|negative] [--threshold 31] FILE.csv"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core.exceptions import DomainError
from safeguard.media.management.commands._actor import command_actor
from safeguard.media.rules.matching import BankKind
from safeguard.media.selectors import hash_bank_list
from safeguard.media.services import hash_bank_create, hash_bank_import


class Command(BaseCommand):
    help = (
        "Import a CSV of known hashes (columns format,hash[,label]; formats pdq, md5, sha1) "
        "into a bank, creating the bank if it does not exist. Bad rows are listed and skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--bank", required=True, help="bank name")
        parser.add_argument("--kind", choices=["positive", "negative"], default="positive")
        parser.add_argument("--threshold", type=int, default=None, help="PDQ bits, default 31")
        parser.add_argument("--source", default="")
        parser.add_argument("--as", dest="username", required=True, help="acting user")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = command_actor(options["username"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            bank = hash_bank_list(actor=actor).filter(name=options["bank"]).first()
            if bank is None:
                bank = hash_bank_create(
                    actor=actor,
                    name=options["bank"],
                    kind=BankKind(options["kind"].upper()),
                    pdq_threshold=options["threshold"],
                    source=options["source"],
                )
                self.stdout.write(f"Created bank {bank.name} ({bank.kind}).")
            with path.open(encoding="utf-8-sig", newline="") as lines:
                report = hash_bank_import(actor=actor, bank=bank, lines=lines)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        for error in report.errors:
            self.stderr.write(f"{path.name} line {error.line}: {error.message}")
        self.stdout.write(
            f"Imported {report.imported} hashes into {bank.name}; "
            f"{report.duplicates} already there; {len(report.errors)} rows refused."
        )
