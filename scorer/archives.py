"""Zip archives (.xlsx, .xlsm, .ods) are measured before anything reads them: a "zip bomb" inflates a
small file into gigabytes of XML.

A workbook is a zip of XML parts. Deflate packs repetitive XML up to about 1 000:1, so a 1.5 MB file
can hold a 1.5 GB sheet: calamine would then take a minute and gigabytes of memory before failing
(MemoryError, exit 70 under a memory limit), and `scorer watch` would do so for any file dropped in
its inbox. Real workbooks are far from both limits below: the sample zone's parts pack at most 5.4:1;
a 20 000 × 30 sheet of styled cells, openpyxl's, 14:1 and 17 MB (TOOLING.md: a 10-sheet × 2 000-row
× 30-column workbook is read in 0.4 s).

`check_inflation` reads the sizes the archive declares (zipfile's infos), then inflates each deflated
part counting bytes, never keeping them, and stops at the limit: a part whose header understates its
size is measured as it really inflates.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg

MAX_INFLATED = 256 << 20  # bytes: all the parts of one workbook together, inflated
MAX_RATIO = 100  # inflated : packed, for a part that inflates beyond RATIO_FLOOR
RATIO_FLOOR = 1 << 20  # bytes: a small part may pack better than MAX_RATIO (a run of blanks) without harm
ZIP_BOMB = "zip_bomb"  # the code of the Problem


def check_inflation(data: bytes, file: Path | str, keep: Callable[[str], bool] | None = None) -> dict[str, bytes]:
    """Refuse a zip archive (`data`, the file's bytes) whose parts inflate beyond MAX_INFLATED bytes
    together, or one of whose parts inflates more than MAX_RATIO times its packed size (when over
    RATIO_FLOOR bytes). Raises ScorerError naming `file` and the part. A damaged archive is left to the
    reader that opens it next (nothing is raised here for it).

    Returns {part name: its inflated bytes} of the deflated parts whose name `keep` accepts (none by
    default): inflated here once, for a caller that would inflate them again (the .xlsx reader's look at
    its sheets' cells, scorer.read.extent)."""
    kept: dict[str, bytes] = {}
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return kept
    declared = sum(i.file_size for i in infos)
    if declared > MAX_INFLATED:
        biggest = max(infos, key=lambda i: i.file_size)
        raise _refused(file, biggest.filename, declared)
    total = 0
    for info in infos:
        chunks: list[bytes] | None = [] if keep is not None and info.compress_type == zipfile.ZIP_DEFLATED \
            and keep(info.filename) else None
        size = _inflated_size(data, info, MAX_INFLATED - total + 1, chunks)
        if chunks and sum(map(len, chunks)) == size == info.file_size:  # in full, as its header says (else: left to the reader)
            kept[info.filename] = b"".join(chunks)
        total += size
        if total > MAX_INFLATED:
            raise _refused(file, info.filename, total)
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise ScorerError(Problem(
                msg("the workbook's part {part} inflates {ratio:.0f} times (from {packed} MB to {size} MB): "
                    "a zip bomb, not a workbook", part=info.filename, ratio=size / max(info.compress_size, 1),
                    packed=_mb(info.compress_size), size=_mb(size)),
                Location(file=file),
                msg("real workbooks pack at most about 20:1; open the file in Excel and save it again, "
                    "or ask where it came from"), code=ZIP_BOMB))
    return kept


def _refused(file: Path | str, part: str, size: int) -> ScorerError:
    return ScorerError(Problem(
        msg("the workbook inflates to {size} MB or more (part {part}), over the {limit} MB a workbook may inflate to",
            limit=MAX_INFLATED >> 20, part=part, size=_mb(size)),
        Location(file=file),
        msg("split the workbook, or save only the sheets of statistics; a file that small which inflates "
            "that far is a zip bomb"), code=ZIP_BOMB))


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.1f}".rstrip("0").rstrip(".")


def _inflated_size(data: bytes, info: zipfile.ZipInfo, cap: int, chunks: list[bytes] | None = None) -> int:
    """The bytes `info`'s part really inflates to (at most `cap`): deflated data inflated and counted in
    chunks (kept in `chunks` when a list is given: for a part inflated in full, they are the part);
    any other method's declared size."""
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return info.file_size
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04":
        return info.file_size  # a damaged archive: its reader says so
    name_len, extra_len = struct.unpack("<HH", data[at + 26:at + 30])
    start = at + 30 + name_len + extra_len
    packed = memoryview(data)[start:start + info.compress_size]
    inflater = zlib.decompressobj(-15)
    size, chunk = 0, 1 << 16
    try:
        out = inflater.decompress(packed, chunk)
        while True:
            size += len(out)
            if chunks is not None:
                chunks.append(out)
            if size >= cap or not inflater.unconsumed_tail:
                break
            out = inflater.decompress(inflater.unconsumed_tail, chunk)
        if size < cap:
            tail = inflater.flush()
            size += len(tail)
            if chunks is not None:
                chunks.append(tail)
    except zlib.error:
        return info.file_size  # damaged: its reader says so
    return size
