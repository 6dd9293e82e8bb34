"""Command line for what-if analysis: scenarios, uncertainty and the path to the target (issue 5)."""

from __future__ import annotations

from scorer.cli import app  # noqa: F401  (commands below register themselves on the shared app)
