"""Link person records with the Splink model (issue 6).

Over the people table (``manage.py link_people``), or over an analyst's CSV file
(``manage.py link_people --input people.csv --output clusters.csv``). Input columns:
record_id, first_name, middle_names, surname, date_of_birth (YYYY-MM-DD or DD/MM/YYYY), sex
(M, F, U or blank), postcode, address. Output columns: record_id, cluster_id,
match_probability (each record's strongest link inside its cluster; blank when alone).

``--engine spark`` runs the same model on Splink's Spark backend (needs Java 17 or later):
in this process by default (``local[2]``), or on the cluster at ``--spark-master`` (or
``SAFEGUARD_SPARK_MASTER``), e.g. ``spark://linkage-master:7077``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from safeguard.core import clock
from safeguard.linkage.csv_files import CsvInvalid, read_people_csv, write_clusters_csv
from safeguard.linkage.model import DEFAULT_SPARK_MASTER, ENGINES, EngineUnavailable, link
from safeguard.linkage.services import (
    entry_index_build,
    people_link_run,
    thresholds_from_policy,
)

STAGES = ("preparing", "training", "scoring", "clustering")
SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--input", type=Path, help="A people CSV file to link instead of the database"
        )
        parser.add_argument(
            "--output", type=Path, help="Where to write the clusters (with --input)"
        )
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            default="duckdb",
            help="duckdb (in this process) or spark (Splink's Spark backend; needs Java 17+)",
        )
        parser.add_argument(
            "--spark-master",
            default=os.environ.get("SAFEGUARD_SPARK_MASTER") or DEFAULT_SPARK_MASTER,
            help="With --engine spark: local[N] (this machine, N cores) or a cluster address "
            f"such as spark://host:7077 (default $SAFEGUARD_SPARK_MASTER or {DEFAULT_SPARK_MASTER})",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Link the good rows when some rows have problems (they are listed)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path | None = options["input"]
        target: Path | None = options["output"]
        if (source is None) != (target is None):
            raise CommandError("Give --input and --output together, or neither (the database)")
        bar = tqdm(
            total=len(STAGES), desc="Linking", unit="stage", disable=options["verbosity"] == 0
        )

        def progress(stage: str) -> None:
            bar.set_postfix_str(stage)
            bar.update(1)

        engine = {"engine": options["engine"], "spark_master": options["spark_master"]}
        try:
            if source is None:
                run = people_link_run(seed=options["seed"], progress=progress, **engine)
                bar.close()
                self.stdout.write(
                    f"Linked {run.records:,} people: {run.pairs_scored:,} pairs scored, "
                    f"{run.clusters_with_more_than_one:,} people with more than one record, "
                    f"{run.candidates.count():,} pairs to review ({run.seconds:.1f} s, model "
                    f"{run.model_version})."
                )
                index = entry_index_build()
                self.stdout.write(
                    f"Indexed {index.records:,} people for the check at entry "
                    f"({index.keys:,} keys, {index.seconds:.1f} s)."
                )
                return
            assert target is not None
            self._link_file(source, target, options, progress)
        except EngineUnavailable as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()

    def _link_file(
        self, source: Path, target: Path, options: dict[str, Any], progress: Any
    ) -> None:
        try:
            parsed = read_people_csv(source, today=clock.today_in_london())
        except CsvInvalid as exc:
            raise CommandError(str(exc)) from exc
        if parsed.blank_rows:
            self.stdout.write(f"Ignored {parsed.blank_rows:,} blank rows.")
        if parsed.problems:
            for problem in parsed.problems[:SHOWN_PROBLEMS]:
                self.stderr.write(str(problem))
            more = len(parsed.problems) - SHOWN_PROBLEMS
            if more > 0:
                self.stderr.write(f"... and {more:,} more problems.")
            if not options["skip_bad_rows"]:
                raise CommandError(
                    f"{len(parsed.problems):,} problems in {source}: fix them, or rerun with "
                    "--skip-bad-rows to link the other rows"
                )
        if not parsed.records:
            raise CommandError(f"{source} has no records to link")
        result = link(
            parsed.records,
            thresholds=thresholds_from_policy(),
            seed=options["seed"],
            progress=progress,
            engine=options["engine"],
            spark_master=options["spark_master"],
        )
        try:
            written = write_clusters_csv(target, result)
        except CsvInvalid as exc:
            raise CommandError(str(exc)) from exc
        linked = len(result.clusters) - len(set(result.clusters.values()))
        self.stdout.write(
            f"Wrote {written:,} rows to {target}: {linked:,} records joined another "
            f"(model {result.model_version})."
        )
