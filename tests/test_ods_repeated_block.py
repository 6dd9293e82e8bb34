"""A block of cells written once and repeated in an .ods (number-rows-repeated of a repeated cell) far beyond the table
is refused as the block it is, with its extent, not as 'a stray cell (and 2 more)' at three of its corners (i10g's
leftover of bt10f F9: a 100 000 × 1 000 block of zeros saved by LibreOffice under the bundled table)."""

from __future__ import annotations

import zipfile

import pytest

from scorer.read.ingest import ingest

T, O = "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _cell(value) -> str:
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="float" office:value="{value}"/>'


@pytest.mark.parametrize("rows, cols", [(100_000, 1_000), (3_000, 2_000)])
def test_a_repeated_block_far_beyond_the_table_is_named_as_a_block(tmp_path, framework, rows, cols):
    table = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"],
             ["地区生产总值", 120.9, 112.71, 7.3]]
    body = "".join("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>" for row in table)
    body += (f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="float" '
             f'office:value="0" table:number-columns-repeated="{cols}"/></table:table-row>')
    content = (f'<office:document-content xmlns:office="{O}" xmlns:table="{T}" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="表1">{body}</table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    path = tmp_path / "周口经开区_2022年1-6月.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    result = ingest([path], framework.fields)
    errors = [p for p in result.problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].location.sheet == "表1", [p.message for p in result.problems]
    assert "stray cell" not in errors[0].message
    assert f"a block of {rows:,} rows × {cols:,} columns (A4:" in errors[0].message
    assert errors[0].location.cell == "A4"
