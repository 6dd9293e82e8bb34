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
size is measured as it really inflates. It is also where the archive is verified, once, before any
reader opens it: every part must be stored or deflated (what Excel, WPS and LibreOffice write; bzip2
and LZMA parts would be inflated in one call by zipfile, past any limit, and no workbook needs them),
not encrypted, and inflate to exactly the size and CRC-32 its header declares (APPNOTE 4.4.7, 4.4.9).
A part that does not is damaged: refused naming the file and the part, so that no reader later stops
on it with an error of its own (zlib's "invalid distance too far back", zipfile's "Bad CRC-32"), and
no value is read from bytes that are not what was written.
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
TOO_LARGE = "too_large"  # the code of the Problem refusing an input over its size bound (`too_large`)
DAMAGED_ARCHIVE = "damaged_archive"  # the code of a part that does not inflate to what its header declares
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # the compression methods a workbook's parts may use
_METHOD_NAMES = {1: "Shrink", 6: "Implode", 8: "deflate", 9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard",
                 95: "XZ", 98: "PPMd", 99: "AES encryption"}


def check_inflation(data: bytes, file: Path | str, keep: Callable[[str], bool] | None = None) -> dict[str, bytes]:
    """Refuse a zip archive (`data`, the file's bytes) whose parts inflate beyond MAX_INFLATED bytes
    together, or one of whose parts inflates more than MAX_RATIO times its packed size (when over
    RATIO_FLOOR bytes). Raises ScorerError naming `file` and the part; likewise for a part compressed
    otherwise than stored or deflated, an encrypted part, and a damaged part (its bytes do not inflate,
    or not to its declared size and CRC-32: code DAMAGED_ARCHIVE). An archive whose directory cannot be
    read at all is left to the reader that opens it next (it names the file as a damaged zip archive).

    Returns {part name: its inflated bytes} of the parts whose name `keep` accepts (none by
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
        _check_method(info, file)
        chunks: list[bytes] | None = [] if keep is not None and keep(info.filename) else None
        size, crc = _inflated_size(data, info, MAX_INFLATED - total + 1, chunks, file)
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
        _check_declared(info, size, crc, file)
        if chunks is not None:
            kept[info.filename] = b"".join(chunks)
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


def _check_method(info: zipfile.ZipInfo, file: Path | str) -> None:
    """Refuse a part that is encrypted or compressed otherwise than stored or deflated, naming it."""
    if info.flag_bits & 0x1:
        raise ScorerError(Problem(
            msg("cannot open as a workbook: its part {part} is encrypted", part=info.filename), Location(file=file),
            msg("open it in Excel, remove the password and save it"), code=DAMAGED_ARCHIVE))
    if info.compress_type not in _METHODS:
        method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        raise ScorerError(Problem(
            msg("cannot open as a workbook: its part {part} is compressed with {method}; Excel, WPS and LibreOffice "
                "write only deflate", part=info.filename, method=method), Location(file=file),
            msg("open the file in Excel or WPS and save it again as .xlsx, or ask where it came from"),
            code=DAMAGED_ARCHIVE))


def damaged_part(file: Path | str, part: str, why: str) -> ScorerError:
    """The error for a part of a zip archive that does not inflate to what its header declares."""
    return ScorerError(Problem(
        msg("cannot open as a workbook: the file is damaged (its part {part}: {why})", part=part, why=why),
        Location(file=file),
        msg("copy the workbook again from the original (a copy broken off or altered on the way), or open it in "
            "Excel and save it again"), code=DAMAGED_ARCHIVE))


def _inflated_size(data: bytes, info: zipfile.ZipInfo, cap: int, chunks: list[bytes] | None = None,
                   file: Path | str = "?") -> tuple[int, int | None]:
    """(the bytes `info`'s part really inflates to, at most `cap`; their CRC-32, None when stopped at `cap`):
    stored or deflated data inflated and counted in chunks (kept in `chunks` when a list is given: for a
    part inflated in full, they are the part). ScorerError (`damaged_part`) when the part's bytes are not
    where the directory says or do not inflate."""
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04":
        raise damaged_part(file, info.filename, msg("its header is not where the archive's directory says"))
    name_len, extra_len = struct.unpack("<HH", data[at + 26:at + 30])
    start = at + 30 + name_len + extra_len
    packed = memoryview(data)[start:start + info.compress_size]
    if len(packed) < info.compress_size:
        raise damaged_part(file, info.filename, msg("the file ends before the part does"))
    if info.compress_type == zipfile.ZIP_STORED:
        size, crc = len(packed), zlib.crc32(packed)
        if chunks is not None:
            chunks.append(bytes(packed))
    else:
        inflater = zlib.decompressobj(-15)
        size, crc, chunk = 0, 0, 1 << 16
        try:
            out = inflater.decompress(packed, chunk)
            while True:
                size += len(out)
                crc = zlib.crc32(out, crc)
                if chunks is not None:
                    chunks.append(out)
                if size >= cap or not inflater.unconsumed_tail:
                    break
                out = inflater.decompress(inflater.unconsumed_tail, chunk)
            if size < cap:
                tail = inflater.flush()
                size += len(tail)
                crc = zlib.crc32(tail, crc)
                if chunks is not None:
                    chunks.append(tail)
        except zlib.error as exc:
            raise damaged_part(file, info.filename, msg("its compressed data is corrupt ({why})",
                                                        why=str(exc).rpartition(": ")[2] or str(exc))) from None
        if size >= cap:
            return size, None  # over the limit: refused as a bomb by the caller, not inflated further
        if not inflater.eof:
            raise damaged_part(file, info.filename, msg("its compressed data breaks off"))
    return size, crc


def _check_declared(info: zipfile.ZipInfo, size: int, crc: int, file: Path | str) -> None:
    """A part inflated in full must be what its header declares: its size and its CRC-32."""
    if size != info.file_size:
        raise damaged_part(file, info.filename, msg("it holds {size:# byte|# bytes}, its header says {declared}",
                                                    size=size, declared=info.file_size))
    if crc != info.CRC:
        raise damaged_part(file, info.filename, msg("its CRC-32 checksum does not match"))


# Input files are read whole into memory; each kind has a bound far above any real one, checked before the read
# and while reading (a file grown past it between the look and the read), so that a file dropped in a shared folder
# cannot exhaust the memory of the run or of the watcher (bt16j F13: a 96 MB CSV took 3 GB and stopped it).
MAX_CSV_BYTES = 16 << 20  # a zone's quarterly workbook saved as CSV: a few kilobytes (30 rows of statistics)
MAX_TABLE_BYTES = 64 << 20  # a peer or COINr table: 27 000 zones × 40 indicators is about 10 MB
MAX_WORKBOOK_BYTES = MAX_INFLATED  # an .xlsx/.ods larger than what it may inflate to is refused anyway


def input_limit(path: Path | str, table: bool = False) -> int:
    """The most bytes the input `path` may have: MAX_TABLE_BYTES for a table (`table`), MAX_CSV_BYTES for a
    workbook saved as .csv, MAX_WORKBOOK_BYTES for any other workbook."""
    if table:
        return MAX_TABLE_BYTES
    return MAX_CSV_BYTES if Path(path).suffix.lower() == ".csv" else MAX_WORKBOOK_BYTES


def too_large(path: Path | str, size: int, limit: int) -> ScorerError:
    """The refusal of an input of `size` bytes over its `limit`, naming the file and the limit."""
    return ScorerError(Problem(msg("the file is larger than {limit} MB ({size} MB): not read", limit=_mb(limit),
                                   size=_mb(size)), Location(file=path),
                               msg("an input of scorer (a quarter's workbook, a peer or COINr table) is far smaller: "
                                   "check that this is the file meant"), code=TOO_LARGE))


def read_bounded(fh, path: Path | str, limit: int, head: bytes = b"") -> bytes:
    """The bytes of the open binary file `fh` (after `head`, already read from it), or ScorerError (`too_large`)
    when it holds more than `limit`: never more than `limit` + 1 bytes are read."""
    rest = fh.read(max(limit + 1 - len(head), 0))
    if len(head) + len(rest) > limit:
        import os

        raise too_large(path, max(os.fstat(fh.fileno()).st_size, limit + 1), limit)
    return head + rest


def read_table_bytes(path: Path | str) -> bytes:
    """The bytes of the table (peer or COINr) at `path`, or ScorerError when over MAX_TABLE_BYTES (`too_large`)."""
    with open(path, "rb") as fh:
        return read_bounded(fh, path, MAX_TABLE_BYTES)
