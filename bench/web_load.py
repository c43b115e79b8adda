"""Benchmark: web pages under 50 concurrent signed-in users, on the force-year data.

Usage::

    python bench/web_load.py [--database-url URL] [--users 50] [--run-time 60]
                             [--think 3,8] [--server gunicorn|runserver] [--workers 5]

Needs a database already loaded with ``seed_demo --size force-year`` (``bench/seed_force_year.py``
builds one; default ``postgresql://postgres@127.0.0.1:5433/safeguard_bench``). The script
starts the app on 127.0.0.1 in a subprocess (settings ``config.settings.local`` with
``DJANGO_DEBUG=0`` and the demo's relaxed second factor; gunicorn by default, or
``manage.py runserver --noreload``), drives it with locust (headless, bounded by
``--run-time``, 127.0.0.1 only) as the demo ``mash`` and ``supervisor`` users, then prints
p50/p95/p99 and errors per page and each page's p95 over the trivial page's p95 beside the
DESIGN.md target: "person page and triage queue p95 at most 3 times the p95 of a trivial page
of the same app, no errors". The script exits 1 if a page misses the target.

Figures are measured for ``--run-time`` seconds starting 10 s after the last user has signed
in (the locustfile resets the statistics then), so the deliberately slow password hashing
of 50 sign-ins, and the requests queued behind it, are not counted against the pages. Each
simulated officer waits ``--think`` seconds (uniform between the two numbers) between clicks.
With a short think time the two cores saturate and every page queues behind the slow ones,
which squeezes the ratios towards 1: compare a run with ``--think 1,2`` to see it.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5433/safeguard_bench"
LOCUSTFILE = Path(__file__).resolve().parent / "web_load_locustfile.py"
TARGET_RATIO = 3.0
SIGN_IN_ALLOWANCE = 120  # seconds allowed for every user to finish signing in
HOST = "127.0.0.1"
TRIVIAL = "trivial: home /"
PAGES = ("triage queue /referrals/triage/", "supervision /work/supervision/")
DATA_QUERIES = (
    ("people", "SELECT count(*) FROM people_person"),
    ("occurrences", "SELECT count(*) FROM incidents_occurrence"),
    ("child concerns", "SELECT count(*) FROM referrals_childconcern"),
    (
        "  awaiting triage",
        "SELECT count(*) FROM referrals_childconcern WHERE status = 'AWAITING_TRIAGE'",
    ),
    ("referrals", "SELECT count(*) FROM referrals_referral"),
    ("statutory clocks", "SELECT count(*) FROM clocks_statutoryclock"),
    (
        "  owned by PPU (supervisor's team)",
        "SELECT count(*) FROM clocks_statutoryclock c JOIN accounts_team t "
        "ON t.id = c.owner_team_id WHERE t.code = 'PPU'",
    ),
    ("audit events", "SELECT count(*) FROM audit_auditevent"),
)


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def data_under_test(url: str) -> list[tuple[str, int]]:
    with psycopg.connect(url) as conn:
        rows = []
        for label, query in DATA_QUERIES:
            row = conn.execute(query).fetchone()
            rows.append((label, int(row[0]) if row else 0))
        return rows


def server_command(server: str, port: int, workers: int) -> list[str]:
    if server == "gunicorn":
        return [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
    return [
        sys.executable,
        str(ROOT / "manage.py"),
        "runserver",
        "--noreload",
        "--skip-checks",
        f"{HOST}:{port}",
    ]


def wait_until_up(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped (exit {process.returncode}) before answering")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health/", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("The server did not answer /health/ within a minute")


def read_stats(prefix: Path) -> dict[str, dict[str, float]]:
    stats: dict[str, dict[str, float]] = {}
    with prefix.with_name(prefix.name + "_stats.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated" or row["Request Count"] in ("", "0"):
                continue  # entries emptied by the reset after the sign-ins
            stats[row["Name"]] = {
                "requests": float(row["Request Count"]),
                "failures": float(row["Failure Count"]),
                "p50": float(row["50%"]),
                "p95": float(row["95%"]),
                "p99": float(row["99%"]),
                "rps": float(row["Requests/s"]),
            }
    return stats


def machine() -> str:
    cores = os.cpu_count() or 0
    try:
        memory = f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB"
    except (ValueError, OSError):
        memory = "? GiB"
    return f"{cores} cores, {memory}, Python {platform.python_version()}"


def main() -> int:  # noqa: PLR0915 - one linear run: start, drive, report, stop
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10.0)
    parser.add_argument("--run-time", type=int, default=60, help="seconds measured")
    parser.add_argument(
        "--think", default="3,8", help="seconds between an officer's clicks, 'low,high'"
    )
    parser.add_argument("--server", choices=("gunicorn", "runserver"), default="gunicorn")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    options = parser.parse_args()
    url = options.database_url
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("This benchmark needs PostgreSQL: pass --database-url postgresql://...")

    data = data_under_test(url)
    if dict(data)["child concerns"] == 0:
        raise SystemExit("No casework in the database: load it with bench/seed_force_year.py")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "SAFEGUARD_RELAX_SECOND_FACTOR": "1",
    }
    server = subprocess.Popen(
        server_command(options.server, port, options.workers),
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    spawn_seconds = options.users / options.spawn_rate
    try:
        wait_until_up(port, server)
        with tempfile.TemporaryDirectory() as folder:
            prefix = Path(folder) / "web_load"
            print(
                f"Driving http://{HOST}:{port} ({options.server}) with {options.users} users "
                f"for {options.run_time} s, from 10 s after all have signed in...",
                flush=True,
            )
            log = Path(folder) / "locust.log"
            with log.open("w") as errors:
                finished = subprocess.run(
                    [
                        str(Path(sys.executable).with_name("locust")),
                        "-f",
                        str(LOCUSTFILE),
                        "--headless",
                        "--host",
                        f"http://{HOST}:{port}",
                        "--users",
                        str(options.users),
                        "--spawn-rate",
                        str(options.spawn_rate),
                        # An upper bound: the locustfile stops the run --run-time seconds
                        # after the last user has signed in.
                        "--run-time",
                        f"{round(options.run_time + spawn_seconds + SIGN_IN_ALLOWANCE)}s",
                        "--stop-timeout",
                        "10",
                        "--csv",
                        str(prefix),
                        "--only-summary",
                        "--loglevel",
                        "WARNING",
                    ],
                    cwd=ROOT,
                    env={
                        **os.environ,
                        "PYTHONWARNINGS": "ignore",
                        "SAFEGUARD_BENCH_THINK_SECONDS": options.think,
                        "SAFEGUARD_BENCH_MEASURE_SECONDS": str(options.run_time),
                    },
                    check=False,
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                )
            if finished.returncode not in (0, 1):  # 1: some requests failed, reported below
                print(log.read_text()[-4000:], file=sys.stderr)
                raise SystemExit(f"locust stopped with exit {finished.returncode}")
            stats = read_stats(prefix)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    print()
    total_rps = sum(row["rps"] for row in stats.values())
    print(
        f"Benchmark: web pages under {options.users} users, {options.server}"
        f"{f' ({options.workers} sync workers)' if options.server == 'gunicorn' else ''}, "
        f"think time {options.think.replace(',', '-')} s, {options.run_time} s measured, "
        f"{total_rps:.1f} requests/s"
    )
    print(f"Machine: {machine()}; server, PostgreSQL and locust on the same machine")
    print()
    print("Data under test:")
    for label, count in data:
        print(f"  {label:<36}{count:>12,}")
    print()
    trivial = stats.get(TRIVIAL)
    if trivial is None:
        raise SystemExit("locust recorded no request to the trivial page")
    header = (
        f"{'Page':<34}{'Requests':>9}{'Errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'p95/trivial':>13}  Target (DESIGN.md)"
    )
    print(header)
    missed = []
    for name in (TRIVIAL, *PAGES):
        row = stats.get(name)
        if row is None:
            print(f"{name:<34}  (no requests)")
            missed.append(name)
            continue
        ratio = row["p95"] / trivial["p95"] if trivial["p95"] else float("inf")
        if name == TRIVIAL:
            verdict = "reference; no errors"
            ok = row["failures"] == 0
        else:
            ok = ratio <= TARGET_RATIO and row["failures"] == 0
            verdict = f"<= {TARGET_RATIO:.0f}x, no errors: {'met' if ok else 'MISSED'}"
        if not ok:
            missed.append(name)
        print(
            f"{name:<34}{row['requests']:>9,.0f}{row['failures']:>8,.0f}{row['p50']:>9,.0f}"
            f"{row['p95']:>9,.0f}{row['p99']:>9,.0f}{ratio:>12.1f}x  {verdict}"
        )
    print()
    print(
        "Reference: person page and triage queue p95 at most 3 times the p95 of a trivial "
        "page of the same app, no errors (DESIGN.md, performance targets)."
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
