"""The library's front door: workbooks → scores → what-if analyses → report, each step one call; the CLI only wraps these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from scorer.atomic import check_writable, refuse_inputs, write_atomic
from scorer.errors import Location
from scorer.score.rules import rule_rates
from scorer.score.run import PERIOD_RE, Run, parse_period, read, run

__all__ = ["PERIOD_RE", "parse_period", "Run", "read", "run", "report", "Analyses", "analyse", "actions"]


def report(r: Run, out: Path | str, zone: str | None = None, fmt: str = "pdf",
           today: dt.date | None = None, lang: str = "zh", analyses: "Analyses | None" = None,
           inputs: Iterable[Path | str] = ()):
    """Write the report for a scored run to `out` (PDF, or self-contained HTML with `fmt="html"`).

    `zone` overrides the name taken from the workbook titles; `lang` is "zh" (default) or "en";
    `analyses` (from `analyse`) adds scenarios, uncertainty and the plan. The file is written to a
    temporary file and renamed, so a failure never leaves half a report. An `out` that is one of the
    run's workbooks, its framework or fields file, or one of `inputs`, is refused before any work, as is
    one that cannot be written (ScorerError naming `out`). Returns WeasyPrint's render log (PDF) or
    None (HTML). A PDF is refused (ScorerError naming the characters and the text they are in,
    nothing written) when its font lacks a character of the text; see `scorer.report.render.write_pdf`.
    A run with no overall score is refused (ScorerError, `Run.no_overall`).
    When WeasyPrint cannot load its libraries (Pango), the HTML report is written beside `out` as
    OUT.html instead and the log's `html_instead` names it; an earlier report at `out` is then removed
    (`stale_removed` names it), so that no out-of-date PDF looks like this run's.
    """
    from scorer.report import model as report_model
    from scorer.report import render

    r.require_overall()  # a report with no overall score would have no rank, margin or verdict to give
    out = Path(out)
    read_files = [*r.ingested.files, r.framework.path, r.framework.fields_path, *inputs]
    refuse_inputs(out, read_files)
    check_writable(out, f"report.{fmt}")
    inputs = report_model.ReportInputs(
        zone=zone or r.ingested.zone_name() or "本开发区",
        files=r.ingested.files,
        is_sample=r.ingested.is_sample,
        generated=today or dt.date.today(),
        lang=lang,
        rule_rates=rule_rates(r.rules, r.result.framework, r.result.period),
    )
    analyses = analyses if analyses is not None else analyse(r)
    view = report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, analyses, r.problems, r.readiness,
                              peers=r.peers)
    if fmt == "html":
        html = render.refuse_private_use(render.render_html(view, embed_fonts=True, names=read_files),
                                         _text_sources(r, zone, analyses))
        write_atomic(out, html, read_files)
        return None
    try:
        return render.write_pdf(view, out, read_files, _text_sources(r, zone, analyses))
    except render.PdfEngineMissing as exc:
        # The HTML report prints to the same PDF from any browser (the print CSS is the same): write it
        # beside the PDF's place rather than fail; the caller says so (RenderLog.html_instead).
        html_out = out.with_suffix(".html")
        html = render.refuse_private_use(render.render_html(view, embed_fonts=True, names=read_files),
                                         _text_sources(r, zone, analyses))
        write_atomic(html_out, html, read_files)
        return render.RenderLog(html_instead=html_out, engine_error=str(exc), stale_removed=_remove_stale(out),
                                engine_absent=exc.module)


def _remove_stale(out: Path) -> Path | None:
    """Remove an earlier report at `out` (a regular file; a link or a folder is left alone) that this run could
    not replace: beside the new HTML report it would look current (bt15 F1: the watcher's reports folder kept
    last week's PDF under the name of this quarter's). Returns `out` when removed, None when there was none.
    Raises ScorerError naming `out` when it is there and cannot be removed."""
    import os
    import stat

    try:
        if not stat.S_ISREG(os.lstat(out).st_mode):
            return None
        out.unlink()
    except FileNotFoundError:
        return None
    except OSError as exc:
        from scorer.errors import Problem, ScorerError
        from scorer.messages import msg, os_reason

        raise ScorerError(Problem(msg("cannot remove the out-of-date report: {why}", why=os_reason(exc)),
                                  Location(file=out), msg("remove it by hand: it is not this run's report"))) from exc
    return out


def actions(r: Run, effort: Path | str | None = None, efforts=None):
    """The action table (`scorer.whatif.actions.action_table`): per field of the effort YAML (default: the
    bundled indicators/effort.yaml) the change to target, this year's part, its points and rank places,
    department and deadline; None under outlier treatment, where what-if variants are not defined.
    `efforts`: an already loaded effort file (then `effort` is not read). Raises ScorerError naming the
    file and line of a bad effort file; None too without an overall score (nothing to gain points on)."""
    if r.framework.treatment is not None or r.result.overall is None:
        return None
    from scorer.whatif.actions import action_table
    from scorer.whatif.plan import load_efforts

    from scorer.resources import beside_framework

    effort = effort or beside_framework(r.framework.path, "effort")  # as `validate` checks it
    return action_table(r, efforts if efforts is not None else load_efforts(effort, r.framework))


@dataclass
class Analyses:
    """What-if results the report shows when asked: scenarios, uncertainty, the plan, and priorities."""

    priorities: list = None  # scorer.whatif.plan.FieldPriority, always computed (one engine pass)
    comparison: object = None  # scorer.whatif.scenario.Comparison
    uncertainty: object = None  # scorer.whatif.uncertainty.UncertaintyResult
    plan: object = None  # scorer.whatif.plan.Plan
    actions: object = None  # scorer.whatif.actions.ActionTable: per actionable field, this year's target and its worth
    warnings: list = None  # scorer.errors.Problem: what the analyses left out (e.g. effort entries)
    steps: dict = None  # indicator id → scorer.whatif.steps.StepEffect: a step's net worth over every indicator it moves


def analyse(r: Run, scenarios: Iterable[Path | str] = (), uncertainty_draws: int | None = None,
            seed: int | None = None, plan_target: float | None = None, plan_verdict: bool = False,
            effort: Path | str | None = None) -> Analyses:
    """Run the analyses a report can include; each is the same computation as its CLI command.

    `scenarios`: scenario YAML files (see examples/scenarios/); `uncertainty_draws`: Monte Carlo
    draws (None: none); `plan_target`: an overall score to plan for (0–100), or `plan_verdict` to plan
    for the verdict; `effort`: the effort and feasible-range YAML for the plan and the priorities
    (default: the effort.yaml beside the framework, else the bundled one, whose entries for fields the framework lacks are
    left out with a warning in `.warnings`). Raises ScorerError naming the file and line of a bad
    scenario or effort file.
    """
    from scorer.whatif import plan as planning
    from scorer.whatif.changes import load_scenarios
    from scorer.whatif.scenario import compare
    from scorer.whatif.uncertainty import monte_carlo

    wanted = plan_target is not None or plan_verdict or r.framework.treatment is None
    efforts = planning.load_efforts(effort, r.framework) if wanted else None
    out = Analyses(warnings=list(efforts.warnings) if efforts else [])
    if plan_target is not None or plan_verdict:
        out.plan = planning.plan(r, target=plan_target, verdict=plan_verdict, efforts=efforts,
                                 options=("--plan-target", "--plan-verdict"))
    # What-if variants are not defined under outlier treatment (scorer.whatif.scenario says why); the report
    # then leaves the effort ranking out rather than failing, while an explicit request still errs.
    out.priorities = (planning.field_priorities(r, efforts, the_plan=out.plan) if r.framework.treatment is None
                      else [])
    out.actions = actions(r, efforts=efforts)
    if r.framework.treatment is None:  # a step of one statistic re-scored with every indicator it feeds (bt13k F2)
        from scorer.whatif.steps import step_effects

        out.steps = step_effects(r)
    scenarios = list(scenarios)
    if scenarios:
        out.comparison = compare(r, load_scenarios(scenarios, r.framework))
    if uncertainty_draws:
        out.uncertainty = monte_carlo(r, draws=uncertainty_draws, seed=seed)
    return out


def _text_sources(r: Run, zone: str | None, analyses: "Analyses | None" = None) -> list[tuple[str, str, Location | None]]:
    """The texts a report shows from input, with where each was read (scorer.report.render.missing_glyphs_problem
    names the place of a character no font has): the --zone option, the workbooks' title cells, the row labels
    of the values read, the sheets' names (a note may name a hidden sheet), the scenarios' names and descriptions
    (file and line), the peer table's zone names (bt10g F5: a character from a scenario file or a sheet's name was
    named with no place, and the hint spoke of a cell)."""
    out: list[tuple[str, str, Location | None]] = [(zone, "--zone", None)] if zone else []
    for text, loc in r.ingested.title_cells:
        out.append((text, f"{loc.file} › {loc.sheet} › {loc.cell}", loc))
    for o in r.ingested.observations:
        out.append((o.label, o.where(), o.location()))
    sheets = {(str(loc.file), loc.sheet) for _, loc in r.ingested.title_cells}
    sheets |= {(p.location.file and str(p.location.file), p.location.sheet) for p in r.problems if p.location.sheet}
    for file, sheet in sorted(sheets, key=str):
        out.append((sheet, f"{Path(file).name if file else ''} › {sheet}", Location(file=file, sheet=sheet)))
    comparison = getattr(analyses, "comparison", None)
    for outcome in getattr(comparison, "scenarios", None) or []:
        scenario = outcome.scenario
        if scenario is not None and scenario.path is not None:
            at = Location(file=scenario.path, line=scenario.lines.get("name"))
            out += [(text, at.render("en"), at) for text in (scenario.name, scenario.description) if text]
    if r.peers is not None:
        out += [(name, f"{r.peers.path}", Location(file=r.peers.path)) for name in r.peers.names.values()]
    return out
