"""`scorer watch` survives whatever is dropped in its folder (issue 16, break test bt16d F1-F3, F5): a damaged
workbook, an exception nobody foresaw while reading one workbook or making the report, a file name that is
not UTF-8, a name too long for its NAME.error.txt, a folder in the error file's place, symbolic links (as
workbooks and as its own log). Each is said in the log and the watcher goes on; none ended it (exit 70, or
exit 1 with nothing logged) before. Also: names with undecodable bytes on the other commands' outputs."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from scorer.cli import watch
from scorer.cli.watch import LOG_NAME, Watcher, error_file

SAMPLE = EXAMPLES / "周口经开区主要统计指标_2022年1-12月.xlsx"
UNDECODABLE = os.fsdecode(b"\xbe\xad\xbf\xaa\xc7\xf8_2022.xlsx")  # 经开区 in GBK, as unzip gives a zip made on Chinese Windows
STAND_INS = "\\xbe\\xad\\xbf\\xaa\\xc7\\xf8_2022.xlsx"


def _damaged(path: Path) -> Path:
    """The sample with bytes of its first sheet's deflate stream flipped, as a broken copy leaves it."""
    data = bytearray(SAMPLE.read_bytes())
    info = zipfile.ZipFile(SAMPLE).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 200, start + 260):
        data[k] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def _settle(w: Watcher) -> list[str]:
    """Two looks: a file is taken once it is the same on two looks in a row."""
    return w.poll() + w.poll()


def _log(folder: Path) -> str:
    return (folder / LOG_NAME).read_text(encoding="utf-8")


def test_a_damaged_workbook_gets_its_error_file_naming_the_part_and_the_watcher_goes_on(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    bad = _damaged(inbox / "坏.xlsx")
    w = Watcher(inbox, tmp_path / "out", settle=0)  # a part failing its CRC may be a copy in progress: not waited for
    events = _settle(w)
    assert error_file(bad).exists() and "xl/worksheets/sheet1.xml" in error_file(bad).read_text(encoding="utf-8")
    assert any(bad.name in e and "sheet1.xml" in e for e in events), events
    assert w.poll() == []  # nothing new: quiet, alive


def test_an_exception_nobody_foresaw_in_one_workbook_or_in_the_report_is_logged_and_the_watcher_goes_on(
        tmp_path, monkeypatch):
    """The guard is structural: whatever a reader or the report raises (here a RuntimeError injected into
    them) becomes that workbook's error file, or a log line, and the next look still works."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / SAMPLE.name)
    cursed = shutil.copy(SAMPLE, inbox / "cursed.xlsx")
    real = watch.read_workbook

    def read(path, *args, **kw):
        if Path(path).name == "cursed.xlsx":
            raise RuntimeError("injected fault in a reader")
        return real(path, *args, **kw)

    def report(*args, **kw):
        raise KeyError("injected fault in the report")

    monkeypatch.setattr(watch, "read_workbook", read)
    monkeypatch.setattr("scorer.pipeline.report", report)
    w = Watcher(inbox, tmp_path / "out")
    events = _settle(w)
    assert "injected fault in a reader" in error_file(Path(cursed)).read_text(encoding="utf-8")
    assert any("injected fault in the report" in e for e in events), events
    assert any(SAMPLE.name in e for e in events), events  # the other workbook was read
    monkeypatch.setattr(watch, "discover", lambda folders: 1 / 0)
    events = w.poll()  # a look that fails as a whole: said, not raised
    assert events and "ZeroDivisionError" in events[-1] and "ZeroDivisionError" in _log(inbox)
    monkeypatch.setattr(watch, "discover", __import__("scorer.read.ingest", fromlist=["discover"]).discover)
    (inbox / "cursed.xlsx").unlink()
    assert any("cursed.xlsx" in e for e in w.poll())  # the next look works again


def test_a_name_too_long_for_its_error_file_is_cut_with_a_hash_and_stays_its_own(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    names = ["周口经开区主要统计指标_2022年1-12月" + "长" * 66 + end + ".xlsx" for end in ("甲", "乙")]
    assert all(len(os.fsencode(n)) <= 255 < len(os.fsencode(n + watch.ERROR_SUFFIX)) for n in names)
    books = [inbox / n for n in names]
    for b in books:
        b.write_bytes(b"not a workbook")
    errors = [error_file(b) for b in books]
    assert len({e.name for e in errors}) == 2 and all(len(os.fsencode(e.name)) <= 255 for e in errors)
    assert all(e.name.endswith(watch.ERROR_SUFFIX) and e.parent == inbox for e in errors)
    w = Watcher(inbox, tmp_path / "out")
    _settle(w)
    assert all(e.exists() for e in errors)
    w.poll()
    assert all(e.exists() for e in errors), "a cut error file is its workbook's, not an orphan"
    books[0].unlink()
    w.poll()
    assert not errors[0].exists() and errors[1].exists()
    undecodable = inbox / os.fsdecode(b"\xff" * 250 + b".xlsx")
    assert len(os.fsencode(error_file(undecodable).name)) <= 255


def test_a_folder_in_the_error_file_s_place_is_said_and_the_watcher_goes_on(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    bad = inbox / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    error_file(bad).mkdir()  # anyone can make such a folder from Windows Explorer
    w = Watcher(inbox, tmp_path / "out")
    events = _settle(w)
    assert error_file(bad).is_dir()
    assert any(error_file(bad).name in e for e in events) and error_file(bad).name in _log(inbox), events
    bad.unlink()
    w.poll()  # its workbook gone: the folder is not the watcher's to remove
    assert error_file(bad).is_dir()


def test_symbolic_links_in_the_drop_folder_are_never_followed(tmp_path):
    """A link named like the log must not copy what it points to into the share; a link named like a workbook
    is not read."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-123\n", encoding="utf-8")
    (inbox / LOG_NAME).symlink_to(secret)
    elsewhere = tmp_path / "elsewhere.xlsx"
    elsewhere.write_bytes(b"not a workbook")
    (inbox / "linked.xlsx").symlink_to(elsewhere)
    w = Watcher(inbox, tmp_path / "out")
    events = _settle(w)
    log = inbox / LOG_NAME
    assert not log.is_symlink() and "SECRET" not in log.read_text(encoding="utf-8")
    assert secret.read_text(encoding="utf-8") == "SECRET-TOKEN-123\n"
    assert LOG_NAME in log.read_text(encoding="utf-8")  # says the log was replaced
    assert sum("linked.xlsx" in e for e in events) == 1, events  # said once, never read
    assert not error_file(inbox / "linked.xlsx").exists()
    assert not any("linked.xlsx" in e for e in w.poll())


def test_a_workbook_that_becomes_a_link_after_it_is_listed_is_not_read(tmp_path, framework):
    from scorer.read.ingest import read_workbook

    link = tmp_path / "w.xlsx"
    link.symlink_to(SAMPLE)
    result = read_workbook(link, framework.fields, follow_links=False)
    assert result.errors and "symbolic link" in result.errors[0].message and not result.observations
    assert read_workbook(link, framework.fields).observations  # the other commands read what they are named


def test_an_undecodable_file_name_is_shown_with_stand_ins_in_the_log_and_the_error_file(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    bad = inbox / UNDECODABLE
    bad.write_bytes(b"not a workbook")
    w = Watcher(inbox, tmp_path / "out")
    events = _settle(w)
    assert any(STAND_INS in e for e in events), events
    assert os.fsencode(error_file(bad).name) == b"\xbe\xad\xbf\xaa\xc7\xf8_2022.xlsx.error.txt" and error_file(bad).exists()
    assert STAND_INS in _log(inbox)


def test_an_undecodable_file_name_reaches_every_output_as_stand_ins(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / UNDECODABLE)
    done = run_cli("score", folder, "--json")
    assert done.returncode == 0, done.stderr
    assert any(STAND_INS in f for f in json.loads(done.stdout)["config"]["inputs"]), done.stdout[:500]
    done = run_cli("ingest", folder, "--lang", "en")
    assert done.returncode == 0 and STAND_INS in done.stdout, done.stderr
    out = tmp_path / "r.html"
    done = run_cli("report", folder, "-o", out, "--format", "html")
    assert done.returncode == 0, done.stderr
    assert STAND_INS in out.read_text(encoding="utf-8")


def test_a_gbk_name_whose_bytes_are_partly_valid_utf8_does_not_stop_the_report(tmp_path):
    """周口 in GBK is D6DC BFDA: DC BF is valid UTF-8 (U+073F, a Syriac mark no font of the report has). The name
    is the file's, not text to score: the report is written with \\u073f in its place (it was refused)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / os.fsdecode(b"\xd6\xdc\xbf\xda2022.xlsx"))
    out = tmp_path / "r.pdf"
    done = run_cli("report", folder, "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
        assert "\\xd6\\u073f\\xda2022.xlsx" in text, text[-2000:]


@pytest.mark.parametrize("stdout", ["full", "closed pipe"])
def test_a_standard_output_that_fails_from_the_start_line_on_does_not_stop_the_watcher(tmp_path, stdout):
    """Its start line was printed outside the guard the polls' lines have (bt16f F6): /dev/full behind the
    service's output, or a pipe whose reader has gone, ended it at once (exit 1; with the pipe, silently).
    Now it goes on to its last look, said once on stderr."""
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the watcher writes anything
    target = open("/dev/full", "w") if stdout == "full" else os.fdopen(write, "w")
    with target:
        done = subprocess.run([sys.executable, "-m", "scorer", "--lang", "en", "watch", tmp_path / "in", "-o",
                               tmp_path / "out", "--interval", "0.1", "--max-polls", "3"], stdout=target,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    if stdout == "full":
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("cannot write to standard output") == 1 and "the watcher goes on" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_the_readmes_chinese_server_section_names_the_logs_the_watcher_and_the_service_write():
    """bt16 F12: the Chinese section named only reports/处理记录.log (the service's captured output) as the watch
    log; the watcher's own log is LOG_NAME in the drop folder. Every .log it names is one of the two."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 办公室服务器"):readme.index("## Using it")]
    unit = (ROOT / "deploy" / "scorer-watch.service").read_text(encoding="utf-8")
    service_log = Path(re.search(r"^StandardOutput=append:(\S+)", unit, re.M).group(1)).name
    assert f"inbox/{LOG_NAME}" in section, "the watcher's own log, in the drop folder"
    assert set(re.findall(r"[\w\u4e00-\u9fff-]+\.log\b", section)) == {LOG_NAME, service_log}


@pytest.mark.parametrize("mark", ["✓", "✔", "☑"])
def test_a_mark_no_font_has_in_a_workbook_s_dated_name_does_not_stop_the_report(tmp_path, mark):
    """bt15i F10: 周口经开区主要统计指标_2022年1-12月✓.xlsx refused the report (the name, printed with word joiners
    keeping 2022年 and 1-12月 whole, was not found to be drawn as \\u2713). It is written, the mark as \\uXXXX."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / f"周口经开区主要统计指标_2022年1-12月{mark}.xlsx")
    out = tmp_path / "r.pdf"
    done = run_cli("report", folder, "-o", out)
    assert done.returncode == 0, done.stderr
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout.replace("\u2060", "")
        assert f"\\u{ord(mark):04x}.xlsx" in text, text[-2000:]
