"""The console script's entry point (`scorer`, `python -m scorer`): quiet signal handlers first, then the CLI.

This module imports nothing but three built-in modules and `scorer.lang` (which imports only them), so that its first statements run a moment after
Python has started: from then on, Ctrl-C (SIGINT), SIGTERM or SIGHUP while the command line and the
heavy libraries load ends the process with one line on stderr and the usual exit code (130, 143, 129),
never a traceback. Nothing is written yet at that stage, so nothing needs cleaning up; once
`scorer.cli.main.main` runs, its own handlers take over (files being written are removed). When it
returns, the command is done: from then on these signals are ignored while the process exits.

What no Python code can reach (said in README, "Interrupting a command"): a signal during the
interpreter's own start-up. CPython installs its SIGINT handler before it imports `site` (which
reads the virtual environment's pyvenv.cfg and its .pth files); Ctrl-C inside that import makes
CPython itself stop with "Fatal Python error: init_import_site" and a traceback, before any of this
package runs. Then the few statements between: the console script's `import sys` and the import of
the `scorer` and `scorer.cli` packages (standard library only, no I/O).
"""

import _signal
import os
import sys

from scorer.lang import language_of, stopped  # os and sys only

_LANG = language_of(sys.argv[1:])  # the stop line's language: --lang, else the locale (scorer.lang)
_SIGNALS = [getattr(_signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(_signal, name)]


def _quiet(signum, frame) -> None:
    """Stop now: one line on stderr, exit 128 + the signal's number (os._exit: no clean-up to run, no traceback)."""
    try:
        os.write(2, (stopped(signum, _LANG) + "\n").encode("utf-8"))
    finally:
        os._exit(128 + signum)


# The signals ignored when the process started (`nohup` ignores SIGHUP; a shell ignores SIGINT and SIGQUIT in
# a background job it runs without job control): they stay ignored, as POSIX programs leave them (a `nohup
# scorer watch … &` must outlive the terminal it was started from). scorer.cli.main reads this too.
IGNORED = frozenset(sig for sig in _SIGNALS if _signal.getsignal(sig) == _signal.SIG_IGN)


def quiet_signals() -> None:
    """SIGINT, SIGTERM and SIGHUP (where it exists) stop the process at once, quietly; those ignored when the
    process started (IGNORED) are left ignored."""
    for sig in _SIGNALS:
        if sig not in IGNORED:
            _signal.signal(sig, _quiet)


quiet_signals()  # at import: before the CLI and its libraries load

# pyarrow (which pandas loads for the Parquet export) reserves about 1.2 GB of address space for its default
# memory pool (mimalloc) once loaded: under an address-space limit (ulimit -v, a batch scheduler) a Monte
# Carlo of 5 000 draws using some 210 MB died with MemoryError. The system allocator reserves what it uses.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def main() -> None:
    """Run the CLI (scorer.cli.main.main) under quiet handlers until it installs its own, and again after it."""
    try:
        from scorer.cli.main import main as run_cli

        run_cli()
    finally:
        # The command is done, its last line printed: a signal now is ignored, and the process ends with the
        # command's own exit code a moment later. (With a handler, a SIGTERM here said 已终止 and exit 143
        # after "wrote …"; once Python's shutdown resets handlers to the default, it killed the process
        # silently, -15. CPython leaves an ignored signal ignored through its shutdown.)
        for sig in _SIGNALS:
            _signal.signal(sig, _signal.SIG_IGN)
