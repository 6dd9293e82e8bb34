#!/usr/bin/env bash
# Set everything up, then run the test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCORER_SETUP_TESTS=1 source "$ROOT/scripts/setup.sh"
cd "$ROOT"
"$VENV/bin/python" -m pytest -q "$@"
