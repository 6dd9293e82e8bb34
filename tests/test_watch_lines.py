"""scorer watch's log says, on each workbook's own line, the doubts the scored run found at its cells, and
leaves no NAME.error.txt for a workbook that is gone (issue 11 break test bt11, faults 10 and 16: the line
said 无存疑 for the workbook holding a unit slip; an orphan error file stayed after its workbook was removed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import EXAMPLES
from scorer.cli.watch import Watcher, error_file
from tests.test_quality import LOG_NAME, filled_template


def test_each_workbook_s_line_names_the_cells_the_run_doubts(framework, sample_run, tmp_path, in_chinese):
    from scorer.pipeline import run

    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios", "*.md"))

    def whole_row_in_yi_yuan(fid, now, before):  # found against history only: reading the workbook alone finds nothing
        return (now / 1e4, before / 1e4) if fid == "gdp" else (now, before)
    book = folder / "周口经济开发区_2023年1-3月.xlsx"
    # its 上年同期 column the 2022Q1 workbook's figures, as a real 2023Q1 workbook's (prior_year_mismatch otherwise)
    filled_template(framework, sample_run, book, whole_row_in_yi_yuan, now_at="2022Q1", before_at="2022Q1")
    doubts = [p for p in run([folder]).problems if p.location.file and Path(p.location.file) == book and p.location.cell]
    assert doubts  # the run finds the slip at the workbook's cells
    w = Watcher(folder, tmp_path / "out")
    w.poll()
    w.poll()
    line = next(x for x in (folder / LOG_NAME).read_text(encoding="utf-8").splitlines() if f"已读取 {book.name}" in x)
    assert "无存疑" not in line and all(f"单元格 {p.location.cell}" in line for p in doubts[:3]), line


def test_an_error_file_goes_with_its_workbook(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*2022年1-12月.xlsx")):
        shutil.copy(path, folder / path.name)
    stale = folder / "上周的表.xlsx.error.txt"  # left by an earlier watcher; its workbook is gone
    stale.write_text("错误\n", encoding="utf-8")
    bad = folder / "坏表.xlsx"
    bad.write_bytes(b"not a workbook")
    w = Watcher(folder, tmp_path / "out")
    w.poll()
    w.poll()
    assert not stale.exists() and error_file(bad).exists()
    bad.unlink()
    w.poll()
    assert not error_file(bad).exists()
    assert error_file(bad).name in (folder / LOG_NAME).read_text(encoding="utf-8")


def test_watch_writes_its_report_in_the_language_lang_names(tmp_path):
    """`scorer watch --lang en` writes an English report, as `scorer report --lang en` does; without --lang the report
    is Chinese whatever the locale (it was Chinese whatever --lang said)."""
    from pypdf import PdfReader

    from conftest import run_cli

    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*2022年1-12月.xlsx")):
        shutil.copy(path, folder / path.name)
    texts = {}
    for lang in ("en", None):
        out = tmp_path / f"out-{lang}"
        done = run_cli("watch", folder, "-o", out, "--max-polls", "2", "--interval", "0.1",
                       *(["--lang", lang] if lang else []), env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": ""})
        assert done.returncode == 0, done.stderr
        pdf = next(out.glob("*.pdf"))
        texts[lang] = PdfReader(pdf).pages[0].extract_text()
    assert "Readiness" in texts["en"] and "国家级" not in texts["en"], texts["en"][:500]
    assert "国家级" in texts[None], texts[None][:500]


def test_the_service_log_has_one_line_per_event():
    """What `scorer watch` prints (the service's 处理记录.log): the timestamped events, each on one line, a hint joined
    to its problem; the cells listed under an event only when the watcher's log could not be written (bt15 F9)."""
    from scorer.cli.watch import summary

    events = ["2026-12-01 10:00:00 已读取 a.xlsx：105 个数值（2022Q4），存疑 1 处：单元格 C7：数值存疑",
              "2026-12-01 10:00:01 已生成报告 r.pdf（2022Q4，综合得分 70.8）",
              "a.xlsx › 工作表「表」 › 单元格 C7：存疑：数值存疑\n    处理建议：核对该单元格"]
    assert summary(events) == events[:2]
    everything = summary(events, everything=True)
    assert len(everything) == 3 and everything[2] == "a.xlsx › 工作表「表」 › 单元格 C7：存疑：数值存疑 处理建议：核对该单元格"
    assert all("\n" not in line for line in everything)


def test_a_workbook_whose_doubts_change_without_being_read_again_gets_a_line(tmp_path, in_chinese):
    """A workbook read in an earlier look whose figures a new workbook makes doubtful gets its .error.txt and a log
    line saying so; when a later run clears it, a line says that too; a look that changes nothing says nothing
    (bt15 F11: the error file appeared with no line, the log still said 无存疑)."""
    from scorer.errors import Location, Problem
    from scorer.messages import msg

    folder = tmp_path / "in"
    folder.mkdir()
    old = folder / "周口经开区主要统计指标_2022年1-9月.xlsx"
    shutil.copy(next(EXAMPLES.glob("*2022年1-9月.xlsx")), old)
    w = Watcher(folder, tmp_path / "out")
    doubt = Problem(msg("check the cell"), Location(file=old, sheet="主要经济指标", cell="C7"), severity="doubtful")
    said = w._problem_files([old], [doubt], fresh={folder / "新.xlsx"})
    assert error_file(old).is_file()
    assert len(said) == 1 and old.name in said[0] and "单元格 C7" in said[0] and error_file(old).name in said[0], said
    assert w._problem_files([old], [doubt], fresh=set()) == []  # the same doubts: nothing new to say
    assert w._problem_files([old], [doubt], fresh={old}) == []  # read in this look: its own line says it
    said = w._problem_files([old], [], fresh=set())
    assert not error_file(old).exists() and len(said) == 1 and old.name in said[0], said


def test_a_stop_between_looks_names_no_file_an_earlier_look_wrote(tmp_path):
    """bt15 F24: `scorer watch` stopped by SIGTERM said "written in full before it stopped:" with every file the run
    had ever written (an error file, the report, the log, written long before), and each `systemctl restart`
    appended the list to the service's log. A stop between looks names none; the stop line itself stays."""
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "坏表.xlsx").write_bytes(b"not a workbook")
    scorer = Path(sys.executable).with_name("scorer")
    proc = subprocess.Popen([str(scorer), "watch", str(folder), "-o", str(tmp_path / "out"), "--interval", "30",
                             "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (folder / LOG_NAME).exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        time.sleep(1)  # the look's lines printed; the watcher sleeps till its next look
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert error_file(folder / "坏表.xlsx").exists(), out + err
    assert proc.returncode == 128 + signal.SIGTERM and "terminated" in err, err
    assert "written in full" not in err and LOG_NAME not in err and "error.txt" not in err, err


def test_a_look_forgets_what_the_look_before_it_wrote(tmp_path):
    """What a stop would name after each look (scorer.atomic.written): nothing once a look is over, however many
    files it wrote (bt15 F24)."""
    from scorer import atomic

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "坏表.xlsx").write_bytes(b"not a workbook")
    w = Watcher(folder, tmp_path / "out")
    for _ in range(2):  # the first look sees the file, the second (its size unchanged) reads it
        w.poll()
        assert atomic.written() == []
    assert error_file(folder / "坏表.xlsx").exists() and (folder / LOG_NAME).exists()


def two_zones_inbox(folder: Path) -> Path:
    """`folder` (made) holding the sample's 2022年1-12月 workbook and a copy of it retitled 漯河经济开发区's."""
    import openpyxl

    folder.mkdir()
    mine = sorted(EXAMPLES.glob("*2022年1-12月.xlsx"))[0]
    shutil.copy(mine, folder / mine.name)
    book = openpyxl.load_workbook(mine)
    for ws in book.worksheets[:2]:
        ws["A1"].value = str(ws["A1"].value).replace("周口经济开发区", "漯河经济开发区")
    book.save(folder / "漯河经开区主要统计指标_2022年1-12月.xlsx")
    return folder


def test_a_workbook_is_never_said_clean_when_no_run_checked_it(tmp_path, in_chinese):
    """bt15j F1 / bt11j F8: a workbook with a unit slip beside another zone's (the run refused: two zones) was logged
    无存疑, though its figures were never checked. Said as not checked, and the refusal follows."""
    folder = two_zones_inbox(tmp_path / "in")
    w = Watcher(folder, tmp_path / "out")
    w.poll()
    w.poll()
    lines = (folder / LOG_NAME).read_text(encoding="utf-8").splitlines()
    read = [x for x in lines if "已读取" in x]
    assert len(read) == 2 and not [x for x in read if "无存疑" in x], read
    assert all("未经核查" in x for x in read), read


def test_the_error_file_goes_beside_the_slipped_workbook_not_the_history_it_was_measured_against(framework, sample_run,
                                                                                                   tmp_path, in_chinese):
    """bt11k F3: 2023Q1's 进出口总额 in 亿元, found against the 2022Q1 workbook's right figure: the 2022Q1 workbook got an
    error file too, sending the analyst to 'fix' a right workbook."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios", "*.md"))
    book = folder / "周口经济开发区_2023年1-3月.xlsx"
    filled_template(framework, sample_run, book, lambda fid, now, before: (now / 1e4, before) if fid == "trade_total"
                    else (now, before), now_at="2022Q1", before_at="2022Q1")
    w = Watcher(folder, tmp_path / "out")
    w.poll(), w.poll()
    assert error_file(book).exists()
    right = next(folder.glob("*2022年1-3月.xlsx"))
    assert not error_file(right).exists(), error_file(right).read_text(encoding="utf-8")


def test_strict_watch_writes_the_error_file_beside_the_workbook_it_refuses_on(framework, sample_run, tmp_path,
                                                                             in_chinese):
    """bt11k F7: watch --strict refused the run on a slipped cell and wrote no error file beside the workbook at
    fault (without --strict it did): an analyst who only opens the share saw nothing to fix."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios", "*.md"))
    book = folder / "周口经济开发区_2023年1-3月.xlsx"
    filled_template(framework, sample_run, book, lambda fid, now, before: (now / 1e4, before) if fid == "trade_total"
                    else (now, before), now_at="2022Q1", before_at="2022Q1")
    w = Watcher(folder, tmp_path / "out", strict=True)
    w.poll(), w.poll()
    assert not list((tmp_path / "out").glob("*.pdf"))  # --strict: no report
    text = error_file(book).read_text(encoding="utf-8")
    assert "--strict" in text and "C7" in text


def test_the_office_log_says_what_the_run_found_at_no_workbook_s_cell(tmp_path, in_chinese):
    """bt15k F8: 处理记录.log (the service's standard output, `summary`) said 无存疑 for each workbook and nothing more,
    while the same run's scorer-watch.log and page 2 said GDP growth is at current prices, so its score may be too high.
    Every warning or note of the run is now on a line of the office log: at its workbook's line when at its cells, else
    on the report's line (three in words, the count of the rest with the log that lists them)."""
    from scorer.cli.watch import LOG_NAME as WATCH_LOG, at_workbook, summary, _words

    folder = tmp_path / "in"
    folder.mkdir()
    for path in [*EXAMPLES.glob("*2022年1-3月.xlsx"), *EXAMPLES.glob("*2021年1-3月.xlsx")]:
        shutil.copy(path, folder / path.name)
    w = Watcher(folder, tmp_path / "out")
    lines = summary(w.poll() + w.poll())
    books = sorted(folder.glob("*.xlsx"))
    apart = [p for p in w.last_problems if p.severity != "error" and not any(at_workbook(p, b) for b in books)]
    assert any(p.code == "growth_current_prices" for p in apart), [p.code for p in apart]
    report = next(x for x in lines if "已生成报告" in x)
    assert f"另有 {len(apart)} 项提示" in report, report
    said = [p for p in apart if _words(p) in report]
    assert len(said) == min(3, len(apart)), report
    assert any(p.code == "growth_current_prices" for p in said), report  # with a fix: before the notes by design
    if len(apart) > 3:
        assert f"其余{len(apart) - 3}项见收件文件夹中的 {WATCH_LOG}" in report, report
