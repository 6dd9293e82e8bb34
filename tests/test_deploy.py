"""The office server's systemd unit (deploy/scorer-watch.service): its ExecStart, run as systemd would run
it (environment, working directory, output appended to the log), against a temporary inbox for a bounded time."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT

UNIT = ROOT / "deploy" / "scorer-watch.service"


def read_unit(path: Path) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=False, comment_prefixes=("#", ";"))
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read(path, encoding="utf-8")
    return unit


def test_the_unit_file_is_complete():
    unit = read_unit(UNIT)
    service = unit["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0].endswith("/.venv/bin/scorer") and argv[1] == "watch"
    assert Path(argv[0]).is_absolute()  # systemd requires an absolute ExecStart
    assert service["StandardOutput"].startswith("append:") and service["Restart"] == "on-failure"
    assert "PYTHONUNBUFFERED=1" in service["Environment"] and unit["Install"]["WantedBy"] == "multi-user.target"
    # systemctl stop (SIGTERM) ends the watcher with exit code 143, SIGHUP 129: clean stops, not failures
    assert {"129", "143"} <= set(service["SuccessExitStatus"].split())
    share = (ROOT / "deploy" / "smb.conf.example").read_text(encoding="utf-8")
    assert re.search(r"^\s*path = /srv/scorer$", share, re.M) and "/srv/scorer/inbox" in service["ExecStart"]


def test_the_units_command_watches_an_inbox_and_logs_one_chinese_line_per_workbook(tmp_path):
    unit = read_unit(UNIT)["Service"]
    srv = tmp_path / "srv 经开区"  # stands for /srv/scorer
    here = {"/srv/scorer": str(srv), "/opt/scorer/.venv/bin/scorer": str(Path(sys.executable).with_name("scorer"))}

    def local(text: str) -> str:
        for theirs, ours in sorted(here.items(), key=lambda kv: -len(kv[0])):
            text = text.replace(theirs, ours)
        return text

    inbox, reports = srv / "inbox", srv / "reports"
    inbox.mkdir(parents=True), reports.mkdir()
    books = sorted(EXAMPLES.glob("*2022年*.xlsx"))[:2]
    for book in books:
        shutil.copy(book, inbox)
    (inbox / "坏表.xlsx").write_bytes(b"not a workbook")
    env = {**os.environ, **dict(kv.split("=", 1) for kv in shlex.split(unit["Environment"]))}
    log = Path(local(unit["StandardOutput"].removeprefix("append:")))
    with log.open("ab") as sink:
        proc = subprocess.Popen([local(a) for a in shlex.split(unit["ExecStart"])], cwd=local(unit["WorkingDirectory"]),
                                env=env, stdout=sink, stderr=sink)
        try:
            # A bounded run: two looks at the inbox and one report (15 s alone; the suite runs a test per core
            # beside it, and once a report took over 150 s on a cold clean clone with two workers: a bound, not an aim).
            deadline = time.monotonic() + 360
            while time.monotonic() < deadline and not list(reports.glob("*.pdf")) and proc.poll() is None:
                time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGTERM)  # what `systemctl stop` sends
            code = proc.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert list(reports.glob("*.pdf")), text
    assert code in (0, -signal.SIGTERM, 128 + signal.SIGTERM), text
    lines = [line for line in text.splitlines() if line.strip()]
    assert all(re.search(r"[\u4e00-\u9fff]", line) for line in lines), text
    for book in books:
        read = [line for line in lines if f"已读取 {book.name}：" in line]
        assert len(read) == 1 and "个数值" in read[0], text
    # the workbook's own event line (the stop line may list its .error.txt among the files written in full)
    # (the report's line may name it too, as a workbook received and refused that could be a newer quarter: bt11i F3b)
    bad = [line for line in lines if "坏表.xlsx" in line and re.match(r"\d{4}-\d{2}-\d{2} \S+ 无法使用", line)]
    assert len(bad) == 1 and "无法使用" in bad[0] and "坏表.xlsx.error.txt" in bad[0], text
    assert not re.search(r"\b[a-z]+ [a-z]+ [a-z]+\b", bad[0]), bad[0]  # the reason in Chinese too, not English words
    assert (inbox / "坏表.xlsx.error.txt").is_file()
    assert any("已生成报告" in line for line in lines), text
    assert "Traceback" not in text
    # One line per event (bt15 F9): no hint or problem on a line of its own, no line wrapped at a width; each
    # timestamped line is the watcher's own log line, whole.
    assert not [line for line in lines if line[:1].isspace() or "处理建议" in line.split("：")[0]], text
    own = set((inbox / "scorer-watch.log").read_text(encoding="utf-8").splitlines())
    stamped = [line for line in lines if re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ", line)]
    assert "开始监视" in stamped[0]  # the service's start line, its own
    assert "Ctrl-C" not in stamped[0]  # no key to press in a service's log (bt15i F9)
    # the stop line carries its time too (bt15i F9: 已终止 had none), its own as the start line is
    stops = [line for line in stamped if line.endswith(("已终止", "已中断"))]
    assert len(stamped) >= 4 and all(line in own for line in stamped[1:] if line not in stops), (stamped, own)


def test_every_account_the_readme_creates_has_a_name_debian_accepts():
    """Debian's adduser refuses a name outside NAME_REGEX ^[a-z][-a-z0-9_]*$ (adduser.conf) unless --allow-all-names:
    `adduser 张三` stopped the README's Samba step at its first command (bt15 F10). Each adduser command's names
    (its words but options and paths) must fit, as must smbpasswd's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"(?:adduser|smbpasswd -a)((?: +[^\s&`;|]+)+)", readme)
    names = [w for c in commands for w in c.split() if not w.startswith("-") and "/" not in w]
    assert len(commands) >= 3 and names, commands
    assert all(re.fullmatch(r"[a-z][-a-z0-9_]*", n) for n in names), names
