"""bt12 F8, the messages: an error found twice is said once (peers build --year 2022 printed each twice); the
yardsticks' region words (east, west) are read in a peer sidecar and another word is refused saying which are; a row
of 实际利用省(境)外资金 says it is not the assessment's FDI and is ignored; the province line names the province's
national zones as the yardsticks count them (9 for Henan), not the 7 with a published rank as if they were all."""

from __future__ import annotations

import json
import re
import shutil

import openpyxl
import pytest
import yaml
from openpyxl.utils import range_boundaries

from scorer.errors import Location, Problem, ScorerError
from scorer.framework.yardsticks import load_yardsticks
from scorer.score.peers import default_peers, load_peers
from tests.conftest import EXAMPLES, run_cli


def test_the_same_problem_is_said_once():
    p = Problem("x", Location(file="a.yaml", line=3), "h")
    err = ScorerError([p, Problem("x", Location(file="a.yaml", line=3), "h"), Problem("y", Location(file="a.yaml", line=4))])
    assert [q.message for q in err.problems] == ["x", "y"]


def test_peers_build_for_a_year_without_figures_says_each_error_once(tmp_path):
    done = run_cli("peers", "build", "--year", "2022", "-o", str(tmp_path / "p.csv"), "--lang", "en")
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert errors and len(errors) == len(set(errors)), errors


def sidecar_with(tmp_path, region: str):
    shutil.copy(default_peers(), tmp_path / "p.csv")
    doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
    doc["region"] = region
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp_path / "p.csv"


def test_the_yardsticks_region_words_are_read_and_another_is_refused_saying_which(framework, tmp_path):
    for word, region in (("east", "eastern"), ("west", "western"), ("eastern", "eastern")):
        assert load_peers(sidecar_with(tmp_path, word), framework).region == region
    try:
        load_peers(sidecar_with(tmp_path, "中部"), framework)
    except ScorerError as exc:
        [p] = exc.problems
        assert p.location.line is not None and "central" in p.message and "east" in p.message
    else:
        raise AssertionError("region: 中部 was read")


# as offices write it: spaces inside, full-width brackets, a unit after, a footnote mark, a Kangxi radical (⾦, which
# NFKC reads as 金): the note is found however it is spelled (checks.lookalike_rows searches raw text first)
@pytest.mark.parametrize("label", ["  其中：实际利用省(境)外资金", "其中：实际利用省（境）外资金（亿元）",
                                   "实 际 利 用 省 (境) 外 资 金", "1.实际利用省(境)外资金①", "实际利用省(境)外资\u2fa6"])
def test_a_row_of_out_of_province_funds_says_it_is_not_fdi_and_is_ignored(tmp_path, label):
    folder = tmp_path / "wb"
    folder.mkdir()
    src = next(p for p in EXAMPLES.glob("*2022年1-12月.xlsx"))
    wb = openpyxl.load_workbook(src)
    ws = next(s for s in wb.worksheets if any(str(c.value or "").endswith("实际使用外资金额") for c in s["A"]))
    row = next(c.row for c in ws["A"] if str(c.value or "").endswith("实际使用外资金额")) + 1
    ranges = [str(r) for r in ws.merged_cells.ranges]
    for r in ranges:
        ws.unmerge_cells(r)
    ws.insert_rows(row)
    for r in ranges:
        c1, r1, c2, r2 = range_boundaries(r)
        shift = 1 if r1 >= row else 0
        ws.merge_cells(start_row=r1 + shift, start_column=c1, end_row=r2 + shift, end_column=c2)
    for j, v in enumerate([label, "亿元", 35.2, 30.1, 16.9], 1):
        ws.cell(row, j, v)
    wb.save(folder / src.name)
    done = run_cli("ingest", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    [p] = [p for p in out["problems"] if p["code"] == "lookalike_label"]
    assert p["cell"] == f"A{row}" and p["sheet"] == ws.title and "ignored" in p["message_en"]
    assert "out_of_province_funds_not_fdi" in p["message_en"] and "不是商务部考核口径的实际使用外资" in p["message_zh"]
    assert all(o["field"] != "fdi_actual" or o["value"] != 35.2 for o in out["observations"])


def test_the_province_line_counts_the_province_s_zones_as_the_yardsticks_do():
    ys = load_yardsticks()
    [count] = [e for e in ys.of_kind("count") if e.region == "河南"]
    ranked = {e.zone for e in ys.of_kind("rank") if e.region == "河南" and e.zone}
    done = run_cli("score", EXAMPLES, "--json")
    r = json.loads(done.stdout)["readiness"]
    assert r["province"]["national_zones"] == int(count.value) and count.id in r["province"]["national_zones_cites"]
    label = r["label_zh"]
    assert f"河南{int(count.value)}家国家级经开区中已公布排名的{r['province']['of'] - 1}家" in label
    assert r["province"]["of"] - 1 <= len(ranked) < int(count.value)
    assert not re.search(rf"与{len(ranked)}家河南国家级经开区", label)
