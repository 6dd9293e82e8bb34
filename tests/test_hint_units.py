"""A hint that names a unit slip names the row's own unit (bt11k F4: a row in 吨 was told "亿元 in a 万元 row?").

Three checks of the kind: the catalogue holds no hint with a slip in fixed units (they are filled in from the row);
for every unit of fields.yaml, each hint built for it names units of that unit's dimension only; and the tester's
case, a tonnes row slipped in both columns of a workbook, end to end through `scorer score --json`.
"""

from __future__ import annotations

import json
import re
import shutil

import openpyxl
import pytest
from babel.messages.pofile import read_po

from conftest import EXAMPLES, ROOT, run_cli
from scorer import units
from scorer.read.own_history import _typed_wrong_hint
from scorer.read.plausibility import digit_or_slip_hint
from scorer.read.checks import _ten_thousand_hint
from scorer.whatif.changes import _convertible_hint

PO = ROOT / "scorer" / "locale" / "zh_CN" / "LC_MESSAGES" / "scorer.po"
UNIT_NAMES = sorted((u for u in units._UNITS if re.search(r"[\u4e00-\u9fff]", u)), key=len, reverse=True)


def _units_named(text: str) -> list[str]:
    """The Chinese unit names in `text`, longest first so that 万吨标准煤 is not also read as 吨; in Chinese prose only
    names of two characters or more (个, 人, 元 are common words: 其中一个, 单元格)."""
    found = []
    text = text.replace("单元格", " ")
    if re.search(r"[\u4e00-\u9fff]{4}", text):  # a Chinese sentence
        text = re.sub(r"(?<![万亿千百])[个人元家件起项户所座亩吨]", " ", text)
    for name in UNIT_NAMES:
        if name in text:
            found.append(name)
            text = text.replace(name, " ")
    return found


def test_no_message_names_a_unit_slip_in_fixed_units():
    """「亿元 typed into a 万元 row」 written into a message is wrong for every row not in 万元: the units of a slip
    are the row's, filled in (units.slip_words)."""
    with PO.open("rb") as f:
        catalog = read_po(f)
    slip = re.compile(r"[\u4e00-\u9fff]+ (?:typed )?in(?:to)? an? [\u4e00-\u9fff]+ row|e\.g\. [\u4e00-\u9fff]+ for [\u4e00-\u9fff]+")
    fixed = [m.id for m in catalog if m.id and isinstance(m.id, str) and slip.search(m.id)]
    assert not fixed, fixed


def _field_units():
    import yaml

    fields = yaml.safe_load((ROOT / "indicators" / "fields.yaml").read_text(encoding="utf-8"))["fields"]
    return sorted({f["unit"] for f in fields.values() if f.get("unit")})


@pytest.mark.parametrize("unit", _field_units())
def test_every_slip_hint_for_a_row_names_units_of_that_row_s_dimension_only(unit):
    dimension = units._UNITS.get(units.normalise_unit(unit), (None,))[0]
    hints = [digit_or_slip_hint(unit, side) for side in (True, False, None)]
    hints += [_typed_wrong_hint(unit), _convertible_hint(unit), _ten_thousand_hint(1e4, 1.0, unit)]
    for hint in hints:
        for text in (str(hint), hint.zh):
            for name in _units_named(text):
                assert units._UNITS[name][0] == dimension, (unit, name, text)


def test_a_tonnes_row_slipped_in_both_columns_is_told_of_tonnes_not_yuan(tmp_path):
    """The tester's case: 一般工业固体废物综合利用量 typed in 万吨 into its 吨 row, 本期 and 上年同期 alike, in the latest
    workbook: every hint at that row speaks of 万吨 and 吨, none of 亿元 or 万元."""
    folder = tmp_path / "w"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "周口经开区主要统计指标_2022年1-12月.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["主要经济指标"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "一般工业固体废物综合利用量")
    assert ws.cell(row, 2).value == "吨"
    for col in (3, 4):
        ws.cell(row, col).value = ws.cell(row, col).value / 1e4
    wb.save(path)
    done = run_cli("score", folder, "--json")
    problems = [p for p in json.loads(done.stdout)["problems"] if p.get("cell") and p["cell"].endswith(str(row))
                and "主要经济指标" == p.get("sheet")]
    assert {p["code"] for p in problems} >= {"prior_year_differs", "unit_slip"}, problems
    for p in problems:
        for text in (p.get("hint_en") or "", p.get("hint_zh") or ""):
            assert not {"亿元", "万元", "元"} & set(_units_named(text)), (p["code"], text)
    said = next(p for p in problems if p["code"] == "prior_year_differs")
    assert "万吨" in said["hint_en"] and "吨" in said["hint_zh"], said
