"""bt11i F4: the small ones, each as a kind. Every case builds its own bad input in tmp_path from the sample.

- a problem is told once (a unit cell left blank was warned twice, once per year of its row);
- the watcher's line for a workbook never says 'nothing doubtful' beside the error file it writes for it, and counts
  doubtful figures apart from other problems;
- score-table speaks of the table's zones (not 'the zone'), and names an indicator left out of a zone's category;
- the HTML report's file names hold no word joiner (U+2060: a copied name did not find the file);
- a published rate's disagreement quotes two levels whose ratio is the rate it states (a US$ row quoted yuan);
- a unit slip under a table-wide 单位 statement names that statement's cell;
- a peer table's header is quoted as typed (full-width brackets), not as matched."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from scorer.cli.watch import Watcher, error_file
from scorer.read.plausibility import DOUBT_CODES
from tests.conftest import EXAMPLES, run_cli

Q4 = "周口经开区主要统计指标_2022年1-12月.xlsx"


def _sample(tmp_path: Path, edit=None, only: str | None = None) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in EXAMPLES.glob("*.xlsx"):
        if only is None or f.name == only:
            shutil.copy(f, folder / f.name)
    if edit is not None:
        wb = openpyxl.load_workbook(folder / Q4)
        edit(wb)
        wb.save(folder / Q4)
    return folder


def _problems(folder, *args) -> list[dict]:
    done = run_cli("score", folder, "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["problems"]


def test_every_unit_cell_left_blank_is_told_once(tmp_path):
    def blank_units(wb):
        ws = wb["主要经济指标"]
        for row in ws.iter_rows(min_row=5, min_col=2, max_col=2):
            if isinstance(row[0].value, str) and "元" in row[0].value:
                row[0].value = None
    problems = _problems(_sample(tmp_path, blank_units, only=Q4))
    told = [(p["code"], p["message_en"], p["file"], p["sheet"], p["cell"]) for p in problems]
    assert any("no unit given" in p["message_en"] for p in problems)
    assert len(told) == len(set(told)), [t for t in told if told.count(t) > 1][:3]


def test_a_workbook_with_an_error_file_is_never_said_to_hold_nothing_doubtful(tmp_path):
    def trade_in_yi(wb):  # the slip: 进出口总额 in 亿元 typed into the row marked 万元
        wb["主要经济指标"]["B7"].value = "万元"
    folder = _sample(tmp_path, trade_in_yi)
    w = Watcher(folder, tmp_path / "reports", lang="en")
    w.poll()
    events = w.poll()
    for wb in folder.glob("*.xlsx"):
        line = next(e for e in events if f"read {wb.name}:" in e or f"已读取 {wb.name}" in e)
        if error_file(wb).exists():
            assert not line.rstrip().endswith("nothing doubtful"), line
        m = re.search(r", (\d+) doubtful", line)
        if m:  # the count is of doubtful figures only: warnings are counted apart
            listed = error_file(wb).read_text(encoding="utf-8")
            assert int(m[1]) <= len(re.findall(r"doubtful|存疑", listed)), line


def test_score_table_speaks_of_its_zones_and_names_an_indicator_left_out(tmp_path):
    src = (Path(__file__).resolve().parent.parent / "indicators" / "peers" / "central-synthetic.csv")
    lines = src.read_text(encoding="utf-8-sig").splitlines()
    head = lines[0].split(",")
    drop = head.index("listed_companies")
    gdp = head.index("gdp_amount")
    rows = [line.split(",") for line in lines]
    rows[3][gdp] = ""  # one zone's GDP left blank
    table = tmp_path / "t.csv"
    table.write_text("\n".join(",".join(c for k, c in enumerate(r) if k != drop) for r in rows) + "\n", encoding="utf-8")
    done = run_cli("--lang", "en", "score-table", Path(__file__).resolve().parent.parent / "indicators" / "framework.yaml",
                   table, "--json")
    assert done.returncode == 0, done.stderr
    assert "compares the zone" not in done.stderr and "covers 29 of 30" in done.stderr
    zone = rows[3][head.index("uCode") if "uCode" in head else 0]
    assert "indicator_left_out" in done.stdout or any(
        "gdp_amount" in line and zone in line for line in done.stderr.splitlines()), done.stderr[-2000:]


def test_the_html_reports_file_names_are_as_on_disk(tmp_path):
    out = tmp_path / "r.html"
    done = run_cli("report", EXAMPLES, "--format", "html", "-o", out)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    names = re.findall(r"[^\s<>›\"/+=]{1,255}\.xlsx", html)
    assert names and not [n for n in names if "\u2060" in n]
    assert any(n.endswith(Q4) for n in names)


def test_a_rate_disagreement_quotes_levels_that_give_the_rate_it_states(tmp_path):
    def trade_in_dollars(wb):  # the row in 亿美元, the published 同比 left as the yuan rate
        ws = wb["主要经济指标"]
        ws["B7"].value, ws["C7"].value, ws["D7"].value = "亿美元", 7.22, 6.96
    problems = _problems(_sample(tmp_path, trade_in_dollars, only=Q4))
    said = [p for p in problems if p["code"] == "growth_disagrees"]
    assert said
    for p in said:
        m = re.search(r"but ([\d,.]+) .*? over ([\d,.]+) .*? gives (-?[\d.]+)%", p["message_en"])
        a, b, rate = (float(x.replace(",", "")) for x in m.groups())
        assert abs((a / b - 1) * 100 - rate) < 0.2, p["message_en"]


def test_a_unit_slip_under_a_table_wide_unit_names_the_statement(tmp_path):
    def city_in_yi(wb):
        wb["所在市"]["A3"].value = "单位：亿元"
    problems = _problems(_sample(tmp_path, city_in_yi))
    slips = [p for p in problems if p["code"] in DOUBT_CODES and p["sheet"] == "所在市" and p["period"] == "2022Q4"]
    assert slips
    assert all(any(c["cell"] == "A3" for c in p["cells"]) for p in slips), slips


@pytest.mark.parametrize("typed", ["不存在的指标（万元）", "地区生产总值（十亿元）"])
def test_a_peer_tables_header_is_quoted_as_typed(tmp_path, typed):
    table = tmp_path / "p.csv"
    table.write_text(f"园区名称,{typed}\n甲园区,1\n乙园区,2\n", encoding="utf-8")
    done = run_cli("score", EXAMPLES, "--peers", table)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert typed in done.stderr, done.stderr
