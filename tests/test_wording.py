"""The report's Chinese reads like a provincial commerce department's own documents: no form the
glossary (indicators/glossary.yaml) bans appears in its words (scorer/i18n.py) or in the rendered reports."""

from __future__ import annotations

import re

import pdfplumber
import pytest
import yaml

from conftest import ROOT

GLOSSARY = yaml.safe_load((ROOT / "indicators" / "glossary.yaml").read_text(encoding="utf-8"))
# A workbook's file name is the user's own text: the data appendix shows it as it is.
FILE_NAME = re.compile(r"\S+\.(?:xlsx|xlsm|xls|ods|csv)\b")
LATIN = re.compile(r"[A-Za-z0-9&_./-]*[A-Za-z][A-Za-z0-9&_./-]*")


def _chinese_strings() -> dict[str, str]:
    from scorer.i18n import TEXT

    # The placeholders ({value}) and markup (<b>) are not words of the text.
    return {key: re.sub(r"\{[^}]*\}|<[^>]*>", "", text["zh"]) for key, text in TEXT.items()}


def _report_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _violations(text: str) -> list[str]:
    text = FILE_NAME.sub("", text)
    found = [f"「{form}」" for form in GLOSSARY["banned"] if form in text]
    for rule in GLOSSARY["banned_patterns"]:
        found += [f"「{m.group(0)}」 ({rule['why']})" for m in re.finditer(rule["pattern"], text)]
    allowed = GLOSSARY["latin_allowed"]
    for m in LATIN.finditer(text):
        word = m.group(0).strip("._/-")
        if word and word not in allowed["words"] and not any(re.search(p, word) for p in allowed["patterns"]):
            found.append(f"「{word}」 (a Latin-letter word in Chinese text)")
    return found


def test_the_glossary_bans_what_the_issue_names():
    banned = set(GLOSSARY["banned"])
    assert {"安全生产事故", "努力点", "locf", "targets", "indicators/"} <= banned
    assert any(t["term"] == "生产安全事故" for t in GLOSSARY["terms"])


@pytest.mark.parametrize("text", ["较大及以上安全生产事故", "每点努力增分", "2022年1-12月", "见 indicators/effort.yaml",
                                  "方法 locf", "增长-5.0%", "区间 15–27名", "central_2023_fdi_mean",
                                  "指标「园区二氧化碳排放量增长率」2021Q1 无法计算", "区均实际使用外资约4 364万美元",
                                  "5 000人为经验设定", "年出口额不低于25亿美元〔历史门槛，仅参考〕", "≥ 5个 达到 国家级",
                                  "35个 ≥ 5个 未达到", "目标来源 可靠性", "今年最能提升排名的三项措施",
                                  "变动最大的指标（增分）: 实际使用外资", "本期缺数; 其余", "区间为第2—2名",
                                  "90%的抽样落在66.3—66.3分之间", "得分：0分为下限值，100分为目标值"])
def test_each_banned_form_is_caught(text):
    assert _violations(text), text


@pytest.mark.parametrize("text", ["国办函〔2024〕83号", "达到目标值", "第12—122名", "第2—22名", "66.3—66.4分", "1—12月", "综合得分达到90分", "满足2024年批复的用地条件",
                                  "1,500万美元", "2021年第一季度", "城镇新增就业人数 人 563 612 700"])
def test_what_the_glossary_allows_is_not_caught(text):
    assert not _violations(text), text


def test_the_report_s_chinese_words_use_no_banned_form():
    problems = [f"{key}: {v}" for key, text in _chinese_strings().items() for v in _violations(text)]
    assert not problems, "\n".join(problems)


def _ascii_punctuation_after_chinese(text: str) -> list[str]:
    rule = next(r for r in GLOSSARY["banned_patterns"] if ":" in r["pattern"])
    return [m.group(0) for m in re.finditer(rule["pattern"], text)]


def test_the_chinese_messages_use_full_width_punctuation():
    """Every Chinese message of the catalogue (scorer.po), as the glossary asks of the report's words; a quoted
    example of what to type (“键: 值”, 「甲,1.5」) is the user's syntax, not our punctuation."""
    from babel.messages.pofile import read_po

    with open(ROOT / "scorer" / "locale" / "zh_CN" / "LC_MESSAGES" / "scorer.po", "rb") as po:
        catalogue = read_po(po)
    found = []
    for message in catalogue:
        for text in ([message.string] if isinstance(message.string, str) else list(message.string or [])):
            text = re.sub(r"“[^”]*”|「[^」]*」", "", text or "")
            found += [f"{message.id!r}: {hit}" for hit in _ascii_punctuation_after_chinese(text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", ["zh", "full", "q3", "q1"])
def test_the_rendered_chinese_reports_use_no_banned_form(layout_reports, name):
    problems = _violations(_report_text(layout_reports[name][0]))
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_a_label_written_with_a_banned_form_is_shown_with_the_official_term():
    from scorer.i18n import official

    assert official("较大及以上安全生产事故和环保督察问题数") == "较大及以上生产安全事故和环保督察问题数"
    assert official("安全生产") == "安全生产"  # the field of work itself is an official term


@pytest.mark.parametrize("change, shown", [(-2, "↑2"), (3, "↓3"), (0, ""), (None, "")])
def test_a_change_of_rank_is_written_with_the_report_s_arrows(change, shown):
    """21st → 19th is a change of −2 in the rank's number and reads as 上升2位: never "（−2）"."""
    from scorer.fmt import rank_move

    assert rank_move(change) == shown


@pytest.mark.parametrize("name", ["full", "full_en"])
def test_the_scenario_table_writes_a_rank_change_with_arrows(layout_reports, name):
    """The scenario table's ranks beside the baseline's: 19/56（↑2）, as the action table writes ↑2, not 19/56（−2）."""
    from scorer.pipeline import analyse

    text = _report_text(layout_reports[name][0])
    assert not re.search(r"\d+/\d+ ?[（(][+−-]\d+[）)]", text)
    run = layout_reports.run_of("2022Q4")
    outcomes = analyse(run, sorted((ROOT / "examples" / "scenarios").glob("*.yaml"))).comparison.scenarios
    moved = [o for o in outcomes if o.change_rank]
    assert moved, "the sample's scenarios move the rank"
    for o in moved:
        assert re.search(rf"{o.rank}/{o.of} ?[（(]{'↑' if o.change_rank < 0 else '↓'}{abs(o.change_rank)}[）)]", text), o.name


def test_the_report_writes_a_quarter_in_words_in_its_data_quality_list():
    """A console message names the quarter as 2021Q1; the report's list of problems says 2021年第一季度."""
    from scorer.errors import Location, Problem
    from scorer.report.quality import quality_view

    p = Problem("indicator co2_growth cannot be computed for 2021Q1: missing CO2", Location(), severity="warning",
                message_zh="指标「园区二氧化碳排放量增长率」2021Q1 无法计算：缺少二氧化碳排放量")
    assert quality_view([p], {}, "zh")["rows"][0]["text"] == "指标「园区二氧化碳排放量增长率」2021年第一季度无法计算：缺少二氧化碳排放量"
    assert "2021 Q1" in quality_view([p], {}, "en")["rows"][0]["text"]


@pytest.mark.parametrize("lo, hi, zh, en", [(2, 2, "第2名", "2"), (15, 27, "第15—27名", "15–27"), (2.0, 2.0, "第2名", "2")])
def test_a_rank_interval_of_one_rank_is_written_as_that_rank(lo, hi, zh, en):
    from scorer.fmt import rank_span, value_span

    assert (rank_span(lo, hi, "zh"), rank_span(lo, hi, "en")) == (zh, en)
    assert value_span("66.3", "66.3") == "均为66.3分" and value_span("66.3", "67.1", lang="en") == "between 66.3 and 67.1"


def test_a_peer_table_of_one_zone_gives_one_rank_not_an_interval(tmp_path):
    """A one-row peer table: the zone is first or second of two, its 5–95 % interval that one rank (第2—2名)."""
    from conftest import run_cli

    lines = (ROOT / "indicators" / "peers" / "central-synthetic.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "peers.csv").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    done = run_cli("score", ROOT / "examples", "--peers", tmp_path / "peers.csv", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("估算排名"))
    assert re.search(r"区间 第\d名）", line) and not _violations(line.split("；")[0]), line
