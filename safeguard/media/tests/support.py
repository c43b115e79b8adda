"""Shared set-up: banks of generated images' hashes, and seizures hashed from tmp folders."""

from __future__ import annotations

from pathlib import Path

from safeguard.media.hashing import file_hash
from safeguard.media.models import HashBank
from safeguard.media.rules.matching import BankKind
from safeguard.media.services import hash_bank_create, hash_bank_import


def bank_of(
    actor, name: str, images: dict[str, bytes], kind: BankKind = BankKind.POSITIVE
) -> HashBank:
    bank = hash_bank_create(actor=actor, name=name, kind=kind, pdq_threshold=31)
    lines = ["format,hash,label"] + [
        f"pdq,{file_hash(data).pdq},{label}" for label, data in images.items()
    ]
    report = hash_bank_import(actor=actor, bank=bank, lines=lines)
    assert report.errors == []
    return bank


def write_folder(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder
