#!/usr/bin/env bash
# Installs the test extras (and PostgreSQL for the storage suite) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh test
bash scripts/venv.sh test,dev
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
