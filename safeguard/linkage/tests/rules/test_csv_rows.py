"""The analyst's CSV rows: header, blanks, per-row problems (issue 6). Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.linkage.rules.csv_rows import (
    INPUT_COLUMNS,
    MAX_FIELD,
    RowProblem,
    missing_columns,
    parse_rows,
)

TODAY = dt.date(2027, 1, 9)


def _row(**values: object) -> dict[str | None, object]:
    row: dict[str | None, object] = dict.fromkeys(INPUT_COLUMNS, "")
    row.update(values)
    return row


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (list(INPUT_COLUMNS), []),
        ([c.upper() + " " for c in INPUT_COLUMNS], []),
        (["record_id", "first_name"], list(INPUT_COLUMNS[2:])),
        (None, list(INPUT_COLUMNS)),
        (["record_id", None], list(INPUT_COLUMNS[1:])),
    ],
)
def test_missing_columns(header: list[str] | None, missing: list[str]) -> None:
    assert missing_columns(header) == missing


def test_a_good_row_becomes_a_record_and_sex_codes_are_read() -> None:
    parsed = parse_rows(
        [
            _row(
                record_id="1",
                first_name=" Zoë ",
                surname="Ó Fictionál",
                date_of_birth="05/01/2012",
                sex="f",
            ),
            _row(record_id="2", first_name="Ali", surname="Khan", sex="U"),
            _row(record_id="3", first_name="Sam", surname="Lee", sex="MALE"),
        ],
        today=TODAY,
    )
    assert parsed.problems == []
    first = parsed.records[0]
    assert (first.first_name, first.surname, first.sex) == ("Zoë", "Ó Fictionál", "FEMALE")
    assert first.date_of_birth == dt.date(2012, 1, 5)
    assert parsed.records[1].sex == ""
    assert parsed.records[2].sex == "MALE"


def test_blank_rows_are_counted_and_non_text_cells_are_blank() -> None:
    parsed = parse_rows([_row(), _row(record_id=None), _row(record_id="  ")], today=TODAY)
    assert parsed.blank_rows == 3
    assert parsed.records == []


def test_extra_cells_beyond_the_header_are_ignored() -> None:
    row = _row(record_id="1", first_name="Ava", surname="Lee")
    row[None] = ["surplus", "cells"]
    parsed = parse_rows([row], today=TODAY)
    assert [r.record_id for r in parsed.records] == ["1"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_row(first_name="Ava", surname="Lee"), "record_id is empty"),
        (_row(record_id="9", date_of_birth="1/1/2012"), "no first_name or surname"),
        (
            _row(record_id="9", surname="Lee", date_of_birth="2012-02-30"),
            "date_of_birth '2012-02-30' is not a date",
        ),
        (_row(record_id="9", surname="Lee", sex="Z"), "sex 'Z' is not M, F, U or blank"),
        (
            _row(record_id="9", surname="L" * (MAX_FIELD + 1)),
            f"surname longer than {MAX_FIELD} characters",
        ),
    ],
)
def test_each_problem_names_its_row(row: dict[str | None, object], message: str) -> None:
    parsed = parse_rows([row], today=TODAY)
    assert parsed.records == []
    assert any(message in p.message for p in parsed.problems)
    assert all(p.row == 2 for p in parsed.problems)


def test_a_repeated_record_id_names_the_first_row() -> None:
    parsed = parse_rows(
        [_row(record_id="7", surname="Lee"), _row(record_id="7", surname="Lee")], today=TODAY
    )
    assert [str(p) for p in parsed.problems] == ["Row 3 (7): record_id '7' is also on row 2"]


def test_a_problem_without_a_record_id_reads_plainly() -> None:
    assert str(RowProblem(4, "", "record_id is empty")) == "Row 4: record_id is empty"
