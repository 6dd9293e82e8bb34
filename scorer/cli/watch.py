"""A drop folder: new or replaced workbooks, once they stop growing, are read and the report regenerated."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from scorer.errors import ScorerError
from scorer.messages import language, msg, os_reason, tr
from scorer.framework.model import Framework, load_framework
from scorer.read.ingest import FieldIndex, discover, read_workbook
from scorer.atomic import inside, safe_name, write_atomic

ERROR_SUFFIX = ".error.txt"
_STAMPED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ")
LOG_NAME = "scorer-watch.log"  # in the drop folder, beside the error files: every event and problem, newest last


def error_file(workbook: Path) -> Path:
    return workbook.with_name(workbook.name + ERROR_SUFFIX)


@dataclass
class Watcher:
    """Polls a folder; call `poll()` repeatedly (the CLI does, every few seconds).

    A file is taken once its size and modification time are the same on two polls in a row, so a
    workbook still being copied in is not read half-written. Originals are only ever read: a bad
    workbook gets `NAME.error.txt` beside it, and so does a workbook the report was made from with
    doubtful or odd figures (naming the cells to check); the file is removed again once the
    workbook is fixed. Every event and every problem is also appended to `scorer-watch.log` in the
    drop folder.
    """

    folder: Path
    out_dir: Path
    framework_path: Path | None = None
    zone: str | None = None
    inputs: dict[str, bool] | None = None  # the analyst's answers to the rules' input conditions (cli.app.inputs_of)
    strict: bool = False  # --strict: no report on a warning or a doubtful value; the log names each (run's refusal)
    framework: Framework = field(init=False)
    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)  # last signature looked at
    taken: dict[Path, tuple[int, int]] = field(default_factory=dict)  # signature last processed
    bad: set[Path] = field(default_factory=set)
    last_problems: list = field(default_factory=list)  # the problems of the last scored run (each workbook's log line)

    def __post_init__(self) -> None:
        self.folder, self.out_dir = Path(self.folder), Path(self.out_dir)
        if not self.folder.is_dir():
            raise ScorerError.at(msg("not a folder"), file=self.folder, hint=msg("name the drop folder to watch"))
        self.framework = load_framework(self.framework_path)

    def poll(self) -> list[str]:
        """Look once; returns what happened, as lines for the user (also appended to the log)."""
        events = self._poll()
        if events:
            log = self.folder / LOG_NAME
            stamp = _now()
            # Lines that carry their own time keep it; the problems listed under them get this one.
            lines = [line if _STAMPED.match(line) else f"{stamp} {line}" for line in events]
            try:
                before = log.read_text(encoding="utf-8") if log.exists() else ""
                write_atomic(log, before + "".join(f"{line}\n" for line in lines))
            except (OSError, ScorerError) as exc:  # a read-only drop folder: the watcher still goes on
                why = (exc.problems[0].message_zh or exc.problems[0].message) if isinstance(exc, ScorerError) else os_reason(exc).zh
                events.append(f"{stamp} 无法写入日志 {log}：{why}")
        return events

    def _poll(self) -> list[str]:
        events: list[str] = []
        now = {p: _signature(p) for p in discover([self.folder])}
        settled = [p for p, sig in now.items() if sig is not None and self.seen.get(p) == sig and self.taken.get(p) != sig]
        removed = [p for p in self.taken if p not in now]
        self.seen = now
        for p in removed:
            del self.taken[p]
            self.bad.discard(p)
            events.append(f"{_now()} 已移除 {p.name}：不再计入报告")
        events += self._orphans(now)
        if not settled and not removed:
            return events
        index = FieldIndex(self.framework.fields)
        read: list[tuple[Path, object]] = []  # workbooks read, their lines said once the run is scored
        for p in settled:
            self.taken[p] = now[p]
            result = read_workbook(p, self.framework.fields, index)
            if result.errors:
                self.bad.add(p)
                lines = [f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} " + tr(msg("scorer could not use this workbook:")), ""]
                lines += [prob.render() for prob in result.problems]
                try:
                    write_atomic(error_file(p), "\n".join(lines) + "\n")
                    first = next(prob for prob in result.problems if prob.severity == "error")
                    events.append(f"{_now()} 无法使用 {p.name}：{_where(first)}{_words(first)}"
                                  f"{'等' + str(len(result.errors)) + '处错误' if len(result.errors) > 1 else ''}"
                                  f"（详见同一文件夹的 {error_file(p).name}）")
                except ScorerError as exc:  # a read-only drop folder: say it here instead
                    events += [f"{_now()} 无法使用 {p.name}："] + lines[2:] + [q.render() for q in exc.problems]
            else:
                self.bad.discard(p)
                try:
                    error_file(p).unlink(missing_ok=True)
                except OSError as exc:
                    events.append(f"{_now()} 无法删除 {error_file(p)}：{os_reason(exc).zh}")
                read.append((p, result))
        made = self._regenerate()
        # Each workbook's line says the doubts the scored run found at its cells, not only what reading it found.
        return events + [_read_line(p, result, self.last_problems) for p, result in read] + made

    def _orphans(self, now: dict) -> list[str]:
        """Remove each NAME.error.txt whose workbook NAME is no longer in the folder (removed while watching, or
        before a restart): staff must not see an error for a file that is gone."""
        events = []
        for stale in self.folder.glob("*" + ERROR_SUFFIX):
            workbook = stale.with_name(stale.name[: -len(ERROR_SUFFIX)])
            if workbook in now or workbook.exists():
                continue
            try:
                stale.unlink()
                events.append(f"{_now()} 已删除 {stale.name}：其报表已不在文件夹中")
            except OSError as exc:
                events.append(f"{_now()} 无法删除 {stale}：{os_reason(exc).zh}")
        return events

    def _regenerate(self) -> list[str]:
        from scorer.pipeline import report, run

        good = [p for p in self.taken if p not in self.bad]
        self.last_problems = []
        if not good:
            return [f"{_now()} 还没有可用的报表，报告未生成"]
        try:
            r = run(good, self.framework_path, strict=self.strict, zone=self.zone, inputs=self.inputs)
            # The zone's name comes from a workbook's title: whoever drops a workbook must not choose
            # where the report goes, so the name is reduced to a plain file name inside out_dir.
            # The zone's part is cut (a long name keeps a hash of the whole) before the period is added: two
            # zones, or two quarters, never share a name.
            name = f"{safe_name(self.zone or r.ingested.zone_name() or 'report')}_{safe_name(r.result.period)}.pdf"
            out = inside(self.out_dir, name)
            report(r, out, self.zone, inputs=[*good, *filter(None, [self.framework_path])])
        except ScorerError as exc:  # the earlier report stays as it was; the next workbook is tried again
            return [f"{_now()} 报告未更新（原报告保留）："] + [p.render() for p in exc.problems]
        self.last_problems = list(r.problems)
        self._problem_files(good, r.problems)
        line = f"{_now()} 已生成报告 {out}（{r.result.period}，综合得分 {r.result.overall:.1f}）"
        caution = r.verdict.caution(r.framework) if r.verdict is not None else None
        if caution:  # the report's own words (scorer.score.rules.doubt_caution)
            line += f"；{caution}"
        return [line] + [p.render() for p in r.problems]

    def _problem_files(self, workbooks: list[Path], problems: list) -> None:
        """Each workbook with problems at its cells gets NAME.error.txt listing them; the others lose theirs."""
        for wb in workbooks:
            mine = [p for p in problems if p.location.file is not None and Path(p.location.file) == wb]
            if mine:
                lines = [f"{_now()} 已使用本报表，但请核对以下单元格（存疑数值未按原值计分）：", ""]
                write_atomic(error_file(wb), "\n".join(lines + [p.render() for p in mine]) + "\n")
            elif error_file(wb).exists():
                error_file(wb).unlink()


def _now() -> str:
    return f"{dt.datetime.now():%Y-%m-%d %H:%M:%S}"


def _where(problem) -> str:
    loc = problem.location
    parts = [x for x in (f"工作表「{loc.sheet}」" if loc.sheet else "", f"单元格 {loc.cell}" if loc.cell else "") if x]
    return " ".join(parts) + "：" if parts else ""


def _words(problem) -> str:
    """A problem's message in the language in use (the log's lines are an analyst's: Chinese under a Chinese locale)."""
    return problem.message_zh or problem.message if language() == "zh" else problem.message


def _read_line(path: Path, result, run_problems: list = ()) -> str:
    """One log line per workbook for an analyst: what was read, and what was doubtful (sheet and cell): what
    reading it found and what the scored run found at its cells (`run_problems`: the run's problems)."""
    periods = sorted({o.period for o in result.observations})
    doubtful = [p for p in result.problems if p.severity != "error"]
    said = {p.render() for p in doubtful}
    doubtful += [p for p in run_problems if p.location.file is not None and Path(p.location.file) == path
                 and p.severity != "error" and p.render() not in said and not said.add(p.render())]
    line = f"{_now()} 已读取 {path.name}：{len(result.observations)} 个数值（{'、'.join(periods) or '无期间'}）"
    if not doubtful:
        return line + "，无存疑"
    shown = "；".join(f"{_where(p)}{_words(p)}" for p in doubtful[:3])
    more = f"；另有 {len(doubtful) - 3} 处，见 scorer ingest 的输出" if len(doubtful) > 3 else ""
    return line + f"，存疑 {len(doubtful)} 处：{shown}{more}"


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
