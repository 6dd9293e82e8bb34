"""A drop folder: new or replaced workbooks, once they stop growing, are read and the report regenerated."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scorer.errors import ScorerError
from scorer.messages import (backslash_hint, both, language, msg, os_reason, path_refusal, shown, shown_name, tr,
                             written)
from scorer.framework.model import Framework, load_framework
from scorer.errors import Location, Problem
from scorer.read.files import cut_short
from scorer.cli.watch_files import _is_link, _read_regular  # noqa: F401 (kept importable from here)
from scorer.cli.watch_notes import LOG_NAME, _where, _words, at_workbook, one_line, run_notes  # noqa: F401 (importable here)
from scorer.read.ingest import FieldIndex, IngestResult, discover, nested_folders, read_workbook
from scorer.atomic import check_output_folder, forget_written, inside, safe_name, write_atomic

ERROR_SUFFIX = ".error.txt"
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z", ".gz", ".tgz", ".tar")  # what workbooks arrive packed in by e-mail
_STAMPED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ")


WITHDRAWN = {"zh": "已撤回", "en": "withdrawn"}  # reports/已撤回/: a report whose workbook was removed (bt15i F14)
SETTLE = 60.0  # seconds: a workbook that opens as one cut short is waited for while younger than this (bt15i F6)

_MAX_NAME_BYTES = 255  # a file name's limit on Linux file systems (ext4, xfs, tmpfs; NAME_MAX)


def error_file(workbook: Path) -> Path:
    """NAME.error.txt beside the workbook NAME; a name too long for that (NAME over 245 bytes: 80 Chinese
    characters) is cut, and the first 8 hex digits of the SHA-256 of the whole name follow the cut
    (`长…长~3f2a9c1b.error.txt`), so that two long names still give two error files. Bytes are counted as
    the system stores them (a name's undecodable bytes too)."""
    name = workbook.name + ERROR_SUFFIX
    if len(os.fsencode(name)) <= _MAX_NAME_BYTES:
        return workbook.with_name(name)
    tag = "~" + hashlib.sha256(os.fsencode(workbook.name)).hexdigest()[:8] + ERROR_SUFFIX
    stem = workbook.name
    while stem and len(os.fsencode(stem + tag)) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    return workbook.with_name(stem + tag)


@dataclass
class Watcher:
    """Polls a folder; call `poll()` repeatedly (the CLI does, every few seconds).

    A file is taken once its size and modification time are the same on two polls in a row, so a
    workbook still being copied in is not read half-written. A copy that stalls longer than a look (a slow
    share, a VPN) looks settled while cut short: a file that then does not open as a workbook and looks cut
    short (`scorer.read.files.cut_short`: a zip archive without its end, a compound file broken off, zero bytes
    at its end) is waited for, said once as such ("waiting for … to finish copying"), and tried at each look
    until it is `settle` seconds old (its modification or change time, and the first time it was waited for,
    by `clock`); only then is it said as a workbook scorer cannot use. Originals are only ever read: a bad
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
    lang: str = "zh"  # the report's language: --lang's, else Chinese, as `scorer report` (the log speaks the run's)
    settle: float = SETTLE  # seconds a workbook cut short is waited for before it is said unusable (--settle)
    clock: Callable[[], float] = time.time  # the time now, as st_mtime counts it (a test gives its own)
    framework: Framework = field(init=False)
    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)  # last signature looked at
    taken: dict[Path, tuple[int, int]] = field(default_factory=dict)  # signature last processed
    bad: set[Path] = field(default_factory=set)
    links: set[Path] = field(default_factory=set)  # symbolic links in the drop folder, said once and never read
    nested: set[Path] = field(default_factory=set)  # sub-folders holding workbooks, said once: not read (bt15i F11)
    packed: set[Path] = field(default_factory=set)  # archives dropped in (.zip, .rar, .7z), said once: not read
    waiting: dict[Path, tuple[tuple[int, int], float]] = field(default_factory=dict)  # cut short: signature, since when
    said_waiting: set[Path] = field(default_factory=set)  # the workbooks whose wait was said (once each)
    quarters: dict[Path, str] = field(default_factory=dict)  # each workbook read: its own quarter (its latest period)
    reports: dict[str, Path] = field(default_factory=dict)  # quarter → the report (PDF, or HTML instead) written for it
    last_written: Path | None = None  # the report the last `_regenerate` wrote, None when it wrote none
    last_problems: list = field(default_factory=list)  # the problems of the last scored run (each workbook's log line)
    last_scored: bool = False  # whether the last run was scored: only then were the workbooks checked (bt15j F1)
    # Each refused workbook → (the quarter it reports, None when none could be read; the first error): a report of an
    # older quarter says that a newer workbook was received and refused (bt11i F3b)
    refused: dict[Path, tuple[str | None, Problem]] = field(default_factory=dict)
    log_failed: bool = False  # the last look's lines could not be appended to the log (the CLI then prints them all)
    # A report not written though the workbooks were scored (a read-only folder, a full disk, a folder of its name):
    # the failure's line (without its time) and when to try again; retried until written (bt16k F1)
    pending: tuple[str, float] | None = None

    def __post_init__(self) -> None:
        self.folder, self.out_dir = Path(self.folder), Path(self.out_dir)
        if not self.folder.is_dir():
            raise ScorerError.at(msg("no such folder") if not os.path.lexists(self.folder) else msg("not a folder"),
                                 file=self.folder,
                                 hint=backslash_hint(self.folder) or msg("name the drop folder to watch"))
        check_output_folder(self.out_dir)  # before the first look, not at each report (bt16h F1: -o FILE)
        self.framework = load_framework(self.framework_path)

    def poll(self) -> list[str]:
        """Look once; returns what happened, as lines for the user (also appended to the log).

        Never raises for what is in the folder: a workbook that cannot be read, or whose reading or report
        fails in a way nobody foresaw (a bug in scorer or a library), gets its line in the log and its
        NAME.error.txt, and the watcher goes on with the others (`_poll`'s guards); anything else that
        goes wrong in a look is logged here as a bug, and the next look tries again. Only a signal (Ctrl-C,
        SIGTERM) or the end of memory stops it.

        A stop names the outputs written in full by the look it interrupted, none between looks
        (`scorer.atomic.forget_written`)."""
        forget_written()
        events = self._look()  # a signal stops it here, the look's outputs still listed
        forget_written()
        return events

    def _look(self) -> list[str]:
        try:
            events = self._poll()
        except Exception as exc:  # the last guard: one look's failure is not the service's end
            # the inbox gone, a folder it may not enter: the system's or the user's, not a bug (bt16i F0b, F7)
            first = exc.problems[0] if isinstance(exc, ScorerError) and exc.problems else None
            refused = path_refusal(exc) or (both(first.render("en"), first.render("zh")) if first else None)
            events = [f"{_now()} " + (tr(msg("this look failed; the next look tries again: {why}", why=refused))
                                      if refused is not None else
                                      tr(msg("this look failed (a bug in scorer, please report it); the next look tries "
                                             "again: {error}", error=_bug(exc))))]
        # One event, one line: a name's undecodable bytes as \xNN (the log is UTF-8), and a newline, CR or bidi
        # override it holds escaped (bt16g F3: a name with newlines forged whole lines of the log). An event's own
        # continuation lines (a problem's hint, its cells: a newline then the indent Problem.render gives them) stay
        # lines: indented, none can pass for an event
        events = [shown_name(line).replace("\\x0a    ", "\n    ") for line in events]
        if events:
            failed = self._append_log(events)
            self.log_failed = bool(failed)
            events += failed
        return events

    def _append_log(self, events: list[str]) -> list[str]:
        """Append `events` to the log; returns lines saying why it could not be (a read-only drop folder: the
        watcher still goes on). The log is read without following a symbolic link (a link named like it would
        copy whatever it points to into the share): a log that is not a regular file is replaced by a new one,
        and the new one says so."""
        log = self.folder / LOG_NAME
        stamp = _now()
        # Lines that carry their own time keep it; the problems listed under them get this one.
        lines = [line if _STAMPED.match(line) else f"{stamp} {line}" for line in events]
        try:
            before, replaced, cut = _read_regular(log, LOG_LIMIT, LOG_KEEP)
            if cut:
                dropped = round(cut / (1 << 20), 1)
                lines.insert(0, f"{stamp} " + tr(msg("{log} was larger than {limit} MB: its oldest {cut} MB were "
                                                     "dropped, its last lines kept", log=LOG_NAME, limit=LOG_LIMIT >> 20,
                                                     cut=dropped)))
            if replaced:
                lines.insert(0, f"{stamp} " + tr(msg("{log} was not a regular file ({what}): not read, a new log is "
                                                     "started in its place", log=LOG_NAME, what=replaced)))
            write_atomic(log, before + "".join(f"{line}\n" for line in lines))
        except (OSError, ScorerError) as exc:
            first = exc.problems[0] if isinstance(exc, ScorerError) else None
            why = both(str(first.message), first.message_zh or str(first.message)) if first else os_reason(exc)
            return [f"{stamp} " + tr(msg("cannot write the log {log}: {why}", log=log, why=why))]
        return []

    def _as_the_analyst_can_act(self, problem: Problem) -> Problem:
        """`problem` with a hint an analyst at a Windows PC can follow: under the service nobody types a command, so
        the two-zone refusal's "--zone" becomes moving the other zone's workbooks out of the shared folder (bt15j
        F2a). Any other problem as it is."""
        if problem.code != "zones_mixed":
            return problem
        hint = msg("this folder is read as one zone's: move the other zone's workbooks out of {folder} (into a folder "
                   "of their own); the next look makes the report", folder=self.folder.name)
        return dataclasses.replace(problem, hint=hint, hint_zh=hint.zh)

    def _poll(self) -> list[str]:
        events: list[str] = []
        if not self.folder.is_dir():  # gone, or replaced by a file: never read as a workbook, nothing written beside
            # it in the folder above (bt16i F7: in.error.txt was written in the inbox's parent)
            raise ScorerError.at(msg("the drop folder is not there (no folder of that name)") if not self.folder.exists()
                                 else msg("the drop folder is no longer a folder"), file=self.folder,
                                 hint=msg("make it a folder again; the next look tries again"))
        found = discover([self.folder])
        for p in [p for p in found if _is_link(p) and p not in self.links]:
            self.links.add(p)
            events.append(f"{_now()} " + tr(msg("skipped {name}: a symbolic link; links in the drop folder are never "
                                                 "followed (put the file itself there)", name=p.name)))
        self.links &= set(found)
        below = nested_folders(self.folder)
        for sub in sorted(below - self.nested):
            events.append(f"{_now()} " + tr(msg("skipped the folder {name}: workbooks in sub-folders of the drop folder "
                                                 "are not read (put them in the drop folder itself)", name=sub.name)))
        self.nested = below
        # Workbooks arrive zipped by e-mail: an archive dropped in is said once, not passed over (bt15j F11a)
        packed = {p for p in self.folder.iterdir() if p.suffix.lower() in ARCHIVE_SUFFIXES and p.is_file()
                  and not p.name.startswith(("~$", "."))}
        for p in sorted(packed - self.packed):
            events.append(f"{_now()} " + tr(msg("skipped {name}: a compressed archive is not read; unzip it and put the "
                                                 "workbooks in the drop folder itself", name=p.name)))
        self.packed = packed
        now = {p: _signature(p) for p in found if p not in self.links}
        settled = [p for p, sig in now.items() if sig is not None and self.seen.get(p) == sig and self.taken.get(p) != sig]
        removed = [p for p in self.taken if p not in now]
        self.seen = now
        self.waiting = {p: w for p, w in self.waiting.items() if p in now}
        self.said_waiting &= set(now)
        settled = [p for p in settled if not self._still_waiting(p, now[p])]
        gone = {}  # removed workbook → its quarter: that quarter's report goes aside once the report is made anew
        for p in removed:
            del self.taken[p]
            self.bad.discard(p)
            if p in self.quarters:
                gone[p] = self.quarters.pop(p)
            self.refused.pop(p, None)
            events.append(f"{_now()} " + tr(msg("{name} removed: no longer in the report", name=p.name)))
        events += self._orphans(now)
        if not settled and not removed:
            return events + self._retry()
        index = FieldIndex(self.framework.fields)
        read: list[tuple[Path, object]] = []  # workbooks read, their lines said once the run is scored
        for p in list(settled):
            result = self._read(p, index)
            if result.errors and self._copying(p, now[p]):
                if p not in self.said_waiting:  # said once, until the workbook is read or gone
                    self.said_waiting.add(p)
                    events.append(f"{_now()} " + tr(msg("waiting for {name} to finish copying: it does not open as a whole "
                                                         "workbook yet; tried again at each look, for up to {settle} s",
                                                         name=p.name, settle=written(self.settle))))
                settled.remove(p)
                continue
            self.waiting.pop(p, None)
            self.said_waiting.discard(p)
            self.taken[p] = now[p]
            if result.errors:
                self.bad.add(p)
                own = [o.period for o in result.observations if o.column == "current"]
                self.refused[p] = (max(own) if own else None,
                                   next(prob for prob in result.problems if prob.severity == "error"))
                lines = [f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} " + tr(msg("scorer could not use this workbook:")), ""]
                lines += [prob.render() for prob in result.problems]
                first = next(prob for prob in result.problems if prob.severity == "error")
                told = dict(name=p.name, where=_where(first), what=_words(first), n=len(result.errors),
                            file=error_file(p).name)
                failed = _write_error_file(p, lines)
                # a read-only drop folder, a folder of that name: the problems follow here, and the log beside the
                # workbook is as unwritable as the error file, so neither is pointed to (bt16k F8)
                if failed and len(result.errors) > 1:
                    said = msg("cannot use {name}: {where}{what} and {n:# error|# errors} in all (listed below: {file} "
                               "could not be written)", **told)
                elif failed:
                    said = msg("cannot use {name}: {where}{what} ({file} could not be written)", **told)
                elif len(result.errors) > 1:
                    said = msg("cannot use {name}: {where}{what} and {n:# error|# errors} in all (see {file} in the "
                               "same folder)", **told)
                else:
                    said = msg("cannot use {name}: {where}{what} (see {file} in the same folder)", **told)
                events.append(f"{_now()} " + tr(said))
                if failed:
                    events += lines[2:] + failed
            else:
                self.bad.discard(p)
                self.refused.pop(p, None)
                events += _remove_error_file(p)
                read.append((p, result))
        if not settled and not removed:  # only workbooks still being copied: nothing new to report
            return events
        for p, result in read:
            periods = [o.period for o in result.observations]
            if periods:
                self.quarters[p] = max(periods)
        made = self._regenerate({p for p, _ in read})
        made += self._withdraw(gone)
        # Each workbook's line says the doubts the scored run found at its cells, not only what reading it found.
        return events + [_read_line(p, result, self.last_problems, self.last_scored)
                         for p, result in read] + made

    def _withdraw(self, gone: dict[Path, str]) -> list[str]:
        """Move aside, into WITHDRAWN[lang] in the output folder, the report this watcher wrote for the quarter of
        each removed workbook (`gone`: workbook → quarter), unless the look's run just wrote it anew (another
        workbook of that quarter is there): a report made from a workbook taken back must not stay beside the others
        looking current (bt15i F14: the 2022Q4 report stayed, the latest by its name, its workbook gone). A name
        already in that folder gets the time after it. Returns the lines saying so, or why it could not be."""
        events = []
        for workbook, quarter in gone.items():
            report = self.reports.get(quarter)
            if report is None or report == self.last_written:
                continue
            del self.reports[quarter]
            try:
                if not stat.S_ISREG(os.lstat(report).st_mode):
                    continue
                word = WITHDRAWN[self.lang if self.lang in WITHDRAWN else "zh"]
                aside, instead = self.out_dir / word, None
                if os.path.lexists(aside) and not stat.S_ISDIR(os.lstat(aside).st_mode):
                    # a link (it would take the report out of the output folder) or a file in the folder's place:
                    # the report is renamed where it is, never left looking current (bt16k F6)
                    target = self.out_dir / f"{report.stem}_{word}_{dt.datetime.now():%Y%m%d-%H%M%S}{report.suffix}"
                    instead = msg("{aside} is a link or a file, not a folder, so the report was renamed where it is",
                                  aside=aside)
                else:
                    aside.mkdir(exist_ok=True)
                    target = aside / report.name
                    if os.path.lexists(target):
                        target = aside / f"{report.stem}_{dt.datetime.now():%Y%m%d-%H%M%S}{report.suffix}"
                os.replace(report, target)
            except FileNotFoundError:
                continue
            except OSError as exc:
                events.append(f"{_now()} " + tr(msg("cannot move aside the report {report} made from the removed {name}: "
                                                    "{why}", report=report, name=workbook.name, why=os_reason(exc))))
                continue
            events.append(f"{_now()} " + tr(msg("withdrew the report {report}: the workbook {name} it was made from was "
                                                "removed (moved to {target})", report=report.name, name=workbook.name,
                                                target=target)) + ("" if instead is None else "; " + tr(instead)))
        return events

    def _young(self, path: Path, since: float) -> bool:
        """Whether `path` was written or changed less than `settle` seconds ago, and first waited for (`since`) less
        than that: a clock on the share ahead of ours does not keep a file waited for past `settle`."""
        try:
            st = os.lstat(path)
        except OSError:
            return False
        now = self.clock()
        return now - max(st.st_mtime, st.st_ctime) < self.settle and now - since < self.settle

    def _still_waiting(self, path: Path, sig) -> bool:
        """A workbook being waited for, unchanged since its last look and still young: not read again yet."""
        w = self.waiting.get(path)
        return w is not None and w[0] == sig and self._young(path, w[1])

    def _copying(self, path: Path, sig) -> bool:
        """Whether `path`, which did not open as a workbook, is to be waited for: it looks cut short and is young.
        Records it in `waiting` (its signature, and since when it is waited for)."""
        # since when: its first wait, or the copy moved on since (a copy that stalls twice is waited for twice)
        since = self.waiting[path][1] if path in self.waiting and self.waiting[path][0] == sig else self.clock()
        if not self._young(path, since) or not cut_short(path):
            return False
        self.waiting[path] = (sig, since)
        return True

    def _read(self, path: Path, index: FieldIndex):
        """`read_workbook`, never following a symbolic link, and never raising: an exception nobody foresaw
        (a bug in scorer or a library, memory running out on one file) becomes an error of this workbook, so
        that it gets its NAME.error.txt and the others are still read."""
        try:
            return read_workbook(path, self.framework.fields, index, follow_links=False)
        except Exception as exc:
            return IngestResult(problems=[Problem(
                msg("scorer failed while reading this workbook (a bug in scorer, please report it): {error}",
                    error=_bug(exc)), Location(file=path),
                msg("open the workbook in Excel and save it again; if that does not help, send it to whoever "
                    "looks after scorer"), code="internal")])

    def _orphans(self, now: dict) -> list[str]:
        """Remove each NAME.error.txt whose workbook NAME is no longer in the folder (removed while watching, or
        before a restart): staff must not see an error for a file that is gone. Only regular files are
        removed (a folder or a link of that name is not this watcher's)."""
        events = []
        ours = {error_file(p).name for p in now}
        for stale in self.folder.glob("*" + ERROR_SUFFIX):
            workbook = stale.with_name(stale.name[: -len(ERROR_SUFFIX)])
            try:
                if stale.name in ours or workbook in now or os.path.lexists(workbook) \
                        or not stat.S_ISREG(os.lstat(stale).st_mode):
                    continue
            except OSError:
                continue
            try:
                stale.unlink()
                events.append(f"{_now()} " + tr(msg("{file} removed: its workbook is no longer in the folder",
                                                    file=stale.name)))
            except OSError as exc:
                events.append(f"{_now()} " + tr(msg("cannot remove {file}: {why}", file=stale, why=os_reason(exc))))
        return events

    def _retry(self) -> list[str]:
        """A look with nothing new: the report that could not be written (`pending`) tried again every RETRY_EVERY
        seconds, its failure said again only when its cause changed, its success said as any report's (bt16k F1: the
        folder made writable again, the report with the old figures stayed in reports/ while the service ran on)."""
        if self.pending is None or time.monotonic() < self.pending[1]:
            return []
        said = self.pending[0]
        made = self._regenerate()
        if self.pending is not None and made and made[0].split(" ", 2)[-1] == said:
            return []  # the same cause: said once already
        return made

    def _regenerate(self, fresh: set[Path] = frozenset()) -> list[str]:
        """Score the usable workbooks and write the report; `fresh`: the workbooks read in this look (the others'
        error files that come or go with this run are said in a line of their own, `_problem_files`)."""
        from scorer.pipeline import report, run

        good = [p for p in self.taken if p not in self.bad and p not in self.waiting]  # not one being copied over
        self.last_problems = []
        self.last_scored = False
        self.last_written = None
        self.pending = None  # set again below when this report, too, cannot be written
        if not good:
            return [f"{_now()} " + tr(msg("no usable workbook yet: no report written"))]
        out = r = None
        try:
            r = run(good, self.framework_path, strict=self.strict, zone=self.zone, inputs=self.inputs)
            # The zone's name comes from a workbook's title: whoever drops a workbook must not choose
            # where the report goes, so the name is reduced to a plain file name inside out_dir.
            # The zone's part is cut (a long name keeps a hash of the whole) before the period is added: two
            # zones, or two quarters, never share a name.
            name = f"{safe_name(self.zone or r.ingested.zone_name() or 'report')}_{safe_name(r.result.period)}.pdf"
            out = inside(self.out_dir, name)
            if out.is_dir():  # the watcher names its reports itself: the folder in the way is to go (bt16i F2)
                raise ScorerError.at(msg("a folder has the report's name"), file=out,
                                     hint=msg("remove or rename that folder: the watcher names its reports itself"))
            newer = self._newer_refused(r.result.period)
            r.told = r.told + newer  # in the report's data-quality box (page 2) and its list
            log = report(r, out, self.zone, lang=self.lang, inputs=[*good, *filter(None, [self.framework_path])])
        except ScorerError as exc:  # the earlier report stays as it was; the next workbook is tried again
            # the first problem (the cause: a read-only disk, --strict's refusal) on the stamped line itself, which
            # the service's log (处理记录.log) shows: it said "no report written:" and nothing after (bt16h F1)
            said = [self._as_the_analyst_can_act(p).render() for p in exc.problems]
            head = _not_written(out, self.out_dir)  # 未生成报告：… / no report written: …
            events = [f"{_now()} " + head + (("" if head.endswith("：") else " ") + one_line(said[0]) if said else "")] + said[1:]
            if r is not None:  # scored, but no report (no overall: too few figures): the warnings it points to are
                # listed, and each workbook's go to its NAME.error.txt, as when a report is written (bt15i F3)
                self.pending = (events[0].split(" ", 2)[-1], time.monotonic() + RETRY_EVERY)
                self.last_problems, self.last_scored = list(r.problems), True
                events += [p.render() for p in r.problems if p.severity != "note"]
                events += self._problem_files(good, r.problems, fresh)
            elif self.strict:  # --strict refused the run on its warnings: each goes beside its workbook (bt11k F7)
                events += self._problem_files(good, [p for p in exc.problems if p.location.file is not None], fresh,
                                              used=False)
            return events
        except Exception as exc:  # a bug in scorer or a library: said, and the watcher goes on
            refused = path_refusal(exc)  # a full disk, a file-size limit: the system's, not a bug (bt16j F0)
            line = _not_written(out, self.out_dir) + " " + tr(
                refused if refused is not None else msg("a bug in scorer, please report it: {error}", error=_bug(exc)))
            self.pending = (line, time.monotonic() + RETRY_EVERY) if refused is not None else None
            return [f"{_now()} " + line]
        self.last_problems, self.last_scored = list(r.problems), True
        failed = self._problem_files(good, r.problems, fresh)
        from scorer.score.rules import doubt_range_text, not_comparable_mark

        lang, score = language(), format(r.result.overall, ".1f")
        comparable = not r.result.empty_categories
        written = log.html_instead if log is not None and log.html_instead is not None else out
        self.last_written = self.reports[r.result.period] = written
        line = f"{_now()} " + tr(msg("wrote the report {output} ({period}, overall {overall})", output=written,
                                     period=r.result.period, overall=both(not_comparable_mark(score, comparable, "en"),
                                                                          not_comparable_mark(score, comparable))))
        caution = r.verdict.caution(r.framework, lang) if r.verdict is not None else None
        if caution:  # the report's own words (scorer.score.rules.doubt_caution)
            line += ("；" if lang == "zh" else "; ") + caution
        for p in newer:  # not the latest quarter: a newer workbook was refused (bt11i F3b)
            line += ("；" if lang == "zh" else "; ") + _words(p)
        if (worst := doubt_range_text(r.result, lang)) is not None:  # the worst case beside a doubtful overall
            line += ("" if lang == "zh" else " ") + worst
        if not self.zone and not r.ingested.zone_name():  # named report_… with a word why (bt16g F7b)
            line += ("；" if lang == "zh" else "; ") + tr(msg(
                "no zone name could be read from the workbooks' titles, so the report is named {name}; give --zone to "
                "name it", name=out.name))
        line += run_notes(r.problems, good, lang)  # what no workbook's line holds (scorer.cli.watch_notes)
        if written != out:  # no PDF (WeasyPrint cannot load Pango): said as `scorer report` says it, the fix included
            from scorer.report.render import engine_missing_message

            line += ("；" if lang == "zh" else "; ") + tr(engine_missing_message(log))
        else:
            failed += _remove_stale_html(out)
        return [line] + [p.render() for p in r.problems] + failed

    def _newer_refused(self, period: str) -> list[Problem]:
        """A warning (code newer_workbook_refused) for each refused workbook of a quarter after `period` (the report's),
        or of no quarter that could be read: the report is not of the latest quarter, and says which workbook was
        refused and why in one line (bt11i F3b: the watcher wrote the previous quarter's report as if it were the
        latest, and only the inbox's files said the newer workbook was refused)."""
        out = []
        for path, (quarter, first) in sorted(self.refused.items()):
            if path not in self.bad or (quarter is not None and quarter <= period):
                continue
            why = both(f"{_where_in(first, 'en')}{one_line(first.message)}",
                       f"{_where_in(first, 'zh')}{one_line(first.message_zh or first.message)}")
            text = msg("the newer workbook {name} ({quarter}) was received and refused: {why}; this report is of {period}, "
                       "not the latest quarter", name=path.name, quarter=quarter, why=why,
                       period=period) if quarter is not None else \
                msg("the workbook {name} was received and refused (its quarter could not be read, it may be newer): "
                    "{why}; this report is of {period}", name=path.name, why=why, period=period)
            out.append(Problem(text, first.location, msg("correct the workbook (see {file} beside it) and drop it again",
                                                         file=error_file(path).name), "warning",
                               code="newer_workbook_refused", period=quarter))
        return out

    def _problem_files(self, workbooks: list[Path], problems: list, fresh: set[Path] = frozenset(),
                       used: bool = True) -> list[str]:
        """Each workbook with problems at its cells gets NAME.error.txt listing them; the others lose theirs.
        Returns lines saying what could not be written or removed (the watcher goes on), and, for a workbook not
        read in this look (`fresh`) whose doubts this run changed (a new workbook beside it makes its figures
        doubtful, or clears them), one line saying so (bt15 F11: its error file came with no line in the log)."""
        events = []
        for wb in workbooks:
            # a problem goes beside the workbook of the cell it is at; the other cells it names (a history cell it was
            # measured against, a growth's base) only when it is at none (bt11k F3: the right 2022Q1 workbook got an
            # error file for the slip found in 2023Q1's against it)
            mine = [p for p in problems if at_workbook(p, wb)]
            before = _said_before(wb)
            if mine:
                lines = [f"{_now()} " + tr(msg("this workbook was used, but check the cells below (doubtful values "
                                               "are not scored as read):") if used else
                                           msg("--strict: no report was made; correct the cells below:")), ""]
                failed = _write_error_file(wb, lines + [p.render() for p in mine])
                events += failed
                if wb not in fresh and not failed and before != {p.render() for p in mine}:
                    events.append(f"{_now()} " + tr(msg(
                        "{name}: beside the workbooks just read, {n} of its figures are doubtful: {where}{what} (see "
                        "{file} in the same folder)", name=wb.name, n=len(mine), where=_where(mine[0]),
                        what=_words(mine[0]), file=error_file(wb).name)))
            else:
                events += _remove_error_file(wb)
                if wb not in fresh and before:
                    events.append(f"{_now()} " + tr(msg("{name}: nothing doubtful any more beside the workbooks just "
                                                        "read; {file} removed", name=wb.name, file=error_file(wb).name)))
        return events


def _remove_stale_html(pdf: Path) -> list[str]:
    """Remove the HTML report an earlier look wrote in place of `pdf` (WeasyPrint could not load Pango then):
    beside the new PDF it would look current. Returns the lines saying so, or why it could not be removed."""
    html = pdf.with_suffix(".html")
    try:
        if not stat.S_ISREG(os.lstat(html).st_mode):
            return []
        html.unlink()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [f"{_now()} " + tr(msg("cannot remove {name}: {why}", name=html, why=os_reason(exc)))]
    return [f"{_now()} " + tr(msg("{file} removed: the PDF report {pdf} replaces it", file=html.name, pdf=pdf.name))]


def summary(events: list[str], everything: bool = False) -> list[str]:
    """The lines of one look for the service's log (its standard output, 处理记录.log): each timestamped event on
    one line (`one_line`): what each workbook gave, the report written, what went wrong. The problems listed under
    an event (each cell of a doubtful workbook) are in the watcher's own log and the NAME.error.txt files; with
    `everything` (the log could not be written) they are printed too, each on one line."""
    return [one_line(e) for e in events if everything or _STAMPED.match(e)]


def _said_before(workbook: Path) -> set[str]:
    """The problems the workbook's NAME.error.txt lists now (its lines after the heading), as rendered; an empty
    set when there is none or it cannot be read."""
    try:
        text, _, cut = _read_regular(error_file(workbook), ERROR_FILE_LIMIT)
    except OSError:
        return set()
    if cut:  # not one of ours: it is written again in full
        return set()
    blocks = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    return {b for b in re.split(r"\n(?! )", blocks.strip()) if b}


def _write_error_file(workbook: Path, lines: list[str]) -> list[str]:
    """Write `lines` to the workbook's NAME.error.txt; returns lines saying why it could not be ([] when
    written): a read-only drop folder, a folder of that name, a full disk."""
    target = error_file(workbook)
    try:
        write_atomic(target, "\n".join(lines) + "\n")
    except ScorerError as exc:
        return [f"{_now()} " + tr(msg("cannot write {name}: {why}", name=target.name,
                                      why=both("; ".join(q.message for q in exc.problems),
                                               "；".join(q.message_zh or q.message for q in exc.problems))))]
    except OSError as exc:
        return [f"{_now()} " + tr(msg("cannot write {name}: {why}", name=target.name, why=os_reason(exc)))]
    return []


def _remove_error_file(workbook: Path) -> list[str]:
    """Remove the workbook's NAME.error.txt if there is one (a link of that name: the link); returns lines
    saying why it could not be (a folder of that name, a read-only drop folder)."""
    target = error_file(workbook)
    try:
        if not os.path.lexists(target):
            return []
        if stat.S_ISDIR(os.lstat(target).st_mode):
            raise IsADirectoryError(21, os.strerror(21), str(target))
        target.unlink()
    except OSError as exc:
        return [f"{_now()} " + tr(msg("cannot remove {name}: {why}", name=target.name, why=os_reason(exc)))]
    return []


RETRY_EVERY = 30.0  # seconds between tries of a report that could not be written (Watcher.pending)
LOG_LIMIT = 8 << 20  # bytes: a log over this is cut to its last LOG_KEEP bytes (bt16j F4: a 3 GB log stopped the watcher)
LOG_KEEP = 4 << 20
ERROR_FILE_LIMIT = 1 << 20  # bytes: a NAME.error.txt lists one workbook's problems, a few kilobytes


def _not_written(out: Path | None, out_dir: Path) -> str:
    """The head of the lines saying a report failed: the earlier report is said to be kept only when there is one
    (bt16g F7e: said on a first run onto a full disk, where there was none) — the report `out` when its name was
    made, else any report (.pdf) in `out_dir`."""
    try:
        earlier = os.path.isfile(out) if out is not None else out_dir.is_dir() and any(out_dir.glob("*.pdf"))
    except (OSError, ValueError):
        earlier = False
    return tr(msg("report not updated (the earlier one is kept):") if earlier else msg("no report written:"))


def _bug(exc: BaseException) -> str:
    """An exception nobody foresaw, named for the log: its kind and its words."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _now() -> str:
    return f"{dt.datetime.now():%Y-%m-%d %H:%M:%S}"


def _where_in(problem, lang: str) -> str:
    """`_where` in `lang`, whatever the language in use."""
    loc = problem.location
    parts = [x for x in (msg("sheet 「{sheet}」", sheet=loc.sheet).in_(lang) if loc.sheet else "",
                         msg("cell {cell}", cell=loc.cell).in_(lang) if loc.cell else "") if x]
    return " ".join(parts) + ("：" if lang == "zh" else ": ") if parts else ""


def _read_line(path: Path, result, run_problems: list = (), checked: bool = True) -> str:
    """One log line per workbook for an analyst: what was read, and what is to check (sheet and cell): what reading it
    found and what the scored run found resting on its cells (`run_problems`: the run's problems; a problem naming the
    workbook's cell among others counts, as NAME.error.txt lists it). Doubtful figures (not scored as read) are counted
    apart from the other problems (bt11i F4: "nothing doubtful" beside an error file listing four
    problems; "6 doubtful" where three were warnings). `checked`: whether the run was scored; when it was refused (two
    zones, a bad framework) the figures were never checked, and the line says so rather than "nothing doubtful" (bt15j
    F1: a workbook with an 11 810× unit slip was logged 无存疑 beside another zone's)."""
    from scorer.read.plausibility import DOUBT_CODES

    periods = sorted({o.period for o in result.observations})
    found = [p for p in result.problems if p.severity != "error"]
    said = {p.render() for p in found}
    found += [p for p in run_problems if at_workbook(p, path)
              and p.severity != "error" and p.render() not in said and not said.add(p.render())]
    doubtful = [p for p in found if p.severity == "doubtful" or p.code in DOUBT_CODES]
    others = [p for p in found if p not in doubtful]
    told = dict(name=path.name, n=len(result.observations), periods=both(", ".join(periods), "、".join(periods)))
    line = f"{_now()} " + tr(msg("read {name}: {n:# value|# values} ({periods})", **told) if periods else
                             msg("read {name}: {n:# value|# values} (no period)", **told))
    if not found:
        return line + tr(msg(", nothing doubtful") if checked else
                         msg(", not checked: no report could be made (see below), so its figures were not checked"))
    listed = found  # in the order found: what reading the workbook found, then what the run found at its cells
    shown = ("；" if language() == "zh" else "; ").join(f"{_where(p)}{_words(p)}" for p in listed[:3])
    more = tr(msg("; {n} more: see {file} in the same folder", n=len(listed) - 3, file=error_file(path).name)) \
        if len(listed) > 3 else ""
    if doubtful and others:
        head = msg(", {n} doubtful and {m:# other problem|# other problems}: {shown}", n=len(doubtful), m=len(others), shown=shown)
    elif doubtful:
        head = msg(", {n} doubtful: {shown}", n=len(doubtful), shown=shown)
    else:
        head = msg(", nothing doubtful; {m:# problem|# problems} to check: {shown}", m=len(others), shown=shown)
    return line + tr(head) + more


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = os.lstat(path)  # the file itself, never what a link points to
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
