"""Production: every secret from the environment; HTTPS only; `check --deploy` clean."""

import os

os.environ.setdefault("DJANGO_SECURE", "1")

from config.settings.base import *

DEBUG = False
if not SECRET_KEY:
    raise RuntimeError("DJANGO_SECRET_KEY must be set in production")
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
