"""Chinese first in the terminal: one gettext catalogue for help and problems, --lang en and the locale choose English."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT, run_cli
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import Text, language, language_of, msg, set_language, zh

sys.path.insert(0, str(ROOT / "tools"))
import catalogue  # noqa: E402  (tools/catalogue.py)

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _language_from_environment():
    set_language(None)
    yield
    set_language(None)


def _commands():
    from scorer.cli.app import app

    root = catalogue.cli_tree()
    out = [((), root)]
    for name, cmd in root.commands.items():
        out.append(((name,), cmd))
        out += [((name, sub), c) for sub, c in getattr(cmd, "commands", {}).items()]
    return app, out


def test_the_catalogue_has_chinese_for_every_message_in_the_code_and_its_mo_is_compiled_from_its_po():
    assert catalogue.check() == []


def test_a_message_is_filled_in_both_languages_and_a_problem_takes_both_from_it():
    m = msg("the workbook is empty: no sheet has a cell with a value")
    assert m == "the workbook is empty: no sheet has a cell with a value" and CJK.search(m.zh)
    inner = msg("unknown unit {unit!r}", unit="万元元")
    outer = msg("unit {unit!r} of 「{label}」 cannot be converted to {to}: {why}", unit="万元元", label="税收",
                to="万元", why=inner)
    assert outer == "unit '万元元' of 「税收」 cannot be converted to 万元: unknown unit '万元元'"
    assert "无法识别的单位" in outer.zh and "unknown" not in outer.zh  # the inner message goes in as Chinese
    p = Problem(outer, Location(file="a.xlsx", sheet="表1", cell="C7"), msg("enter a number, or — for a missing value"))
    assert p.message_zh == outer.zh and p.hint_zh and CJK.search(p.hint_zh)
    assert p.as_dict()["message_en"] == str(outer) and p.as_dict()["hint_zh"] == p.hint_zh
    assert p.render("zh").startswith("a.xlsx › 工作表「表1」 › 单元格 C7：错误：「税收」的单位") and "处理建议：" in p.render("zh")
    assert p.render("en").startswith("a.xlsx › sheet 「表1」 › cell C7: error: unit '万元元'") and "hint: " in p.render("en")


def test_a_message_without_a_translation_falls_back_to_english():
    assert zh("a sentence nobody has translated") == "a sentence nobody has translated"
    assert Problem("plain English").render("zh") == "错误：plain English"


@pytest.mark.parametrize("argv, env, lang", [
    (["--lang", "en", "score"], {"LANG": "zh_CN.UTF-8"}, "en"),
    (["report", "x", "--lang=zh"], {"LANG": "C.UTF-8"}, "zh"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
    ([], {"LANG": "zh_CN.GB18030"}, "zh"),
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {"LANG": "en_US.UTF-8"}, "en"),
    ([], {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # LC_ALL wins, as in POSIX
    ([], {"LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"}, "en"),
])
def test_the_language_is_the_command_line_s_then_the_locale_s(argv, env, lang):
    assert language_of(argv, env) == lang


@pytest.mark.skipif(sys.platform == "win32", reason="Windows asks its own locale when LANG is unset")
def test_with_no_locale_at_all_the_language_is_chinese():
    assert language_of([], {}) == "zh"


def _help(runner, app, args):
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def chinese_locale(monkeypatch):
    """The environment of a Chinese desktop: LANG=zh_CN.UTF-8 and no LC_ALL / LC_MESSAGES over it."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def test_every_command_s_help_is_chinese_under_a_chinese_locale_and_english_with_lang_en(chinese_locale):
    app, commands = _commands()
    runner = CliRunner()
    for path, cmd in commands:
        english = cmd.__dict__.get("_english", {}).get("help") or cmd.help
        set_language(None)
        assert language() == "zh"
        shown = _help(runner, app, path)
        assert shown.startswith("用法：") and "显示本帮助并退出。" in shown, shown
        first = english.split("\n")[0]
        assert " ".join(first.split()) not in " ".join(shown.split()) and zh(english).split("\n")[0][:20] in shown, (path, shown)
        for param in cmd.params:
            text = param.__dict__.get("_english_help", getattr(param, "help", None))
            if text and len(text) > 12:
                assert text not in shown, (path, text)
        shown_en = _help(runner, app, ("--lang", "en", *path))
        flat = " ".join(shown_en.split())
        assert shown_en.startswith("Usage:") and " ".join(first.split()) in flat and "用法" not in shown_en, (path, shown_en)
        # English help has no Chinese but what the user types (examples such as 2022年二季度, 实际使用外资金额)
        for line in shown_en.splitlines():
            assert not CJK.search(line) or re.search(r"\d{4}年|实际使用外资金额|填报|计量单位|\[default: ", line), (path, line)


def test_lang_works_after_any_command_as_before_it(chinese_locale):
    """`scorer score … --lang en` as `scorer --lang en score …`: every command (and sub-command) takes --lang."""
    app, commands = _commands()
    runner = CliRunner()
    for path, cmd in commands:
        if not path:
            continue
        english = " ".join((cmd.__dict__.get("_english", {}).get("help") or cmd.help).split("\n")[0].split())
        set_language(None)
        after = _help(runner, app, (*path, "--lang", "en"))
        assert after.startswith("Usage:") and english in " ".join(after.split()) and "--lang" in after, (path, after)
        set_language("en")
        back = _help(runner, app, (*path, "--lang", "zh"))
        assert back.startswith("用法："), (path, back)
    set_language(None)
    refused = runner.invoke(app, ["ingest", "x.xlsx", "--lang", "fr"])
    assert refused.exit_code == 2 and "fr" in refused.output


def test_lang_after_the_command_chooses_the_language_of_errors_from_the_installed_command(tmp_path):
    missing = tmp_path / "没有这个文件夹"
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    en_run = run_cli("ingest", missing, "--lang", "en", env=env)
    assert en_run.returncode == 1 and "no such file or folder" in en_run.stderr and "错误" not in en_run.stderr, en_run.stderr
    zh_run = run_cli("ingest", missing, "--lang=zh", env={**env, "LANG": "C.UTF-8"})
    assert zh_run.returncode == 1 and "文件或文件夹不存在" in zh_run.stderr, zh_run.stderr


def test_report_s_lang_before_or_after_the_command_is_the_report_s_language_too(tmp_path):
    """One --lang: `scorer --lang en report …` and `scorer report … --lang en` both write the English report."""
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    for name, args in (("before", ("--lang", "en", "report", ROOT / "examples")),
                       ("after", ("report", ROOT / "examples", "--lang", "en")), ("none", ("report", ROOT / "examples"))):
        out = tmp_path / f"{name}.html"
        done = run_cli(*args, "--format", "html", "-o", out, env=env)
        assert done.returncode == 0, done.stderr
        assert ('<html lang="en">' in out.read_text(encoding="utf-8")) is (name != "none"), name
        assert done.stdout.startswith("wrote " if name != "none" else "已写入"), (name, done.stdout)


def test_scorer_help_is_chinese_under_a_chinese_locale_from_the_installed_command():
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    zh_help = run_cli("--help", env=env)
    assert zh_help.returncode == 0 and "用法：" in zh_help.stdout and "对本区计分" in zh_help.stdout
    en_help = run_cli("--lang", "en", "score", "--help", env=env)
    assert en_help.returncode == 0 and "Usage: " in en_help.stdout and "Score the zone" in en_help.stdout


@pytest.fixture
def empty_workbook(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "空表 2023.xlsx"
    Workbook().save(path)
    return path


def test_errors_are_chinese_under_a_chinese_locale_and_english_with_lang_en(empty_workbook, tmp_path):
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    cases = [
        ([empty_workbook], "报表为空：所有工作表均无数据", "the workbook is empty: no sheet has a cell with a value"),
        ([tmp_path / "没有这个文件夹"], "文件或文件夹不存在", "no such file or folder"),
    ]
    bad_csv = tmp_path / "utf16.csv"
    bad_csv.write_bytes("地区生产总值,1\n".encode("utf-16-le"))
    cases.append(([bad_csv], "CSV 文件含有空字节", "CSV holds NUL bytes"))
    for args, chinese, english in cases:
        zh_run = run_cli("ingest", *args, env=env)
        assert zh_run.returncode == 1 and chinese in zh_run.stderr and english not in zh_run.stderr, zh_run.stderr
        assert "错误：" in zh_run.stderr and "Traceback" not in zh_run.stderr
        en_run = run_cli("--lang", "en", "ingest", *args, env=env)
        assert en_run.returncode == 1 and english in en_run.stderr and chinese not in en_run.stderr, en_run.stderr
        assert "error: " in en_run.stderr
    c_locale = run_cli("ingest", empty_workbook, env={**env, "LANG": "C.UTF-8"})
    assert "the workbook is empty" in c_locale.stderr and "报表为空" not in c_locale.stderr


def test_json_problems_carry_both_languages_whatever_the_language(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "表1"
    wb.active.append(["周口经开区2022年1-6月主要指标"])
    wb.active.append(["指标", "计量单位", "1-6月累计"])
    wb.active.append(["税收收入", "万元", "十二"])
    path = tmp_path / "表.xlsx"
    wb.save(path)
    for lang in ("en", "zh"):
        done = run_cli("--lang", lang, "ingest", path, "--json")
        problems = [p for p in json.loads(done.stdout)["problems"]] if done.stdout.strip() else []
        text = done.stderr if not problems else ""
        if problems:
            p = problems[0]
            assert CJK.search(p["message_zh"]) and "where a number was expected" in p["message_en"]
        else:  # an error: the run stops, and says so in the language chosen
            assert ("此处应为数值" in text) == (lang == "zh"), text


def test_scorer_error_text_stays_english_for_logs_and_tracebacks():
    err = ScorerError(Problem(msg("no such file or folder"), Location(file="x")))
    assert str(err) == "x: error: no such file or folder"


def test_text_survives_pickling_for_worker_processes():
    import pickle

    m = msg("unknown unit {unit!r}", unit="斤")
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Text) and back == m and back.zh == m.zh


# The report's words (scorer.words, read through scorer.i18n.TEXT) and the terminal's messages are in one
# catalogue (tests/test_one_catalogue.py). They must not disagree on the terms they share: the level words
# (scorer.errors.LEVEL_WORDS), and the domain terms below, read in the report.
GLOSSARY = [  # (English word in a msgid, the report's key whose Chinese holds the term, the term)
    ("peer", "radar_peers", "对照样本"),
    ("synthetic", "radar_peers_synthetic", "合成"),
    ("readiness rules", "priorities_title", "升级条件"),
    ("framework", "cover_framework", "框架"),
    ("doubtful", "level_doubtful", "存疑"),
]


def test_the_catalogue_and_the_report_s_table_agree_on_the_terms_they_share():
    from babel.messages.pofile import read_po

    from scorer.errors import LEVEL_WORDS
    from scorer.i18n import TEXT

    for level in ("error", "warning", "doubtful"):
        assert LEVEL_WORDS["zh"][level] == TEXT[f"level_{level}"]["zh"]
        assert LEVEL_WORDS["en"][level] == TEXT[f"level_{level}"]["en"]
    with catalogue.PO.open("rb") as f:
        entries = [m for m in read_po(f) if m.id]
    from scorer.words import WORDS

    report = {(str(en), getattr(en, "context", None)): TEXT[key]["zh"] for key, en in WORDS.items()}
    for m in entries:
        if (m.id, m.context) in report:  # the report reads its words' Chinese from the catalogue
            assert m.string == report[m.id, m.context], m.id
    for word, key, term in GLOSSARY:
        assert term in TEXT[key]["zh"], (key, term)
        for m in entries:  # the terminal's messages (the report's own words are phrased for the page)
            if (m.id, m.context) not in report and re.search(rf"(?<![\w/.-]){word}(?![\w-]*\.\w)", m.id, re.I):  # a word of the text, not of a path or an option
                assert term in m.string, (word, m.id, m.string)


@pytest.mark.parametrize("entry, chinese", [
    ("{direction: up, max_change: 40%, effort: 1, source: s, confidence: low}", "应为'increase'、'decrease'之一（实为「up」）"),
    ("{direction: increase, max_change: 40%, effort: [1], source: s, confidence: low}", "应为数值"),
    ("[1, 2]", "应为映射"),
])
def test_a_yaml_slip_pydantic_words_in_english_has_chinese_of_its_own(framework, tmp_path, entry, chinese):
    """pydantic says what is wrong in English only: the common kinds get their Chinese from the catalogue,
    and the English stays pydantic's own."""
    from scorer.whatif.plan import load_efforts

    path = tmp_path / "effort.yaml"
    path.write_text(f"fields:\n  fdi_actual: {entry}\n", encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_efforts(path, framework)
    problem = info.value.problems[0]
    assert problem.location.line == 2 and chinese in problem.message_zh and not re.search(r"Input|should", problem.message_zh)
    assert problem.message.startswith("fields.fdi_actual") and CJK.search(problem.message) is None


@pytest.mark.parametrize("code", ["ENOENT", "EACCES", "EPERM", "ENOSPC", "EDQUOT", "EROFS", "EISDIR", "ENOTDIR",
                                  "ENAMETOOLONG", "EIO"])
def test_the_system_s_reason_for_refusing_a_file_is_said_in_both_languages(code):
    """strerror is English whatever the locale ('Permission denied', 'No space left on device'): the common
    kinds have words of our own in both languages; any other is named a system error in Chinese."""
    import errno

    from scorer.messages import os_reason

    number = getattr(errno, code)
    reason = os_reason(OSError(number, os.strerror(number)))
    assert CJK.search(reason.zh) and not CJK.search(str(reason)), reason
    if code == "EIO":
        assert "EIO" in reason.zh and os.strerror(number) in str(reason)
    else:
        assert os.strerror(number) not in reason.zh


def test_a_folder_given_for_a_yaml_file_is_refused_in_the_language_in_use(tmp_path):
    folder = tmp_path / "rules.yaml"
    folder.mkdir()
    zh_run = run_cli("--lang", "zh", "validate", "--rules", folder)
    en_run = run_cli("--lang", "en", "validate", "--rules", folder)
    assert zh_run.returncode == en_run.returncode == 1
    assert "这是文件夹，不是文件" in zh_run.stderr and "Is a directory" not in zh_run.stderr, zh_run.stderr
    assert "it is a folder, not a file" in en_run.stderr and not CJK.search(en_run.stderr.replace(str(folder), "")), en_run.stderr


_QUOTED = re.compile(r"'[^']*'|「[^」]*」|`[^`]*`|\"[^\"]*\"|--[\w-]+|\S*[/\\]\S*|\b\w+_\w+\b")
_ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b")


def _a_sample_of_errors(tmp_path):
    """Typical slips across commands (formula, method settings, files, options, COINr import), as argv lists."""
    import shutil

    fw = tmp_path / "指标"
    shutil.copytree(ROOT / "indicators", fw)
    text = (fw / "framework.yaml").read_text(encoding="utf-8")

    def framework(name, old, new):
        folder = tmp_path / name
        shutil.copytree(fw, folder)
        assert text.count(old) >= 1, old
        (folder / "framework.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
        return ["validate", folder / "framework.yaml"]

    (tmp_path / "rules.yaml").mkdir()
    meta = (ROOT / "tests" / "data" / "coinr-asem" / "ASEM_iMeta.csv").read_text(encoding="utf-8").splitlines()
    meta[1] = meta[1].replace('1,"LPI"', 'x,"LPI"', 1)
    (tmp_path / "bad_iMeta.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return [
        framework("power", "formula: annual(fdi_actual)\n", "formula: annual(fdi_actual) ** 2\n"),
        framework("overflow", "formula: annual(fdi_actual)\n", "formula: annual(fdi_actual) * 1e308 * 10\n"),
        framework("brackets", "formula: annual(fdi_actual)\n", "formula: (annual(fdi_actual)\n"),
        framework("override", "imputation:\n", "treatment:\n  method: winsorise\n  params:\n"
                                              "    overrides: {fdi_amount: {bogus: 1}}\n\nimputation:\n"),
        ["validate", "--rules", tmp_path / "rules.yaml"],
        ["ingest", tmp_path / "没有这个文件夹"],
        ["plan", tmp_path],
        ["uncertainty", tmp_path, "--draws", "0"],
        ["import-coinr", tmp_path / "bad_iMeta.csv", ROOT / "tests" / "data" / "coinr-asem" / "ASEM_iData.csv",
         "-o", tmp_path / "out"],
    ]


def test_a_sample_of_errors_speaks_one_language_no_english_sentence_in_chinese_no_chinese_in_english(tmp_path):
    """Each error of the sample, under a Chinese locale and under --lang en: the English has no Chinese word
    and the Chinese no English sentence (three English words in a row), once what the user wrote (quoted
    values, paths, options, ids) is set aside. Formula errors, the methods' refusals and the system's
    reasons were English under a Chinese locale."""
    from concurrent.futures import ThreadPoolExecutor

    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    cases = _a_sample_of_errors(tmp_path)
    runs = [(args, lang) for args in cases for lang in ("zh", "en")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda r: run_cli(*(["--lang", "en"] if r[1] == "en" else []), *r[0], env=env), runs))
    for (args, lang), result in zip(runs, done):
        said = result.stderr
        assert result.returncode in (1, 2) and "Traceback" not in said and "internal error" not in said, (args, said)
        plain = _QUOTED.sub("", said.replace(str(tmp_path), "").replace(str(ROOT), ""))
        if lang == "en":
            assert "error: " in said and not CJK.search(plain), (args, said)
        else:
            assert "错误：" in said and not _ENGLISH_SENTENCE.search(plain), (args, said, _ENGLISH_SENTENCE.search(plain))


def test_ingest_s_table_speaks_the_language_in_use():
    """Its headers and the kind of each figure were English under Chinese (field, period, basis, ytd …)."""
    book = ROOT / "examples" / "周口经开区主要统计指标_2022年1-6月.xlsx"
    zh_run, en_run = run_cli("--lang", "zh", "ingest", book), run_cli("--lang", "en", "ingest", book)
    assert zh_run.returncode == en_run.returncode == 0, zh_run.stderr + en_run.stderr
    assert "统计指标" in zh_run.stdout and "年初至今累计" in zh_run.stdout and not re.search(r"\b(period|basis|ytd)\b", zh_run.stdout)
    assert "period" in en_run.stdout and "year to date" in en_run.stdout and "年初至今累计" not in en_run.stdout


def test_series_table_speaks_the_language_in_use():
    """Its headers were Chinese under --lang en (字段, 本期, 同比(公布) …); under English the statistic and unit are English too."""
    zh_run = run_cli("--lang", "zh", "series", ROOT / "examples", "--field", "gdp")
    en_run = run_cli("--lang", "en", "series", ROOT / "examples", "--field", "gdp")
    assert zh_run.returncode == en_run.returncode == 0, zh_run.stderr + en_run.stderr
    assert "同比(公布)" in zh_run.stdout and "地区生产总值" in zh_run.stdout and "growth" not in zh_run.stdout
    assert "growth (published)" in en_run.stdout and not CJK.search(en_run.stdout), en_run.stdout


def test_no_chinese_text_opens_with_a_bracket_its_english_does_not_have():
    """The Chinese of `scorer validate`'s help began 「（存疑）检查…」, a word of the entry above it carried over in a
    catalogue merge (bt15i F4): a msgstr opening with a bracket its msgid does not open with is such a slip."""
    from babel.messages.pofile import read_po

    with open(ROOT / "scorer/locale/zh_CN/LC_MESSAGES/scorer.po", "rb") as f:
        catalogue = read_po(f)
    slips = [(m.id, m.string) for m in catalogue if isinstance(m.id, str) and isinstance(m.string, str)
             and m.string.startswith(("（", "(", "【", "[")) and not m.id.lstrip().startswith(("(", "["))]
    assert not slips, slips


def test_no_message_tells_the_user_to_name_a_file_FILE():
    """「请将输出文件命名为 FILE.pdf」 (bt15i F9): a placeholder where the user's own name, with the right ending, serves.
    Every hint proposes the name (报告.docx → 请改名为 报告.pdf); no message of the catalogue holds a FILE placeholder."""
    from babel.messages.pofile import read_po

    with open(ROOT / "scorer/locale/zh_CN/LC_MESSAGES/scorer.po", "rb") as f:
        catalogue = read_po(f)
    assert not [m.id for m in catalogue if isinstance(m.id, str) and re.search(r"\bFILE\.", m.id)]
    done = run_cli("--lang", "zh", "report", ROOT / "examples", "-o", ROOT / "no-such-dir-for-test" / "报告.docx")
    assert done.returncode == 1 and "报告.pdf" in done.stderr, done.stderr
