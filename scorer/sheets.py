"""Spreadsheet outputs for people who open them in Excel, WPS or LibreOffice: laid-out .xlsx, and CSV that cannot run.

Text taken from input (scenario names and descriptions, zone names, COINr unit codes) may begin with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return. A spreadsheet program would take such a cell
for a formula ("CSV injection" / "formula injection", OWASP). So:

- in .xlsx, every text cell is written as a string cell (openpyxl would otherwise store a string that
  starts with ``=`` as a formula); numbers are number cells with a number format;
- in CSV, a text field that starts with one of those characters gets a leading apostrophe (and
  fields holding a separator, a quote or a line break are quoted), as OWASP's guidance on CSV injection describes
  (https://owasp.org/www-community/attacks/CSV_Injection); numbers are written as numbers.

CSV meant for Excel carries a UTF-8 byte-order mark, without which Excel on a Chinese Windows reads
UTF-8 as GBK and shows mojibake.

Every CSV and .xlsx file scorer writes is made here (`write_csv`, `csv_text`, `write_xlsx`, `save_workbook`
for a workbook laid out elsewhere). A table scorer reads back (import-coinr's data.csv) gets its text
fields through `unneutralise`, which takes the apostrophe off again.
"""

from __future__ import annotations

import io
import math
import os
import re
import stat
import sys
import unicodedata
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Literal, Sequence

from scorer.atomic import write_atomic, write_streamed
from scorer.fmt import decimals_for, display_width, printable, shown  # noqa: F401  (scorer.sheets.printable, as before)

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"

Kind = Literal["text", "score", "score_change", "points", "points_change", "count", "rank_change", "number", "yesno"]

# Excel number formats: thousands separators everywhere, one decimal for scores (the report's own rule): each
# kind's customary decimals, and whether a sign is shown. A value these would round by more than SHOWN_ERROR
# gets more decimals (`number_format`).
KIND_DECIMALS = {"score": 1, "score_change": 1, "points": 2, "points_change": 2, "count": 0, "rank_change": 0}
SIGNED = ("score_change", "points_change", "rank_change")
# Kinds shown at their customary decimals always, as the terminal and the report show them: a score and its change at
# one decimal (+0.7, not +0.66 beside +0.7 on the screen), a plan's gain at two (+0.16, not +0.162 beside +0.83): bt15k F3.
# The cell keeps the full value; `decimals_kept` widens the other kinds only (0.000206 effort points a unit, never 0.00).
FIXED_DECIMALS = ("score", "score_change", "points_change")
SHOWN_ERROR = 0.01  # the largest part of a value the shown figure may differ by (1 %): 0.000206 is never shown 0.00


# Characters no .xlsx cell may hold (XML 1.0 forbids them; openpyxl raises IllegalCharacterError): dropped.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Excel's limit on the text of one cell (Microsoft, "Excel specifications and limits": 32,767 characters). openpyxl cuts
# longer text to it without a word (bt16i F6: a scenario name of 100 000 characters, cut, no note): scorer cuts it
# itself, ends the cell with CUT_MARK and says so (write_xlsx returns the warnings).
EXCEL_CELL_CHARS = 32_767
CUT_MARK = "…〔已截断：原文 {n} 字〕"


def fit_cell(text: str) -> tuple[str, bool]:
    """`text` as one .xlsx cell can hold it: unchanged when within EXCEL_CELL_CHARS, else cut so that it ends with
    CUT_MARK (the original length) within the limit. Returns (text, whether it was cut)."""
    if len(text) <= EXCEL_CELL_CHARS:
        return text, False
    mark = CUT_MARK.format(n=f"{len(text):,}")
    return text[:EXCEL_CELL_CHARS - len(mark)] + mark, True


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program might take `text` for a formula: it starts with = + - @ TAB or CR (or a minus
    sign −), also after any number of characters that are not seen (`unseen`: spaces, line ends — `\\n=1+2`, bt16g
    F7d —, controls, format characters such as zero-width spaces, a byte-order mark or a soft hyphen, and every
    other default-ignorable code point: bt16h F7, U+00AD, U+180E and U+034F were not) or in full-width form
    (`＝1+2`, `＋`, `－`, `＠`: NFKC)."""
    for start, ch in enumerate(text):
        if ch in FORMULA_TRIGGERS:  # TAB and CR among them, themselves unseen
            return True
        if not unseen(ch):
            return unicodedata.normalize("NFKC", text[start:start + 4]).lstrip().startswith((*FORMULA_TRIGGERS, "\u2212"))
    return False


# Unicode's Other_Default_Ignorable_Code_Point and Variation_Selector (PropList.txt, Unicode 15): with the format
# characters (Cf) they make Default_Ignorable_Code_Point, the characters a renderer shows as nothing.
_IGNORABLE_RANGES = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x2065, 0x2065),
                     (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF))


def unseen(ch: str) -> bool:
    """Whether the character `ch` shows as nothing or as blank space: a space or separator (Zs, Zl, Zp), a control
    (Cc), a format character (Cf) or another default-ignorable code point (a variation selector, the combining
    grapheme joiner U+034F, the Hangul fillers). A text of these before `=` still reads as a formula to the eye of
    a spreadsheet program's user."""
    if unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cc", "Cf"):
        return True
    code = ord(ch)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def neutralise(value: object) -> object:
    """A CSV field that no spreadsheet program will evaluate: text that `looks_like_formula` gets a leading ';
    so does text that is apostrophes before such text (`'=1+2` → `''=1+2`), so that `unneutralise` gives back
    every text as it was (a COINr unit code is an identifier: read back from import-coinr's data.csv, it must
    be the code the iData gave, whatever it is).

    Numbers (and None) are returned unchanged, so they stay numbers.
    """
    if isinstance(value, str) and looks_like_formula(value.lstrip("'")):
        return "'" + value
    return value


def unneutralise(value: object) -> object:
    """The text a neutralised CSV field stood for: `'=1+2` → `=1+2`, `''=1+2` → `'=1+2` (one apostrophe off, only
    when what follows the apostrophes `looks_like_formula`); else unchanged. The inverse of `neutralise`.

    For text fields only (codes, names, labels): a number column never holds a neutralised field.
    """
    if isinstance(value, str) and value.startswith("'") and looks_like_formula(value.lstrip("'")):
        return value[1:]
    return value


def _csv_field(value: object) -> object:
    # A lone CR would not be quoted (the line ends are LF) and would break the row in Excel: make it a LF.
    if not isinstance(value, str):
        return value
    return neutralise(printable(value)).replace("\r\n", "\n").replace("\r", "\n")  # dropped, then checked


def digits_15(x: float) -> str:
    """A float as the --csv printed for Excel writes it (`csv_text(..., float_format=digits_15)`): its 15 significant digits (a double's exact decimal digits, DBL_DIG),
    shortest form, never e-notation: the noise of binary arithmetic goes (335.58000000000004 → 335.58,
    70.83175660031888 → 70.8317566003189, bt15j F12: what Excel showed from --csv), every digit a figure has is kept."""
    from decimal import Decimal

    x = float(x)  # numpy's float64 too (its repr is np.float64(…))
    if not math.isfinite(x):
        return repr(x)
    value = x if x.is_integer() and abs(x) < 2 ** 53 else float(f"{x:.15g}")  # a whole number below 2^53: exact
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def csv_text(frame, index: bool = False, float_format=None, header: bool = True) -> str:
    """`frame` as CSV text: text fields quoted and neutralised (headers and index too), numbers as numbers
    (`float_format`, e.g. "%g" or `digits_15`, as pandas' to_csv takes it; default: every digit, as a data export
    keeps them); `header` False: the rows alone (a block after the first of a table written in blocks)."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    table = frame.reset_index() if index else frame
    table = table.rename(columns=lambda c: _csv_field(str(c)))
    table = table.apply(lambda col: col if is_numeric_dtype(col) or is_bool_dtype(col) else col.map(_csv_field))
    if index and table.columns[0] in ("index", "'index"):
        table = table.rename(columns={table.columns[0]: ""})
    buf = io.StringIO()
    table.to_csv(buf, index=False, lineterminator="\n", float_format=float_format, header=header)  # a comma, quote or line break: quoted
    return buf.getvalue()


def print_csv(text: str, stream=None) -> None:
    """Print CSV to standard output; redirected to a file (`> 表.csv`), it is UTF-8 with a BOM for Excel.

    A terminal gets the text in its own encoding; a pipe gets plain UTF-8 text without a BOM, which
    other programs expect.
    """
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    try:
        to_file = buffer is not None and stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, io.UnsupportedOperation):
        to_file = False
    if to_file:
        stream.flush()
        buffer.write(shown(BOM + text).encode("utf-8"))
        buffer.flush()
    elif buffer is not None and not stream.isatty():
        stream.flush()
        buffer.write(shown(text).encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)


def write_csv(path: Path, frame, index: bool = False, inputs: Sequence[Path] = (), float_format: str | None = None) -> None:
    """`frame` to a CSV file Excel opens correctly (UTF-8 with BOM), neutralised, written atomically.

    An output that is one of `inputs` is refused (scorer.atomic.write_atomic)."""
    write_atomic(Path(path), csv_bytes(frame, index, float_format), inputs)


def csv_bytes(frame, index: bool = False, float_format: str | None = None) -> bytes:
    """The bytes `write_csv` writes (UTF-8 with BOM, neutralised): for a CSV written with other files as a pair
    (scorer.atomic.write_together)."""
    return shown(BOM + csv_text(frame, index, float_format)).encode("utf-8")


def save_workbook(book, path: Path, inputs: Sequence[Path] = ()) -> None:
    """Save an openpyxl workbook atomically, every text cell a string cell (never a formula).

    openpyxl takes any string that starts with ``=`` for a formula (data type "f"); scorer writes no
    formula into a cell, so each such cell is set back to text here, whoever filled it. (Data
    validation rules keep their formulas: they are not cells.)
    """
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    from importlib.metadata import PackageNotFoundError, version

    try:  # the version, as the JSON's config and the PDF's metadata give it (bt15 F22)
        book.properties.creator = f"scorer {version('scorer')}"
    except PackageNotFoundError:  # a source tree never installed (scorer.__version__'s 0+unknown)
        book.properties.creator = "scorer 0+unknown"
    buf = io.BytesIO()
    book.save(buf)
    write_atomic(Path(path), buf.getvalue(), inputs)


PARQUET_SUFFIXES = (".parquet", ".pq")


def write_table(path: Path, frame, index: bool = False) -> None:
    """`frame` as Parquet when `path` ends in .parquet or .pq, otherwise as Excel's CSV (`table_writer`, one block)."""
    with table_writer(path, index) as write:
        write(frame)


@contextmanager
def table_writer(path: Path, index: bool = False, inputs: Sequence[Path] = ()) -> Iterator[Callable[[object], None]]:
    """A table written block by block, so that memory holds one block, not the table: `write(frame)` appends
    a block (every block with the same columns); the file replaces `path` atomically when the `with` block
    ends without error (scorer.atomic.write_streamed: an error or an interruption leaves any earlier file).

    Parquet when `path` ends in .parquet or .pq (pyarrow, zstd-compressed, one row group a block): each
    column keeps its type (floats as float64, text as text, a column of True/False/None as booleans with
    nulls, the first block's types: a later block is cast to them), so `pandas.read_parquet` gives the
    frame back (a column of True/False/None that may be all None in a block: give it pandas' "boolean" dtype);
    no text is neutralised, since no spreadsheet opens Parquet and evaluates it. Otherwise
    Excel's CSV, as `write_csv` writes it (UTF-8 with BOM, neutralised; the header once): the blocks'
    CSV texts one after another, the same bytes as the whole table's.
    """
    parquet = Path(path).suffix.lower() in PARQUET_SUFFIXES
    with write_streamed(Path(path), inputs) as stream:
        state: dict = {}

        def write(frame) -> None:
            if not parquet:
                text = csv_text(frame, index, header=not state)
                stream.write(shown((BOM if not state else "") + text).encode("utf-8"))
                state["header"] = True
                return
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=index)
            if not state:
                state["writer"] = pq.ParquetWriter(stream, table.schema, compression="zstd")
            elif not table.schema.equals(state["writer"].schema, check_metadata=False):
                table = table.cast(state["writer"].schema)
            state["writer"].write_table(table)

        try:
            yield write
        except BaseException:
            if "writer" in state:  # closed here, never by its __del__ after the stream is closed
                with suppress(Exception):  # its footer goes to the temporary file, removed: the first error is said
                    state["writer"].close()
            raise
        if "writer" in state:
            state["writer"].close()


@dataclass(frozen=True)
class Column:
    """One column of an .xlsx sheet: which frame column, its Chinese header and unit, how to show it.

    `kind` "number" takes its decimals from the unit in the row's `unit_key` column (万元 none, 亿元
    one or two, % one: `scorer.fmt.decimals_for`), or from `unit` when every row has the same.
    """

    key: str
    header: str
    kind: Kind = "text"
    unit: str = ""
    unit_key: str | None = None
    unknown: str = ""  # what a "yesno" cell says when the value is neither (None: not decided), e.g. 待确认

    @property
    def title(self) -> str:
        return f"{self.header}（{self.unit}）" if self.unit else self.header


@dataclass
class Sheet:
    """A sheet: a DataFrame, the columns to show in order, and how many leading columns stay frozen."""

    name: str
    frame: object  # pandas DataFrame
    columns: Sequence[Column]
    freeze_columns: int = 1


def decimals_kept(value: float, digits: int) -> int:
    """`digits`, or more (up to 12) until `value` rounded to them differs from it by at most SHOWN_ERROR of it:
    a cost per unit of 0.000206 gets 6 decimals (never 0.00), 27.5家 one (never 28), 70.83 points stays 70.8."""
    while value and digits < 12 and abs(round(value, digits) - value) > SHOWN_ERROR * abs(value):
        digits += 1
    return digits


def number_format(kind: str, unit: str, value: float) -> str:
    """The Excel number format of one cell: thousands separators, the kind's customary decimals (scores one,
    points two, counts none; a plain number the unit's, `scorer.fmt.decimals_for`), for kinds not FIXED_DECIMALS more
    when those would show a non-zero value as zero or round it by more than SHOWN_ERROR (`decimals_kept`), a sign for
    a change."""
    digits = KIND_DECIMALS[kind] if kind in FIXED_DECIMALS else \
        decimals_kept(value, KIND_DECIMALS[kind] if kind in KIND_DECIMALS else decimals_for(unit, value))
    body = ("#,##0" if kind != "rank_change" else "0") + ("." + "0" * digits if digits else "")
    return f"+{body};-{body};{body}" if kind in SIGNED else body


def _number_format(col: Column, unit: str, value: float) -> str:
    return number_format(col.kind, unit, value)


def _shown(value: float, fmt: str) -> str:
    """Roughly what Excel shows for `value` in `fmt` (only to size the column)."""
    positive = fmt.split(";")[0]
    digits = len(positive.split(".")[1]) if "." in positive else 0
    return ("+" if positive.startswith("+") else "") + f"{value:,.{digits}f}"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> list:
    """Write the sheets to one .xlsx workbook, atomically: Chinese headers with units, number formats,
    frozen header row (and label columns), widths that fit, landscape pages one page wide.

    Text is always a string cell, never a formula, whatever it starts with; a missing number is an
    empty cell; yes/no values are 是 / 否. Text beyond Excel's 32 767 characters a cell is cut (`fit_cell`),
    marked in the cell; returns a warning (scorer.errors.Problem, code `xlsx_cell_cut`) per cut cell, naming
    the file, sheet and cell, for the command to print and put in its JSON; [] when nothing was cut.
    """
    from scorer.errors import Location, Problem
    from scorer.messages import msg

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    told: list = []
    book = Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        ws = book.create_sheet(spec.name[:31])
        rows = spec.frame.to_dict("records")
        widths = []
        for c, col in enumerate(spec.columns, 1):
            head = ws.cell(1, c)
            head.value, head.data_type = _XML_ILLEGAL.sub("", str(col.title)), "s"
            head.font, head.fill, head.alignment = bold, fill, Alignment(wrap_text=True, vertical="center")
            width = max(display_width(part) for part in col.title.split("\n"))
            for r, row in enumerate(rows, 2):
                value = row.get(col.key)
                cell = ws.cell(r, c)
                if col.kind == "yesno":
                    value = (col.unknown or None) if value is None or value != value else ("是" if value else "否")
                if col.kind in ("text", "yesno") or not (_is_number(value) or value is None):
                    if value is None or (isinstance(value, float) and value != value):
                        continue
                    text, cut = fit_cell(_XML_ILLEGAL.sub("", str(value)))  # a control character in user text
                    cell.value, cell.data_type = text, "s"
                    if cut:
                        told.append(Problem(
                            msg("a text of {n} characters is longer than an Excel cell holds ({limit}): it is cut, and "
                                "the cell ends with 〔已截断〕", n=format(len(str(value)), ","), limit=format(EXCEL_CELL_CHARS, ",")),
                            Location(file=path, sheet=spec.name[:31], cell=cell.coordinate),
                            msg("shorten the text where it was written (a scenario's name or description)"), "warning",
                            code="xlsx_cell_cut"))
                    if "\n" in text or display_width(text) > 60:
                        cell.alignment = wrap
                    width = max(width, min(60, max(display_width(line) for line in text.split("\n"))))
                elif value is not None:
                    unit = str(row.get(col.unit_key) or "") if col.unit_key else col.unit
                    cell.value = float(value) if isinstance(value, float) else int(value)
                    cell.number_format = _number_format(col, unit, float(value))
                    width = max(width, len(_shown(float(value), cell.number_format)))
            widths.append(width)
        for c, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = min(62, max(6, width + 2))
        ws.freeze_panes = ws.cell(2, spec.freeze_columns + 1)
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    save_workbook(book, path)
    return told
