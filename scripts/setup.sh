#!/usr/bin/env bash
# Install what Safeguard needs to run: Python packages from uv.lock, GOV.UK Frontend from npm,
# compiled assets. Idempotent; used by scripts/demo.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; }
PYTHON="${PYTHON:-python3}"
if ! python_ok "$PYTHON"; then
  echo "Safeguard needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
# uv runs as a module of the chosen Python, so a fresh machine needs nothing on its PATH.
if ! "$PYTHON" -m uv --version >/dev/null 2>&1; then
  echo "Installing uv (the Python package manager) with pip..."
  "$PYTHON" -m pip install --quiet --disable-pip-version-check uv 2>/dev/null \
    || "$PYTHON" -m pip install --quiet --disable-pip-version-check --user uv
fi
command -v npm >/dev/null 2>&1 || { echo "Safeguard needs npm (Node.js 18+) for its front-end assets." >&2; exit 1; }

# pdqhash (the PDQ perceptual hash for media triage) publishes source only: it compiles.
if ! command -v g++ >/dev/null 2>&1; then
  echo "Installing Debian's C++ compiler to build pdqhash..."
  source scripts/lib.sh
  apt_install g++ python3-dev
fi
# WeasyPrint (the inspection pack) draws text with Pango and needs a font.
if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  echo "Installing Debian's Pango and DejaVu fonts for the PDF inspection pack..."
  source scripts/lib.sh
  apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi
echo "Installing Python packages from uv.lock..."
"$PYTHON" -m uv sync --frozen --python "$PYTHON" --quiet
echo "Installing front-end packages from package-lock.json..."
npm ci --silent --no-audit --no-fund
npm run -s build
