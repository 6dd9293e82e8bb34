"""bt11i F3c: a workbook whose file name names one zone and whose title names another contradicts itself. Whichever
--zone keeps it, the conflict is a problem of the run, at the title's cell (file, sheet, cell): in --json's problems
and in the report's data-quality box. Before, it was scored under either name without a word."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.test_quality import pdf_text


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """The sample with its newest workbook renamed to another zone's name (its titles still the sample's)."""
    folder = tmp_path_factory.mktemp("renamed")
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, folder / f.name.replace("周口经开区", "许昌经开区") if "2022年1-12月" in f.name else folder / f.name)
    return folder


@pytest.mark.parametrize("zone", ["许昌经开区", "周口经济开发区"])
def test_the_conflict_is_named_at_the_title_whichever_zone_is_chosen(renamed, zone):
    done = run_cli("score", renamed, "--zone", zone, "--json")
    assert done.returncode == 0, done.stderr
    found = [p for p in json.loads(done.stdout)["problems"] if p["code"] == "zone_name_conflict"]
    assert len(found) == 1, found
    p = found[0]
    assert p["file"].endswith("许昌经开区主要统计指标_2022年1-12月.xlsx") and p["sheet"] and p["cell"]
    assert "许昌经开区" in p["message_zh"] and "周口" in p["message_zh"] and "许昌经开区" in p["message_en"]


def test_the_conflict_is_in_the_reports_data_quality_box(renamed, tmp_path):
    for lang, words in (("zh", ("数据质量提示", "文件名与标题所列园区不一致")), ("en", ("Data quality", "name two zones"))):
        out = tmp_path / f"r-{lang}.pdf"
        done = run_cli("--lang", lang, "report", renamed, "--zone", "周口经济开发区", "-o", out)
        assert done.returncode == 0, done.stderr
        page2 = pdf_text(out)[1].replace("\n", "")
        assert all(w in page2 for w in words), (lang, page2[:1500])


def test_a_workbook_whose_name_and_title_agree_says_nothing(tmp_path):
    done = run_cli("score", EXAMPLES, "--json")
    assert not [p for p in json.loads(done.stdout)["problems"] if p["code"] == "zone_name_conflict"]
