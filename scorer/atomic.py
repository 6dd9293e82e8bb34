"""Every file the tool writes goes through here: checked, written to a unique temporary file beside the target, then renamed over it."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import stat
import tempfile
import threading
import unicodedata
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from scorer.errors import ScorerError
from scorer.messages import shown
from scorer.messages import N_, backslash_hint, msg, os_reason

# Temporary files are named `.NAME.scorer-HOST-PID-XXXXXXXX.tmp`: HOST (`host_tag`) and PID say which process on
# which machine writes it, so that a later run may remove it once that process is gone (`sweep_stale`).
_TMP_RE = re.compile(r"^\..*\.scorer-([0-9a-f]{8})-(\d+)-[A-Za-z0-9_]+\.tmp$")
_NAME_ROOM = 120  # bytes of the target's name kept in the temporary name (file names are ≤ 255 bytes)

_WHY = {
    errno.EISDIR: (N_("the output is a folder, not a file"), N_("name a file inside it")),
    errno.ENOTDIR: (N_("a part of the output path, {folder}, is a file, not a folder"),
                    N_("choose an output path whose folders are folders")),
    errno.EACCES: (N_("no permission to write in {folder}"), N_("choose a folder you can write to, or ask for write access")),
    errno.EPERM: (N_("no permission to write in {folder}"), N_("choose a folder you can write to, or ask for write access")),
    errno.EROFS: (N_("{folder} is on a read-only file system"), N_("choose a folder on a writable disk")),
    errno.ENOSPC: (N_("the disk is full (no space left on the device)"), N_("free some space or write to another disk; "
                                                                         "any earlier file at this path is unchanged")),
    errno.EDQUOT: (N_("the disk quota is used up"), N_("free some space or write to another disk; "
                                                       "any earlier file at this path is unchanged")),
    errno.ENAMETOOLONG: (N_("the file name is too long"), N_("choose a shorter name")),
    # one wording with messages.path_refusal's, the cause first: a run's ulimit -f more often than a file system's limit
    errno.EFBIG: (N_("the file is too large: over the file-size limit of this run (ulimit -f) or of its file system"),
                  N_("raise the file-size limit (ulimit -f), or write to a disk that takes files this large")),
    errno.ENODEV: (N_("the output exists and is not a regular file (a device, pipe or socket)"),
                   N_("name a new or ordinary file; scorer replaces only regular files")),
}


# Windows' sharing violation and lock violation (winerror of the OSError): another program has the file open.
_IN_USE = (32, 33)


def replace_error(out: Path | str, exc: OSError) -> ScorerError:
    """The error for the last step of a write, the rename of the finished temporary file over `out`. The temporary
    file was just written in the same folder, so a refusal here (EACCES, EPERM; on Windows WinError 32, 33 or 5) is
    not the folder's permission but the file itself: on an analyst's PC last quarter's report still open in a PDF
    reader, or the --xlsx in Excel or WPS (bt15j F15: this was said "no permission to write in the folder", and the
    analyst was sent to ask IT for access). Any other error: `output_error`."""
    if exc.errno in (errno.EACCES, errno.EPERM) or getattr(exc, "winerror", None) in _IN_USE:
        return _in_use(Path(out))
    return output_error(out, exc)


def _in_use(out: Path) -> ScorerError:
    return ScorerError.at(msg("cannot replace the output: the file is open in another program (a PDF reader, Excel or "
                              "WPS) or locked; the earlier file is unchanged"), file=out,
                          hint=msg("close {name} in that program and run again", name=out.name))


def output_error(out: Path | str, exc: OSError, example: str | None = None) -> ScorerError:
    """A located error for an OS error on an output path: names the output and the cause, says what to do.

    `example`: a file name of the output's kind (`report.pdf`, `draws.csv`, `plan.yaml`), proposed inside `out`
    when `out` is a folder (bt16 F11: report.pdf was proposed for every kind of output); without it, no name."""
    out = Path(out)
    if getattr(exc, "winerror", None) in _IN_USE:  # Windows says the file is in use, whatever the step
        return _in_use(out)
    what, hint = _WHY.get(exc.errno, (None, N_("check the output path")))
    folder = _existing_ancestor(out.parent)
    why = msg(what, folder=folder, out=out) if what else os_reason(exc)  # the system's own words, named in Chinese
    if exc.errno == errno.EISDIR and example:
        said = msg("name a file inside it, e.g. {file}", file=out / example)
    else:
        said = msg(hint, folder=folder, out=out)
    return ScorerError.at(msg("cannot write the output: {why}", why=why), file=out, hint=said)


def check_writable(out: Path | str, example: str | None = None) -> None:
    """Refuse, before any work, an output path that cannot be a file: a folder, a device, FIFO or socket
    (directly or through a symbolic link), below a file, or in a folder we cannot write. `example`: a file
    name of the output's kind, proposed inside `out` when it is a folder (`output_error`)."""
    out = Path(out)
    refuse_backslashes(out)
    try:
        mode = os.stat(out).st_mode  # through a symbolic link: a link to /dev/full is refused too
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise output_error(out, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)), example)
    if mode is not None and not stat.S_ISREG(mode):
        # Renaming over /dev/full, a FIFO or a socket would replace it (as root, the device itself).
        raise output_error(out, OSError(errno.ENODEV, os.strerror(errno.ENODEV)))
    ancestor = _existing_ancestor(out.parent)
    if not ancestor.is_dir():
        raise output_error(out, NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)))
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise output_error(out, _why_unwritable(ancestor))


def check_output_folder(folder: Path | str) -> None:
    """Refuse, before any work, an output folder (`watch -o`, `import-coinr -o`) that cannot hold files: an
    existing path that is not a folder (a regular file, a device, FIFO or socket, directly or through a
    symbolic link), a path below a file, or a folder (or its nearest existing parent, when it is to be made)
    we cannot write in. A ScorerError naming `folder` (bt16h F1: `watch -o FILE` started, "reports to FILE",
    and failed only at its first report)."""
    folder = Path(folder)
    refuse_backslashes(folder)
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISDIR(mode):
        raise ScorerError.at(msg("the output folder is {what}, not a folder", what=kind_of(mode)), file=folder,
                             hint=msg("name a folder (a missing one is made)"))
    ancestor = folder if mode is not None else _existing_ancestor(folder)
    if not ancestor.is_dir():
        raise ScorerError.at(msg("cannot make the output folder: a part of its path, {folder}, is a file",
                                 folder=ancestor), file=folder, hint=msg("choose an output path whose folders are folders"))
    if not os.access(ancestor, os.W_OK | os.X_OK):
        what, hint = _WHY[_why_unwritable(ancestor).errno]
        raise ScorerError.at(msg("cannot write the output: {why}", why=msg(what, folder=ancestor)), file=folder,
                             hint=msg(hint))


def kind_of(mode: int):
    """What a file of this `st_mode` is, in words (a regular file, a folder, a FIFO (named pipe), a socket, a
    character device, a block device, a symbolic link), for messages refusing a path of the wrong kind."""
    for test, words in ((stat.S_ISREG, N_("a regular file")), (stat.S_ISDIR, N_("a folder")),
                        (stat.S_ISFIFO, N_("a FIFO (named pipe)")), (stat.S_ISSOCK, N_("a socket")),
                        (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")),
                        (stat.S_ISLNK, N_("a symbolic link"))):
        if test(mode):
            return msg(words)
    return msg("a special file")


def refuse_backslashes(out: Path | str) -> None:
    """Refuse an output path that would make a file or folder with a \\ in its name where only / separates
    folders (`scorer.messages.backslash_hint`): `-o reports\\sub\\a.pdf` on Linux made one file of that name
    in the current folder and said it had written reports\\sub\\a.pdf (bt15 F23). A file or folder that
    already exists under such a name (made on purpose) may be written to or into."""
    hint = backslash_hint(out)
    if hint is None:
        return
    out = Path(out)
    for part in (*reversed(out.parents), out):
        if "\\" in part.name and not os.path.lexists(part):
            raise ScorerError.at(msg("the output path holds a backslash (\\): here it would become part of a file's "
                                     "name, not a folder"), file=out, hint=hint)


def _why_unwritable(folder: Path) -> OSError:
    """Why a folder os.access says we cannot write in refuses us: a read-only file system (a CD, a share or
    disk mounted read-only: EROFS, said as such, not as a missing permission), else no permission (EACCES)."""
    try:
        if os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return OSError(errno.EROFS, os.strerror(errno.EROFS))
    except (OSError, AttributeError):  # no statvfs (Windows): said as a permission
        pass
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES))


_READ: dict[str, Path] = {}  # every input file the run has read (`note_read`), by absolute path
_IN_RUN: list[bool] = []  # [True] between `start_run` and `end_run`


def note_read(path: Path | str) -> None:
    """Record that the run in progress reads `path` as an input (a workbook, a YAML file, a peer or COINr table);
    first refuse a path that is no regular file (a FIFO, a socket, a device: `check_input`), before it is opened.

    Every reader of an input calls this (scorer.yamlio.load_yaml for every YAML file, the workbook, peer-table
    and COINr-table readers), so that the set of inputs is the one list of the files actually read, not a list
    kept by hand beside the loaders: every write (`write_together`, `write_streamed`) refuses an output that is
    any of them (bt16g F1: a framework's rules.yaml, effort.yaml and peer table, read because they lie beside
    it, were overwritten by `plan --scenario` and `uncertainty --export`). A run is a command of the CLI
    (`start_run`); outside one (scorer used as a library: load a scenario, change it, save it back) nothing is
    recorded and a write refuses only the `inputs` it is given."""
    check_input(path)
    if _IN_RUN:
        _READ.setdefault(os.path.abspath(path), Path(path))


def check_input(path: Path | str) -> None:
    """Refuse, before it is opened, an input that exists and is neither a regular file nor a folder: a FIFO, a
    socket, a device (directly or through a symbolic link). A ScorerError naming `path` and what it is (bt16h F9:
    opening a FIFO waits for a writer, so a FIFO named f.yaml among `compare`'s scenarios, or as the workbook,
    hung the command for ever; a FIFO as the peer table was 'not found'). A path that is missing or cannot be
    looked up passes: its reader says so in its own words. `note_read` calls this for every input read."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ScorerError.at(msg("not a regular file but {what}: not read", what=kind_of(mode)), file=path,
                             hint=msg("name the file itself; scorer reads only regular files (and folders of them)"))


def is_special(path: Path | str) -> bool:
    """Whether `path` exists and is neither a regular file nor a folder (a FIFO, a socket, a device; through a
    symbolic link too): listing a folder, such an entry is kept so that its reader refuses it by name
    (`check_input`), never skipped without a word nor opened (bt16h F9)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def start_run() -> None:
    """Begin a run (the CLI, before each command): from now on every file read is recorded (`note_read`)."""
    _READ.clear()
    _IN_RUN[:] = [True]


def end_run() -> None:
    """End the run begun by `start_run` (the CLI, when the command ends): its record is dropped."""
    _READ.clear()
    _IN_RUN.clear()


def files_read() -> list[Path]:
    """The input files the run in progress has read so far (`note_read`), as they were named, first read first."""
    return list(_READ.values())


def refuse_inputs(out: Path | str, inputs: Iterable[Path | str | None]) -> None:
    """Refuse an output that is one of the inputs: the same file by name, symbolic link or hard link.

    The message names the input as the user spelled the output when one of the inputs is that very path (a
    folder's workbook W.xlsx that also has a hard link hard.xlsx: `-o W.xlsx` names W.xlsx, bt16g F7a), else
    one of the same name, else the first input that is the same file."""
    out = Path(out)
    try:
        if not out.exists():  # a name too long for the system raises here (ENAMETOOLONG), not False
            return
    except OSError as exc:
        raise output_error(out, exc) from None
    same = []
    for given in inputs:
        try:
            if given is not None and Path(given).exists() and os.path.samefile(out, given):
                same.append(given)
        except OSError:
            continue  # an input path the system cannot even look up is not this output
    if same:
        given = min(same, key=lambda g: (os.path.abspath(g) != os.path.abspath(out), Path(g).name != out.name))
        raise ScorerError.at(msg("the output would overwrite the input {given}", given=given), file=out,
                             hint=msg("choose another output path; scorer never writes over what it reads"))


def write_atomic(out: Path | str, data: bytes | str, inputs: Iterable[Path | str | None] = ()) -> None:
    """Write `data` (str as UTF-8) to `out` through a unique temporary file renamed over it.

    A failure or an interruption (Ctrl-C, SIGTERM) removes the temporary file and leaves any earlier
    file at `out` as it was. Refuses an `out` that is one of `inputs` or any file this process has read
    (`files_read`). Stale temporary files left in the
    folder by a killed run are removed first. Raises ScorerError naming `out` for every OS error.
    """
    write_together([(out, data)], inputs)


def write_together(files: Sequence[tuple[Path | str, bytes | str]], inputs: Iterable[Path | str | None] = (),
                   check: Callable[[list[Path]], None] | None = None) -> None:
    """Write several files that belong together (a framework.yaml and its data.csv, a peer table and its
    sidecar YAML) so that they are replaced as a pair, never one new beside one old.

    Every target is checked first (none may be one of `inputs` or of `files_read()`, or unwritable), then each is written in full to
    its own unique temporary file; only when all are written are they renamed over their targets, one
    after another, with SIGINT, SIGTERM and SIGHUP held back until the last rename is done (`held_signals`;
    for a single file nothing is held: a signal before its rename leaves the earlier file). An error or an
    interruption before the renames removes every temporary file and leaves all the earlier files as they
    were. Each file renamed into place is recorded (`written`). What no process can prevent: SIGKILL or a power cut in the microseconds between
    two renames of the same folder. Raises ScorerError naming the output for every OS error.

    `check`, when given, is called with the temporary files (in the order of `files`) once all are written and
    before any is renamed: whatever it raises leaves every earlier file as it was (bt16j F5: import-coinr checks
    that the framework it wrote loads before it replaces the folder's earlier framework.yaml).
    """
    inputs = [*inputs, *files_read()]
    # Text is UTF-8; a file name's undecodable bytes in it (lone surrogates) are written as \\xNN (scorer.fmt.shown).
    targets = [(Path(out), shown(data).encode("utf-8") if isinstance(data, str) else data) for out, data in files]
    for out, _ in targets:
        refuse_inputs(out, inputs)
        try:
            check_writable(out)
        except OSError as exc:
            raise output_error(out, exc) from None
    temps: list[tuple[Path, Path]] = []
    folders: list[Path] = []  # the folders made for the outputs: removed again if they stay empty
    try:
        for out, payload in targets:
            temps.append((_write_temporary(out, payload, folders), out))
        if check is not None:
            check([tmp for tmp, _ in temps])
        # One file: a signal before its rename keeps the old. A command's last outputs (`finishing`): held too, and
        # once the last rename is done the command has nothing left to lose: it finishes (`late_signals`).
        last = _FINISHING[-1] if _FINISHING else False
        with held_signals(complete=last) if len(temps) > 1 or last else nullcontext():
            for tmp, out in temps:
                try:
                    os.replace(tmp, out)
                except OSError as exc:
                    raise replace_error(out, exc) from None
                finally:
                    # Renamed or not, as the file system says (a signal may strike just before or after the call).
                    if not tmp.exists() and out not in _WRITTEN:
                        _WRITTEN.append(out)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        _remove_if_empty(folders)


def _write_temporary(out: Path, payload: bytes, folders: list[Path]) -> Path:
    """`payload` in a new unique temporary file beside `out` (flushed to disk, an ordinary file's mode); the
    folders made for it are added to `folders`."""
    fd, tmp = _open_temporary(out, folders)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            _finish_temporary(fh, tmp)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_error(out, exc) from None
        raise
    return tmp


def _open_temporary(out: Path, folders: list[Path]) -> tuple[int, Path]:
    """A new unique temporary file beside `out` (stale ones of killed runs swept first): its descriptor and path.
    The folders missing on the way to it are made, and added to `folders` (deepest last) for the caller to
    remove if the write fails (`_remove_if_empty`).

    SIGINT, SIGTERM and SIGHUP are held while the file is created: one arriving inside mkstemp, after it made
    the file and before it returned the name, left a 0-byte `.NAME.scorer-PID-….tmp` that nobody knew of (bt16
    F8). The held signal is delivered once the name is known, and then the file is closed and removed here."""
    made: list[tuple[int, Path]] = []
    try:
        with held_signals():  # a folder made is recorded before a signal can stop the run
            _make_folders(out.parent, folders)
        sweep_stale(out.parent)
        with held_signals():
            fd, name = tempfile.mkstemp(prefix=f".{_first_bytes(out.name, _NAME_ROOM)}.scorer-{host_tag()}-{os.getpid()}-",
                                        suffix=".tmp", dir=out.parent)
            made.append((fd, Path(name)))
    except BaseException as exc:
        for fd, tmp in made:  # made, then a signal on leaving the hold: nothing of it is left
            os.close(fd)
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_error(out, exc) from None
        raise
    return made[0]


def _finish_temporary(fh, tmp: Path) -> None:
    """Flush a written temporary file to disk and give it an ordinary file's mode."""
    fh.flush()
    os.fsync(fh.fileno())
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; a report is an ordinary file


class _Stream:
    """The file `write_streamed` yields: `write(bytes)` appends; an OS error (disk full) names the output."""

    def __init__(self, fh, out: Path):
        self._fh, self._out = fh, out

    def write(self, data: bytes) -> int:
        try:
            return self._fh.write(data)
        except OSError as exc:
            raise output_error(self._out, exc) from None

    def tell(self) -> int:
        return self._fh.tell()

    def flush(self) -> None:
        try:
            self._fh.flush()
        except OSError as exc:
            raise output_error(self._out, exc) from None

    def close(self) -> None:
        """Nothing: `write_streamed` closes the file when its block ends (a writer that closes what it is given,
        as pyarrow's ParquetWriter does, must not end the file before it is flushed to disk)."""

    @property
    def closed(self) -> bool:
        return self._fh.closed


@contextmanager
def write_streamed(out: Path | str, inputs: Iterable[Path | str | None] = ()) -> Iterator[_Stream]:
    """A file to write `out` piece by piece (a table too large to hold as one string), replaced atomically.

    The same guarantees as `write_atomic`: `out` is checked first (not an input, writable); the pieces go
    to a unique temporary file beside it, renamed over `out` only when the block ends without error; an
    error or an interruption inside the block removes the temporary file and leaves any earlier file at
    `out` as it was. The yielded object has `write(bytes)` (an OS error raises ScorerError naming `out`).
    """
    out = Path(out)
    refuse_inputs(out, [*inputs, *files_read()])
    try:
        check_writable(out)
    except OSError as exc:
        raise output_error(out, exc) from None
    folders: list[Path] = []
    try:
        fd, tmp = _open_temporary(out, folders)
    except BaseException:
        _remove_if_empty(folders)
        raise
    try:
        fh, finished = os.fdopen(fd, "wb"), False
        try:
            yield _Stream(fh, out)
            try:
                _finish_temporary(fh, tmp)
            except OSError as exc:
                raise output_error(out, exc) from None
            finished = True
        finally:
            try:  # closing flushes what is still buffered: on a full disk it fails again
                fh.close()
            except OSError as exc:
                if finished:
                    raise output_error(out, exc) from None  # else the error that stopped the block is the one said
        # A command's last output (`finishing`): a signal from here on is held, then lets the command finish.
        with held_signals(complete=True) if _FINISHING and _FINISHING[-1] else nullcontext():
            try:
                os.replace(tmp, out)
            except OSError as exc:
                raise replace_error(out, exc) from None
            if out not in _WRITTEN:
                _WRITTEN.append(out)
    finally:
        tmp.unlink(missing_ok=True)
        _remove_if_empty(folders)


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make `folder` and its missing parents, adding each one made to `made` (outermost first)."""
    missing = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:  # another run made it meanwhile: not ours to remove
            if not path.is_dir():
                raise
            continue
        made.append(path)


def _remove_if_empty(folders: list[Path]) -> None:
    """Remove the folders a failed or interrupted write made for its output (bt16 F10: on a full disk the
    empty folders were left), innermost first; a folder that holds anything (the output written, another
    run's file) is kept."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            pass


def _first_bytes(name: str, room: int) -> str:
    """The longest start of `name` within `room` bytes of UTF-8 (120 Chinese characters are 360 bytes); a
    name's undecodable bytes are left out (a temporary name only needs to be readable and short)."""
    return os.fsencode(name)[:room].decode("utf-8", errors="ignore")


_WRITTEN: list[Path] = []
_LATE: list[int] = []  # signals received once a command's last outputs were in place (`finishing`)
_FINISHING: list[bool] = []  # True inside a `finishing` block
_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def written() -> list[Path]:
    """The outputs this process has renamed into place so far, in order: complete files, whatever happens next
    (the CLI names them when a run is interrupted after writing)."""
    return list(_WRITTEN)


def forget_written() -> None:
    """Start `written` afresh: a command that runs for long (scorer watch) calls it at the start and end of each
    piece of work, so that a stop names only the outputs of the piece it interrupted, not every file the run
    ever wrote (bt15 F24: each `systemctl restart` appended the whole list to the service's log)."""
    _WRITTEN.clear()


def late_signals() -> list[int]:
    """The signals (SIGINT, SIGTERM, SIGHUP) received after a command's last outputs were renamed into place
    (`finishing`): they did not stop it; the CLI says so and ends with the command's own exit code."""
    return list(_LATE)


@contextmanager
def finishing() -> Iterator[None]:
    """The block in which a command writes its last outputs (the report, the template, an --xlsx written last).

    Until the block's last rename, SIGINT, SIGTERM and SIGHUP stop the command as anywhere else (an output
    being written is removed, an earlier file kept). From the moment its last output is in place the command
    has nothing left to write and nothing to lose: a signal then (held during the renames, or arriving while
    the command prints its last lines) is noted (`late_signals`) instead of stopping it, and the command
    finishes with its own exit code. A block that fails, or writes nothing, changes nothing.
    """
    _FINISHING.append(True)
    try:
        yield
    finally:
        _FINISHING.pop()


@contextmanager
def held_signals(complete: bool = False) -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for the duration of the block, then deliver each one received
    to the handler in place before (in the main thread only: Python runs signal handlers there; elsewhere
    the block runs unguarded). `complete`: the block puts a command's last outputs in place; when it ends
    without an error, the signals received are noted (`late_signals`) instead, and so is any that follows."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    got: list[int] = []
    # None: a handler installed outside Python; SIG_IGN: ignored (nohup's SIGHUP): both left as they are
    before = {sig: h for sig in _HELD if (h := signal.getsignal(sig)) is not None and h != signal.SIG_IGN}
    done = False
    try:
        for sig in before:
            signal.signal(sig, lambda signum, frame: got.append(signum))
        yield
        done = complete
    finally:
        if done:
            _LATE.extend(got)
            for sig, handler in before.items():
                if handler is not None:
                    signal.signal(sig, lambda signum, frame: _LATE.append(signum))
        else:
            for sig, handler in before.items():
                if handler is not None:
                    signal.signal(sig, handler)
            for sig in dict.fromkeys(got):
                signal.raise_signal(sig)


def host_tag() -> str:
    """This machine in a temporary file's name: the first 8 hex digits of the SHA-256 of its machine id
    (/etc/machine-id, the same across a container's restarts and different between machines that share a
    folder), else of its host name."""
    global _HOST_TAG
    if _HOST_TAG is None:
        import socket

        try:
            ident = Path("/etc/machine-id").read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            ident = ""
        ident = ident or socket.gethostname()
        _HOST_TAG = hashlib.sha256(ident.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return _HOST_TAG


_HOST_TAG: str | None = None


def sweep_stale(folder: Path | str) -> list[Path]:
    """Remove this tool's temporary files in `folder` whose writer is gone (killed mid-write); returns them.

    Only a name that proves the file is scorer's and says who writes it is touched: `.NAME.scorer-HOST-PID-….tmp`
    of this machine (HOST = `host_tag()`), a regular file of this user, whose process PID is not alive. A file of
    another machine (a shared reports folder: its writer may be at work) and any other name — earlier versions'
    `.NAME.XXXXXXXX.tmp` and `.NAME.tmp`, whatever their age, which another program or person may use too — are
    left alone (bt16g F6: a user's `.budget.xlsx.tmp` over an hour old was deleted without a word).
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TMP_RE.match(entry.name)
        if not match or match.group(1) != host_tag() or int(match.group(2)) == os.getpid():
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and not _alive(int(match.group(2))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # another run removed it, or it is not ours to remove
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OverflowError:
        return False
    return True


def _existing_ancestor(path: Path) -> Path:
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_MAX_NAME_BYTES = 200  # well under the 255 bytes most file systems allow, leaving room for suffixes


# Unicode categories never kept in a name: controls (Cc), format characters (Cf: the bidi overrides
# U+202A–U+202E and isolates U+2066–U+2069 that make "gpj.exe" read as "exe.jpg", zero-width
# characters), line and paragraph separators (Zl, Zp), surrogates (Cs: undecodable bytes).
_DROPPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
# Windows' device names: a file whose name before its first dot is one of them cannot be opened on a Windows client of
# the share (NUL.经开区_2022Q4.pdf: bt16k F8); such a name gets a leading `_`
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{d}{n}" for d in ("COM", "LPT") for n in "123456789¹²³")}


def safe_name(text: str, default: str = "report", max_bytes: int = _MAX_NAME_BYTES) -> str:
    """`text` (e.g. a zone name read from a workbook title) reduced to one plain file name.

    Path separators, control characters and the characters Windows forbids become `_`; format
    characters (bidi overrides such as U+202E, zero-width characters), line separators and
    surrogates are dropped (Unicode categories Cc, Cf, Zl, Zp, Cs); leading dots, spaces and dashes go (no
    `..`, no hidden files, no `-rf…` that a shell command over the folder reads as options: bt16g F7b). Chinese is kept. An empty result gives `default`. A name over `max_bytes`
    bytes of UTF-8 (200: room is left for a suffix such as `_2022Q4.pdf`) is cut, and the first 8 hex
    digits of the SHA-256 of the whole name are put after the cut (`长长…长~3f2a9c1b`), so that two long
    names that differ only after the cut still give two names. A name that Windows reads as a device (NUL, CON,
    COM1 …, before the first dot) gets a leading `_`.
    """
    text = _UNSAFE.sub("_", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    name = text.strip().lstrip("._ -").rstrip(". ")  # no leading dash: `rm *` in the folder must not read an option
    if len(name.encode("utf-8")) > max_bytes:
        tag = "~" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        while len((name + tag).encode("utf-8")) > max_bytes:
            name = name[:-1]
        name = name.rstrip(". ") + tag
    if name.split(".")[0].rstrip(" ").upper() in _DEVICES:
        name = "_" + name
    return name or default


def inside(folder: Path | str, name: str) -> Path:
    """`folder / name`, refused unless `name` is one plain file name, so that the path lies in `folder`.

    (A symbolic link of that name inside `folder` is replaced by the write, never followed.)
    """
    folder = Path(folder)
    if name in ("", ".", "..") or Path(name).name != name or "\\" in name or "\x00" in name:
        raise ScorerError.at(msg("the output name {name!r} would lie outside the output folder", name=name), file=folder,
                             hint=msg("output names are made from input text; this one is refused"))
    return folder / name
