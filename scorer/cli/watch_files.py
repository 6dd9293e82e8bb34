"""The watcher's reading of files it did not make: a link, a folder or a device where a file is looked for (the drop
folder is not trusted), and its own log and error files read by their tail (scorer.cli.watch)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from scorer.messages import msg, shown, tr


def _is_link(path: Path) -> bool:
    """Whether `path` is a symbolic link (never followed in the drop folder); False when it cannot be looked at."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_regular(path: Path, limit: int, keep: int = 0) -> tuple[str, str, int]:
    """(the text of `path`, '', 0) when it is a regular file, opened without following a symbolic link;
    ('', what it is instead, 0) for a link, a folder, a device or a pipe; ('', '', 0) when there is none.
    Never more than `limit` bytes are read: a larger file gives its last `keep` bytes from the first line that
    starts in them (nothing when `keep` is 0) and, third, the number of bytes left out. Undecodable bytes are kept
    as \\xNN stand-ins."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return "", "", 0
    except OSError as exc:
        if _is_link(path):
            return "", tr(msg("a symbolic link")), 0
        raise exc
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            return "", tr(msg("a folder") if stat.S_ISDIR(st.st_mode) else msg("a device or a pipe")), 0
        raw = f.read(limit + 1) if st.st_size <= limit else b""
        if len(raw) > limit or st.st_size > limit:  # a sparse or growing file too: only its tail is read
            size = max(st.st_size, len(raw))
            f.seek(max(size - keep, 0))
            tail = f.read(keep) if keep else b""
            raw = tail[tail.index(b"\n") + 1:] if b"\n" in tail else b""
            return shown(raw.decode("utf-8", errors="surrogateescape")), "", size - len(raw)
        return shown(raw.decode("utf-8", errors="surrogateescape")), "", 0
