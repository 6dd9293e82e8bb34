"""Peer tables as analysts save them (GBK CSV, UTF-8 with BOM, .xlsx), and every bad one refused with its place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import EXAMPLES, run_cli
from scorer.errors import ScorerError
from scorer.score.peers import default_peers, load_peers, standing

TABLE = "园区名称,实际使用外资金额（亿美元）,进出口总额,rd_institutions\n甲经开区,1.5,500,12\n乙经开区,0.8,—,3\n"


def write(tmp_path: Path, text: str, name: str = "peers.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_a_csv_in_any_encoding_excel_writes_reads_the_same(framework, tmp_path, encoding):
    peers = load_peers(write(tmp_path, TABLE, encoding=encoding), framework)
    assert list(peers.values.index) == ["甲经开区", "乙经开区"]
    assert peers.values.at["甲经开区", "fdi_amount"] == pytest.approx(15000.0)  # 1.5 亿美元 in 万美元
    assert peers.values.at["甲经开区", "trade_amount"] == 500
    assert np.isnan(peers.values.at["乙经开区", "trade_amount"])
    assert peers.values.at["乙经开区", "rd_institutions"] == 3


def test_an_xlsx_peer_table_with_a_zone_column(framework, tmp_path):
    path = tmp_path / "peers.xlsx"
    pd.DataFrame({"zone": ["甲", "乙"], "实际使用外资金额(万美元)": [15000, 8000], "备注": ["省报", ""]}).to_excel(path, index=False)
    peers = load_peers(path, framework)
    assert peers.values["fdi_amount"].tolist() == [15000, 8000]
    assert peers.names == {"甲": "甲", "乙": "乙"}


def test_a_peer_set_covering_some_indicators_ranks_on_those_and_says_so(framework, sample_run, tmp_path):
    peers = load_peers(write(tmp_path, TABLE), framework)
    assert peers.covered == ["fdi_amount", "trade_amount", "rd_institutions"]
    assert "covers 3 of 30 indicators" in peers.notes[0] and "fdi_growth" in peers.notes[0]
    zone = sample_run.result.values.loc[sample_run.result.period]
    st, groups = standing(framework, zone, peers)
    # The zone is scored on the same three indicators as its peers, not on all 30 against their 3.
    on_three = standing(framework, zone.where(zone.index.isin(peers.covered)), peers)[1]
    assert groups.at["__zone__", "index"] == pytest.approx(on_three.at["__zone__", "index"])
    assert groups.at["__zone__", "index"] != pytest.approx(sample_run.result.overall)


@pytest.mark.parametrize("lang, said", [("zh", "对照样本只含3项指标的数据（共30项），估算排名仅按这3项比较"),
                                        ("en", "The peer table covers 3 of the 30 indicators")])
def test_the_report_says_beside_the_rank_that_the_peers_cover_some_indicators(lang, said, tmp_path):
    import html as htmlmod

    from scorer.pipeline import report, run

    r = run([EXAMPLES], peers_path=write(tmp_path, TABLE))
    out = tmp_path / "report.html"
    report(r, out, fmt="html", lang=lang)
    text = htmlmod.unescape(out.read_text(encoding="utf-8")).replace("\u00a0", " ").replace("\u2060", "")  # joiners keep numbers to their units
    assert said in text
    full = run([EXAMPLES])  # the bundled set covers every indicator: nothing to say
    report(full, out, fmt="html", lang=lang)
    assert said.split("3")[0] not in htmlmod.unescape(out.read_text(encoding="utf-8")).replace("\u00a0", " ")


@pytest.mark.parametrize("text, place, expected", [
    ("名称,fdi_amount\n甲,100\n乙,200\n甲,150\n", (4, 1), "zone '甲' appears twice with different values"),
    ("名称,fdi_amount\n甲,inf\n", (2, 2), "'inf' is not a finite number"),
    ("名称,fdi_amount\n甲,1e999\n", (2, 2), "is not a finite number"),
    ("名称,fdi_amount,实际使用外资金额\n甲,1,2\n", (1, 3), "repeats column 'fdi_amount'"),
    ("名称,fdi_amount\n", (2, 1), "a header but no zone"),
    ("名称,fdi_amount\n,\n", (2, 1), "a header but no zone"),
    ("名称,fdi_amuont\n甲,1\n", (1, 2), "did you mean 'fdi_amount'"),
    ("名称,实际使用外资金额（吨）\n甲,1\n", (1, 2), "does not convert to the indicator's unit '万美元'"),
    ("名称,fdi_amount,synthetic\n甲,1,maybe\n", (2, 3), "'maybe' is not true or false"),
    ("名称,fdi_amount\n甲,lots\n", (2, 2), "'lots' is not a number"),
    ("备注,fdi_amount\n甲,1\n", (1, 1), "no column naming each zone"),
    # a program's mark for "not a number" is not a missing value an analyst writes
    ("名称,fdi_amount\n甲,nan\n", (2, 2), "'nan' is not a finite number"),
    ("名称,fdi_amount\n甲,NaN\n", (2, 2), "'NaN' is not a finite number"),
    ("名称,fdi_amount\n甲,null\n", (2, 2), "'null' is not a number"),
    # a short row: its values may stand under the wrong columns; a long one: a value under no column
    ("名称,fdi_amount,trade_amount\n甲,100\n", (2, 3), "this row has 2 cells and the header 3"),
    ("名称,fdi_amount\n甲,100,5\n", (2, 3), "a value stands under no column"),
    # values outside the indicator's declared bounds (framework.yaml), whatever the column's unit
    ("名称,fdi_amount\n甲,-100\n", (2, 2), "the value must be at least 0 US$10k"),
    ("名称,实际使用外资金额（亿美元）\n甲,-0.5\n", (2, 2), "read as -5000 US$10k"),
    ("名称,fdi_city_share\n甲,150\n", (2, 2), "between 0 and 100 %"),
    ("名称,rd_institutions\n甲,-3\n", (2, 2), "at least 0 items"),
    # places are the file's own: blank lines before the header and between rows are counted
    ("\n名称,fdi_amount\n甲,1\n\n乙,lots\n", (5, 2), "'lots' is not a number"),
    ('名称,fdi_amount\n"甲,\n乙",1\n丙,lots\n', (4, 2), "'lots' is not a number"),
    ("名称,fdi_amount\n甲,100\n\n甲,150\n", (4, 1), "(also at line 2;"),
    # one zone under two ids (a row copied and given another id): the same zone twice (bt16g F2), by its name,
    # however spelled: a trailing blank, a zero-width space or a byte-order mark inside it, full-width letters
    ("id,名称,fdi_amount\na,甲经开区,100\nb,乙经开区,200\nc,甲经开区,150\n", (4, 2), "zone '甲经开区' appears twice"),
    ("id,名称,fdi_amount\na,甲经开区,100\nc,甲经开区 ,150\n", (3, 2), "appears twice with different values"),
    ("id,名称,fdi_amount\na,甲经开区,100\nc,甲\u200b经开区,150\n", (3, 2), "appears twice with different values"),
    ("id,名称,fdi_amount\na,Zone A,100\nc,\ufeffＺＯＮＥ　a,150\n", (3, 2), "appears twice with different values"),
    ("名称,id,fdi_amount\n甲经开区,a,100\n乙经开区,a,150\n", (3, 2), "zone 'a' appears twice"),  # the id repeated
])
def test_a_bad_peer_table_is_refused_naming_row_and_column(framework, tmp_path, text, place, expected):
    path = write(tmp_path, text)
    with pytest.raises(ScorerError) as info:
        load_peers(path, framework)
    problem = next(p for p in info.value.problems if expected in p.render())
    assert (problem.location.line, problem.location.column) == place and problem.location.file == path


def test_one_zone_under_two_ids_with_the_same_values_is_counted_once(framework, tmp_path):
    peers = load_peers(write(tmp_path, "id,名称,fdi_amount\na,甲经开区,100\nb,乙经开区,200\nc,甲经开区,100\n"), framework)
    assert len(peers.values) == 2
    assert any("appears twice with the same values" in p.render() for p in peers.warnings)


def test_zones_of_different_names_under_different_ids_are_all_kept(framework, tmp_path):
    peers = load_peers(write(tmp_path, "id,名称,fdi_amount\na,甲经开区,4000\nb,乙经开区,5000\nc,丙经开区,6000\n"), framework)
    assert len(peers.values) == 3


@pytest.mark.parametrize("extra", ["规模", "员工人数", "营收总额（亿元）", "zone_size"])
def test_a_column_of_no_indicator_is_refused_at_its_place(framework, tmp_path, extra):
    # a user's own figures beside the indicators (规模): refused naming file and column, as README and issue 11
    # point 4 say (it was left out with a warning, and --strict let it through); 备注 keeps a text column
    path = write(tmp_path, f"名称,fdi_amount,{extra}\n甲,1000,大\n")
    with pytest.raises(ScorerError) as info:
        load_peers(path, framework)
    [said] = info.value.problems
    assert (said.location.file, said.location.line, said.location.column) == (path, 1, 3)
    assert said.code == "peer_column_unknown" and extra.split("（")[0] in said.render()
    kept = load_peers(write(tmp_path, "名称,fdi_amount,备注\n甲,1000,大\n"), framework)
    assert kept.values.at["甲", "fdi_amount"] == 1000 and not kept.left_out


def test_a_misspelt_indicator_column_is_still_refused_not_left_out(framework, tmp_path):
    # close to an indicator the table has no column for: a misspelling, never silently dropped
    with pytest.raises(ScorerError, match="did you mean 'fdi_amount'"):
        load_peers(write(tmp_path, "名称,fdi_amuont,trade_amount\n甲,1,2\n"), framework)


def _without_listed_companies(folder: Path) -> Path:
    """The bundled framework less its indicator listed_companies (its weight to large_manufacturers) and the field."""
    import re

    from conftest import ROOT

    for name in ("framework.yaml", "fields.yaml", "yardsticks.yaml", "rules.yaml", "exchange_rates.yaml", "glossary.yaml"):
        shutil.copy(ROOT / "indicators" / name, folder / name)
    text = (folder / "framework.yaml").read_text(encoding="utf-8")
    start = text.index("      - id: listed_companies")
    after = re.search(r"\n(      - id: |  - |[a-z])", text[start + 10:])
    end = start + 10 + after.start() + 1 if after else len(text)
    block, text = text[start:end], text[:start] + text[end:]
    mine = int(re.search(r"weight: (\d+)", block).group(1))
    at = text.index("weight:", text.index("      - id: large_manufacturers"))
    theirs = re.match(r"weight: (\d+)", text[at:]).group(1)
    text = text[:at] + f"weight: {int(theirs) + mine}" + text[at + len("weight: ") + len(theirs):]
    (folder / "framework.yaml").write_text(text, encoding="utf-8")
    fields = (folder / "fields.yaml").read_text(encoding="utf-8")
    start = fields.index("  listed_companies:")
    after = re.search(r"\n  [a-z_]+:\n|\n[a-z]", fields[start + 5:])
    end = start + 5 + after.start() + 1 if after else len(fields)
    (folder / "fields.yaml").write_text(fields[:start] + fields[end:], encoding="utf-8")
    return folder / "framework.yaml"


def test_the_bundled_peer_table_serves_a_framework_without_some_of_its_indicators(tmp_path):
    # a custom framework without listed_companies could not run `report` at all: refused at the bundled table's column
    framework = _without_listed_companies(tmp_path)
    done = run_cli("report", EXAMPLES, "-f", framework, "--format", "html", "-o", tmp_path / "r.html")
    assert done.returncode == 0, done.stderr
    assert "central-synthetic.csv:1:" in done.stderr and "'listed_companies' left out" in done.stderr
    assert "未采用列 'listed_companies'" in (tmp_path / "r.html").read_text(encoding="utf-8").replace("&#39;", "'")


def test_a_bad_cell_of_an_xlsx_peer_table_is_named_by_its_cell(framework, tmp_path):
    path = tmp_path / "peers.xlsx"
    pd.DataFrame({"名称": ["甲", "乙"], "fdi_amount": ["1", "inf"]}).to_excel(path, index=False)
    with pytest.raises(ScorerError) as info:
        load_peers(path, framework)
    assert info.value.problems[0].location.cell == "B3"


def _xlsx(path: Path, rows: list[list], sheet: str = "对照园区") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    book.save(path)  # openpyxl calculates nothing: a formula is saved without a result, as some exporters do
    return path


@pytest.mark.parametrize("rows, cell, expected", [
    ([["名称", "fdi_amount"], ["甲", 100], ["乙", "=B2*2"]], "B3", "a formula with no saved result"),
    ([["名称", "fdi_amount"], ["甲", 100], [None, None], ["乙", "=1/0"]], "B4", "a formula with no saved result"),
    ([["名称", "fdi_amount"], ["甲", -1]], "B2", "the value must be at least 0 US$10k"),
    ([["名称", "fdi_amount"], ["甲", "nan"]], "B2", "is not a finite number"),
    ([None, ["名称", "fdi_amount"], ["甲", 1], [None, None], ["乙", "lots"]], "B5", "'lots' is not a number"),
])
def test_a_bad_cell_of_an_xlsx_peer_table_is_named_by_sheet_and_cell(framework, tmp_path, rows, cell, expected):
    path = _xlsx(tmp_path / "peers.xlsx", [r or [None] for r in rows])
    with pytest.raises(ScorerError) as info:
        load_peers(path, framework)
    problem = next(p for p in info.value.problems if expected in p.message)
    assert (problem.location.file, problem.location.sheet, problem.location.cell) == (path, "对照园区", cell)
    assert "工作表「对照园区」 › 单元格 " + cell in problem.render("zh")
    assert "sheet 「对照园区」 › cell " + cell in problem.render("en")


def test_a_blank_cell_and_the_marks_analysts_write_are_missing_values(framework, tmp_path):
    peers = load_peers(write(tmp_path, "名称,fdi_amount,trade_amount\n甲,1000,\n乙,—,n/a\n丙,…,无\n"), framework)
    assert peers.values["fdi_amount"].isna().tolist() == [False, True, True]
    assert peers.values["trade_amount"].isna().all()
    path = _xlsx(tmp_path / "peers.xlsx", [["名称", "fdi_amount"], ["甲", 1000], ["乙", None]])
    assert load_peers(path, framework).values["fdi_amount"].isna().tolist() == [False, True]


def test_the_same_zone_twice_with_the_same_values_is_read_once(framework, tmp_path):
    peers = load_peers(write(tmp_path, "名称,fdi_amount\n甲,1000\n乙,2000\n甲,1000\n"), framework)
    assert list(peers.values.index) == ["甲", "乙"]


@pytest.mark.parametrize("sidecar, expected", [
    ("synthetic: [true\n", "YAML syntax error"),
    ("- just a list\n", "sidecar YAML is a mapping"),
    ("synthetic: perhaps\n", "synthetic"),
])
def test_a_malformed_sidecar_yaml_is_refused_with_its_file(framework, tmp_path, sidecar, expected):
    path = write(tmp_path, "名称,fdi_amount\n甲,100\n")
    (tmp_path / "peers.yaml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_peers(path, framework)
    assert expected in str(info.value) and str(tmp_path / "peers.yaml") in str(info.value)


def test_the_synthetic_column_is_read_as_a_flag(framework, tmp_path):
    assert load_peers(write(tmp_path, "名称,fdi_amount,synthetic\n甲,1000,true\n乙,2000,false\n"), framework).synthetic is True
    assert load_peers(write(tmp_path, "名称,fdi_amount,synthetic\n甲,1000,false\n"), framework).synthetic is False


# ------------------------------------------------------------------------------ as a user runs it
def test_a_copy_of_the_bundled_peer_table_scores_to_json(tmp_path):
    copy = tmp_path / "peers.csv"
    shutil.copy(default_peers(), copy)  # without its sidecar YAML: the `synthetic` column alone says so
    done = run_cli("score", EXAMPLES, "--peers", copy, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["standing"]["synthetic"] is True and data["config"]["peers"]["synthetic"] is True


@pytest.mark.parametrize("text, expected", [
    ("名称,fdi_amount\n甲,100\n甲,150\n", ":3:1: error: zone '甲' appears twice"),
    ("名称,fdi_amount\n", ":2:1: error: the peer table has a header but no zone"),
])
def test_score_refuses_a_bad_peer_table_without_an_internal_error(tmp_path, text, expected):
    path = write(tmp_path, text, encoding="gbk")
    done = run_cli("score", EXAMPLES, "--peers", path, "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["refused"] is True  # under --json: the refusal's document
    assert f"{path}{expected}" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_score_with_a_partial_gbk_peer_table_says_what_it_lacks(tmp_path):
    path = write(tmp_path, TABLE, encoding="gbk")
    done = run_cli("score", EXAMPLES, "--peers", path, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["config"]["peers"]["missing_indicators"][:2] == ["fdi_growth", "fdi_city_share"]
    assert data["standing"]["of"] == 3
    assert "covers 3 of 30 indicators" in done.stderr


def test_scenarios_rank_a_partial_peer_set_as_score_does(framework, tmp_path):
    from scorer.pipeline import run
    from scorer.whatif.scenario import compare

    r = run([EXAMPLES], peers_path=write(tmp_path, TABLE + "丙经开区,0.95,900,8\n丁经开区,0.5,50,1\n"))
    baseline = compare(r, []).baseline
    assert (baseline.rank, baseline.of) == (r.standing.rank, r.standing.of)


def test_a_category_no_peer_covers_has_no_median_and_no_empty_chart(framework, sample_run, tmp_path):
    import base64
    import re

    path = write(tmp_path, TABLE)
    zone = sample_run.result.values.loc[sample_run.result.period]
    st, _ = standing(framework, zone, load_peers(path, framework))
    assert st.peer_median_categories["green"] is None and st.peer_median_categories["opening"] is not None
    done = run_cli("report", EXAMPLES, "--peers", path, "--format", "html", "-o", tmp_path / "r.html")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    charts = [base64.b64decode(b).decode("utf-8") for b in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)]
    assert charts and not any("nan" in svg.lower() for svg in charts)


def test_score_table_scores_and_ranks_every_zone_of_a_peer_table_as_their_standing_does(framework, tmp_path):
    # A province's table as an analyst saves it: Chinese zone names, GBK, thousands separators, a gap.
    peers = load_peers(default_peers(), framework)
    table = peers.values.copy()
    table.insert(0, "园区名称", [f"{k}号园区" for k in range(len(table))])
    table.iloc[3, 4] = np.nan
    path = tmp_path / "全省园区.csv"
    path.write_bytes(table.to_csv(index=False).encode("gb18030"))
    done = run_cli("score-table", framework.path, path, "--json")
    assert done.returncode == 0, done.stderr
    units = json.loads(done.stdout)["units"]
    assert [u["unit"] for u in units] == list(table["园区名称"])
    zones = load_peers(path, framework)
    _, groups = standing(framework, pd.Series(np.nan, index=list(framework.indicators)), zones)
    expected = groups["index"].drop("__zone__")
    assert [u["scores"]["index"] for u in units] == pytest.approx(list(expected), rel=1e-12, nan_ok=True)
    best = max(units, key=lambda u: u["scores"]["index"])
    assert best["ranks"]["index"] == 1


def test_score_table_warns_of_a_peer_table_as_score_does_and_ranks_in_whole_numbers(framework, tmp_path):
    """A province's table with an indicator column missing and a zone twice:
    `score-table` gives the warnings `score --peers` gives for it (one list, PeerSet.warnings), its JSON ranks
    are whole numbers (not 156.0) and its CSV has them in a rank column."""
    import csv

    table = pd.read_csv(default_peers(), encoding="utf-8-sig")
    dropped = next(c for c in table.columns if c in framework.indicators)
    table = table.drop(columns=[dropped])
    table = pd.concat([table, table.iloc[[2]]], ignore_index=True)
    path = tmp_path / "全省园区.csv"
    table.to_csv(path, index=False)
    scored = run_cli("--lang", "en", "score", EXAMPLES, "--peers", path, "--json")
    ranked = run_cli("--lang", "en", "score-table", framework.path, path, "--json")
    assert scored.returncode == 0 and ranked.returncode == 0, scored.stderr + ranked.stderr
    of_table = [p for p in json.loads(scored.stdout)["problems"] if p["file"] == str(path)]
    # score-table says a synthetic table is synthetic (a note, bt12 F7); score says it beside the rank instead
    said = [p for p in json.loads(ranked.stdout)["problems"] if p["code"] != "synthetic_peers"]

    def same(p):  # the coverage note speaks of the table's zones in score-table, of the zone in score (bt11i F4)
        covers = "indicators;" in p["message_en"] and "covers" in p["message_en"]
        return {**p, "message_en": None, "message_zh": None} if covers else p
    assert [same(p) for p in said] == [same(p) for p in of_table] and {p["code"] for p in said} >= {"peer_zone_twice"}
    assert any("its zones are scored" in p["message_en"] for p in said) and not any("the zone" in p["message_en"]
                                                                                     for p in said if "covers" in p["message_en"])
    assert any(dropped in (p["message_en"] or "") for p in said)
    shown = run_cli("--lang", "en", "score-table", framework.path, path)
    assert all(p["message_en"].split(":")[0] in shown.stderr for p in said), shown.stderr
    units = json.loads(ranked.stdout)["units"]
    assert len(units) == len(table) - 1  # the zone given twice is counted once
    assert all(type(r) is int for u in units for r in u["ranks"].values())
    assert sorted(u["ranks"]["index"] for u in units) == list(range(1, len(units) + 1))
    assert '.0,' not in ranked.stdout.split('"ranks"')[1].split("}")[0]
    rows = list(csv.DictReader(run_cli("score-table", framework.path, path, "--csv").stdout.lstrip("\ufeff").splitlines()))
    assert [int(r["rank"]) for r in rows] == [u["ranks"]["index"] for u in units]


@pytest.mark.parametrize("ours", [True, False])
def test_a_zone_name_neutralised_by_scorers_csv_writer_reads_back_as_written(framework, tmp_path, ours):
    """A table scorer wrote (its sidecar says `neutralised_text: true`, as `peers build` writes it) reads back the
    names it was given; anyone else's table keeps its text as written, a leading apostrophe too (bt16 F13)."""
    from scorer.sheets import write_csv

    table = pd.DataFrame({"名称": ["=1+2", "@SUM(1)", "乙"], "fdi_amount": [1000.0, 2000.0, 3000.0],
                          "fdi_growth": [1.5, -5.0, 2.0]}).set_index("名称")
    path = tmp_path / "peers.csv"
    write_csv(path, table, index=True)
    if ours:
        path.with_suffix(".yaml").write_text("neutralised_text: true\n", encoding="utf-8")
    assert "'=1+2" in path.read_text(encoding="utf-8-sig")  # as Excel must see it
    peers = load_peers(path, framework)
    assert list(peers.values.index) == (["=1+2", "@SUM(1)", "乙"] if ours else ["'=1+2", "'@SUM(1)", "乙"])
    assert peers.values.iat[1, list(peers.values.columns).index("fdi_growth")] == -5.0  # a number is never neutralised


def test_a_users_peer_table_keeps_a_leading_apostrophe_and_peers_build_marks_its_own(framework, tmp_path):
    """bt16 F13: 'A, '-甲区 in a table scorer did not write lost the apostrophe (read as scorer's own neutralising
    mark). The sidecar `peers build` writes says its names are neutralised; a user's table has no such word."""
    path = write(tmp_path, "园区名称,实际使用外资金额（万美元）\n'-甲经开区,1500\n'=乙经开区,800\n丙经开区,900\n")
    assert list(load_peers(path, framework).values.index) == ["'-甲经开区", "'=乙经开区", "丙经开区"]
    built = run_cli("peers", "build", "--year", "2023", "-o", tmp_path / "built.csv")
    assert built.returncode == 0, built.stderr
    assert "neutralised_text: true" in (tmp_path / "built.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("header", ["实际使用外资金额", " 实际使用外资金额 ", "实际使用外资金额（万美元）", "实际使用外资金额(万美元)",
                                    " 实际使用外资金额 （ 万美元 ） ", "实际使用外资 金额【万美元】", "fdi_amount (万美元)"])
def test_an_indicator_column_is_found_by_its_chinese_name_however_an_analyst_writes_it(framework, tmp_path, header):
    """The framework's one name look-up (Framework.indicator_id, as for scenarios): spaces, full-width
    parentheses and a unit in parentheses as analysts write them; the unit is converted, not ignored."""
    assert framework.indicators["fdi_amount"].name_zh == "实际使用外资金额" and framework.indicators["fdi_amount"].unit == "万美元"
    peers = load_peers(write(tmp_path, f"园区名称,{header}\n甲经开区,1500\n乙经开区,800\n"), framework)
    assert peers.covered == ["fdi_amount"] and peers.values.at["甲经开区", "fdi_amount"] == pytest.approx(1500.0)
    in_yi = load_peers(write(tmp_path, "园区名称,实际使用外资 金额 （亿美元）\n甲经开区,0.15\n", "yi.csv"), framework)
    assert in_yi.values.at["甲经开区", "fdi_amount"] == pytest.approx(1500.0)


def test_a_peer_table_covering_some_indicators_says_so_in_chinese(framework, tmp_path):
    peers = load_peers(write(tmp_path, TABLE), framework)
    note = peers.notes[0]
    assert "covers 3 of" in note and "fdi_amount" not in note.zh and "实际使用外资金额" not in note.zh  # only the missing ones
    assert "对照样本表" in note.zh and framework.indicators["gdp_amount"].name_zh in note.zh


def test_a_partial_peer_tables_notes_are_in_both_languages_in_json(framework, tmp_path):
    """`config.peers.notes` was English only in the JSON a Chinese analyst reads: notes_zh carries them."""
    import re

    d = load_peers(write(tmp_path, TABLE), framework).as_dict()
    assert d["notes"] and len(d["notes_zh"]) == len(d["notes"])
    assert all(re.search(r"[\u4e00-\u9fff]{4}", z) and z != e for z, e in zip(d["notes_zh"], d["notes"]))


def test_score_table_shows_a_dash_and_says_why_for_a_zone_without_an_overall_score(framework, tmp_path):
    """A zone of a province's table with no figure at all had `nan` for its score and its rank in score-table's
    terminal table and no word why; now — and a warning naming the zone and how many indicators it has a
    figure for (the same warning in --json, whose score and rank are null)."""
    table = pd.read_csv(default_peers(), encoding="utf-8-sig")
    empty = table.iloc[[0]].copy()
    empty["id"], empty["name_zh"] = "XX-empty", "空白经开区"
    empty[[c for c in table.columns if c in framework.indicators]] = np.nan
    path = tmp_path / "全省园区.csv"
    pd.concat([table, empty], ignore_index=True).to_csv(path, index=False)
    shown = run_cli("--lang", "en", "score-table", framework.path, path)
    assert shown.returncode == 0, shown.stderr
    assert "nan" not in shown.stdout.lower()
    row = next(line for line in shown.stdout.splitlines() if "XX-empty" in line)
    assert row.count("—") == 2 + len(framework.top_groups), row
    assert f"unit XX-empty: no overall score, so no rank (0 of {len(framework.indicators)} indicators" in shown.stderr
    scored = [line for line in shown.stdout.splitlines() if line.startswith("│") and "XX-empty" not in line]
    assert scored and all("—" not in line for line in scored)  # the others keep their figures
    ranked = run_cli("--lang", "zh", "score-table", framework.path, path, "--json")
    data = json.loads(ranked.stdout)
    unit = next(u for u in data["units"] if u["unit"] == "XX-empty")
    assert unit["scores"]["index"] is None and unit["ranks"]["index"] is None
    said = [p for p in data["problems"] if p["code"] == "unit_unscored"]
    assert len(said) == 1 and "XX-empty" in said[0]["message_zh"] and said[0]["file"] == str(path)
    assert all(u["ranks"]["index"] is not None for u in data["units"] if u["unit"] != "XX-empty")
