"""`python -m scorer ARGS` for the tests, without paying the interpreter's start and scorer's imports each time.

Most of the suite's time was `scorer` commands run as subprocesses, and about half of each was Python
starting and importing pandas, pydantic, typer and WeasyPrint again (0.4–0.5 s CPU of a 0.9 s `score`). Here
each command still runs in a process of its own, as a user's would, but forked from a server process
(multiprocessing's "forkserver") that imported those libraries once: the child sets its arguments, working
folder and environment, points its stdout and stderr at pipes, runs scorer's own entry point
(scorer_entry.main, what `python -m scorer` runs) and exits with its exit code; a signal that ends it
gives a negative code, as subprocess does. The child also writes its exit code to a file before it exits:
under load, multiprocessing's forkserver can lose a child's status and report 255 for it (CPython issue
140867; a `scorer ingest` that printed its error and exited 1 came back as 255 in CI), and the file says
what the child's own exit code was.

What a forked child cannot show, a real subprocess is used for, chosen per call (`fresh_process_needed`):
  - an environment that differs from the server's in what Python or an import reads at start-up (the
    locale, PYTHON* variables such as PYTHONIOENCODING or PYTHONPATH for the tests' fault injection);
  - SCORER_TEST_SUBPROCESS=1: every command as a subprocess (what the suite did before; a check on this).
Tests of start-up itself (imports on the --help path, Ctrl-C during imports) run their own subprocesses.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# What the commands import (scorer.cli.app's lazy commands, the pipeline, the report and WeasyPrint).
PRELOAD = ["scorer.cli.entry", "scorer_entry", "scorer.cli.main", "scorer.cli.app", "scorer.cli.commands", "scorer.pipeline",
           "scorer.report", "weasyprint"]
_STARTUP = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC")
_lock = threading.Lock()
_server: dict = {}  # "ctx": the forkserver context, "env": the environment it started with


def _context() -> tuple[multiprocessing.context.BaseContext, dict]:
    with _lock:
        if not _server:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _server.update(ctx=ctx, env=dict(os.environ))
            ctx.Process(target=_noop).start()  # start the server now, with this environment
        return _server["ctx"], _server["env"]


def _noop() -> None:
    os._exit(0)


def fresh_process_needed(env: dict) -> bool:
    """Whether `env` differs from the server's in what is read at start-up (so a fork would not show it)."""
    if os.environ.get("SCORER_TEST_SUBPROCESS") == "1" or sys.platform == "win32":
        return True
    _, start = _context()
    keys = {k for k in set(env) | set(start) if k in _STARTUP or k.startswith("PYTHON")}
    return any(env.get(k) != start.get(k) for k in keys)


def _child(args: list[str], cwd: str, env: dict, out: str, err: str, ignored: list[int], status: str) -> None:
    """In the forked process: become `python -m scorer ARGS` run in `cwd` with `env`, output to the files, its exit
    code written to the file `status` as it exits."""
    code = 1
    try:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        for fd, path in ((1, out), (2, err)):
            f = os.open(path, os.O_WRONLY)  # a named pipe: a subprocess's stdout and stderr are pipes
            os.dup2(f, fd)
            os.close(f)
        encoding, errors = sys.__stdout__.encoding, sys.__stdout__.errors
        sys.stdout = sys.__stdout__ = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding=encoding,
                                                       errors=errors)
        sys.stderr = sys.__stderr__ = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding=encoding,
                                                       errors="backslashreplace", line_buffering=True)
        sys.stdin = open(os.devnull)  # noqa: SIM115
        for sig in ignored:  # the caller's ignored signals, as a subprocess inherits them
            signal.signal(sig, signal.SIG_IGN)
        import scorer
        import scorer.cli.entry  # noqa: F401  (it finds scorer_entry, in an older install too)
        import scorer_entry as entry

        sys.argv = [str(Path(scorer.__file__).parent / "__main__.py"), *args]
        entry._LANG = entry.language_of(args)
        entry.IGNORED = frozenset(sig for sig in entry._SIGNALS if signal.getsignal(sig) == signal.SIG_IGN)
        entry.quiet_signals()
        try:
            entry.main()
            code = 0
        except SystemExit as exc:
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 — as Python's own exit: a failed flush is exit code 120
                code = code or 120
    except BaseException:  # noqa: BLE001 — what would have been an uncaught error: its traceback, code 1
        import traceback

        traceback.print_exc()
        try:
            sys.stderr.flush()
        except Exception:  # noqa: BLE001
            pass
    finally:
        try:
            with open(status, "w") as f:
                f.write(str(code & 0xFF))
        except OSError:
            pass
        os._exit(code & 0xFF)


def _decode(data: bytes) -> str:
    """As subprocess.run(text=True): the locale's encoding, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=None).read()


def run_scorer(args: list[str], cwd: Path, env: dict | None, timeout: float) -> subprocess.CompletedProcess:
    """`python -m scorer ARGS` in `cwd` (env None: this process's environment): a forked child of the
    preloaded server, or a subprocess where a fork would not show what a user's process would."""
    cmd = [sys.executable, "-m", "scorer", *args]
    env_used = dict(os.environ) if env is None else dict(env)
    if fresh_process_needed(env_used):
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)
    ctx, _ = _context()
    ignored = [int(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP) if signal.getsignal(s) == signal.SIG_IGN]
    with tempfile.TemporaryDirectory(prefix="scorer-cli-") as tmp:
        # Pipes, as subprocess gives (scorer writes a BOM before CSV to a file, none to a pipe): named pipes, since
        # the child is the server's, not ours; read by two threads here while the child writes.
        paths = [os.path.join(tmp, "stdout"), os.path.join(tmp, "stderr")]
        got: dict[str, bytes] = {}

        def read(path: str) -> None:
            with open(path, "rb") as f:
                got[path] = f.read()

        readers = []
        for path in paths:
            os.mkfifo(path)
            readers.append(threading.Thread(target=read, args=(path,), daemon=True))
            readers[-1].start()
        status = os.path.join(tmp, "status")
        p = ctx.Process(target=_child, args=(list(args), str(cwd), env_used, *paths, ignored, status))
        p.start()
        p.join(timeout)
        timed_out = p.exitcode is None
        if timed_out:
            p.kill()
            p.join()
        for path, reader in zip(paths, readers):
            reader.join(0.05)
            if reader.is_alive():  # the child never opened it (it died first): open and close it, for EOF
                try:
                    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
                except OSError:
                    pass
            reader.join()
        out, err = (_decode(got.get(path, b"")) for path in paths)
        if timed_out:
            raise subprocess.TimeoutExpired(cmd, timeout, out, err)
        return subprocess.CompletedProcess(cmd, _exit_code(p.exitcode, status), out, err)


def _exit_code(reported: int, status: str) -> int:
    """The child's exit code: as the forkserver reported it, unless that is the 255 it gives for a status it lost
    (CPython issue 140867) and the child wrote its own code to `status` as it exited."""
    if reported != 255:
        return reported
    try:
        with open(status) as f:
            return int(f.read())
    except (OSError, ValueError):
        return reported
