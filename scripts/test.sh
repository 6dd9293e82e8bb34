#!/usr/bin/env bash
# Set everything up, then run the test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCORER_SETUP_TESTS=1 source "$ROOT/scripts/setup.sh"
cd "$ROOT"
# One pytest worker per core (pytest-xdist), at most 4: the tests are independent (each writes under its
# own tmp_path) and most of their time is a scorer subprocess or a PDF rendered, so a 2-core CI machine
# runs the suite in about half the time. SCORER_TEST_WORKERS=0 runs it in one process.
workers="${SCORER_TEST_WORKERS:-$(nproc 2>/dev/null || echo 1)}"
[ "$workers" -gt 4 ] && workers=4
if [ "$workers" -gt 1 ]; then
  "$VENV/bin/python" -m pytest -q -n "$workers" "$@"
else
  "$VENV/bin/python" -m pytest -q "$@"
fi
