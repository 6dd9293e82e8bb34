"""bt11i: the report's scenario section says when a scenario's result rests on doubtful data, as `scorer compare` does
under its table: the overall of each such row is marked doubtful, and the caution (the doubtful indicators, the worst
and best case) is printed with the table. Before, the PDF's 情景对比 showed the scores and verdicts with no word of it."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.test_quality import filled_template, pdf_text, yi_yuan_in_the_wan_yuan_row

SCENARIO = EXAMPLES / "scenarios" / "外贸扩量.yaml"


def _section(pdf, title: str) -> str:
    pages = pdf_text(pdf)
    start = next(k for k, p in enumerate(pages) if title in p and ("各情景" in p or "Each scenario" in p))
    return "".join(pages[start:start + 2]).replace("\n", "")


@pytest.mark.parametrize("lang,title,marks", [
    ("zh", "情景对比", ("存疑", "本判定依据的数据存疑", "按最低分计")),
    ("en", "Scenarios", ("doubtful", "this verdict rests on doubtful data", "at their lowest"))])
def test_a_scenario_on_doubtful_data_says_so_in_the_report(framework, sample_run, tmp_path, lang, title, marks):
    folder = tmp_path / "in"
    folder.mkdir()
    filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx", yi_yuan_in_the_wan_yuan_row)
    out = tmp_path / "r.pdf"
    done = run_cli("--lang", lang, "report", folder, "--scenario", SCENARIO, "-o", out)
    assert done.returncode == 0, done.stderr
    section = _section(out, title)
    assert all(m in section for m in marks), (lang, section[:3000])


def test_a_scenario_on_sound_data_says_nothing_of_doubt(tmp_path):
    out = tmp_path / "r.pdf"
    done = run_cli("--lang", "zh", "report", EXAMPLES, "--scenario", SCENARIO, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "存疑" not in _section(out, "情景对比")
