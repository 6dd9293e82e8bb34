"""A peer table headed by a title row or two, as offices make them (bt17h F12): the header is the first row of more
than one cell; the title was read as a column's header, and the hint said to remove the column of zone names."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from scorer.framework.model import load_framework
from scorer.score.peers import default_peers, load_peers


@pytest.mark.parametrize("titles", [["河南省开发区主要指标（2023年）"], ["河南省开发区主要指标（2023年）", None, "单位：见各列"]])
@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_title_rows_above_the_header_are_read_as_titles(tmp_path, titles, suffix):
    fw = load_framework()
    table = pd.read_csv(default_peers(), encoding="utf-8-sig").head(20)
    plain = tmp_path / f"plain.{suffix}"
    titled = tmp_path / f"titled.{suffix}"
    if suffix == "csv":
        table.to_csv(plain, index=False)
        titled.write_text("".join(f"{t or ''}\n" for t in titles) + plain.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        for path, head in ((plain, []), (titled, titles)):
            wb = openpyxl.Workbook()
            ws = wb.active
            for t in head:
                ws.append([t])
            ws.append(list(table.columns))
            for row in table.itertuples(index=False):
                ws.append(list(row))
            wb.save(path)
    a, b = load_peers(plain, fw), load_peers(titled, fw)
    pd.testing.assert_frame_equal(a.values, b.values)
    assert [str(p.message) for p in a.warnings] == [str(p.message).replace("titled", "plain") for p in b.warnings]
