#!/usr/bin/env bash
# Start a throw-away PostgreSQL for the test suite, as the postgres user, on 127.0.0.1.
# Prints the DATABASE_URL to use. Installs Debian's postgresql if it is missing (needs root).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PORT="${SAFEGUARD_PG_PORT:-5432}"
DATA="${SAFEGUARD_PG_DATA:-/tmp/safeguard-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "Installing PostgreSQL from Debian..." >&2
  apt_install postgresql >&2
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
if "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
  echo "postgresql://postgres@127.0.0.1:$PORT/safeguard"
  exit 0
fi
# No server answers: start a fresh cluster (a killed one may have left a stale lock file).
rm -rf "$DATA"
mkdir -p "$DATA"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DATA"; fi
as_postgres "$BIN/initdb" -D "$DATA" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "postgresql://postgres@127.0.0.1:$PORT/safeguard"
