#!/usr/bin/env bash
# Set everything up, then score the bundled sample zone and write its PDF report to reports/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
"$VENV/bin/scorer" report examples -o reports/sample-zhoukou.pdf "$@"
