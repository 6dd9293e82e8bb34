"""An input workbook in the statistics-office layout, with every field of the framework, to be filled in."""

from __future__ import annotations

import os
from pathlib import Path

from scorer.atomic import files_read, refuse_inputs
from scorer.errors import ScorerError
from scorer.framework.model import Framework
from scorer.messages import msg
from scorer.sheets import display_width, save_workbook

_FLOW_SHEET = "主要经济指标"
_STOCK_SHEET = "科技与园区"
_NOTES_SHEET = "填报说明"

MISSING_MARK = "—"  # what the notes tell analysts to write for "no data"; the reader takes it as missing

_NOTES = [
    ("填报说明", None),
    ("1. 本表用于向评估工具填报开发区季度统计数据。请在白色单元格中填写数字；灰色单元格中的指标名称请勿修改，计量单位一般不要修改（确需改用其他单位的，见第5条）。", None),
    ("2. 表头第一行的期间（例如“2023年1-3月”）须与实际填报期间一致：一季度填1-3月，上半年填1-6月，前三季度填1-9月，全年填1-12月。", None),
    ("3. “主要经济指标”为流量指标，填写1月至本季度末的累计数；“科技与园区”为存量指标，填写季度末的期末数。", None),
    ("4. “上年同期”填写上年相同期间的累计数或期末数；“同比增长(%)”填写统计部门公布的可比口径增速，未公布可不填，工具将按本期与上年同期数计算。", None),
    ("5. 请按“计量单位”列的单位填写，不要在数字后加单位或文字；如确需改用其他单位（如亿元、万美元），请同时修改该行的计量单位。", None),
    ("6. 暂无数据请填“—”或留空，不要填0；0表示确实为零。", None),
    ("7. 数字可以带千分位逗号；百分数不要填“%”号。", None),
    ("8. 填好后将本文件放入工作目录，与以往各季度报表放在一起，即可生成评估报告。", None),
]


def _marks(cell: str) -> str:
    """The validation's test for a missing-value mark in `cell`: every mark the reader takes as missing
    (scorer.read.text.MISSING_MARKS: —, ——, -, －, /, 无 …), not only the “—” the notes name (bt15 F14: the ——
    a Chinese input method types for Shift+- was refused by Excel, then read as missing all the same).
    Excel compares text without case, so x and X are one test."""
    from scorer.read.text import MISSING_MARKS

    marks = sorted({m.upper() for m in MISSING_MARKS if m}, key=lambda m: (m != MISSING_MARK, m))
    return ",".join(f'{cell}="{m}"' for m in marks)


def write_template(framework: Framework, out: Path, period: str, zone: str = "本开发区", inputs: tuple = (),
                   replace: bool = False) -> None:
    """Write the fill-in workbook for `period` (e.g. 2023Q1) atomically; an `out` among `inputs` is refused, and
    so is an existing file unless `replace` (ScorerError: an empty template over a filled-in quarter's workbook lost
    its figures without a word, bt16j F11)."""
    if os.path.lexists(out) and not replace:
        refuse_inputs(out, [*inputs, *files_read()])  # an input: said as such first
        raise ScorerError.at(msg("a file of that name exists: the empty template is not written over it"), file=out,
                             hint=msg("name another file, or give --force to replace it"))
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    year, q = int(period[:4]), int(period[-1])
    span = f"{year}年1-{q * 3}月"
    thin = Side(style="thin", color="9AA5B1")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="EEF1F4")
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    wb = Workbook()
    wb.remove(wb.active)
    needed = _fields_in_use(framework)
    for sheet_name, kind, current in [(_FLOW_SHEET, "flow", f"{span}累计"), (_STOCK_SHEET, "stock", "期末数")]:
        ws = wb.create_sheet(sheet_name)
        ws.merge_cells("A1:E1")
        ws["A1"] = f"{zone}{span}{'主要经济指标' if kind == 'flow' else '科技创新与园区建设指标'}"
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = centre
        ws.merge_cells("A2:E2")
        ws["A2"] = "请在白色单元格中填写数字；暂无数据填“—”或留空。详见“填报说明”工作表。"
        ws["A2"].font = Font(color="6B7785", size=9)
        ws.merge_cells("A3:A4")
        ws.merge_cells("B3:B4")
        ws.merge_cells("C3:E3")
        ws["A3"], ws["B3"], ws["C3"] = "指标名称", "计量单位", f"{year}年"
        ws["C4"], ws["D4"], ws["E4"] = current, "上年同期", "同比增长(%)"
        for row in ws["A3:E4"]:
            for cell in row:
                cell.font, cell.alignment, cell.border, cell.fill = bold, centre, border, grey

        # The notes say: no data → “—” or blank. So the validation accepts exactly that besides numbers
        # (a decimal-type validation would refuse “—”); formulas are relative to the first cell, C5 / E5.
        level = DataValidation(type="custom", formula1=f'OR(AND(ISNUMBER(C5),C5>=0),{_marks("C5")})',
                               allow_blank=True, showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                               errorTitle="请输入数字",
                               error=f"请填写不小于0的数字，不要填写单位或文字；暂无数据请填“{MISSING_MARK}”或留空。",
                               promptTitle="填写说明", prompt="按本行计量单位填写数字")
        growth = DataValidation(type="custom",
                                formula1=f'OR(AND(ISNUMBER(E5),E5>=-100,E5<=1000),{_marks("E5")})',
                                allow_blank=True, showErrorMessage=True, errorStyle="stop", errorTitle="请输入增速",
                                error=f"请填写百分数的数值（如 8.5 表示 8.5%），范围 -100 至 1000；未公布请填“{MISSING_MARK}”或留空。")
        ws.add_data_validation(level)
        ws.add_data_validation(growth)

        row = 5
        for fid, fdef in framework.fields.items():
            if fdef.kind != kind:
                continue
            ws.cell(row, 1, fdef.label).border = border
            ws.cell(row, 2, fdef.unit).border = border
            ws.cell(row, 1).fill = ws.cell(row, 2).fill = grey
            ws.cell(row, 2).alignment = centre
            if fid not in needed:
                ws.cell(row, 1).comment = Comment("本指标当前评分未使用，可选填。", "scorer")
            for col in (3, 4, 5):
                cell = ws.cell(row, col)
                cell.border = border
                cell.number_format = "0.0" if col == 5 else "#,##0.00"
            row += 1
        if row > 5:
            level.add(f"C5:D{row - 1}")
            growth.add(f"E5:E{row - 1}")
        ws.cell(row + 1, 1, "注：流量指标填1月至本期末累计数，存量指标填期末数。").font = Font(color="6B7785", size=9)
        ws.column_dimensions["A"].width = 44
        ws.column_dimensions["B"].width = 12
        for col in "CDE":
            ws.column_dimensions[col].width = 16
        ws.freeze_panes = "C5"
        _one_page(ws, landscape=False)

    notes = wb.create_sheet(_NOTES_SHEET)
    width = 110
    notes.column_dimensions["A"].width = width
    for r, (text, _) in enumerate(_NOTES, 1):
        cell = notes.cell(r, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if r == 1:
            cell.font = Font(bold=True, size=14)
        else:  # as many lines as the text wraps to: a row of unset height printed one line, item 1 over item 2 (bt15i F8)
            lines = -(-display_width(text) // (width - 4))
            notes.row_dimensions[r].height = 16.0 * lines + 4
    _one_page(notes, landscape=True)

    save_workbook(wb, Path(out), inputs)  # a zone name or label that starts with = stays text


def _one_page(ws, landscape: bool) -> None:
    """Print the sheet on one A4 page (Excel, WPS and LibreOffice scale it to fit)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _fields_in_use(framework: Framework) -> set[str]:
    from scorer.framework import formula as fx

    used = set()
    trees = [i.tree for i in framework.indicators.values() if i.tree is not None] + list(framework.derived.values())
    for tree in trees:
        used |= {n.name for n in fx.names(tree) if n.name in framework.fields}
    return used
