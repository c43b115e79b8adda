"""``manage.py link_people``: the analyst's CSV in and out, bad files, and the people table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.linkage.models import EntryIndexBuild, LinkageRun
from safeguard.linkage.rules.csv_rows import INPUT_COLUMNS, OUTPUT_COLUMNS
from safeguard.people.tests.factories import make_person

TODAY = FixedClock(dt.datetime(2027, 1, 9, 12, 0, tzinfo=dt.UTC))
HEADER = ",".join(INPUT_COLUMNS)
GOOD = [
    "1,William,,Smith,2014-07-03,M,ST16 2DE,1 Fictional Road",
    "2,Bill,,Smith,03/07/2014,M,ST16 2DE,1 Fictional Road",
    "3,Kasia,,Nowak,2012-01-05,F,ST17 4AB,",
    "4,Katarzyna,,Nowak,2012-05-01,F,ST17 4AB,",
    "5,Zoë,,Ó Fictionál,2010-02-02,F,WS11 1AA,",
    "6,Ahmed,,Khan,2009-09-09,M,ST1 1AA,",
]


def _file(tmp_path: Path, lines: list[str], name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with use_clock(TODAY):
        call_command("link_people", *args, verbosity=0, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _clusters(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == OUTPUT_COLUMNS
        return {r["record_id"]: (r["cluster_id"], r["match_probability"]) for r in reader}


def test_a_file_is_linked_into_clusters(tmp_path: Path) -> None:
    out, _ = _run(
        "--input", str(_file(tmp_path, [HEADER, *GOOD])), "--output", str(tmp_path / "c.csv")
    )
    clusters = _clusters(tmp_path / "c.csv")
    assert clusters["1"][0] == clusters["2"][0]  # Bill is William; day and month swapped
    assert clusters["3"][0] == clusters["4"][0]  # Kasia is Katarzyna
    assert clusters["5"][0] not in {clusters[r][0] for r in "12346"}
    assert float(clusters["1"][1]) >= 0.95
    assert clusters["6"][1] == ""  # alone: no probability
    assert "Wrote 6 rows" in out


def test_ten_thousand_blank_rows_are_counted_and_ignored(tmp_path: Path) -> None:
    lines = [HEADER, *GOOD, *([",,,,,,,"] * 10_000)]
    out, _ = _run("--input", str(_file(tmp_path, lines)), "--output", str(tmp_path / "c.csv"))
    assert "Ignored 10,000 blank rows." in out
    assert len(_clusters(tmp_path / "c.csv")) == 6


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ["record_id,first_name,surname,date_of_birth", "1,A,B,2010-01-01"],
            "lacks the columns: middle_names, sex, postcode, address",
        ),
        ([], "is empty: it needs a header row"),
        ([HEADER], "has no records to link"),
        ([HEADER, ",,,,,,,", ",,,,,,,"], "has no records to link"),
    ],
)
def test_a_file_that_is_not_a_people_file_is_refused_clearly(
    tmp_path: Path, lines: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        _run("--input", str(_file(tmp_path, lines)), "--output", str(tmp_path / "c.csv"))
    assert not (tmp_path / "c.csv").exists()


def test_bad_rows_are_reported_per_row_and_nothing_is_written(tmp_path: Path) -> None:
    lines = [
        HEADER,
        *GOOD,
        "7,Anna,,Bad,31/02/2012,F,,",
        "3,Duplicate,,Id,2011-01-01,F,,",
        "8,Future,,Child,2030-01-01,F,,",
        "9,,,,2011-01-01,Q,,",
    ]
    out, err = io.StringIO(), io.StringIO()
    with use_clock(TODAY), pytest.raises(CommandError, match="5 problems"):
        call_command(
            "link_people",
            "--input",
            str(_file(tmp_path, lines)),
            "--output",
            str(tmp_path / "c.csv"),
            verbosity=0,
            stdout=out,
            stderr=err,
        )
    report = err.getvalue()
    assert "Row 8 (7): date_of_birth '31/02/2012' is not a date" in report
    assert "Row 9 (3): record_id '3' is also on row 4" in report
    assert "Row 10 (8): date_of_birth '2030-01-01' is in the future" in report
    assert "Row 11 (9): no first_name or surname" in report
    assert "Row 11 (9): sex 'Q' is not M, F, U or blank" in report
    assert not (tmp_path / "c.csv").exists()


def test_skip_bad_rows_links_the_rest(tmp_path: Path) -> None:
    lines = [HEADER, *GOOD, "7,Anna,,Bad,31/02/2012,F,,"]
    _run(
        "--input",
        str(_file(tmp_path, lines)),
        "--output",
        str(tmp_path / "c.csv"),
        "--skip-bad-rows",
    )
    assert set(_clusters(tmp_path / "c.csv")) == {"1", "2", "3", "4", "5", "6"}


def test_a_file_that_is_not_text_or_not_there(tmp_path: Path) -> None:
    binary = tmp_path / "people.csv"
    binary.write_bytes(HEADER.encode() + b"\n1,\xff\xfe,,x,,,,\n")
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        _run("--input", str(binary), "--output", str(tmp_path / "c.csv"))
    with pytest.raises(CommandError, match="Cannot open"):
        _run("--input", str(tmp_path / "absent.csv"), "--output", str(tmp_path / "c.csv"))
    with pytest.raises(CommandError, match="together"):
        _run("--input", str(binary))


@pytest.mark.django_db
def test_the_people_table_run_is_recorded_and_audited() -> None:
    for given in ("William", "Bill"):
        make_person(given_name=given, family_name="Fictionalson", date_of_birth=dt.date(2013, 4, 4))
    make_person(given_name="Amira", family_name="Otherfictional", date_of_birth=dt.date(2011, 8, 8))
    out, _ = _run()
    run = LinkageRun.objects.get()
    assert run.records == 3
    assert run.model_version == "people-v1"
    assert run.link_threshold == 0.95
    assert run.clusters_with_more_than_one == 1
    assert run.model_json  # the trained model, kept with the run
    event = AuditEvent.objects.get(event_type="linkage.run")
    assert event.operation == "consultation"
    assert "Linked 3 people" in out
    # the run also rebuilds the index the check at entry reads, and keeps both bands of pairs
    assert "Indexed 3 people for the check at entry" in out
    assert EntryIndexBuild.objects.get().records == 3
    assert run.candidates.count() == 1  # Bill and William, linked by the model, kept to confirm
