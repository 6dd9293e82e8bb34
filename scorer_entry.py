"""The `scorer` console script's entry point (pyproject.toml): signal handlers first, then the command line.

A module of its own, outside the `scorer` package, so that the console script's `from scorer_entry import
main` finds and runs this file alone: its first statement installs the handlers for SIGINT, SIGTERM and
SIGHUP, before any other module is looked for on disk. (As `scorer.cli.entry`, the `scorer` and `scorer.cli`
packages and `scorer.lang` had to be found and run first, through setuptools' import hook in an editable
install: a Ctrl-C in those milliseconds printed a KeyboardInterrupt traceback, bt16 F7.)

From then on, Ctrl-C (SIGINT), SIGTERM or SIGHUP while the command line and the heavy libraries load ends
the process with one line on stderr and the usual exit code (130, 143, 129), never a traceback. Until the
stop line's language is known (`scorer.lang`, standard library only, a moment later), a signal is noted and
acted on as soon as it is. Nothing is written yet at that stage, so nothing needs cleaning up; once
`scorer.cli.main.main` runs, its own handlers take over (files being written are removed). When it returns,
the command is done: from then on these signals are ignored while the process exits.

What no Python code can reach (README, "Interrupting a command"): a signal while the interpreter itself
starts, before it runs the console script (CPython installs its SIGINT handler, then imports `site`: a
Ctrl-C there makes CPython stop with "Fatal Python error" and a traceback of its own), and the console
script's own `import sys` and its look-up of this module.
"""

import _signal  # built in, and loaded by the interpreter already: nothing to find on disk

_SIGNALS = [getattr(_signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(_signal, name)]
# The signals ignored when the process started (`nohup` ignores SIGHUP; a shell ignores SIGINT and SIGQUIT in
# a background job it runs without job control): they stay ignored, as POSIX programs leave them (a `nohup
# scorer watch … &` must outlive the terminal it was started from). scorer.cli.main reads this too.
IGNORED = frozenset(sig for sig in _SIGNALS if _signal.getsignal(sig) == _signal.SIG_IGN)
_EARLY: list = []  # signals received before the stop line's language is known


def _note(signum, frame) -> None:
    _EARLY.append(signum)


for _sig in _SIGNALS:  # at once: the first thing this module does
    if _sig not in IGNORED:
        _signal.signal(_sig, _note)

import os  # noqa: E402  (os and sys: loaded by the interpreter's start-up already)
import sys  # noqa: E402

from scorer.lang import language_of, stopped  # noqa: E402  (os and sys only)

_LANG = language_of(sys.argv[1:])  # the stop line's language: --lang, else the locale (scorer.lang)


def _quiet(signum, frame) -> None:
    """Stop now: one line on stderr, exit 128 + the signal's number (os._exit: no clean-up to run, no traceback)."""
    try:
        os.write(2, (stopped(signum, _LANG) + "\n").encode("utf-8"))
    finally:
        os._exit(128 + signum)


def quiet_signals() -> None:
    """SIGINT, SIGTERM and SIGHUP (where it exists) stop the process at once, quietly; those ignored when the
    process started (IGNORED) are left ignored."""
    for sig in _SIGNALS:
        if sig not in IGNORED:
            _signal.signal(sig, _quiet)


quiet_signals()  # at import: before the CLI and its libraries load
if _EARLY:  # a signal came while the language was being found: it stops the run now
    _quiet(_EARLY[0], None)

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
