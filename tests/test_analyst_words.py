"""What an analyst reads, in either language (bt15i F9): statistics by their names, not fields.yaml's ids, in the
terminal; code columns last in the --xlsx outputs; an unknown option told the option meant (-n → --draws) in plain
words; --lang as people spell it (ZH, zh_CN, zh-CN, cn, 中文); a drop folder that does not exist said so; a file saved
as GBK said so in words with how to save it as UTF-8; and `scorer watch` says Ctrl-C only on a terminal, its stop
line carrying the time as its other lines do."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLES, run_cli
from scorer.framework.model import load_framework

Q1 = EXAMPLES / "周口经开区主要统计指标_2022年1-3月.xlsx"
SCENARIOS = sorted((EXAMPLES / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def ids():
    fw = load_framework(None)
    return set(fw.fields) | set(fw.indicators)


@pytest.mark.parametrize("args", [("ingest", Q1), ("series", EXAMPLES), ("score", EXAMPLES),
                                  ("compare", EXAMPLES, *SCENARIOS), ("plan", EXAMPLES, "--target", "75"),
                                  ("plan", EXAMPLES, "--target", "99")])
def test_the_chinese_terminal_names_statistics_and_indicators_never_by_id(args, ids):
    done = run_cli(*args, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    shown = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", done.stdout + done.stderr)) & ids
    assert not shown, f"ids where a name belongs: {sorted(shown)}"


def test_ingest_names_each_statistic_in_the_language_in_use():
    fw = load_framework(None)
    zh, en = run_cli("ingest", Q1, "--lang", "zh"), run_cli("ingest", Q1, "--lang", "en")
    assert fw.fields["fdi_actual"].label in zh.stdout and fw.fields["fdi_actual"].label_en in en.stdout
    assert "fdi_actual" not in zh.stdout + en.stdout
    assert '"field": "fdi_actual"' in run_cli("ingest", Q1, "--json").stdout  # a machine keeps the id


@pytest.mark.parametrize("args", [("compare", EXAMPLES, *SCENARIOS), ("plan", EXAMPLES, "--target", "75"),
                                  ("plan", EXAMPLES, "--target", "99"), ("plan", EXAMPLES, "--verdict")])
def test_code_columns_come_last_in_every_sheet_of_the_xlsx_outputs(tmp_path, args):
    out = tmp_path / "结果.xlsx"
    assert run_cli(*args, "--xlsx", out).returncode == 0
    for ws in openpyxl.load_workbook(out):
        head = [c.value for c in next(ws.iter_rows(max_row=1))]
        codes = [k for k, h in enumerate(head) if isinstance(h, str) and h.endswith("代码")]
        assert all(k >= len(head) - len(codes) for k in codes) and 0 not in codes, (ws.title, head)
        frozen = ws.freeze_panes
        if codes and frozen:  # no code among the frozen columns an analyst keeps in view
            assert openpyxl.utils.column_index_from_string(re.match(r"[A-Z]+", frozen)[0]) - 1 <= codes[0], (ws.title, frozen)


@pytest.mark.parametrize("args", [("series", EXAMPLES, "--field", "外资"), ("score", EXAMPLES, "--period", "2023Q5"),
                                  ("uncertainty", EXAMPLES, "-n", "50"), ("score", "/no/such/folder")])
def test_every_refusal_in_english_begins_with_the_same_lowercase_error(args):
    done = run_cli(*args, "--lang", "en")
    assert done.returncode != 0
    first = done.stderr.splitlines()[0]
    assert re.match(r"^(\S+: )?error: ", first) and "Error" not in done.stderr, done.stderr


@pytest.mark.parametrize("lang, words", [("zh", "没有选项 -n（您是否要输入 --draws？）"),
                                         ("en", "there is no option -n (did you mean --draws?)")])
def test_an_option_named_as_other_tools_name_it_is_told_the_option_meant(lang, words):
    done = run_cli("uncertainty", EXAMPLES, "-n", "50", "--lang", lang)
    assert done.returncode == 2 and words in done.stderr, done.stderr
    assert "是否想写" not in run_cli("score", EXAMPLES, "--frobnicate", "--lang", "zh").stderr


@pytest.mark.parametrize("spelling, lang", [("ZH", "zh"), ("zh_CN", "zh"), ("zh-CN", "zh"), ("cn", "zh"), ("中文", "zh"),
                                            ("Chinese", "zh"), ("zh_CN.UTF-8", "zh"), ("EN", "en"), ("en_US", "en"),
                                            ("English", "en")])
def test_lang_takes_the_common_spellings(spelling, lang):
    from scorer.lang import language_of, lang_named

    assert lang_named(spelling) == lang and language_of(["--lang", spelling], {"LANG": "C"}) == lang
    done = run_cli("score", Q1, "--lang", spelling, env={**os.environ, "LANG": "C.UTF-8" if lang == "zh" else "zh_CN.UTF-8"})
    assert done.returncode == 0, done.stderr
    assert ("综合得分" in done.stdout) == (lang == "zh"), done.stdout
    assert run_cli(f"--lang={spelling}", "--help").stdout.startswith("用法" if lang == "zh" else "Usage")


@pytest.mark.parametrize("locale, words", [("C.UTF-8", "error: --lang 'fr': use zh"), ("zh_CN.UTF-8", "错误：--lang「fr」")])
def test_an_unknown_lang_is_refused_naming_the_option_in_the_locale_s_language(locale, words):
    done = run_cli("score", Q1, "--lang", "fr", env={**os.environ, "LANG": locale, "LC_ALL": ""})
    assert done.returncode == 2 and words in done.stderr, done.stderr


@pytest.mark.parametrize("lang, gone, file", [("zh", "文件夹不存在", "不是文件夹"), ("en", "no such folder", "not a folder")])
def test_watch_says_a_drop_folder_that_does_not_exist_is_not_there(tmp_path, lang, gone, file):
    done = run_cli("watch", tmp_path / "不存在的", "-o", tmp_path / "out", "--lang", lang)
    assert done.returncode == 1 and gone in done.stderr, done.stderr
    (tmp_path / "文件").write_text("x")
    assert file in run_cli("watch", tmp_path / "文件", "-o", tmp_path / "out", "--lang", lang).stderr


@pytest.mark.parametrize("lang, words, how", [("zh", "该文件以 GBK 编码", "记事本"), ("en", "saved as GBK", "Notepad")])
@pytest.mark.parametrize("kind", ["scenario", "effort"])
def test_a_yaml_saved_as_gbk_is_said_in_words_at_its_line_with_how_to_save_it(tmp_path, lang, words, how, kind):
    text = ("name: 测试\nfields:\n  fdi_actual: +5%\n" if kind == "scenario" else
            "# effort\nfields:\n  fdi_actual:\n    max_change: 50%  # 实际使用外资\n")
    path = tmp_path / "旧记事本.yaml"
    path.write_bytes(text.encode("gbk"))
    args = ("compare", EXAMPLES, path) if kind == "scenario" else ("plan", EXAMPLES, "--target", "75", "--effort", path)
    done = run_cli(*args, "--lang", lang)
    line = text.splitlines().index(next(x for x in text.splitlines() if not x.isascii())) + 1
    assert done.returncode == 1 and words in done.stderr and how in done.stderr, done.stderr
    assert f"旧记事本.yaml:{line}" in done.stderr, done.stderr
    assert not re.search(r"invalid|byte|字节|codec", done.stderr), done.stderr


def _watch(tmp_path, stdin, lang="zh"):
    inbox = tmp_path / "in"
    inbox.mkdir(exist_ok=True)
    scorer = Path(sys.executable).with_name("scorer")
    return subprocess.Popen([str(scorer), "watch", str(inbox), "-o", str(tmp_path / "out"), "--interval", "30",
                             "--lang", lang], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stopped(proc):
    line = proc.stdout.readline()  # the start line: the watcher is running
    assert line, proc.stderr.read()
    time.sleep(1)  # its first look done, it sleeps till the next
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    return line + out, err


@pytest.mark.parametrize("lang, stop", [("zh", "已终止"), ("en", "terminated")])
def test_watch_under_a_service_says_no_ctrl_c_and_stamps_its_stop_line(tmp_path, lang, stop):
    out, err = _stopped(_watch(tmp_path, subprocess.DEVNULL, lang))  # systemd: stdin is /dev/null
    assert "Ctrl-C" not in out, out
    stamp = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} "
    assert re.match(stamp, out) and re.fullmatch(stamp + stop, err.strip()), err


def test_watch_on_a_terminal_says_ctrl_c_stops(tmp_path):
    import pty

    main, follower = pty.openpty()
    try:
        out, _ = _stopped(_watch(tmp_path, follower))
    finally:
        os.close(main)
        os.close(follower)
    assert "按 Ctrl-C 停止" in out.splitlines()[0], out
