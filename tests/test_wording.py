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
                                  "方法 locf", "增长-5.0%", "区间 15–27名", "central_2023_fdi_mean"])
def test_each_banned_form_is_caught(text):
    assert _violations(text), text


def test_the_report_s_chinese_words_use_no_banned_form():
    problems = [f"{key}: {v}" for key, text in _chinese_strings().items() for v in _violations(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["zh", "full"])
def test_the_rendered_chinese_reports_use_no_banned_form(layout_reports, name):
    problems = _violations(_report_text(layout_reports[name][0]))
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_a_label_written_with_a_banned_form_is_shown_with_the_official_term():
    from scorer.i18n import official

    assert official("较大及以上安全生产事故和环保督察问题数") == "较大及以上生产安全事故和环保督察问题数"
    assert official("安全生产") == "安全生产"  # the field of work itself is an official term
