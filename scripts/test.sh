#!/usr/bin/env bash
# README command 2: the whole test suite, as CI runs it (.ci/run calls this script).
# Lint, types, import contracts, migrations check, OpenAPI drift, then the tests on SQLite
# (with coverage gates) and again on PostgreSQL, browser journeys included; the slow tier
# (pytest -m slow: the linkage model on Spark) runs on SQLite only.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
started=$SECONDS

CHROMIUM="${SAFEGUARD_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "Installing Debian's chromium for the browser tests..."
  apt_install chromium
fi
if ! command -v java >/dev/null 2>&1; then
  echo "Installing Debian's Java runtime for the Spark linkage tests..."
  apt_install default-jre-headless
fi
bash scripts/setup.sh
export DJANGO_SETTINGS_MODULE=config.settings.test
PY=.venv/bin/python

step "Lint (ruff)" .venv/bin/ruff check .
step "Format (ruff)" .venv/bin/ruff format --check .
step "Types (mypy)" .venv/bin/mypy safeguard config tests conftest.py
step "Import contracts (import-linter)" .venv/bin/lint-imports --no-cache
step "Migrations are complete" $PY manage.py makemigrations --check --dry-run
schema_check() {
  local fresh
  fresh="$(mktemp)"
  $PY manage.py spectacular --validate --fail-on-warn --file "$fresh"
  diff -u schema.yml "$fresh" || { echo "schema.yml is stale: run 'manage.py spectacular --file schema.yml'" >&2; return 1; }
}
step "OpenAPI schema has not drifted" schema_check

step "Tests on SQLite (with coverage)" env -u DATABASE_URL .venv/bin/coverage run -m pytest -q "$@"
coverage_gates() {
  .venv/bin/coverage report --fail-under=100 --skip-covered \
    --include='safeguard/*/rules/*,safeguard/access/*,safeguard/audit/*' \
    --omit='*/tests/*,*/migrations/*,safeguard/*/web/*,safeguard/*/api/*,*/management/*'
  .venv/bin/coverage report --fail-under=90 | tail -n 1
}
step "Coverage: 100% branch for rules, access, audit; 90% overall" coverage_gates

DATABASE_URL="$(bash scripts/postgres.sh)"
export DATABASE_URL
# The slow tier (Splink on Spark) touches no database worth a second run: SQLite only.
step "Tests on PostgreSQL ($DATABASE_URL)" .venv/bin/pytest -q -m "not slow" "$@"
echo
echo "All checks passed in $((SECONDS - started)) s."
