#!/usr/bin/env bash
# Sets up everything EO Lens needs on a fresh Debian/Ubuntu machine (or any machine with
# Python >= 3.11): the system libraries Qt needs to open a window (and Xvfb for headless
# screenshots), a virtual environment in .venv, and the pinned dependencies.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# The interpreter: $PYTHON when set; otherwise the distribution's python3 when it is new enough,
# else python3 on PATH. Distribution builds (Debian, Ubuntu, Fedora) are profile-guided and
# link libpython into the executable; a version manager's default build (pyenv: a shared
# libpython, no --enable-optimizations) ran the extraction rules, which are pure Python, about
# 15% slower on the same machine (benchmarks/extract.py: 141k against 167k words/s).
pick_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
  for candidate in /usr/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
         >/dev/null 2>&1; then
      echo "$candidate"; return
    fi
  done
  echo python3  # the version check below says what is wrong with it
}
DEBS="xvfb xauth libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-cursor0 \
libxcb-shape0 libxcb-randr0 libxcb-xfixes0 fonts-dejavu-core python3-venv"

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $DEBS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "bootstrap: installing Debian packages:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
  fi
fi

PY=$(pick_python)
"$PY" - <<'PYCHECK'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"EO Lens needs Python >= 3.11; {sys.executable} is {sys.version.split()[0]}")
PYCHECK

stamp=.venv/.eolens-installed
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
want=$(cat pyproject.toml packaging/constraints.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check \
    -c packaging/constraints.txt -e ".[dev]"
  echo "$want" > "$stamp"
fi
