"""Shared fixtures: the repository's paths, the bundled framework, one scored run of the sample data."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


TRADE_ROWS = ("2.进出口总额", "其中：出口总额", "其中：高新技术产品进出口额")


def sample_copy(folder: Path) -> Path:
    """The sample's workbooks (examples/*.xlsx) copied into `folder` (made if need be), for a test to edit. Returns it."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, folder)
    return folder


def slipped_sample(folder: Path) -> Path:
    """The sample's workbooks copied into `folder` with the 进出口 rows marked 万元 over their 亿元 figures (issue 11's
    slip, in every quarter): the overall then rests on doubtful indicators, and its worst case (62.7) falls below the
    regional middle. Returns `folder`. The one builder of the tests of the worst case and of what page 2 marks."""
    for f in sorted(sample_copy(folder).glob("*.xlsx")):
        slip_trade_rows(f)
    return folder


def slip_trade_rows(book: Path, rows=TRADE_ROWS) -> None:
    """Mark the `rows` (by default every 进出口 row) of the sample workbook `book` 万元 over their 亿元 figures (issue
    11's slip), in place."""
    import openpyxl

    wb = openpyxl.load_workbook(book)
    ws = wb["主要经济指标"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value in rows:
            ws.cell(r, 2).value = "万元"
    wb.save(book)


def slipped_total(folder: Path) -> Path:
    """The sample copied into `folder` with only the reported quarter's 进出口总额 row marked 万元 over its 亿元 figure
    (bt11l's case: the total doubtful, its parts 出口总额 and 高新技术产品进出口额 sound). Returns `folder`."""
    sample_copy(folder)
    slip_trade_rows(next(folder.glob("*2022年1-12月.xlsx")), rows=("2.进出口总额",))
    return folder


@pytest.fixture(scope="session")
def framework():
    from scorer.framework.model import load_framework

    return load_framework()


@pytest.fixture(scope="session")
def sample_run():
    from scorer.pipeline import run

    return run([EXAMPLES])


class _Reports(dict):
    """The sample's reports by name, each rendered on first use (a test of one report does not wait for the others)."""

    def __init__(self, run, folder: Path):
        super().__init__()
        self.runs, self.folder = {"2022Q4": run}, folder
        self.logs = {}  # name → the PDF's render log (scorer.report.render.RenderLog)

    def run_of(self, period: str):
        """The sample scored at `period` ("2022Q4": the session's `sample_run`)."""
        if period not in self.runs:
            from scorer.pipeline import run

            self.runs[period] = run([EXAMPLES], period=period)
        return self.runs[period]

    def __missing__(self, name: str):
        from scorer.pipeline import analyse, report

        lang, analysed, period = {"zh": ("zh", None, "2022Q4"), "en": ("en", None, "2022Q4"),
                                  "full": ("zh", "verdict", "2022Q4"), "full_en": ("en", "target", "2022Q4"),
                                  "q3": ("zh", None, "2022Q3"), "q1": ("zh", None, "2021Q1"),
                                  "q1_en": ("en", None, "2021Q1"), "q3_en": ("en", None, "2022Q3"),
                                  "full_target": ("zh", "target", "2022Q4")}[name]
        r = self.run_of(period)
        analyses = None
        if analysed:
            scenarios = sorted((EXAMPLES / "scenarios").glob("*.yaml"))
            # the Chinese plans for the verdict, the English for a score (the CLI's --plan-verdict, --plan-target 92)
            analyses = analyse(r, scenarios=scenarios, uncertainty_draws=200, seed=1,
                               plan_verdict=analysed == "verdict", plan_target=92.0 if analysed == "target" else None)
        pdf, html = self.folder / f"{name}.pdf", self.folder / f"{name}.html"
        self.logs[name] = report(r, pdf, today=dt.date(2026, 11, 25), lang=lang, analyses=analyses)
        report(r, html, fmt="html", today=dt.date(2026, 11, 25), lang=lang, analyses=analyses)
        self[name] = (pdf, html)
        return self[name]


@pytest.fixture(scope="session")
def layout_reports(sample_run, tmp_path_factory):
    """The sample's reports, each rendered once per session on first use: {"zh" | "en" | "full" | "full_en" |
    "q3" | "q1" | "q1_en": (pdf path, html path)}; "full" is the Chinese with scenarios, uncertainty and the plan for the
    verdict, "full_en" the English with the same and a plan for an overall score of 92, "q3" the Chinese of
    2022Q3 (flows of nine months, an imputed indicator: `.run_of("2022Q3")` is its run), "q1" of 2021Q1 (the
    sample's first quarter: no quarter before it, a category on fewer indicators; "q1_en" its English, the
    longest page 2 of all), "q3_en" the English of 2022Q3, "full_target" the Chinese with scenarios, uncertainty
    and a plan for 92 (the README's --plan-target 92). The HTML holds the
    charts as SVG data URIs."""
    return _Reports(sample_run, tmp_path_factory.mktemp("layout"))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m scorer ARGS` the way a user would, capturing its output: in a process of its own, forked
    from a server that has imported scorer's libraries once (tests/forked_cli.py), or a fresh subprocess where
    the environment differs in what is read at start-up."""
    from forked_cli import run_scorer

    return run_scorer(list(map(str, args)), cwd or ROOT, env, 300)


@pytest.fixture
def in_chinese():
    """Speak Chinese for the test (a watcher's log lines, messages made in this process), then the locale's again."""
    from scorer.messages import set_language

    set_language("zh")
    yield
    set_language(None)


def rank_condition_expected(cid: str, threshold: float, lo: int, hi: int, of: int) -> str:
    """What a rank condition must say when doubt puts the zone anywhere from rank `lo` to `hi` of `of` (bt12h F1): met
    or not met when every rank of the range is on one side of its line, else not judged. `bottom_n`: at least
    `threshold` zones behind (of − rank); `rank_share_max`: at most `threshold` of the other zones ahead (rank − 1)."""
    if cid == "bottom_n":
        at_worst, at_best = of - hi, of - lo
        return "met" if at_worst >= threshold else "not_met" if at_best < threshold else "not_judged"
    at_best, at_worst = (lo - 1) / (of - 1), (hi - 1) / (of - 1)
    return "met" if at_worst <= threshold else "not_met" if at_best > threshold else "not_judged"
