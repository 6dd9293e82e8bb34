"""Command line entry point: registers the commands, turns user errors into messages and exit codes."""

from __future__ import annotations

import os
import sys

from scorer.cli.app import app, err, utf8_capable
from scorer.errors import ScorerError


def _register_commands() -> None:
    import scorer.cli.analysis  # noqa: F401  (compare, uncertainty, plan)
    import scorer.cli.commands  # noqa: F401


def main() -> None:
    """Run the CLI; user errors become messages and exit code 1, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if not utf8_capable(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a GBK console shows "?" for a character it lacks, never crashes
    try:
        _register_commands()
        app()
    except ScorerError as exc:
        for p in exc.problems:
            err.print(p.render(), markup=False, style="red" if p.severity == "error" else "yellow")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        if os.environ.get("SCORER_DEBUG"):
            raise
        err.print(f"internal error (a bug in scorer, please report it): {type(exc).__name__}: {exc}\n"
                  "set SCORER_DEBUG=1 to see the traceback", markup=False)
        sys.exit(70)
