"""manage.py triage_media --as USER --seizure REF --folder PATH"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core.exceptions import DomainError
from safeguard.media.management.commands._actor import command_actor
from safeguard.media.selectors import seizure_by_reference
from safeguard.media.services import seizure_create, seizure_folder_hash


class Command(BaseCommand):
    help = (
        "Hash every file in a folder of seized images (PDQ, MD5, SHA-1) into a seizure, "
        "creating the seizure if needed, and match them against the hash banks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seizure", required=True, help="seizure reference")
        parser.add_argument("--folder", required=True, type=Path)
        parser.add_argument("--referral", default="", help="online referral reference")
        parser.add_argument("--as", dest="username", required=True, help="acting user")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = command_actor(options["username"])
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        try:
            seizure = seizure_by_reference(actor=actor, reference=options["seizure"])
            if seizure is None:
                seizure = seizure_create(
                    actor=actor,
                    reference=options["seizure"],
                    referral_reference=options["referral"],
                )
            report = seizure_folder_hash(actor=actor, seizure=seizure, folder=folder)
        except (DomainError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for error in report.errors:
            self.stderr.write(f"{error.file_name}: {error.message}")
        counts = ", ".join(f"{k.lower()} {v}" for k, v in sorted(report.counts.items()))
        self.stdout.write(
            f"Seizure {seizure.reference}: hashed {report.hashed} files "
            f"({counts or 'none'}); {report.already_hashed} already hashed; "
            f"{len(report.errors)} could not be read as images."
        )
