"""The library's front door: workbooks → scores → what-if analyses → report, each step one call; the CLI only wraps these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from scorer.atomic import write_atomic
from scorer.score.run import PERIOD_RE, Run, read, run

__all__ = ["PERIOD_RE", "Run", "read", "run", "report", "Analyses", "analyse"]


def report(r: Run, out: Path | str, zone: str | None = None, fmt: str = "pdf",
           today: dt.date | None = None, lang: str = "zh", analyses: "Analyses | None" = None):
    """Write the report for a scored run to `out` (PDF, or self-contained HTML with `fmt="html"`).

    `zone` overrides the name taken from the workbook titles; `lang` is "zh" (default) or "en";
    `analyses` (from `analyse`) adds scenarios, uncertainty and the plan. The file is written to a
    temporary file and renamed, so a failure never leaves half a report. Returns WeasyPrint's render
    log (PDF) or None (HTML).
    """
    from scorer.report import model as report_model
    from scorer.report import render

    inputs = report_model.ReportInputs(
        zone=zone or r.ingested.zone_name() or "本开发区",
        files=r.ingested.files,
        is_sample=r.ingested.is_sample,
        generated=today or dt.date.today(),
        lang=lang,
    )
    analyses = analyses if analyses is not None else analyse(r)
    view = report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, analyses, r.readiness)
    out = Path(out)
    if fmt == "html":
        write_atomic(out, render.render_html(view, embed_fonts=True))
        return None
    return render.write_pdf(view, out)


@dataclass
class Analyses:
    """What-if results the report shows when asked: scenarios, uncertainty, the plan, and priorities."""

    priorities: list = None  # scorer.whatif.plan.FieldPriority, always computed (one engine pass)
    comparison: object = None  # scorer.whatif.scenario.Comparison
    uncertainty: object = None  # scorer.whatif.uncertainty.UncertaintyResult
    plan: object = None  # scorer.whatif.plan.Plan


def analyse(r: Run, scenarios: Iterable[Path | str] = (), uncertainty_draws: int | None = None,
            seed: int | None = None, plan_target: float | None = None, plan_verdict: bool = False) -> Analyses:
    """Run the analyses a report can include; each is the same computation as its CLI command.

    `scenarios`: scenario YAML files (see examples/scenarios/); `uncertainty_draws`: Monte Carlo
    draws (None: none); `plan_target`: an overall score to plan for (0–100), or `plan_verdict` to plan
    for the verdict. Raises ScorerError naming the file and line of a bad scenario.
    """
    from scorer.whatif import plan as planning
    from scorer.whatif.changes import load_scenarios
    from scorer.whatif.scenario import compare
    from scorer.whatif.uncertainty import monte_carlo

    out = Analyses()
    if plan_target is not None or plan_verdict:
        out.plan = planning.plan(r, target=plan_target, verdict=plan_verdict)
    # What-if variants are not defined under outlier treatment (scorer.whatif.scenario says why); the report
    # then leaves the effort ranking out rather than failing, while an explicit request still errs.
    out.priorities = planning.field_priorities(r, the_plan=out.plan) if r.framework.treatment is None else []
    scenarios = list(scenarios)
    if scenarios:
        out.comparison = compare(r, load_scenarios(scenarios, r.framework))
    if uncertainty_draws:
        out.uncertainty = monte_carlo(r, draws=uncertainty_draws, seed=seed)
    return out
