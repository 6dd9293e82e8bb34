"""COINr's tables as they are read: a CSV or Excel sheet (iMeta, iData, a data table) as text cells with the place of each."""

from __future__ import annotations

import unicodedata
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from scorer import fmt
from scorer.archives import check_inflation, read_table_bytes
from scorer.atomic import note_read
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg, not_found, os_reason
from scorer.yamlio import not_utf8, undecodable_line
from scorer.read.text import a1

MISSING = {"", "NA", "N/A", "NaN", "nan", "#N/A"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass
class Table:
    """A CSV or Excel sheet as text cells, and where each cell is in the file."""

    path: Path
    frame: pd.DataFrame  # every cell as str; "" when empty
    sheet: str | None

    def at(self, row: int | None = None, column: str | None = None) -> Location:
        """Location of a data row (0-based, below the header) and column; the header when row is None."""
        line = 1 if row is None else row + 2
        if self.sheet is None:
            return Location(file=self.path, line=line)
        return Location(file=self.path, sheet=self.sheet, cell=self._cell(line, column))

    def describe(self, row: int, column: str) -> str:
        """The same place in words, by file name only, for text written into the YAML."""
        if self.sheet is None:
            return f"{self.path.name}, line {row + 2}"
        return f"{self.path.name}, sheet {self.sheet}, cell {self._cell(row + 2, column)}"

    def _cell(self, line: int, column: str | None) -> str | None:
        if column is None or column not in self.frame.columns:
            return None if line == 1 else f"{line}:{line}"  # the whole row, as Excel writes it
        return a1(line - 1, self.frame.columns.get_loc(column))

    def numbers(self, column: str, problems: list[Problem], what: str, largest: float | None = None) -> np.ndarray:
        """A column parsed as exact doubles; missing markers → NaN; anything else is a problem, and so is a value
        beyond ±`largest` (given: an indicator's data, which the methods power and subtract)."""
        text = self.frame[column].str.strip()
        missing = text.isin(MISSING).to_numpy()
        values = np.full(len(text), np.nan)
        try:
            if text[~missing].str.contains("_", regex=False).any():  # float() reads 1_0 as 10
                raise ValueError
            values[~missing] = np.asarray(text[~missing].to_numpy(dtype=str), dtype=float)  # correctly rounded
        except ValueError:
            for k in np.flatnonzero(~missing):  # error path only: find the cells at fault (fmt.ungrouped's rule:
                try:  # 1,234 is 1234; 12,5 is never 125)
                    clean = fmt.despaced(unicodedata.normalize("NFKC", text.iat[k])) or "x"  # 12 5 is never 125
                    values[k] = float("x" if "_" in clean else fmt.ungrouped(clean) or "x")
                except ValueError:
                    problems.append(Problem(msg("{what}: {value!r} in column {column!r} is not a number",
                                                what=what, value=text.iat[k], column=column),
                                            self.at(k, column), msg("write a number, or NA for a missing value")))
        if largest is not None:
            with np.errstate(invalid="ignore"):
                beyond = np.flatnonzero(np.abs(values) > largest)
            for k in beyond:  # bt16j F14: 1e308 overflowed min-max; every unit scored 0 on the indicator, exit 0
                problems.append(Problem(msg("{what}: {value} in column {column!r} is too large to compute with (beyond "
                                            "±{largest:g}: the methods take its powers and differences)", what=what,
                                            value=text.iat[k], column=column, largest=largest),
                                        self.at(k, column), msg("check the value: a wrong unit, a pasted code? give the "
                                                                "indicator in a unit that keeps it smaller")))
        return values


def read_table(path: Path | str, sheet_hint: str) -> "Table":
    path = Path(path)
    note_read(path)  # never written over (scorer.atomic.files_read); a FIFO or device refused as such
    if not path.is_file():
        raise ScorerError.at(not_found(path), file=path)
    try:
        raw = read_table_bytes(path)  # bounded (bt16j F13): a table the size of the memory is refused by name
    except OSError as exc:
        raise ScorerError.at(msg("cannot read the table: {exc}", exc=os_reason(exc)), file=path) from None
    if path.suffix.lower() in EXCEL_SUFFIXES:
        check_inflation(raw, path)  # a zip bomb is refused before openpyxl inflates it
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            with pd.ExcelFile(path, engine="openpyxl") as book:
                names = [s for s in book.sheet_names if s.lower() == sheet_hint.lower()] or book.sheet_names[:1]
            read = pd.read_excel(path, sheet_name=names[0], dtype=object, engine="openpyxl")
            frame = read.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else
                            repr(v) if isinstance(v, float) else str(v))
            return Table(path, frame.astype(str), names[0])
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except OSError as exc:
        raise ScorerError.at(msg("cannot read the table: {exc}", exc=os_reason(exc)), file=path) from None
    except UnicodeDecodeError as exc:
        # pandas' offset counts from a chunk of it: the file's own decoding says where
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError as whole:
            exc = whole
        raise ScorerError.at(not_utf8(raw, exc), file=path, line=undecodable_line(raw, exc),
                             hint=msg("give a CSV (UTF-8) or an .xlsx workbook")) from None
    except pd.errors.EmptyDataError:  # a 0-byte or blank file: pandas' "No columns to parse from file"
        raise ScorerError.at(msg("the table is empty"), file=path, hint=msg("one row per unit, a uCode column and one "
                                                                            "column per indicator")) from None
    except ValueError as exc:
        raise ScorerError.at(msg("cannot read the table: {exc}", exc=exc), file=path,
                             hint=msg("give a CSV (UTF-8) or an .xlsx workbook")) from None
    except Exception:  # a damaged workbook fails inside openpyxl with zip, XML or key errors
        from scorer.read.files import what_is_wrong

        what_is_wrong(path, raw)  # empty, not a zip archive, a damaged one …: said as for a workbook
        raise ScorerError.at(msg("cannot open as a workbook: the file is damaged or incomplete"),
                             file=path, hint=msg("open it in Excel and save it again, or export the sheet as CSV "
                                                 "(UTF-8)")) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return Table(path, frame, None)


def require_columns(table: "Table", required: list[str], what: str) -> list[Problem]:
    missing = [c for c in required if c not in table.frame.columns]
    return [Problem(msg("{what} has no column {c!r}", what=what, c=c), table.at(),
                    msg("COINr's {what} needs the columns {names}", what=what, names=', '.join(required))) for c in missing]
