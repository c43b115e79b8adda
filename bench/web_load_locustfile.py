"""Locust users for ``bench/web_load.py``: MASH researchers and supervisors, signed in.

Each simulated officer signs in once with the demo password (``SAFEGUARD_DEMO_PASSWORD``,
default the published demo password) and then, with a think time between clicks
(``SAFEGUARD_BENCH_THINK_SECONDS``, default "3,8"), opens
either a trivial signed-in page (the home page) or their work page: the MASH triage queue
for the ``mash`` user, the supervision page for the ``supervisor`` user. Run it through
``bench/web_load.py``, which starts the server and reads the figures; it only ever talks to
the ``--host`` it is given (127.0.0.1).
"""

from __future__ import annotations

import os
import re

import gevent
from locust import FastHttpUser, between, task

PASSWORD = os.environ.get("SAFEGUARD_DEMO_PASSWORD", "safeguard-demo-2026")
# Seconds an officer spends on a page before the next click: "low,high" (web_load.py --think).
THINK_LOW, THINK_HIGH = (
    float(x) for x in os.environ.get("SAFEGUARD_BENCH_THINK_SECONDS", "3,8").split(",")
)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

TRIVIAL = "trivial: home /"
TRIAGE = "triage queue /referrals/triage/"
SUPERVISION = "supervision /work/supervision/"
SIGN_IN = "sign-in (not measured)"
# Seconds measured once every user has signed in; then the run stops (web_load.py --run-time).
MEASURE_SECONDS = float(os.environ.get("SAFEGUARD_BENCH_MEASURE_SECONDS", "60"))
# Seconds between the last sign-in and the start of measuring.
SETTLE_SECONDS = 10.0

_signed_in = 0


def _signed_in_once(user: FastHttpUser) -> None:
    """Count a finished sign-in; after the last one and a pause, start measuring from zero.

    Signing in hashes the password (Argon2, slow on purpose): 50 of them at once queue the
    first page requests behind them, and requests still in flight when measuring starts
    would carry that queueing into the figures. Hence the pause before the reset.
    """
    global _signed_in  # noqa: PLW0603 - one counter shared by the users of this process
    _signed_in += 1
    runner = user.environment.runner
    if runner is None or _signed_in != runner.target_user_count:
        return

    def measure() -> None:
        user.environment.stats.reset_all()
        gevent.spawn_later(MEASURE_SECONDS, runner.quit)

    gevent.spawn_later(SETTLE_SECONDS, measure)


class _Officer(FastHttpUser):
    abstract = True
    username = ""
    # An officer reads a page before the next click.
    wait_time = between(THINK_LOW, THINK_HIGH)

    def on_start(self) -> None:
        page = self.client.get("/accounts/sign-in/", name=SIGN_IN)
        match = CSRF_FIELD.search(page.text or "")
        token = match.group(1) if match else ""
        with self.client.post(
            "/accounts/sign-in/",
            data={"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
            headers={"Referer": f"{self.host}/accounts/sign-in/"},
            name=SIGN_IN,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in as {self.username} gave {response.status_code}")
        _signed_in_once(self)

    def _open(self, path: str, name: str) -> None:
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {self.username}")

    @task
    def home(self) -> None:
        self._open("/", TRIVIAL)


class MashResearcher(_Officer):
    username = "mash"

    @task
    def triage_queue(self) -> None:
        self._open("/referrals/triage/", TRIAGE)


class Supervisor(_Officer):
    username = "supervisor"

    @task
    def supervision(self) -> None:
        self._open("/work/supervision/", SUPERVISION)
