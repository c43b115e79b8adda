"""Rows of an analyst's CSV file, checked before linkage (issue 6). Pure.

The documented input columns are :data:`INPUT_COLUMNS`; the output columns
:data:`OUTPUT_COLUMNS`. Blank rows are skipped and counted; every other problem is reported
per row (row number as a spreadsheet shows it, record id, message), never as a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safeguard.linkage.rules.dates import BadDate, parse_date_of_birth
from safeguard.linkage.rules.records import LinkRecord

INPUT_COLUMNS: tuple[str, ...] = (
    "record_id",
    "first_name",
    "middle_names",
    "surname",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
)
OUTPUT_COLUMNS: tuple[str, ...] = ("record_id", "cluster_id", "match_probability")
MAX_FIELD = 500
SEXES = {"": "", "M": "MALE", "MALE": "MALE", "F": "FEMALE", "FEMALE": "FEMALE", "U": "", "X": ""}


@dataclass(frozen=True)
class RowProblem:
    row: int
    record_id: str
    message: str

    def __str__(self) -> str:
        shown = f" ({self.record_id})" if self.record_id else ""
        return f"Row {self.row}{shown}: {self.message}"


@dataclass(frozen=True)
class ParsedRows:
    records: list[LinkRecord]
    problems: list[RowProblem]
    blank_rows: int


def missing_columns(header: Iterable[str] | None) -> list[str]:
    """Return the documented input columns the header lacks (names compared trimmed, lower)."""
    present = {h.strip().lower() for h in (header or []) if h is not None}
    return [c for c in INPUT_COLUMNS if c not in present]


def _clean(row: Mapping[str | None, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in row.items():
        if key is None:  # more cells than header columns
            continue
        out[key.strip().lower()] = value.strip() if isinstance(value, str) else ""
    return out


def parse_rows(rows: Iterable[Mapping[str | None, object]], *, today: dt.date) -> ParsedRows:
    """Check each row and build the records; row 1 is the header, so data starts at row 2."""
    records: list[LinkRecord] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    blank = 0
    for number, raw in enumerate(rows, start=2):
        row = _clean(raw)
        if not any(row.values()):
            blank += 1
            continue
        record_id = row.get("record_id", "")
        row_problems: list[str] = []
        if not record_id:
            row_problems.append("record_id is empty")
        elif record_id in seen:
            row_problems.append(f"record_id {record_id!r} is also on row {seen[record_id]}")
        else:
            seen[record_id] = number
        too_long = [k for k, v in row.items() if len(v) > MAX_FIELD]
        if too_long:
            row_problems.append(f"{', '.join(too_long)} longer than {MAX_FIELD} characters")
        if not row.get("first_name") and not row.get("surname"):
            row_problems.append("no first_name or surname")
        date_of_birth = None
        try:
            date_of_birth = parse_date_of_birth(row.get("date_of_birth", ""), today=today)
        except BadDate as exc:
            row_problems.append(f"date_of_birth {exc}")
        sex = SEXES.get(row.get("sex", "").upper())
        if sex is None:
            row_problems.append(f"sex {row.get('sex', '')[:10]!r} is not M, F, U or blank")
        if row_problems:
            problems.extend(RowProblem(number, record_id[:40], p) for p in row_problems)
            continue
        records.append(
            LinkRecord(
                record_id=record_id,
                first_name=row.get("first_name", ""),
                middle_names=row.get("middle_names", ""),
                surname=row.get("surname", ""),
                date_of_birth=date_of_birth,
                sex=sex or "",
                postcode=row.get("postcode", ""),
                address=row.get("address", ""),
            )
        )
    return ParsedRows(records=records, problems=problems, blank_rows=blank)
