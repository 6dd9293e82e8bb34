"""Faults injected into a real `scorer` process for the tests: put this folder on PYTHONPATH and set
SCORER_TEST_FAULT=KIND:FOLDER. Only files under FOLDER are affected, so the run is otherwise real.

KIND: enospc (writes fail: disk full), eacces / erofs (creating a file fails: no permission / read-only
file system), sigterm / sigint (the signal arrives as the finished file is renamed into place, i.e. in
the write window, after the temporary file is complete), sigterm-create (SIGTERM the moment a new file is
created in FOLDER, i.e. inside tempfile.mkstemp, before it returns the name), barrier (two runs meet before renaming: each
waits at the rename until both have written their temporary file, so a shared temporary name collides).
"""

import errno
import os
import signal

_KIND, _, _FOLDER = os.environ.get("SCORER_TEST_FAULT", "").partition(":")
_FOLDER = os.path.realpath(_FOLDER) if _FOLDER else ""


def _hit(path) -> bool:
    try:
        return os.path.realpath(os.fspath(path)).startswith(_FOLDER + os.sep)
    except (TypeError, ValueError):
        return False


class _FullDisk:
    """A binary file whose writes fail as on a full disk."""

    def __init__(self, raw):
        self.raw = raw

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.raw.close()


if _KIND == "enospc":
    _fdopen = os.fdopen

    def _fdopen_full(fd, *args, **kwargs):
        f = _fdopen(fd, *args, **kwargs)
        return _FullDisk(f) if _hit(f"/proc/self/fd/{fd}") else f

    os.fdopen = _fdopen_full

if _KIND in ("eacces", "erofs"):
    _open, _code = os.open, {"eacces": errno.EACCES, "erofs": errno.EROFS}[_KIND]

    def _open_refused(path, flags, mode=0o777, *, dir_fd=None):
        if flags & os.O_CREAT and _hit(path):
            raise OSError(_code, os.strerror(_code), os.fspath(path))
        return _open(path, flags, mode, dir_fd=dir_fd)

    os.open = _open_refused

if _KIND == "sigterm-create":
    _open_then = os.open

    def _open_signalled(path, flags, mode=0o777, *, dir_fd=None):
        fd = _open_then(path, flags, mode, dir_fd=dir_fd)
        if flags & os.O_CREAT and flags & os.O_EXCL and _hit(path):
            os.kill(os.getpid(), signal.SIGTERM)
        return fd

    os.open = _open_signalled

if _KIND in ("sigterm", "sigint", "sighup"):
    _replace, _signal = os.replace, {"sigterm": signal.SIGTERM, "sigint": signal.SIGINT, "sighup": signal.SIGHUP}[_KIND]

    def _replace_interrupted(src, dst, *args, **kwargs):
        if _hit(dst):
            os.kill(os.getpid(), _signal)
        return _replace(src, dst, *args, **kwargs)

    os.replace = _replace_interrupted

if _KIND == "barrier":
    import time
    from pathlib import Path

    _replace_now = os.replace

    def _replace_together(src, dst, *args, **kwargs):
        if _hit(dst):
            Path(_FOLDER, f"barrier-{os.getpid()}").touch()
            deadline = time.monotonic() + 120
            while len(list(Path(_FOLDER).glob("barrier-*"))) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
        return _replace_now(src, dst, *args, **kwargs)

    os.replace = _replace_together
