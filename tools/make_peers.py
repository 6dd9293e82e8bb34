"""Regenerate the default peer set (SYNTHETIC central-region national ETDZs) from the yardsticks.

The model and its assumptions are in indicators/peers/model.yaml; the figures it rests on are in
indicators/yardsticks.yaml; the generator is scorer.score.peer_model. This script is the same as
`scorer peers build --year 2023` (deterministic: seeded).

Run: `.venv/bin/python tools/make_peers.py [YEAR]` (writes indicators/peers/central-synthetic.csv and .yaml).
"""

from __future__ import annotations

import sys

from scorer.cli.main import main as cli_main

if __name__ == "__main__":
    year = sys.argv[1] if len(sys.argv) > 1 else "2023"
    sys.argv = [sys.argv[0], "peers", "build", "--year", year]
    cli_main()
