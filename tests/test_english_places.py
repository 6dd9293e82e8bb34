"""In English, what scorer itself names is named in English: the place of a problem (sheet 「…」 › cell C7, not
工作表「…」 › 单元格 C7), the indicators that need a missing statistic, units in plausibility warnings and scenario
messages. Only the user's own data (file, sheet, row labels, in 「」) stays as written (bt15 F6). Each test makes
its own input."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli
from scorer.errors import Location, Problem
from scorer.messages import msg
from tests.workbooks import full_tables, write_xlsx

CJK = re.compile(r"[\u4e00-\u9fff]")


def _outside_user_data(text: str) -> str:
    """`text` without what is the user's own: 「quoted」 names and labels, and (parenthesised) workbook spellings."""
    return re.sub(r"「[^」]*」|\([^()]*[\u4e00-\u9fff][^()]*\)", "", text)


def test_a_place_is_named_in_the_language_of_the_message():
    p = Problem(msg("check the cell"), Location(file="表.xlsx", sheet="主要经济指标", cell="C7"),
                also=(Location(file="表.xlsx", sheet="主要经济指标", cell="C9"), Location(file="乙.xlsx", sheet="表1", cell="D2")))
    en, zh = p.render("en"), p.render("zh")
    assert en.startswith("表.xlsx › sheet 「主要经济指标」 › cell C7 + cell C9 + 乙.xlsx › sheet 「表1」 › cell D2: error"), en
    assert zh.startswith("表.xlsx › 工作表「主要经济指标」 › 单元格 C7 + 单元格 C9 + 乙.xlsx › 工作表「表1」 › 单元格 D2：错误"), zh


@pytest.fixture(scope="module")
def english_ingest(framework, tmp_path_factory):
    """`--lang en ingest` of a workbook without 实际使用外资金额's row and with 税收收入 below its plausible range."""
    folder = tmp_path_factory.mktemp("en")
    sheets, merges = full_tables(framework.fields, overrides={"tax_revenue": {"current": 150, "growth": "—"}}, drop=("fdi_actual",))
    write_xlsx(folder / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    done = run_cli("--lang", "en", "ingest", folder)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_the_indicators_needing_a_missing_statistic_are_named_in_english(english_ingest, framework):
    line = next(x for x in english_ingest.splitlines() if "(fdi_actual), needed by" in x)
    needed = line.split("needed by ", 1)[1]
    assert not CJK.search(_outside_user_data(needed)), line
    from scorer.fmt import in_sentence

    assert all(in_sentence(ind.name_en) in needed for ind in framework.indicators.values()  # mid-sentence (bt15i F12)
               if "fdi_actual" in framework.fields_read(ind.tree) and ind.name_en), line
    assert re.search(r", needed by [^,]+(, [^,]+)*, (is|has|was) ", line) or needed.rstrip().endswith(","), line
    hint = english_ingest.splitlines()[english_ingest.splitlines().index(line) + 1]
    assert "US$10k (万美元)" in hint, hint  # its English name, and the unit as the workbook writes it


def test_plausibility_warnings_give_units_in_english(english_ingest):
    line = next(x for x in english_ingest.splitlines() if "plausible value" in x)
    assert not CJK.search(_outside_user_data(line.split(": warning: ", 1)[1])), line
    assert re.search(r"plausible value [\d.,]+ 10k yuan", line), line


def test_a_scenario_amount_without_its_unit_names_the_units_in_english():
    from scorer.whatif.changes import ChangeError, parse_change

    with pytest.raises(ChangeError) as info:
        parse_change("+20", "万美元")
    said = str(info.value.args[0])
    assert not CJK.search(said.split("gives no unit", 1)[1]), said
    assert "、" not in said and "US$" in said, said


def test_every_unit_scorer_knows_has_an_english_name():
    from scorer import units
    from scorer.i18n import UNITS_EN

    assert not [u for u in units._UNITS if CJK.search(u) and u not in UNITS_EN]
