"""Local demo: SQLite unless DATABASE_URL says otherwise, debug on, second factor relaxed."""

import os

os.environ.setdefault("SAFEGUARD_RELAX_SECOND_FACTOR", "1")

from config.settings.base import *

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "demo-only-not-secret-do-not-deploy"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# Demo and browser journeys: start the application clock at this ISO instant (with offset),
# for example a Friday night before half-term. Never set in production settings.
SAFEGUARD_CLOCK_START = os.environ.get("SAFEGUARD_CLOCK_START", "")
