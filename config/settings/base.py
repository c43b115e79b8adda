"""Every setting, driven by the environment (nothing lives only in production.py)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "safeguard.core",
    "safeguard.accounts",
    "safeguard.access",
    "safeguard.audit",
    "safeguard.people",
    "safeguard.clocks",
    "safeguard.risk",
    "safeguard.incidents",
    "safeguard.referrals",
    "safeguard.domestic",
    "safeguard.missing",
    "safeguard.linkage",
    "safeguard.online_abuse",
    "safeguard.child_deaths",
    "safeguard.media",
    "safeguard.places",
    "safeguard.chronology",
    "safeguard.inspection",
    "safeguard.api",
    "safeguard.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "safeguard.audit.middleware.RequestAuditMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "safeguard.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safeguard.web.context_processors.safeguard",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL for concurrent readers; IMMEDIATE so a writer takes the lock at BEGIN and the
    # audit hash chain is never read stale by two writers.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "safeguard.web.views.csrf_failure"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# Sessions: idle time-out. Every request pushes expiry forward; 30 idle minutes ends it.
SESSION_COOKIE_AGE = int(os.environ.get("SAFEGUARD_SESSION_IDLE_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE", False)
SECURE_HSTS_SECONDS = 31536000 if env_bool("DJANGO_SECURE", False) else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Lock-out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("SAFEGUARD_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Lock per username, not per address: a police station puts many officers behind one address,
# and an address lock-out would shut a whole station out at 3 a.m.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Strict CSP: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Background work: reminders and escalations (DESIGN.md "Background work"). Deadlines are
# stored, so a missed run never loses a clock; run `manage.py db_worker` beside the web app.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("SAFEGUARD_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "build" / "staticroot"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["safeguard.api.permissions.HasRequiredCapability"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "safeguard.api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safeguard API",
    "DESCRIPTION": "Child-protection casework for a police public protection unit. Every read "
    "of a person's record needs a purpose; every call is audited (DPA 2018 s.62).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "YesNoUnknownEnum": "safeguard.people.models.YNU_CHOICES",
        "TriageDecisionEnum": "safeguard.referrals.models.TRIAGE_DECISION_CHOICES",
        "SocialCareDecisionEnum": "safeguard.referrals.models.SOCIAL_CARE_DECISION_CHOICES",
        "RagLevelEnum": "safeguard.referrals.models.RAG_CHOICES",
        "EncompassStatusEnum": "safeguard.domestic.models.NOTIFICATION_STATUS_CHOICES",
        "MissingEpisodeStatusEnum": "safeguard.missing.models.EPISODE_STATUS_CHOICES",
        "MakesafeIndicatorEnum": "safeguard.places.api.serializers.INDICATOR_CHOICES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Force policy (DOMAIN.md: values marked [S]/[U] are configurable, never constants).
SAFEGUARD = {
    # Demo only: staff sign in without a second factor. Every page says so when on.
    "RELAX_SECOND_FACTOR": env_bool("SAFEGUARD_RELAX_SECOND_FACTOR", False),
    # Recording standards: "block" refuses the save, "warn" shows the issue, "off" ignores it.
    "RECORDING_STANDARDS": {
        "DATE_OF_BIRTH_MISSING": "warn",
        "SEX_NOT_RECORDED": "warn",
        "SELF_DEFINED_ETHNICITY_NOT_ASKED": "warn",
        "OFFICER_DEFINED_ETHNICITY_MISSING": "warn",
        "CHILD_EDUCATION_SETTING_MISSING": "warn",
        "LOOKED_AFTER_PLACING_AUTHORITY_MISSING": "block",
        "INTERPRETER_NEED_UNKNOWN": "warn",
        "NO_CURRENT_ADDRESS": "warn",
    },
    # Clocks: escalation steps in hours after a deadline (owner, supervisor and partner
    # manager, on-call senior officer) and the "due soon" window. Force policy (DOMAIN.md §4.3 [U]).
    "CLOCK_ESCALATION_STEPS_HOURS": [0, 2, 8],
    "CLOCK_DUE_SOON_HOURS": 2,
    # MASH triage: the team that triages child concerns, and the hours it has to triage one
    # (MASH timescales are local: DOMAIN.md §4.3 [U]).
    "MASH_TEAM_CODE": os.environ.get("SAFEGUARD_MASH_TEAM_CODE", "MASH"),
    "TRIAGE_HOURS": 24,
    # How long a break-glass grant lasts, in minutes.
    "BREAK_GLASS_MINUTES": int(os.environ.get("SAFEGUARD_BREAK_GLASS_MINUTES", "60")),
    # Operation Encompass (DOMAIN.md §3.2): hours after the setting's next day start by which
    # the school acknowledges [U], and the day start used while a child's school is unknown.
    "ENCOMPASS_ACKNOWLEDGE_HOURS": 4,
    "ENCOMPASS_DEFAULT_DAY_START": "08:30",
    # Missing children (DOMAIN.md §2): hours to the next review per APP risk level [U], the
    # prevention interview's hours [U], the return interview's 72 hours [S], and repeat
    # missing: this many episodes in this many days prompt a strategy discussion [U].
    "MISSING_REVIEW_HOURS": {"HIGH": 2, "MEDIUM": 6, "LOW": 12, "VERY_LOW": 24},
    "MISSING_PREVENTION_INTERVIEW_HOURS": 24,
    "MISSING_RETURN_INTERVIEW_HOURS": 72,
    "MISSING_REPEAT_THRESHOLD": 3,
    "MISSING_REPEAT_WINDOW_DAYS": 90,
    # Record linkage (issue 6): a pair at or above LINK is linked by the model; a pair from
    # REVIEW_FROM up to LINK waits for a person to review (force policy [U]).
    "LINKAGE_LINK_PROBABILITY": 0.95,
    "LINKAGE_REVIEW_FROM_PROBABILITY": 0.5,
    # The real-time check offers existing people from this probability (force policy [U]):
    # low, because offering a possible match costs a glance and missing one costs a child.
    "LINKAGE_ENTRY_SHOW_FROM_PROBABILITY": 0.05,
    # Online CSEA referrals (issue 7): act within these hours of receipt by KIRAT level
    # (DOMAIN.md §6.2 [S], wording not verified [U]); each stage's own time [U].
    "ONLINE_KIRAT_ACTION_HOURS": {"VERY_HIGH": 24, "HIGH": 168, "MEDIUM": 336, "LOW": 720},
    # Child deaths (issue 8): minutes an asked officer has to accept before the next is asked,
    # the indicator's target for a trained officer accepting [U]; checklist hours DOMAIN.md §5.2.
    "CHILD_DEATH_ACCEPT_MINUTES": 15,
    "CHILD_DEATH_ASSIGN_TARGET_MINUTES": 60,
    "ONLINE_STAGE_HOURS": {
        "RESEARCH": 72,
        "PARTNER_REFERRAL": 24,
        "WARRANT": 72,
        "SAFEGUARDING_VISIT": 24,
        "OUTCOME": 720,
    },
    # Places and business concerns (issue 10, Operation Makesafe, DOMAIN.md §7), all [U]:
    # minutes to attend a young person still on site, hours for the MASH to triage any other
    # concern, this many records at a place within this many days raise its flag (reviewed
    # after PLACES_FLAG_REVIEW_DAYS), how far back a matched child's missing episodes are
    # checked against the place, and the longest description and room/booking detail.
    "PLACES_ON_SITE_MINUTES": 30,
    "PLACES_TRIAGE_HOURS": 24,
    "PLACES_RECUR_COUNT": 2,
    "PLACES_RECUR_DAYS": 90,
    "PLACES_FLAG_REVIEW_DAYS": 90,
    "PLACES_EPISODE_LOOKBACK_DAYS": 90,
    "PLACES_TEXT_MAX_LENGTH": 4000,
    "PLACES_SHORT_TEXT_MAX_LENGTH": 200,
}
