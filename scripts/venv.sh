#!/usr/bin/env bash
# Creates .venv with Python >= 3.12 (PySide6 6.12 aborts on 3.11) and installs the project into it.
#   scripts/venv.sh [EXTRAS]    e.g. scripts/venv.sh test,dev
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  py=""
  for cand in python3.13 python3.12 python3; do
    if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      py="$cand"; break
    fi
  done
  if [ -z "$py" ]; then
    for cand in "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3; do [ -x "$cand" ] && py="$cand"; done
  fi
  [ -n "$py" ] || { echo "venv.sh: Python 3.12 or newer is needed" >&2; exit 1; }
  "$py" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
spec="."
[ -n "${1:-}" ] && spec=".[$1]"
.venv/bin/python -m pip install -q -e "$spec"
