#!/usr/bin/env bash
# Installs annotator and opens it on the default project (the sample articles on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh
exec .venv/bin/annotator "$@"
