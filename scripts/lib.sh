# Shared shell helpers for scripts/*.sh.

apt_install() {
  # Install Debian packages (as root, or through sudo when there is one).
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Please install: $* (needs root)" >&2; return 1; }
    sudo="sudo"
  fi
  if [ ! -f /tmp/.safeguard-apt-updated ]; then
    $sudo apt-get update -qq && touch /tmp/.safeguard-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step() {
  # Run one named step, timing it.
  local name="$1"; shift
  local started=$SECONDS
  echo
  echo "==> $name"
  "$@"
  echo "    ($name: $((SECONDS - started)) s)"
}
