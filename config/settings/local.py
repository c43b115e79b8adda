"""Local demo: SQLite unless DATABASE_URL says otherwise, debug on, second factor relaxed."""

import os

os.environ.setdefault("SAFEGUARD_RELAX_SECOND_FACTOR", "1")

from config.settings.base import *

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "demo-only-not-secret-do-not-deploy"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
