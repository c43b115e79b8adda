"""Read an analyst's people CSV and write the clusters (issue 6, ``link_people --input``)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from safeguard.linkage.model import LinkResult
from safeguard.linkage.rules.csv_rows import (
    OUTPUT_COLUMNS,
    ParsedRows,
    missing_columns,
    parse_rows,
)


class CsvInvalid(ValueError):
    """The file cannot be read as the documented people CSV; the message says why."""


def read_people_csv(path: Path, *, today: dt.date) -> ParsedRows:
    """Read and check the file.

    :raises CsvInvalid: no such file, not UTF-8 text, no header, or missing columns
    """
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise CsvInvalid(f"Cannot open {path}: {exc.strerror}") from exc
    with handle:
        try:
            reader = csv.DictReader(handle)
            if not reader.fieldnames:
                raise CsvInvalid(f"{path} is empty: it needs a header row")
            missing = missing_columns(reader.fieldnames)
            if missing:
                raise CsvInvalid(f"{path} lacks the columns: {', '.join(missing)}")
            return parse_rows(reader, today=today)
        except UnicodeDecodeError as exc:
            raise CsvInvalid(f"{path} is not UTF-8 text (byte {exc.start})") from exc
        except csv.Error as exc:
            raise CsvInvalid(f"{path} is not a readable CSV file: {exc}") from exc


def _record_probabilities(result: LinkResult) -> dict[str, float]:
    """Each record's strongest link inside its own cluster."""
    best: dict[str, float] = {}
    for left, right, probability in result.pairs:
        if result.clusters.get(left) != result.clusters.get(right):
            continue
        for record in (left, right):
            best[record] = max(best.get(record, 0.0), probability)
    return best


def output_rows(result: LinkResult) -> Iterator[list[str]]:
    best = _record_probabilities(result)
    for record, cluster in sorted(result.clusters.items()):
        probability = best.get(record)
        yield [record, cluster, "" if probability is None else f"{probability:.6f}"]


def write_clusters_csv(path: Path, result: LinkResult) -> int:
    """Write ``record_id, cluster_id, match_probability`` (blank for a record alone).

    :raises CsvInvalid: the file cannot be written
    """
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            count = 0
            for row in output_rows(result):
                writer.writerow(row)
                count += 1
    except OSError as exc:
        raise CsvInvalid(f"Cannot write {path}: {exc.strerror}") from exc
    return count
