"""A lone fraction typed in a column of small percents (R&D intensity 0.0151 for 1.51 % among 0.8–4.7 %) is marked
doubtful at its cell (file and line, or sheet and cell) and left out, as a share column's is: it refused the whole
peer table as an error naming no fraction (i12b, bt12g F5)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorer import units
from scorer.errors import ScorerError
from scorer.score.peers import default_peers, load_peers


def _table():
    return pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _write(tmp_path, t, name, excel=False):
    import shutil

    path = tmp_path / (f"{name}.xlsx" if excel else f"{name}.csv")
    if excel:
        num = t.copy()
        for c in num.columns[3:]:
            num[c] = pd.to_numeric(num[c])
        num.to_excel(path, index=False, sheet_name="园区")
    else:
        t.to_csv(path, index=False, encoding="utf-8")
    shutil.copy(default_peers().with_suffix(".yaml"), path.with_suffix(".yaml"))
    return path


def percent_columns(framework):
    t = _table()
    return [i for i, d in framework.indicators.items()
            if units.dimension(d.unit) == "percent" and d.spec.has_magnitude and i in t.columns]


@pytest.mark.parametrize("excel", [False, True])
def test_a_lone_fraction_in_rd_intensity_is_doubtful_at_its_cell(framework, tmp_path, excel):
    t = _table()
    row, col = 7, "rd_intensity"
    assert float(t[col].astype(float).median()) < 5  # a column of small percents: the share rule's median test fails
    t.loc[row, col] = repr(float(t.loc[row, col]) / 100)
    path = _write(tmp_path, t, "rd", excel)
    peers = load_peers(path, framework)  # not refused
    [p] = [p for p in peers.warnings if p.code == "peer_cell_fraction"]
    assert p.severity == "doubtful" and p.indicator == col and "fraction" in str(p.message) and "小数" in p.message_zh
    k = t.columns.get_loc(col)
    if excel:
        from openpyxl.utils import get_column_letter

        assert (p.location.sheet, p.location.cell) == ("园区", f"{get_column_letter(k + 1)}{row + 2}")
    else:
        assert (p.location.line, p.location.column) == (row + 2, k + 1)
    zone = t.loc[row, "id"]
    assert np.isnan(peers.values.at[zone, col]) and zone in peers.doubtful_rows


def test_a_lone_fraction_in_any_percent_column_never_refuses_the_table(framework, tmp_path):
    """The kind: each percent column of the bundled table, a cell at the column's median typed ÷100 — marked doubtful
    at its cell, or refused at that cell only when below the framework's plausible range (never read)."""
    cols = percent_columns(framework)
    assert "rd_intensity" in cols and len(cols) >= 6
    marked = 0
    for col in cols:
        t = _table()
        x = t[col].astype(float)
        row = int((x - x.median()).abs().idxmin())
        typed = float(t.loc[row, col]) / 100
        t.loc[row, col] = repr(typed)
        path = _write(tmp_path, t, col)
        spec = framework.indicators[col].spec
        try:
            peers = load_peers(path, framework)
        except ScorerError as exc:
            assert spec.plausible is not None and not spec.plausible.contains(typed), (col, [str(p.message) for p in exc.problems])
            continue
        said = [p for p in peers.warnings if p.code == "peer_cell_fraction" and p.indicator == col]
        assert len(said) == 1 and said[0].location.line == row + 2, col
        marked += 1
    assert marked >= 5
