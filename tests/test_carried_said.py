"""Issue 11, open point 2: a value carried (filled) from another quarter is said where leadership sees it. A Q4
workbook whose rows of a whole category are blank was scored on Q3's values with no 注意 line beside the verdict:
the terminal, the JSON verdict (carried_indicators) and the report's page 2 now say which indicators rest on
another quarter's value, and the terminal's table marks each value *. Built for every category whose fields the
sample's Q4 workbook holds: the next category blanked is checked too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT, run_cli

Q4 = "周口经开区主要统计指标_2022年1-12月.xlsx"


def _blank_category(framework, folder: Path, gid: str) -> set[str]:
    """Copy the sample to `folder` with every row of the fields `gid`'s indicators read blank in its Q4 workbook."""
    shutil.copytree(ROOT / "examples", folder, ignore=shutil.ignore_patterns("scenarios"))
    fields = set().union(*(framework.fields_read(i.tree) for i in framework.indicators.values() if i.parent == gid))
    labels = {framework.fields[f].label for f in fields} | {a for f in fields for a in framework.fields[f].aliases}
    wb = openpyxl.load_workbook(folder / Q4)
    blanked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            if isinstance(row[0].value, str) and row[0].value.strip() in labels:
                for cell in row[2:]:
                    if cell.value is not None:
                        cell.value, blanked = None, blanked + 1
    wb.save(folder / Q4)
    return fields if blanked else set()


@pytest.mark.parametrize("gid", ["green", "innovation"])
def test_a_blank_q4_category_carried_from_q3_is_said_beside_the_verdict_everywhere(framework, tmp_path, gid):
    if not _blank_category(framework, tmp_path / "data", gid):
        pytest.skip(f"the sample's Q4 workbook holds no row of {gid}")
    run = run_cli("score", tmp_path / "data", "--json")
    document = json.loads(run.stdout)
    carried = [i["id"] for i in document["indicators"] if i["imputed"]]
    assert carried, "nothing carried: the case no longer builds"
    assert document["verdict"]["carried_indicators"] == carried
    names = [framework.indicators[i].name_zh for i in carried]

    terminal = run_cli("--lang", "zh", "score", tmp_path / "data").stdout
    head = "".join(terminal.split("┏")[0].split())  # the lines above the first table, unwrapped
    assert "注意" in head and "此前最近一期" in head and all(n in head for n in names), terminal[:2000]
    for line in terminal.splitlines():
        if any(f"│ {n}" in line for n in names):
            assert "*" in line, line
    english = run_cli("--lang", "en", "score", tmp_path / "data").stdout
    assert "another quarter" in english.split("┏")[0], english[:1500]

    report = tmp_path / "r.html"
    made = run_cli("--lang", "zh", "report", tmp_path / "data", "--format", "html", "-o", report)
    assert made.returncode == 0, made.stderr
    html = report.read_text(encoding="utf-8")
    brief = html.split('class="verdict-doubt"', 1)[1].split("</p>", 1)[0]
    assert "此前最近一期" in brief and all(n in brief for n in names), brief
