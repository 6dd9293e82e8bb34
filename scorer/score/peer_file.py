"""A peer table's file read as text cells (CSV in UTF-8 or GB18030, an Excel workbook's first sheet), before
scorer.score.peers reads its header, names and figures. Moved out of scorer.score.peers (its 700-line cap)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from scorer import archives
from scorer.errors import ScorerError
from scorer.messages import msg


def read_table(path: Path, raw: bytes) -> tuple[pd.DataFrame, str | None, tuple[list[int], list[int]] | None]:
    """Every cell as text, the header among the rows (so repeated headers stay visible), blank rows kept;
    the sheet's name for Excel (None for CSV); for CSV, each row's number of cells and first line."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    text = raw.decode("gb18030")  # what Excel writes on Chinese Windows (GBK is a subset)
                except UnicodeDecodeError:
                    raise ScorerError.at(msg("the peer table is neither UTF-8 nor GBK/GB18030 text"), file=path,
                                         hint=msg("save it from Excel as CSV (UTF-8) or as .xlsx")) from None
            if not text.strip():
                return pd.DataFrame(), None, ([], [])
            reader = csv.reader(io.StringIO(text))
            rows, lines, line = [], [], 1
            for row in reader:  # a quoted cell may span lines: each row's own first line is kept
                rows.append(row)
                lines.append(line)
                line = reader.line_num + 1
            widths = [len(row) for row in rows]
            size = max(widths)
            table = pd.DataFrame([row + [""] * (size - len(row)) for row in rows], dtype=str)
            return table, None, (widths, lines)
        if suffix in (".xlsx", ".xlsm", ".xls"):
            archives.check_inflation(raw, path)  # a zip bomb is refused before calamine inflates it
            with pd.ExcelFile(io.BytesIO(raw), engine="calamine") as book:
                sheet = book.sheet_names[0]
                table = pd.read_excel(book, sheet_name=sheet, header=None, dtype=str, keep_default_na=False)
            return table.fillna(""), sheet, None
    except ScorerError:
        raise
    except Exception as exc:  # pandas/calamine raise many kinds for unreadable files
        if suffix in (".xlsx", ".xlsm", ".xls"):
            from scorer.read.files import what_is_wrong

            what_is_wrong(path, raw)  # empty, not a zip archive, a damaged one …: said as for a workbook (bt16k F8)
        raise ScorerError.at(msg("cannot read the peer table: {value}",
                                 value=str(exc).splitlines()[0][:200] if str(exc) else msg("it is damaged")),
                             file=path) from None
    raise ScorerError.at(msg("a peer table is a .csv or Excel file (.xlsx, .xlsm, .xls)"), file=path)
