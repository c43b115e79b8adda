"""Tests: fast hashing, no second factor relaxation unless a test asks for it."""

from config.settings.base import *

SECRET_KEY = "tests-only"  # noqa: S105 - fixed key for the test run only
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SAFEGUARD = {**SAFEGUARD, "RELAX_SECOND_FACTOR": False}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
