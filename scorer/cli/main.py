"""Command line entry point: registers the commands, turns user errors into messages and exit codes.

Only the standard library is imported at module level, so that Ctrl-C while the heavy libraries load
is handled like Ctrl-C at any other time: a one-line message, no traceback.
"""

from __future__ import annotations

import errno
import os
import signal
import sys


class Terminated(BaseException):
    """SIGTERM (kill, systemd, timeout) or SIGHUP (a closed terminal or ssh session) raised as an exception,
    so that files being written are cleaned up; args[0] is the signal's number."""


_RECEIVED: list[int] = []  # the stop signals delivered to scorer's handlers (`honour_signals`)
_STAMPED: list[bool] = []  # a command whose every line carries its time (scorer watch) said so: its last line does too


def stamp_last_line() -> None:
    """The run's last line (a stop by a signal, a failure said at the edge) begins with the time, as every other line
    of the command does: `scorer watch`, whose lines in the service's log all carry one (bt15i F9: 已终止 had none)."""
    _STAMPED.append(True)


def _terminate(signum, frame) -> None:
    _RECEIVED.append(signum)
    raise Terminated(signum)


def _interrupt(signum, frame) -> None:
    _RECEIVED.append(signum)
    raise KeyboardInterrupt


def signals_honoured() -> None:
    """The stop signals received so far were acted on by the command itself (`scorer watch`'s "stopped watching")."""
    _RECEIVED.clear()


def honour_signals() -> None:
    """Stop now if a stop signal (SIGINT, SIGTERM, SIGHUP) was delivered whose exception never reached the
    command: raised inside a finaliser (`__del__`, a weak reference's callback: Python prints "Exception ignored"
    and goes on), or caught by a library's or a guard's `except BaseException`. `scorer watch` calls it after
    every look and around its sleeps (bt16g F5: a SIGTERM in its first look was lost, the watcher ran on, and
    systemd would SIGKILL it), and every command when it ends. Raises KeyboardInterrupt or Terminated."""
    if _RECEIVED:
        number = _RECEIVED[-1]
        if number == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(number)


def main() -> None:
    """Run the CLI; user errors become messages and exit code 1, never a traceback.

    Exit codes: 0 done, 1 a problem with the input or an output path, 2 a usage error (an unknown
    option, a value of the wrong type: said in the language in use, scorer.cli.usage), 3 `report` could not
    write the PDF (WeasyPrint cannot load Pango) and wrote the HTML report beside it instead (app.HTML_INSTEAD), 130 Ctrl-C,
    143 SIGTERM, 129 SIGHUP, 70 a bug in scorer (the traceback with SCORER_DEBUG=1). A signal that comes
    once the command's last outputs are in place (scorer.atomic.finishing) does not stop it: it finishes,
    says so, and exits with its own code.
    """
    try:
        # Inside the try: a signal from here on is caught below (scorer_entry's quiet handlers cover the
        # moments before, while this module and the standard library load).
        ignored = _ignored_at_start()
        for sig, handler in ((signal.SIGINT, _interrupt), (signal.SIGTERM, _terminate),
                             (getattr(signal, "SIGHUP", None), _terminate)):  # no SIGHUP on Windows
            if sig is not None and sig not in ignored:  # an ignored signal stays ignored (nohup, a background job)
                signal.signal(sig, handler)
        _guard_stdout()
        from scorer.messages import language_of, set_language

        set_language(language_of(sys.argv[1:]))  # before anything speaks: --lang anywhere, else the locale
        from scorer.cli.streams import use_stand_ins

        for stream in (sys.stdout, sys.stderr):
            use_stand_ins(stream)  # a GBK console shows '-' for U+2212, "?" for what has no stand-in; never crashes
        if served(sys.argv[1:]):
            return
        from scorer.cli.app import app  # commands are imported when run (app.LazyGroup)

        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        try:
            code = app(standalone_mode=False)  # usage errors come here, to be said in the language in use
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except UsageError as exc:
            from scorer.cli.app import err, print_refusal
            from scorer.cli.usage import usage_problem

            problem = usage_problem(exc)
            err.print(problem.render(), markup=False, style="red")
            if getattr(exc, "ctx", None) is not None:
                print_refusal([problem], exc.exit_code, usage_ctx=exc.ctx)  # under --json, a JSON document too
            sys.exit(exc.exit_code)
        if code == 130:  # Ctrl-C inside a command: typer turns it into exit code 130, silently
            _stop(_stopped(signal.SIGINT) + _written_before(), 130)
        honour_signals()  # a stop swallowed on the way (a finaliser, a guard) still stops: said, its exit code
        sys.stdout.flush()  # here, not at exit: a full disk behind `> file` is said like any other failure
        _said_late()
        if isinstance(code, int) and not isinstance(code, bool) and code:
            sys.exit(code)  # typer.Exit(n)
    except KeyboardInterrupt:
        _stop(_stopped(signal.SIGINT) + _written_before(), 130)
    except Terminated as exc:
        number = exc.args[0] if exc.args else signal.SIGTERM
        _stop(_stopped(number) + _written_before(), 128 + number)
    except StdoutFailed as failed:
        from scorer.messages import msg, os_reason, tr

        exc = failed.args[0]
        if exc.errno == errno.EBADF:
            said = msg("cannot write to standard output: it is closed\n"
                       "run the command with its output going to a terminal, a file or a pipe")
        else:
            said = msg("cannot write to standard output: {why}\n"
                       "write to a disk with space, or name an output file (-o, --xlsx) instead", why=os_reason(exc))
        _stop(tr(said), 1)
    except Exception as exc:
        if _RECEIVED:  # a stop signal's exception re-raised as another (Python wraps one from a descriptor's
            number = _RECEIVED[-1]  # __set_name__ in RuntimeError while a class is made): the stop, never a bug (bt16k F3)
            _stop(_stopped(number) + _written_before(), 130 if number == signal.SIGINT else 128 + number)
        # A user error is a ScorerError (scorer.errors is not imported to print help, hence the look-up).
        errors = sys.modules.get("scorer.errors")
        if errors is not None and isinstance(exc, errors.ScorerError):
            from scorer.cli.app import print_problems, print_refusal

            print_problems(exc.problems, lambda p: "red" if p.severity == "error" else "yellow")
            print_refusal(exc.problems, 1)  # under --json, a JSON document on stdout too
            sys.exit(1)
        # a bug: say so plainly; the traceback only on request
        if os.environ.get("SCORER_DEBUG"):
            raise
        from scorer.messages import msg, path_refusal, tr

        if (said := path_refusal(exc)) is not None:  # the system refused a path the user gave: not a bug
            _refused_json("path_refused", said, 1)
            _stop(_as_error(said), 1)  # labelled as every other error, its advice as a hint (bt16k F7)

        if isinstance(exc, MemoryError):  # not a bug: the run needs more memory than the system allows it
            said = msg("out of memory: the run needs more memory than the system allows\n"
                       "give fewer --draws or a smaller peer table, or raise the memory limit (ulimit -v)")
            _refused_json("out_of_memory", said, 1)
            _stop(tr(said), 1)

        said = msg("internal error (a bug in scorer, please report it): {kind}: {error}\n"
                   "set SCORER_DEBUG=1 to see the traceback", kind=type(exc).__name__, error=exc)
        _refused_json("internal_error", said, 70)
        _stop(tr(said), 70)


def _as_error(said) -> str:
    """A refusal written "message\nadvice" (a `Text`) as the terminal writes every error: `error: message` and the
    advice on a `hint:` line below, in the language in use."""
    from scorer.errors import Problem
    from scorer.messages import both

    head_en, _, hint_en = str(said).partition("\n")
    head_zh, _, hint_zh = said.zh.partition("\n")
    return Problem(both(head_en, head_zh), hint=both(hint_en, hint_zh) if hint_en else None).render()


def _refused_json(code: str, said, exit_code: int) -> None:
    """Under --json, the JSON document of a run stopped by `said` (a catalogue Text), as for a refused one."""
    try:
        from scorer.cli.app import print_refusal
        from scorer.errors import Location, Problem

        print_refusal([Problem(said, Location(), code=code)], exit_code)
    except Exception:  # the stop line on stderr matters more than the document
        pass


COMMAND_PROG = 24  # the longest program name a command's stored help is served for: a longer one wraps its usage line


def served(args: list[str]) -> bool:
    """Print `scorer --help` or `scorer COMMAND --help` (`--lang zh|en` allowed around them) from
    scorer.cli.top_help, without loading typer, and say True; False (nothing printed) for anything else, and
    where typer's own help would differ from the stored text: a terminal under 80 columns (click wraps at
    min(columns, 80) − 2) or a program name long enough to wrap the usage line (40 characters; COMMAND_PROG
    for a command's help). The stored text is typer's output (tools/top_help.py, run and checked by
    tools/catalogue.py; a test compares it with the live help). A command's help cost ~4× `python -c pass`
    through typer, whose import was most of it (issue 17)."""
    from scorer.lang import lang_named

    rest, k = [], 0
    while k < len(args):
        if args[k] == "--lang" and k + 1 < len(args) and lang_named(args[k + 1]) is not None:
            k += 2
            continue
        if args[k].startswith("--lang=") and lang_named(args[k][7:]) is not None:
            k += 1
            continue
        rest.append(args[k])
        k += 1
    if rest != ["--help"] and not (len(rest) == 2 and rest[1] == "--help"):
        return False
    from shutil import get_terminal_size

    prog = program_name()
    if get_terminal_size().columns < 80 or len(prog) > (40 if len(rest) == 1 else COMMAND_PROG):
        return False
    from scorer.cli.top_help import COMMAND_TEXT, PROG, TEXT
    from scorer.messages import language

    if len(rest) == 2 and rest[0] not in COMMAND_TEXT:
        return False
    sys.stdout.write((TEXT if len(rest) == 1 else COMMAND_TEXT[rest[0]])[language()].replace(PROG, prog))
    sys.stdout.flush()
    return True


def program_name() -> str:
    """The program's name as click shows it in a usage line (its `_detect_program_name`): the script's file name,
    or `python -m PACKAGE` when run with -m."""
    main = sys.modules["__main__"]
    path = sys.argv[0]
    package = getattr(main, "__package__", None)
    if package in (None, "") or (os.name == "nt" and package == "" and not os.path.exists(path)
                                 and os.path.exists(f"{path}.exe")):
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    return f"python -m {(package if name == '__main__' else f'{package}.{name}').lstrip('.')}"
def _ignored_at_start() -> frozenset:
    """The signals ignored when the process started (scorer_entry.IGNORED: it looked before installing its
    own handlers); when this module is run without it (tests call main()), those ignored now."""
    entry = sys.modules.get("scorer_entry")
    if entry is not None:
        return entry.IGNORED
    return frozenset(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None))
                     if s is not None and signal.getsignal(s) == signal.SIG_IGN)


class StdoutFailed(Exception):
    """Writing to standard output failed (a full disk or /dev/full behind `> file`, a closed stdout): args[0]
    is the OSError. Raised by `_Stdout`, said once at the edge (exit 1), never as a bug."""


class _Stdout:
    """sys.stdout, whose write and flush turn an OSError into StdoutFailed (a broken pipe stays what it is:
    the reader has gone, as `| head` does); so do its binary buffer's (`.buffer`, which CSV output writes
    to). Everything else is the stream's own."""

    def __init__(self, stream):
        self._stream = stream

    @property
    def buffer(self):
        return _Stdout(self._stream.buffer)

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutFailed(exc) from None

    def flush(self):
        try:
            return self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutFailed(exc) from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _Closed:
    """The stand-in for a standard output that was closed when the process started (`>&-`)."""

    encoding, errors = "utf-8", "strict"

    def write(self, text):
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        return 1


def _guard_stdout() -> None:
    """Put `_Stdout` in sys.stdout's place. A standard output closed at start (`>&-`) gets /dev/null on its
    descriptor, so that no file this run opens takes descriptor 1, and a stand-in that refuses every write."""
    if isinstance(sys.stdout, _Stdout):
        return
    closed = sys.stdout is None
    try:
        os.fstat(1)
    except OSError:
        closed = True
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
    sys.stdout = _Stdout(_Closed() if closed else sys.stdout)


def _said_late() -> None:
    """A signal that came once the command's last outputs were in place (scorer.atomic.finishing) did not stop
    it: say so on stderr (the command then ends with its own exit code, 0 when it succeeded)."""
    atomic = sys.modules.get("scorer.atomic")
    late = atomic.late_signals() if atomic is not None else []
    if late:
        from scorer.fmt import for_terminal
        from scorer.messages import msg, tr

        sys.stderr.write(for_terminal(tr(msg("{signal} came once every output was written in full ({paths}): the command "
                                             "finished", signal=signal.Signals(late[0]).name,
                                             paths=", ".join(str(p) for p in atomic.written() if p.exists())))) + "\n")


def _stopped(signum: int) -> str:
    """The stop line for signal `signum` in the language in use (scorer.lang.stopped): the run's own once
    scorer.messages has read --lang, else the command line's and the locale's."""
    from scorer.lang import language_of, stopped

    messages = sys.modules.get("scorer.messages")
    return stopped(int(signum), messages.language() if messages is not None else language_of(sys.argv[1:]))


def _written_before() -> str:
    """For the stop line of an interrupted run: the outputs already renamed into place (complete files, the
    run stopped after writing them), as a second line; '' when none was (scorer.atomic.written)."""
    atomic = sys.modules.get("scorer.atomic")  # not imported: nothing was written
    done = [p for p in atomic.written() if p.exists()] if atomic is not None else []  # not a trial since removed
    if not done:
        return ""
    from scorer.messages import msg, tr

    return "\n" + tr(msg("written in full before it stopped: {paths}", paths=", ".join(map(str, done))))


def _stop(message: str, code: int) -> None:
    """Print a last line on stderr (plainly: the rich console may be what was being imported) and exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while stopping prints no traceback either
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        from scorer.fmt import for_terminal  # a path or an error's text may hold an ESC or a bidi override

        if _STAMPED:
            import time

            message = time.strftime("%Y-%m-%d %H:%M:%S ") + message
        sys.stderr.write(for_terminal(message) + "\n")
        sys.stderr.flush()
    finally:
        sys.exit(code)
