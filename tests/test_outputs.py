"""Outputs under attack and faults: names from input text stay inside the output folder, an output is never
an input, OS errors name the output, signals and crashes leave no temporary files, concurrent runs both win."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest

from scorer.atomic import host_tag, inside, safe_name, sweep_stale, write_atomic
from scorer.cli.watch import Watcher
from scorer.errors import ScorerError
from tests.bad_inputs import EXAMPLE_Q2, FAULTS, INDICATORS, STEM
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.workbooks import full_tables, write_xlsx

SCENARIO = ROOT / "examples" / "scenarios" / sorted(os.listdir(ROOT / "examples" / "scenarios"))[0]


def _faulty(kind: str, folder: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(FAULTS), "SCORER_TEST_FAULT": f"{kind}:{folder}"}


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- names made from input text
@pytest.mark.parametrize("text, name", [
    ("../../周口经济开发区", "周口经济开发区"),
    ("/etc/passwd", "etc_passwd"),
    ("..", "report"),
    ("a\\b:c*?\"<>|\x00\n", "a_b_c_"),
    ("周口经济开发区", "周口经济开发区"),
    ("-rf经济开发区", "rf经济开发区"),  # a name a shell command over the folder (rm *) would read as options
    ("--help", "help"),
    (" - .-x", "x"),
])
def test_a_name_from_input_text_is_one_plain_file_name(text, name):
    assert safe_name(text) == name


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
                                  "\u200f", "\u061c", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u2028", "\u2029",
                                  "\x85", "\x9b", "\x7f", "\udcff"])
def test_a_format_or_control_character_never_reaches_a_file_name(char):
    name = safe_name(f"周口{char}fdp.exe{char}经济开发区")
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp", "Cs") for c in name), ascii(name)
    assert name.startswith("周口") and name.endswith("经济开发区")
    name.encode("utf-8")  # a name the file system takes (a lone surrogate would raise here)


def test_a_format_character_in_a_zone_name_does_not_make_it_another_zone():
    from scorer.read.zones import canonical

    assert canonical("周口\u202e经济开发区") == canonical("周口\u200b经开区") == canonical("周口经开区")


def test_a_long_name_is_cut_to_fit_a_file_system():
    name = safe_name("开发区" * 200)
    assert len(name.encode("utf-8")) <= 200 and name.startswith("开发区")


def test_a_path_outside_the_output_folder_is_refused(tmp_path):
    assert inside(tmp_path, "a.pdf") == tmp_path / "a.pdf"
    for name in ("../a.pdf", "/tmp/a.pdf", "sub/../../a.pdf", ""):
        with pytest.raises(ScorerError, match="outside the output folder"):
            inside(tmp_path, name)


def _drop_with_title(folder: Path, framework, zone: str) -> Path:
    folder.mkdir()
    sheets, merges = full_tables(framework.fields, zone=zone)
    write_xlsx(folder / f"{STEM}.xlsx", sheets, merges)
    return folder


def _watch_once(drop: Path, out: Path) -> list[str]:
    w = Watcher(drop, out)
    assert w.poll() == []
    return w.poll()


def test_a_title_climbing_out_of_the_output_folder_names_a_report_inside_it(framework, tmp_path, in_chinese):
    drop = _drop_with_title(tmp_path / "drop", framework, "../../周口经济开发区")
    out = tmp_path / "a" / "b" / "reports"
    events = _watch_once(drop, out)
    assert any("已生成报告" in e for e in events), events
    assert [p.name for p in out.iterdir()] == ["周口经济开发区_2022Q2.pdf"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")) == \
        ["a/b/reports/周口经济开发区_2022Q2.pdf"]


def test_a_right_to_left_override_in_a_title_is_not_kept_in_the_report_name(framework, tmp_path, in_chinese):
    # U+202E shows "周口经济开发区\u202efdp.exe" as "周口经济开发区exe.pdf…": a report that looks like another file
    drop = tmp_path / "drop"
    drop.mkdir()
    sheets, merges = full_tables(framework.fields, zone="周口\u202efdp.exe\u2066经济开发区")
    write_xlsx(drop / "主要统计指标_2022年1-6月.xlsx", sheets, merges)  # a file name naming no zone: the title's name is taken
    events = _watch_once(drop, tmp_path / "reports")
    assert any("已生成报告" in e for e in events), events
    [report] = (tmp_path / "reports").iterdir()
    assert report.name == "周口fdp.exe经济开发区_2022Q2.pdf", ascii(report.name)


def test_an_absolute_path_in_a_title_names_a_report_inside_the_output_folder(framework, tmp_path, in_chinese):
    elsewhere = Path(tempfile.mkdtemp(prefix="st", dir="/tmp"))  # short: a zone name is at most 30 characters
    try:
        drop = _drop_with_title(tmp_path / "drop", framework, f"{elsewhere}/周口经济开发区")
        events = _watch_once(drop, tmp_path / "reports")
        assert any("已生成报告" in e for e in events), events
        assert list(elsewhere.rglob("*")) == []
        [report] = (tmp_path / "reports").iterdir()
        assert report.name.endswith("周口经济开发区_2022Q2.pdf") and "/" not in report.name
    finally:
        shutil.rmtree(elsewhere)


# ---------------------------------------------------------------- the watcher goes on
@pytest.fixture
def drop(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(EXAMPLE_Q2, folder)
    return folder


def test_the_watcher_logs_an_output_it_cannot_write_and_goes_on(drop, tmp_path, in_chinese):
    out = tmp_path / "reports"
    w = Watcher(drop, out)  # a file there from the start is refused at once (bt16h F1): this one comes while it runs
    if out.is_dir():
        out.rmdir()
    out.write_text("a file where the reports folder should be", encoding="utf-8")
    w.poll()
    events = w.poll()
    # no earlier report to keep (bt16g F7e); the cause on the same line, which the service's log shows (bt16h F1)
    [line] = [e for e in events if "未生成报告：" in e]
    assert str(out) in line and "是文件，不是文件夹" in line, events
    out.unlink()
    shutil.copy(next(EXAMPLES.glob("*2022年1-9月.xlsx")), drop)
    w.poll()
    events = w.poll()
    assert any("已生成报告" in e and "2022Q3" in e for e in events), events


def test_the_watcher_says_an_earlier_report_is_kept_only_when_there_is_one(tmp_path, in_chinese):
    from scorer.cli.watch import _not_written

    out = tmp_path / "reports"
    assert _not_written(out / "z_2022Q2.pdf", out) == _not_written(None, out) == "未生成报告："
    out.mkdir()
    (out / "z_2022Q1.pdf").write_bytes(b"%PDF")
    assert _not_written(out / "z_2022Q2.pdf", out) == "未生成报告："  # another quarter's report is not this one
    assert _not_written(out / "z_2022Q1.pdf", out) == _not_written(None, out) == "报告未更新（原报告保留）："


def test_the_watcher_never_writes_a_report_over_a_workbook_through_a_link(drop, tmp_path, in_chinese):
    out = tmp_path / "reports"
    out.mkdir()
    workbook = drop / EXAMPLE_Q2.name
    before = workbook.read_bytes()
    (out / "周口经济开发区_2022Q2.pdf").symlink_to(workbook)
    w = Watcher(drop, out)
    w.poll()
    events = w.poll()
    assert any("输出文件将覆盖输入文件" in e for e in events), events  # the log's language (in_chinese)
    assert workbook.read_bytes() == before


def test_the_watcher_reports_a_drop_folder_it_cannot_write_its_error_file_into(drop, tmp_path, monkeypatch, in_chinese):
    import errno

    import scorer.cli.watch as watch

    def refuse(path, data, inputs=()):
        raise watch.ScorerError.at("cannot write the output: no permission", file=path)

    monkeypatch.setattr(watch, "write_atomic", refuse)
    (drop / "坏表_2022年1-9月.xlsx").write_bytes(b"not a workbook")
    w = Watcher(drop, tmp_path / "reports")
    w.poll()
    events = w.poll()
    # its one line names the first problem and says the error file could not be written; it points to no file (the
    # log beside it is as unwritable: bt16k F8), the problems follow in the events
    assert any("无法使用 坏表_2022年1-9月.xlsx：" in e and "未能写出 坏表_2022年1-9月.xlsx.error.txt" in e
               and "scorer-watch.log" not in e for e in events), events
    assert any("无法作为工作簿打开" in e for e in events), events  # the reason, in the language of the log
    assert errno.EACCES  # the watcher is still alive: the good workbook was reported
    assert any("已生成报告" in e for e in events), events


# ---------------------------------------------------------------- signals, crashes, concurrency
@pytest.mark.parametrize("signal_name", ["sigterm", "sigint", "sighup"])  # sighup: a closed terminal or ssh session
def test_a_signal_in_the_write_window_leaves_no_temporary_file_and_a_whole_output(tmp_path, signal_name):
    """A signal while the command's last output is renamed into place lets the command finish (README: a signal
    once every output is in place, 942fe34): exit 0, said, the new file whole, no temporary file left."""
    out = tmp_path / "模板.xlsx"
    out.write_bytes(b"the earlier file")
    done = run_cli("template", "-o", out, "--period", "2023Q1", "--force", env=_faulty(signal_name, tmp_path))
    assert done.returncode == 0, done.stderr
    assert signal_name.upper() in done.stderr and "Traceback" not in done.stderr
    assert _temporaries(tmp_path) == []
    assert out.read_bytes() != b"the earlier file" and openpyxl.load_workbook(out).sheetnames


@pytest.mark.parametrize("args", [("template", "--period", "2023Q1", "-o", "模板.xlsx"),  # write_atomic
                                  ("uncertainty", EXAMPLES, "--draws", "50", "--export", "draws.csv")])  # write_streamed
def test_sigterm_while_the_temporary_file_is_created_leaves_nothing(tmp_path, args):
    """bt16 F8: SIGTERM inside tempfile.mkstemp (the file made, its name not yet returned) left a 0-byte
    `.NAME.scorer-PID-….tmp` beside the output. The fault sends it the moment the file is created."""
    args = [tmp_path / a if str(a).endswith((".xlsx", ".csv")) else a for a in args]
    done = run_cli("--lang", "en", *args, env=_faulty("sigterm-create", tmp_path))
    assert done.returncode == 143 and done.stderr.strip() == "terminated", done.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- an output that is a folder
_SCENARIO_ARGS = (EXAMPLE_Q2, SCENARIO)


@pytest.mark.parametrize("args, suffixes", [
    (("report", EXAMPLE_Q2, "-o", "{dir}"), (".pdf",)),
    (("report", EXAMPLE_Q2, "--format", "html", "-o", "{dir}"), (".html", ".htm")),
    (("template", "--period", "2023Q1", "-o", "{dir}"), (".xlsx",)),
    (("uncertainty", EXAMPLE_Q2, "--draws", "20", "--export", "{dir}"), (".csv", ".parquet", ".pq")),
    (("compare", *_SCENARIO_ARGS, "--xlsx", "{dir}"), (".xlsx",)),
    (("plan", EXAMPLE_Q2, "--target", "90", "--xlsx", "{dir}"), (".xlsx",)),
    (("plan", EXAMPLE_Q2, "--target", "90", "--scenario", "{dir}"), (".yaml", ".yml")),
    (("peers", "build", "--year", "2023", "-o", "{dir}"), (".csv",)),
])
def test_an_output_that_is_a_folder_is_refused_proposing_a_file_of_its_kind(tmp_path, args, suffixes):
    """bt16 F11: the hint proposed {folder}/report.pdf whatever the command wrote (a CSV, a workbook, a YAML)."""
    folder = tmp_path / "输出"
    folder.mkdir()
    done = run_cli("--lang", "en", *[str(a).format(dir=folder) for a in args])
    assert done.returncode == 1 and "the output is a folder, not a file" in done.stderr, done.stderr
    proposed = re.search(r"name a file inside it, e\.g\. (\S+)", done.stderr)
    assert proposed, done.stderr
    assert Path(proposed.group(1)).parent == folder and Path(proposed.group(1)).suffix in suffixes, done.stderr
    assert list(folder.iterdir()) == []


_COINR = Path(__file__).parent / "data" / "coinr-asem"
_NEW_FOLDER_OUTPUTS = [("template", "--period", "2023Q1", "-o", "{new}/模板.xlsx"),  # write_atomic
                       ("uncertainty", EXAMPLES, "--draws", "50", "--export", "{new}/draws.csv"),  # write_streamed
                       ("import-coinr", _COINR / "ASEM_iMeta.csv", _COINR / "ASEM_iData.csv", "-o", "{new}")]  # a pair


@pytest.mark.parametrize("fault, code", [("enospc", 1), ("sigterm-create", 143)])
@pytest.mark.parametrize("args", _NEW_FOLDER_OUTPUTS)
def test_a_failed_write_removes_the_folders_it_made_and_keeps_those_it_found(tmp_path, args, fault, code):
    """bt16 F10: on a full disk the output failed, said naming it, and left the empty folders scorer had made
    for it (新/a/b). They go with the failed write; a folder that was there before (空, empty) stays."""
    (tmp_path / "空").mkdir()
    new = tmp_path / "空" / "新" / "a" / "b"
    done = run_cli("--lang", "en", *[str(a).format(new=new) for a in args], env=_faulty(fault, tmp_path))
    assert done.returncode == code and "Traceback" not in done.stderr, done.stderr
    if fault == "enospc":
        assert str(new) in done.stderr and "the disk is full" in done.stderr
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*")] == [Path("空")]


def test_sigterm_while_an_xlsx_output_is_renamed_leaves_no_temporary_file(tmp_path):
    done = run_cli("compare", EXAMPLE_Q2, SCENARIO, "--xlsx", tmp_path / "结果.xlsx", env=_faulty("sigterm", tmp_path))
    assert done.returncode == 0 and "SIGTERM" in done.stderr, done.stderr  # the last output: the command finishes
    assert _temporaries(tmp_path) == [] and "情景对比" in openpyxl.load_workbook(tmp_path / "结果.xlsx").sheetnames


def test_two_xlsx_writes_to_one_file_at_once_both_succeed(tmp_path):
    import openpyxl

    out = tmp_path / "结果.xlsx"
    env = _faulty("barrier", tmp_path)  # both runs wait at the rename until both have written
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda _: run_cli("compare", EXAMPLE_Q2, SCENARIO, "--xlsx", out, env=env), range(2)))
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert len(list(tmp_path.glob("barrier-*"))) == 2  # the two really met
    assert "情景对比" in openpyxl.load_workbook(out).sheetnames
    assert _temporaries(tmp_path) == []


def test_temporary_files_of_a_killed_run_are_swept_on_the_next_run(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    here = host_tag()
    stale = tmp_path / f".模板.xlsx.scorer-{here}-{dead.pid}-abcd1234.tmp"
    live = tmp_path / f".模板.xlsx.scorer-{here}-{os.getpid()}-efgh5678.tmp"  # this test's own process is alive
    elsewhere = tmp_path / f".模板.xlsx.scorer-{'0' * 8 if here != '0' * 8 else '1' * 8}-{dead.pid}-abcd1234.tmp"
    foreign = tmp_path / ".模板.xlsx.abcd1234.tmp"  # not ours to remove
    for p in (stale, live, elsewhere, foreign):
        p.write_bytes(b"half a file")
    done = run_cli("template", "-o", tmp_path / "模板.xlsx", "--period", "2023Q1")
    assert done.returncode == 0, done.stderr
    assert not stale.exists() and live.exists() and elsewhere.exists() and foreign.exists()


def test_a_temporary_file_whose_writer_lives_is_kept_however_old(tmp_path):
    old = tmp_path / f".r.pdf.scorer-{host_tag()}-{os.getppid()}-abcd1234.tmp"
    old.write_bytes(b"x")
    os.utime(old, (0, 0))
    assert sweep_stale(tmp_path) == [] and old.exists()


def test_a_temporary_file_of_another_machine_is_kept(tmp_path):
    """A shared reports folder (Samba, NFS): a PID of another machine says nothing of this one's processes."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    other = "0" * 8 if host_tag() != "0" * 8 else "1" * 8
    theirs = tmp_path / f".r.pdf.scorer-{other}-{dead.pid}-abcd1234.tmp"
    theirs.write_bytes(b"being written over there")
    os.utime(theirs, (0, 0))
    assert sweep_stale(tmp_path) == [] and theirs.exists()


@pytest.mark.parametrize("name, why", [
    (".模板.xlsx.abcd_123.tmp", "new"),  # an earlier version's name may be anyone's
    (".模板.xlsx.abcd_123.tmp", "old"),  # however old (bt16g F6: deleted after an hour, nothing said)
    (".budget.xlsx.tmp", "old"),
    (".data.csv.a1b2c3d4.tmp", "old"),
    (".处理记录.log.abcdefgh.tmp", "old"),
    (".notes.txt.tmp", "old"),
    (".报告.docx.abcd1234.tmp", "old"),
    (".报告.pdf.scorer-{dead}-abcd1234.tmp", "old"),  # a PID without a machine: whose?
    (".报告.pdf.scorer-{here}-{dead}-abcd1234.tmp", "folder"),  # a folder is never ours
    (".报告.pdf.scorer-{here}-{dead}-abcd1234.tmp", "link"),  # nor a symbolic link
    ("报告.pdf.scorer-{here}-{dead}-abcd1234.tmp", "old"),  # nor without the leading dot
])
def test_a_file_whose_name_does_not_prove_a_gone_writer_of_ours_is_left_alone(tmp_path, name, why):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / name.format(here=host_tag(), dead=dead.pid)
    if why == "folder":
        left.mkdir()
    elif why == "link":
        (tmp_path / "target").write_bytes(b"x")
        left.symlink_to(tmp_path / "target")
    else:
        left.write_bytes(b"someone's file")
    if why != "new":
        os.utime(left, (0, 0), follow_symlinks=False)
    assert sweep_stale(tmp_path) == [] and left.exists()


def test_a_temporary_of_ours_owned_by_another_user_is_left_alone(tmp_path, monkeypatch):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".模板.xlsx.scorer-{host_tag()}-{dead.pid}-abcd1234.tmp"
    left.write_bytes(b"x")
    monkeypatch.setattr(os, "geteuid", lambda: left.stat().st_uid + 1)
    assert sweep_stale(tmp_path) == [] and left.exists()


def test_an_output_that_exists_and_is_not_a_regular_file_is_refused_and_left_as_it_was(tmp_path):
    fifo = tmp_path / "报告.pdf"
    os.mkfifo(fifo)
    link = tmp_path / "链接.pdf"
    link.symlink_to("/dev/null")
    for out in (fifo, link):
        with pytest.raises(ScorerError, match="is not a regular file") as caught:
            write_atomic(out, b"%PDF")
        assert str(out) in str(caught.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.readlink(link) == "/dev/null"
    assert _temporaries(tmp_path) == []


def test_every_output_is_written_through_one_helper_with_unique_temporary_names(tmp_path, monkeypatch):
    import tempfile as tf

    names = []
    real = tf.mkstemp

    def spy(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        names.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(tf, "mkstemp", spy)
    write_atomic(tmp_path / "a.csv", "x")
    write_atomic(tmp_path / "a.csv", "y")
    assert len(set(names)) == 2 and all(f".scorer-{host_tag()}-{os.getpid()}-" in n for n in names)
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "scorer").rglob("*.py")
                       if p.name != "atomic.py")
    for raw_write in (".write_text(", ".write_bytes(", "to_csv(path", "to_csv(export", ".save(path", "ExcelWriter(tmp"):
        assert raw_write not in source, raw_write


# ---------------------------------------------------------------- Ctrl-C and SIGTERM while starting
# One language at a time: the stop line follows --lang (or the locale), as every other line does.
@pytest.mark.parametrize("how, code, said", [("raise KeyboardInterrupt", 130, {"zh": "已中断", "en": "interrupted"}),
                                             ("os.kill(os.getpid(), signal.SIGTERM)", 143, {"zh": "已终止", "en": "terminated"})])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("entry", ["runpy.run_module('scorer', run_name='__main__')",
                                   "from scorer.cli.main import main; main()"])
def test_an_interruption_while_the_libraries_load_prints_no_traceback(how, code, said, entry, lang):
    program = f"""
import os, runpy, signal, sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            {how}
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["scorer", "validate", "--lang", {lang!r}]
{entry}
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == code, done.stderr
    assert done.stderr.strip() == said[lang] and "Traceback" not in done.stderr


# ---------------------------------------------------------------- effort entries of other frameworks
@pytest.fixture(scope="module")
def renamed_field(tmp_path_factory):
    """The bundled framework with the raw field hightech_trade renamed: effort.yaml's entry for it is foreign."""
    folder = tmp_path_factory.mktemp("renamed")
    for name in ("framework.yaml", "fields.yaml"):
        text = (INDICATORS / name).read_text(encoding="utf-8")
        assert "hightech_trade" in text
        (folder / name).write_text(re.sub(r"\bhightech_trade\b", "hightech_goods_trade", text), encoding="utf-8")
    shutil.copy(INDICATORS / "yardsticks.yaml", folder)  # the framework cites it (issue 12)
    return folder / "framework.yaml"


def test_report_leaves_out_a_bundled_effort_entry_the_framework_lacks_with_a_note(renamed_field, tmp_path):
    done = run_cli("report", EXAMPLE_Q2, "-f", renamed_field, "--format", "html", "-o", tmp_path / "r.html")
    assert done.returncode == 0, done.stderr
    line = next(l for l in done.stderr.splitlines() if "hightech_trade" in l)
    effort = INDICATORS / "effort.yaml"
    expected = effort.read_text(encoding="utf-8").split("\n").index("  hightech_trade:") + 1
    assert f"{effort}:{expected}: note: effort entries for 'hightech_trade' left out" in line
    assert (tmp_path / "r.html").exists()
    # a note, not a warning --strict would have had to stop on (bt16k F4: "warning", and --strict wrote the report)
    strict = run_cli("report", EXAMPLE_Q2, "-f", renamed_field, "--format", "html", "-o", tmp_path / "s.html", "--strict")
    assert strict.returncode == 0 and "warning: effort" not in strict.stderr, strict.stderr


def test_an_effort_file_beside_the_framework_naming_a_field_it_lacks_is_refused_as_validate_refuses_it(renamed_field,
                                                                                                         tmp_path):
    """bt16k F5: the user's effort.yaml beside the framework was an error for validate, a warning for report."""
    folder = tmp_path / "fw"
    shutil.copytree(renamed_field.parent, folder)
    shutil.copy(INDICATORS / "effort.yaml", folder / "effort.yaml")
    for command in (("validate", folder / "framework.yaml"),
                    ("report", EXAMPLE_Q2, "-f", folder / "framework.yaml", "--format", "html", "-o", tmp_path / "r.html")):
        done = run_cli(*command)
        assert done.returncode == 1 and "hightech_trade" in done.stderr, (command[0], done.stderr)


def test_report_takes_an_effort_file_like_plan(renamed_field, tmp_path):
    effort = tmp_path / "effort.yaml"
    text = (INDICATORS / "effort.yaml").read_text(encoding="utf-8")
    effort.write_text(text.replace("hightech_trade", "hightech_goods_trade"), encoding="utf-8")
    done = run_cli("report", EXAMPLE_Q2, "-f", renamed_field, "--format", "html", "-o", tmp_path / "r.html",
                   "--effort", effort, "--plan-target", "95")
    assert done.returncode == 0 and "left out" not in done.stderr, done.stderr
    effort.write_text(text.replace("hightech_trade", "hightech_goods_trd"), encoding="utf-8")  # a typo in the user's file
    done = run_cli("report", EXAMPLE_Q2, "-f", renamed_field, "--format", "html", "-o", tmp_path / "r.html",
                   "--effort", effort)
    assert done.returncode == 1 and f"{effort}:" in done.stderr and "unknown field 'hightech_goods_trd'" in done.stderr


# ------------------------------------------------------- a signal at any moment after Python has started
def _console_script() -> str:
    """The program pip writes for the `scorer` console script, from pyproject.toml's entry point."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    module, func = re.search(r'^scorer = "([\w.]+):(\w+)"', text, re.M).groups()
    return f"import sys\nfrom {module} import {func}\nsys.argv[0] = 'scorer'\nsys.exit({func}())\n"


def test_the_console_script_installs_its_signal_handlers_before_importing_anything_heavy():
    # -S: no site, so only what the entry point's own import brings is counted
    program = ("import sys, os, importlib, __future__\nbefore = set(sys.modules)\n"
               + "mod = " + repr(_console_script().split("\n")[1].split()[1]) + "\n"
               + "importlib.import_module(mod)\nimport _signal\n"
               + "print(sorted(set(sys.modules) - before))\n"
               + "print(_signal.getsignal(_signal.SIGINT) is not _signal.default_int_handler)\n")
    done = subprocess.run([sys.executable, "-S", "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded, handled = done.stdout.splitlines()
    assert handled == "True"  # Ctrl-C from here on is the entry point's, not Python's KeyboardInterrupt
    brought = [m for m in eval(loaded) if not m.startswith("scorer") and m not in sys.builtin_module_names]
    assert brought == [], brought  # no typing, no signal/enum, no rich: the handlers are in place at once


def test_no_module_is_looked_for_before_the_console_scripts_signal_handlers():
    """bt16 F7: the entry point was scorer.cli.entry, so the `scorer` and `scorer.cli` packages (through setuptools'
    import hook in an editable install) and scorer.lang were found and run before any handler: a Ctrl-C then printed
    a KeyboardInterrupt traceback. Only the entry module itself may be looked for under Python's own SIGINT handler."""
    lines = _console_script().split("\n")
    program = ("import sys, _signal\nseen = []\n"
               "class Spy:\n"
               "    def find_spec(self, name, path=None, target=None):\n"
               "        if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:\n"
               "            seen.append(name)\n"
               "        return None\n"
               "sys.meta_path.insert(0, Spy())\n" + lines[1] + "\nprint(seen)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert eval(done.stdout) == [lines[1].split()[1]], done.stdout


def test_python_m_scorer_finds_the_entry_module_in_an_install_made_before_it_existed(tmp_path):
    """An editable install made before scorer_entry.py existed (setuptools' hook lists the modules installed) has no
    `scorer_entry` on its path until setup runs again: `python -m scorer` and the forked test commands (through
    scorer.cli.entry) load it from the source tree beside the package."""
    (tmp_path / "scorer").symlink_to(ROOT / "scorer")  # the package alone on the path, as the old hook maps it
    program = ("import sys\nimport scorer.cli.entry as entry\n"
               "print(sys.modules['scorer_entry'].__file__, entry.main is sys.modules['scorer_entry'].main)\n")
    done = subprocess.run([sys.executable, "-S", "-c", program], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(tmp_path)}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(ROOT / "scorer_entry.py"), "True"]


@pytest.mark.parametrize("module", ["scorer", "scorer.lang", "scorer.cli.main", "scorer.messages", "typer", "rich"])
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_while_the_console_script_loads_stops_it_quietly(module, sig):
    # The signal is really sent (os.kill) the moment the console script first looks for `module`.
    program = f"""
import os, signal, sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.{sig})
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["scorer", "score", {str(EXAMPLE_Q2)!r}]
""" + _console_script()
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=120)
    number = int(getattr(signal, sig))
    assert done.returncode == 128 + number, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert done.stderr.strip() in ("interrupted", "terminated", "已中断", "已终止"), done.stderr  # one language, the locale's
    assert done.stdout == ""
