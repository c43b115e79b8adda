#!/usr/bin/env bash
# README command 1: from a fresh machine to the running demo at http://127.0.0.1:8000 with the
# synthetic force loaded and a sign-in printed for every role.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DJANGO_SETTINGS_MODULE=config.settings.local
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo --size "${SAFEGUARD_DEMO_SIZE:-demo}" --seed 1
echo
echo "Safeguard is starting at http://127.0.0.1:8000 (Ctrl+C stops it)."
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
