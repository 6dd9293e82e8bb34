"""Commands over one zone's workbooks and frameworks: validate, ingest, score, report, series, template, watch, COINr import."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from scorer.cli.app import (AcrossOpt, choice, DrawsCheck, FirstOpt, FrameworkOpt, HiddenOpt, HTML_INSTEAD, LandOpt,
                            PeersOpt, RulesOpt, SeedCheck, Table, ZoneOpt, _set_language, _warn, app, check_outputs, check_score_target,
                            check_suffix, chosen_language, err, field_named, input_files, inputs_of, number, out, plain_text,
                            print_json)
from scorer.cli.help import LocalTyper
from scorer import fmt
from scorer.atomic import finishing
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import both, msg, N_, os_reason, tr, written
from scorer.sheets import csv_text, digits_15, print_csv
from scorer.i18n import name_of

@app.command()
def validate(framework: Optional[Path] = typer.Argument(None, help="Framework YAML (default: the bundled one)."),
             peers: Optional[Path] = PeersOpt, rules: Optional[Path] = RulesOpt,
             effort: Optional[Path] = typer.Option(None, "--effort", help="Effort, ranges, departments and deadlines YAML "
                                                                        "(default: effort.yaml beside the framework).")):
    """Check a framework YAML (its fields and yardsticks), the readiness rules, the peer set and the effort file; every problem with file and line.

    Every `cites:` in the framework, the rules and the peer set's metadata must name an entry of the
    framework's yardsticks file.
    """
    from scorer.framework.model import load_framework
    from scorer.resources import beside_framework
    from scorer.score.peers import load_peers
    from scorer.score.rules import load_rules
    from scorer.whatif.plan import load_efforts

    fw = load_framework(framework)
    # Rules, peers and effort given, or else those beside the framework (as in indicators/), are checked too.
    rules = rules or beside_framework(fw.path, "rules")
    peers = peers or beside_framework(fw.path, "peers")
    effort = effort or beside_framework(fw.path, "effort")
    from scorer.score.peer_magnitude import target_magnitudes

    problems = target_magnitudes(fw)  # every target's magnitude, whatever its basis (bt12 F6)
    loaded = {}
    for path, load in ((rules, load_rules), (peers, load_peers), (effort, load_efforts)):
        try:
            if path is not None:
                loaded[load] = load(path, fw)
        except ScorerError as exc:
            problems += exc.problems
    # The peer model beside the framework (indicators/peers/model.yaml): load_peers checks it (check_model), as
    # it does for score and every command reading a peer table; without a peer table, it is checked alone.
    model = fw.path.parent / "peers" / "model.yaml"
    if model.is_file() and peers is None:
        from scorer.score.peer_model import check_model

        problems += check_model(fw, None, model)
    if problems:
        raise ScorerError(problems)
    told = dict(path=fw.path, categories=len(fw.categories), indicators=len(fw.indicators), fields=len(fw.fields),
                sha=fw.sha256[:12], yardsticks=fw.yardsticks_path.name if fw.yardsticks_path else "")
    ok = (msg("OK: {path} — {categories:# category|# categories}, {indicators:# indicator|# indicators}, {fields:# raw field|# raw fields}, {yardsticks}, rules, "
              "peers and effort checked (sha256 {sha})", **told) if fw.yardsticks_path else
          msg("OK: {path} — {categories:# category|# categories}, {indicators:# indicator|# indicators}, {fields:# raw field|# raw fields}, rules, peers and "
              "effort checked (sha256 {sha})", **told))
    out.print(tr(ok), markup=False)
    from scorer.score.peer_magnitude import target_reach

    _warn(target_reach(fw, loaded.get(load_peers)))  # a target few of the region's zones reach, or all but a few
    # Which files were checked, by name: `validate --peers X` said only "OK: …/framework.yaml".
    checked = [(msg("rules"), rules), (msg("peer table"), peers), (msg("effort"), effort), (msg("peer model"),
               model if model.is_file() else None), (msg("yardsticks"), fw.yardsticks_path)]
    for what, path in checked:
        if path is not None:
            out.print(tr(msg("  checked {what}: {path}", what=what, path=path)), markup=False)


@app.command()
def ingest(paths: List[Path] = typer.Argument(..., help="Workbooks or folders of workbooks."),
           framework: Optional[Path] = FrameworkOpt,
           as_json: bool = typer.Option(False, "--json", help="Print observations as JSON."),
           strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
           hidden_sheets: bool = HiddenOpt, zone: Optional[str] = ZoneOpt):
    """Read workbooks and list every value found, with its sheet and cell."""
    from scorer.framework.model import load_framework
    from scorer.i18n import unit as unit_in
    from scorer.messages import language
    from scorer.read.ingest import read  # not scorer.pipeline's: reading needs no pandas

    fw = load_framework(framework)
    result = read(paths, fw, strict, hidden_sheets, zone)
    if as_json:
        print_json("ingest", {"observations": [o.as_dict() for o in result.observations]}, result.warnings + result.notes)
    else:
        table = Table(*(tr(msg(h)) for h in (N_("field"), N_("period"), N_("basis"), N_("value"), N_("unit"),
                                               N_("source"))))
        basis = {"ytd": N_("year to date"), "stock": N_("stock"), "growth": N_("growth, %")}
        lang = language()  # the statistic by its name in the language in use, as series shows it; JSON keeps the id
        names = {f: d.label if lang == "zh" else d.label_en or d.label for f, d in fw.fields.items()}
        for o in result.observations:
            table.add_row(names.get(o.field, o.field), o.period, tr(msg(basis[o.basis])) if o.basis in basis else o.basis, fmt.figure(o.value, 15),
                          unit_in(o.unit, language()), f"{Path(o.file).name} › {o.sheet} › {o.cell}")
        out.print(table)
    _warn(result.warnings + result.notes)


@app.command("score")
def score_cmd(paths: List[Path] = typer.Argument(..., help="Workbooks or folders of workbooks."),
              framework: Optional[Path] = FrameworkOpt,
              period: Optional[str] = typer.Option(None, help="Quarter to report on, e.g. 2022Q2, 2022年二季度 or 2022年1-6月 (default: latest)."),
              as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
              strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
              zone: Optional[str] = ZoneOpt,
              peers: Optional[Path] = PeersOpt, rules: Optional[Path] = RulesOpt, across_peers: bool = AcrossOpt,
              hidden_sheets: bool = HiddenOpt,
              first_in_province: Optional[bool] = FirstOpt, land_use_2024: Optional[bool] = LandOpt,
              effort: Optional[Path] = typer.Option(None, "--effort", help="Effort, feasible ranges, departments and "
                                                    "deadlines YAML for the action table (default: effort.yaml beside the framework).")):
    """Score the zone: estimated rank in the region and margins, the upgrade conditions, the actions worth most this year, category scores, and the gaps by points."""
    from scorer.pipeline import actions as action_table
    from scorer.pipeline import run

    r = run(paths, framework, period, strict, peers, rules, across_peers, hidden_sheets=hidden_sheets, zone=zone,
            inputs=inputs_of(first_in_province, land_use_2024))
    acts = action_table(r, effort)
    if as_json:
        print_json("score", {**r.as_dict(), "actions": acts.as_dict() if acts is not None else None}, r.warnings)
        _warn(r.warnings)
        return
    _print_score(r, acts)
    _warn(r.warnings)


def _print_score(r, acts) -> None:
    """`score`'s tables and lines, in the language in use: names, units, departments and verdicts included."""
    from scorer.i18n import TEXT, department, translator
    from scorer.i18n import unit as unit_in
    from scorer.messages import language
    from scorer.report.gaps import indicator_figures
    from scorer.score.readiness import met_text, worst_case_misses
    from scorer.score.rules import doubt_range_text, not_comparable_mark

    lang, res, fw = language(), r.result, r.framework
    t = translator(lang)

    def name(x) -> str:  # an indicator, group or rule: its Chinese or English name
        return x.name_zh if lang == "zh" else x.name_en or x.name_zh

    def amount(value, unit: str) -> str:  # a number and its unit in the language in use, as the console writes them
        english = fmt.money_en(value, unit) if lang == "en" else None  # US$6m, never 600 US$10k (bt15 F20)
        return english.replace(fmt.NBSP, " ") if english else f"{fmt.number(value, unit)} {unit_in(unit, lang)}".strip()

    out.print(f"{res.period}  {name(fw.groups['index'])} "
              f"{not_comparable_mark(fmt.score(res.overall), not res.empty_categories, lang)}", markup=False, style="bold")
    if (worst := doubt_range_text(res, lang)) is not None:  # leaving doubtful values out can raise the score: the worst case
        out.print(worst, markup=False, style="bold red")
    if (no_overall := r.no_overall()) is not None:
        out.print(tr(no_overall.message), markup=False, style="bold red")  # and no rank (Run has no standing)
    if r.readiness is not None:
        out.print(tr(r.readiness.line()), markup=False)
    elif r.standing is not None:
        st = r.standing
        out.print(tr(msg("Estimated rank: {rank} of {of} (peers: {peers}; peers' median {median})", rank=st.rank,
                         of=st.of, median=fmt.score(st.peer_median),
                         peers=msg("synthetic, an estimate only") if st.synthetic else st.peer_name)), markup=False)
    if r.verdict is not None:
        failed = [name(x) for x in r.verdict.rules if x.passed is False and x.deciding]
        verdict = r.verdict.label_in(lang)
        out.print(tr(msg("Verdict: {verdict} (not met: {failed})", verdict=verdict, failed=both(", ".join(failed), "、".join(failed)))
                     if failed else msg("Verdict: {verdict}", verdict=verdict)), markup=False)
        if caution := r.verdict.caution(fw, lang):  # doubtful data, a category dropped out, values carried over
            out.print(caution, markup=False, style="bold red")
        conds = Table(*(tr(msg(h)) for h in (N_("Upgrade condition"), N_("State"), N_("The zone"), N_("Required"),
                                               N_("Confidence"), N_("Kind"))))
        # the words of the report's conditions table (scorer.i18n: status_*, brief_role_*)
        status = {True: "status_met", False: "status_not_met", None: "status_unknown"}
        # met now, missed at the worst case of a doubtful overall: never a plain 满足 (scorer.score.readiness)
        misses = worst_case_misses(r.readiness.conditions, res) if r.readiness is not None else set()
        for x in r.verdict.rules:
            if x.role == "input":
                have, need = t({None: "not_given", True: "yes", False: "no"}[x.passed]), t("yes")
            else:
                # in English money in m/bn, the zone's figure as its threshold (1.62bn yuan beside >= 500m yuan, bt15 F20)
                money = (lambda v, d=None: (fmt.money_en(v, x.unit, d) or "").replace(fmt.NBSP, " ") if lang == "en" else "")
                have = "—" if x.value is None else money(x.value) or fmt.number(x.value, x.unit)
                need = (f"{x.op} {money(x.threshold, fmt.claim_decimals(x.threshold, x.unit))}"
                        if money(x.threshold) else f"{x.op} {fmt.claim(x.threshold, x.unit)} {unit_in(x.unit, lang)}".strip())
            sure = (t(f"conf_{x.confidence}") if f"conf_{x.confidence}" in TEXT else x.confidence or "") + \
                (t("conf_unverified") if any(c.get("unverified") for c in x.cites or []) else "")
            conds.add_row(name(x), met_text(lang) if x.passed and x.id in misses else
                          t("status_not_judged" if x.reason else status[x.passed]), have, need, sure,
                          t(f"brief_role_{x.role}") if f"brief_role_{x.role}" in TEXT else x.role)
        out.print(conds)
        for x in r.verdict.rules:
            if x.reason:  # another region's peers, or too few indicators (scorer.score.rules)
                out.print(tr(msg("not judged: {name} — {reason}", name=both(x.name_en or x.name_zh, x.name_zh),
                                 reason=both(x.reason_en or x.reason, x.reason))), markup=False)
    if acts is not None and acts.actions:
        from scorer.whatif.respread import points_shown
        table = Table(*(tr(msg(h)) for h in (N_("Action worth most to score and rank within a year (each alone)"),
                                               N_("One-year target"), N_("Points"), N_("Rank"), N_("Type"),
                                               N_("Department"), N_("Deadline"))))
        labels = {f: d.label if lang == "zh" else d.label_en or d.label for f, d in fw.fields.items()}
        for a in acts.top(3):
            table.add_row(labels.get(a.field, a.label), f"{'+' if a.change > 0 else '−'}{amount(abs(a.change), a.unit)}",
                          points_shown(a.points, a.points_range, lang),
                          tr(msg("{rank} (up {places})", rank=a.rank_after, places=a.places)) if a.places else tr(msg("unchanged")),
                          t(f"type_{a.kind}", share=a.share_this_year),
                          department(a.department, lang) if a.department else tr(msg("to assign")), a.deadline.isoformat())
        out.print(table)
        for n in acts.notes:  # what the table leaves out, and why points are a range (bt11l F3, F2)
            out.print(tr(msg("note: {note}", note=n)), markup=False)
    cats = Table(*(t(k) for k in ("col_category", "col_weight", "col_score", "col_lost")))
    for g in res.groups:
        cats.add_row(name(g), f"{g.weight * 100:.0f}%", fmt.score(g.score), fmt.points(g.points_lost))
    out.print(cats)
    table = Table(tr(msg("Indicator (by points to gain)")), t("col_value"), t("col_unit"), t("col_target"),
                  t("col_score"), t("col_lost"), t("col_gap"))
    for i in sorted(res.indicators, key=lambda i: -(i.points_lost or 0)):
        value, target, gap = indicator_figures(i)  # as the report prints them together
        table.add_row(name(i) + (tr(msg(" (doubtful)")) if i.doubtful else ""),
                      fmt.number(i.doubtful_value, i.unit) if i.doubtful else value + ("*" if i.imputed else ""),
                      unit_in(i.unit, lang), target,
                      fmt.score(i.score), fmt.points(i.points_lost), t("met") if i.gap_to_target == 0 else gap)
    out.print(table)


@app.command()
def report(ctx: typer.Context, paths: List[Path] = typer.Argument(..., help="Workbooks or folders of workbooks."),
           output: Path = typer.Option(Path("reports/report.pdf"), "-o", "--output", help="Where to write the report."),
           framework: Optional[Path] = FrameworkOpt,
           period: Optional[str] = typer.Option(None, help="Quarter to report on, e.g. 2022Q2, 2022年二季度 or 2022年1-6月 (default: latest)."),
           zone: Optional[str] = typer.Option(None, callback=plain_text, help="Zone name (default: from the workbook titles); when the "
                                                         "workbooks name several zones, the one to report on."),
           fmt: str = typer.Option("pdf", "--format", metavar="pdf|html", help="pdf or html."),
           lang: Optional[str] = typer.Option(None, "--lang", callback=_set_language, is_eager=True, metavar="zh|en",
                                              help="Language of the report and of the messages: zh (Chinese) or en "
                                                   "(English); default: the report in Chinese."),
           scenario: List[Path] = typer.Option([], "--scenario", help="Scenario YAML to compare, or a folder of them (repeatable)."),
           uncertainty: bool = typer.Option(False, "--uncertainty", help="Include a Monte Carlo uncertainty section."),
           draws: int = typer.Option(10_000, help="Monte Carlo draws for --uncertainty.", callback=DrawsCheck),
           seed: int = typer.Option(1, help="Random seed for --uncertainty (reports are reproducible).", callback=SeedCheck),
           plan_target: Optional[float] = typer.Option(None, "--plan-target", help="Include the least-effort path to this overall score.",
                                                       callback=number(at_least=0)),
           plan_verdict: bool = typer.Option(False, "--plan-verdict", help="Include the least-effort path to meeting every rule."),
           effort: Optional[Path] = typer.Option(None, "--effort", help="Effort and feasible ranges YAML for the plan and "
                                                                        "the priorities (default: effort.yaml beside the framework)."),
           strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
           peers: Optional[Path] = PeersOpt, rules: Optional[Path] = RulesOpt, across_peers: bool = AcrossOpt,
           hidden_sheets: bool = HiddenOpt,
           first_in_province: Optional[bool] = FirstOpt, land_use_2024: Optional[bool] = LandOpt):
    """Write the readiness report (PDF by default) for the latest quarter in the workbooks.

    Scenario YAML files among them are compared as with --scenario."""
    from scorer.cli.analysis import _split_inputs, scenario_files
    from scorer.pipeline import analyse, run
    from scorer.pipeline import report as write_report

    if fmt not in ("pdf", "html"):
        raise ScorerError(Problem(msg("--format {fmt!r}: choose pdf or html", fmt=fmt)))
    lang = lang or chosen_language(ctx) or "zh"  # `scorer --lang en report …` or `scorer report … --lang en`
    # Scenario files among the workbooks are scenarios, as in `compare`: the shell expands `--scenario dir/*.yaml` to
    # one --scenario and the other files as arguments (they were warned as unreadable workbooks and left out).
    paths, more = _split_inputs(list(paths))
    scenario = scenario_files(list(scenario)) + more  # a folder of scenario files: its *.yaml
    inputs = input_files(paths, framework, peers, rules, effort, *scenario)
    check_outputs([output], inputs, [f"report.{fmt}"])
    check_suffix(output, fmt.upper(), *((".pdf",) if fmt == "pdf" else (".html", ".htm")),
                 writes={".html": "--format html", ".htm": "--format html"} if fmt == "pdf" else {".pdf": "--format pdf"})
    if uncertainty:  # refused before the workbooks are read, as `scorer uncertainty` does
        from scorer.whatif.uncertainty import check_draws
        check_draws(draws)
    r = run(paths, framework, period, strict, peers, rules, across_peers, hidden_sheets=hidden_sheets, zone=zone,
            inputs=inputs_of(first_in_province, land_use_2024))
    check_score_target("--plan-target", plan_target, r.framework.meta.scale)  # 0 … the scale: a usage error (exit 2)
    analyses = analyse(r, scenario, draws if uncertainty else None, seed, plan_target, plan_verdict, effort)
    with finishing():  # its one output: a signal from its rename on lets the command finish (scorer.atomic)
        log = write_report(r, output, zone, fmt, lang=lang, analyses=analyses, inputs=inputs)
    _warn(r.warnings + analyses.warnings)
    if log is not None and log.html_instead is not None:
        from scorer.report.render import engine_missing_message

        # One line, the fix for this platform included (scorer.report.render.engine_fix).
        err.print(tr(engine_missing_message(log)), markup=False, style="yellow", soft_wrap=True)
        if os.environ.get("SCORER_DEBUG"):
            err.print(log.engine_error, markup=False)
        raise typer.Exit(HTML_INSTEAD)  # the PDF asked for is not there: a script must not mail last quarter's (bt15k F2)
    if log is not None:
        for w in log.notdef:
            err.print(tr(msg("warning: {what}", what=w)), markup=False, style="yellow")
    out.print(tr(msg("wrote {output} ({period}, overall {overall:.1f}{mark})", output=output, period=r.result.period,
                     overall=r.result.overall, mark=both(" (not comparable)", "（不可比）") if r.result.empty_categories else "")),
              markup=False)


@app.command()
def series(paths: List[Path] = typer.Argument(..., help="Workbooks or folders of workbooks."),
           framework: Optional[Path] = FrameworkOpt,
           field: Optional[str] = typer.Option(None, help="Only this field: its id or Chinese name, e.g. fdi_actual or 实际使用外资金额."),
           as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
           as_csv: bool = typer.Option(False, "--csv", help="Print as CSV."),
           zone: Optional[str] = ZoneOpt):
    """Each field over the quarters: cumulative, single quarter, growth (published and computed), full year."""
    from scorer.framework.model import load_framework
    from scorer.score.panel import Panel
    from scorer.pipeline import read

    from scorer.score.caliber import check_calibers
    from scorer.score.doubt import doubtful_figures, series_doubts

    fw = load_framework(framework)
    ingested = read(paths, fw, zone=zone)
    panel = Panel.from_observations(ingested.observations, fw.fields)
    table = panel.table()
    # Every figure the score would not take as true is marked where it is shown (and the caliber guard's, as score has it)
    periods = list(dict.fromkeys(table["period"]))
    caliber = check_calibers(fw, panel, {c.field: panel.annual_estimate(c.field, periods)[0]
                                         for c in fw.caliber_checks if c.field in panel.levels}, periods)
    table["doubtful"] = series_doubts(table, doubtful_figures(list(ingested.problems) + caliber))
    warnings = ingested.warnings + caliber
    if field is not None:
        fid = field_named(fw, field)  # by id, Chinese name, or name with its unit (bt15j F6)
        table = table[table["field"] == fid]
    if as_json:
        print_json("series", {"rows": table.to_dict(orient="records")}, warnings)
    elif as_csv:
        print_csv(csv_text(table.assign(doubtful=[" ".join(d) for d in table["doubtful"]]), float_format=digits_15))
    elif table.empty:
        what = msg("「{label}」 ({field})", label=name_of(fw.fields[fid]), field=fid) if field is not None else msg("any field")
        out.print(tr(msg("the workbooks give no cumulative or end-of-period value for {what}", what=what)), markup=False)
    else:
        from scorer.i18n import unit as unit_in
        from scorer.messages import language

        lang = language()
        view = Table(*(tr(msg(h)) for h in (N_("field"), N_("period"), N_("this period"), N_("single quarter"),
                                            N_("a year earlier"), N_("growth (published)"), N_("growth (computed)"),
                                            N_("full year (estimated)"), N_("unit"))))
        columns = ("value", "single_quarter", "prior_year", "growth_published", "growth_computed", "full_year")
        for row in table.itertuples():
            label = row.label if lang == "zh" else fw.fields[row.field].label_en or row.label
            shown = {c: "—" if getattr(row, c) != getattr(row, c) else format(getattr(row, c), ",.2f") for c in columns}
            view.add_row(label, row.period, *(tr(msg("{value} (doubtful)", value=shown[c]))
                                              if c in row.doubtful and shown[c] != "—" else shown[c] for c in columns),
                         unit_in(row.unit, lang))
        out.print(view)
    _warn(warnings + ingested.notes)


@app.command()
def template(output: Path = typer.Option(..., "-o", "--output", help="The .xlsx file to write."),
             period: str = typer.Option(..., help="The quarter it is for, e.g. 2023Q1, 2023年一季度 or 2023年1-3月."),
             zone: Optional[str] = typer.Option(None, callback=plain_text, help="The zone's name, for the title (default: "
                                                          "“this development zone”, in Chinese)."),
             framework: Optional[Path] = FrameworkOpt,
             force: bool = typer.Option(False, "--force", help="Replace an existing file of that name.")):
    """Write an input workbook in the statistics-office layout with every field of the framework."""
    from scorer.framework.model import load_framework
    from scorer.pipeline import parse_period
    from scorer.read.template import write_template
    from scorer.atomic import check_writable

    period = parse_period(period)
    check_writable(output, "template.xlsx")  # a folder: a name of this kind proposed inside it
    if output.suffix.lower() != ".xlsx":
        raise ScorerError(Problem(msg("{output}: the template is an .xlsx workbook", output=output),
                                  hint=msg("name it {name}", name=output.with_suffix(".xlsx").name)))
    fw = load_framework(framework)
    with finishing():
        write_template(fw, output, period, zone or "本开发区", inputs=[fw.path, fw.fields_path], replace=force)
    out.print(tr(msg("wrote {output}", output=output)), markup=False)


@app.command()
def watch(ctx: typer.Context, folder: Path = typer.Argument(..., help="The drop folder of quarterly workbooks."),
          output: Path = typer.Option(Path("reports"), "-o", "--output", help="Folder for the regenerated reports."),
          framework: Optional[Path] = FrameworkOpt,
          zone: Optional[str] = typer.Option(None, callback=plain_text, help="Zone name (default: from the workbook titles)."),
          interval: float = typer.Option(2.0, help="Seconds between looks (at most a day).",
                                         callback=number(above=0, at_most=86_400)),
          max_polls: Optional[int] = typer.Option(None, help="Stop after this many looks (default: run until Ctrl-C).",
                                                  callback=number(at_least=1)),
          settle: Optional[float] = typer.Option(
              None, help="Seconds a workbook that opens as one cut short (a copy still under way) is waited for before "
                         "it is said to be unusable (default: 60, or three looks when longer).",
              callback=number(at_least=0, at_most=86_400)),
          strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
          first_in_province: Optional[bool] = FirstOpt, land_use_2024: Optional[bool] = LandOpt):
    """Watch a folder: each new or replaced workbook is read and the report regenerated."""
    import time

    from scorer.cli.watch import LOG_NAME, SETTLE, Watcher, summary

    watcher = Watcher(folder, output, framework, zone, inputs_of(first_in_province, land_use_2024), strict,
                      lang=chosen_language(ctx) or "zh",  # the report's language, as `scorer report`'s
                      settle=max(SETTLE, 3 * interval) if settle is None else settle)
    from scorer.cli.main import StdoutFailed

    said = False

    def say(line: str) -> None:
        """A line on standard output; when that fails (a full disk behind the service's output file, a closed
        pipe) the watcher goes on, said once on stderr: the log has every line of the polls."""
        nonlocal said
        try:
            out.print(line, markup=False, soft_wrap=True)  # never wrapped at a width: one line per event
        except (StdoutFailed, SystemExit) as exc:
            # SystemExit: rich's answer to a closed pipe (Console.on_broken_pipe: stdout pointed at /dev/null, then
            # exit 1); the watcher is a service, it goes on with its log
            failed = exc.args[0] if isinstance(exc, StdoutFailed) else BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
            if not said:
                err.print(tr(msg("cannot write to standard output: {why}; the watcher goes on (every line is in "
                                 "{log})", why=os_reason(failed), log=folder / LOG_NAME)), markup=False)
            said = True

    from scorer.cli.main import honour_signals, signals_honoured, stamp_last_line

    stamp_last_line()  # a stop's line (已终止) carries the time, as every line of the service's log does
    start = tr(msg("watching {folder} (a look every {interval} s), reports to {output}", folder=folder,
                   interval=written(interval), output=output))
    if _on_a_terminal():  # Ctrl-C is a key on a terminal; a service's log (systemd, nohup) is told nothing of it
        start += tr(msg("; Ctrl-C stops"))
    say(time.strftime("%Y-%m-%d %H:%M:%S ") + start)

    polls = 0
    try:
        while max_polls is None or polls < max_polls:
            honour_signals()  # a stop whose exception a look swallowed (a finaliser, a guard) stops here (bt16g F5)
            # One line per workbook and per report on standard output (the service's 处理记录.log); the cells
            # behind them are in the watcher's log and the .error.txt files (bt15 F9)
            for line in summary(watcher.poll(), everything=watcher.log_failed):
                say(line)
            honour_signals()
            polls += 1
            if max_polls is None or polls < max_polls:
                time.sleep(interval)
        honour_signals()
    except KeyboardInterrupt:
        signals_honoured()
        say(time.strftime("%Y-%m-%d %H:%M:%S ") + tr(msg("stopped watching")))


def _on_a_terminal() -> bool:
    """Whether the run's input is a terminal, where Ctrl-C can be typed (not under systemd or nohup: /dev/null)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (OSError, ValueError):
        return False


@app.command("import-coinr")
def import_coinr_cmd(meta: Path = typer.Argument(..., help="COINr iMeta table (CSV or Excel)."),
                     data: Path = typer.Argument(..., help="COINr iData table (CSV or Excel; may be the same workbook)."),
                     output: Path = typer.Option(..., "-o", "--output", help="Folder for framework.yaml and data.csv."),
                     normalise: Optional[str] = typer.Option(
                         None, help="Which of iMeta's normalisation columns to use when it has several: goalposts, "
                                    "minmax, zscore, fixed (COINr's n_scaled) or dist2targ.")):
    """Turn a COINr iMeta + iData pair into our framework YAML and a unit × indicator data table."""
    from scorer.score.coinr import import_coinr
    from scorer.framework.model import load_framework

    with finishing():  # its two files, renamed as a pair at its end
        imported = import_coinr(meta, data, output, normalise=normalise)
    _warn(imported.warnings)
    fw = load_framework(imported.framework_path)
    told = dict(framework=imported.framework_path, n=len(fw.indicators), groups=len(fw.groups) - 1, data=imported.data_path)
    wrote = (msg("wrote {framework} ({n:# indicator|# indicators}, {groups:# group|# groups}) and {data} (a panel: one row per uCode and Time)",
                 **told) if imported.panel else msg("wrote {framework} ({n:# indicator|# indicators}, {groups:# group|# groups}) and {data}", **told))
    out.print(tr(wrote), markup=False)


def _pipelines() -> list[str]:
    from scorer.score.coinr import PIPELINES

    return list(PIPELINES)


def _time_types() -> tuple[str, ...]:
    from scorer.methods.impute import TIME_TYPES

    return TIME_TYPES


def _normalise_over() -> tuple[str, ...]:
    from scorer.score.coinr import NORMALISE_OVER

    return NORMALISE_OVER


@app.command("score-table")
def score_table(framework: Path = typer.Argument(..., help="Framework YAML (e.g. from import-coinr)."),
                data: Path = typer.Argument(..., help="Unit × indicator table (CSV) of indicator values: COINr's "
                                                     "(a uCode column) or a peer table (one row per zone, as "
                                                     "--peers takes: a province's or the nation's zones)."),
                pipeline: Optional[str] = typer.Option(None, help="P1–P4 for COINr's reference pipelines; "
                                                                  "default: the framework's own methods.",
                                                       callback=choice(_pipelines)),
                as_csv: bool = typer.Option(False, "--csv", help="Print aggregated scores as CSV."),
                as_json: bool = typer.Option(False, "--json", help="Print every unit's scores and ranks as JSON."),
                impute_time: Optional[str] = typer.Option(
                    None, help="Panel only: fill a unit's gaps from its other times first (COINr impute_panel): "
                               "latest, constant, linear or linear-constant.", callback=choice(_time_types)),
                max_time: Optional[int] = typer.Option(None, help="Panel, --impute-time latest: look back at most "
                                                                  "this many time points.",
                                                       callback=number(at_least=1, at_most=1_000_000)),
                normalise_over: str = typer.Option("time", help="Panel only: normalise each time on its own ('time') "
                                                                "or all times together ('all'). Ranks are per time.",
                                                   callback=choice(_normalise_over)),
                at_time: Optional[float] = typer.Option(None, "--time", help="Panel only: the time the table shows "
                                                                             "(default: the latest).", callback=number()),
                rules: Optional[Path] = typer.Option(None, "--rules", help="A peer table: the readiness rules whose "
                                                     "bottom-N line the margins are to, as score's (default: the bundled one).")):
    """Score a unit × indicator table with a framework (all units at once) and print scores and ranks.

    A panel (a Time column with several values, as import-coinr writes it) is scored per time."""
    import pandas as pd
    from scorer.score.coinr import load_data_table, run_panel, run_pipeline
    from scorer.framework.model import load_framework
    from scorer.score.peers import covered_framework, is_peer_table, load_peers, zones_framework
    from scorer.score.zone_table import saturated_columns, table_coverage, table_gaps, zone_objects

    fw = load_framework(framework)
    warnings, synthetic, zones = [], False, None
    if is_peer_table(data):
        # A peer table (one row per zone, as `score --peers` reads it): every zone scored and ranked
        # with the same methods as the zone's own standing among them, with the same warnings.
        full, fw = fw, zones_framework(fw)
        zones = load_peers(data, fw)
        zones.notes = table_coverage(zones, fw) if zones.notes else []  # of the table's zones, not 'the zone' (bt11i F4)
        # scored as `score` scores its zone among them: the framework cut down to the columns the table covers
        fw = covered_framework(fw, zones.covered) if pipeline is None else fw
        table, warnings = zones.values.rename_axis("uCode"), zones.warnings
        synthetic = zones.synthetic
        if synthetic:  # said in every output, as score says it (bt12 F7): the terminal, --csv and --json
            warnings = [Problem(msg("the table {file} is SYNTHETIC (its sidecar or its rows say synthetic: true): "
                                    "generated figures, not real zones'; its scores and ranks illustrate only",
                                    file=Path(data).name), Location(file=data),
                                msg("score real zones' figures for ranks that mean something"), "note",
                                code="synthetic_peers"), *warnings]
    else:
        table = load_data_table(data, fw)
    panel = "Time" in table.columns and table["Time"].nunique() > 1
    if not panel and (impute_time or max_time is not None or normalise_over != "time" or at_time is not None):
        raise ScorerError.at(msg("--impute-time, --max-time, --normalise-over and --time apply to a panel, and this "
                                 "table has one Time or none"), file=data, hint=msg("drop the option, or give a panel table"))
    if panel:
        result = run_panel(fw, table, pipeline, impute_time=impute_time, max_time=max_time,
                           normalise_over=normalise_over)
    else:
        result = run_pipeline(fw, table, pipeline)
    scored_as_score = zones is not None and pipeline is None and not panel  # a peer table's zones, as `score` ranks its zone
    said = saturated_columns(fw, result, zones, data) if scored_as_score else []  # the magnitude doubts are in zones.warnings
    doubts = [*zones.column_doubts, *said] if scored_as_score else []
    warnings = [*warnings, *(d.problem for d in said), *getattr(result, "problems", []),
                *_unscored(result.aggregated, table, fw, data, panel), *table_gaps(result.aggregated, fw, data, zones is not None, panel)]
    # Ranks are whole numbers (ties share the better one, as COINr's rank); a unit without a score has none.
    ranks = result.ranks.astype("Int64")
    whole = lambda rank: None if rank is pd.NA or rank is None else int(rank)  # noqa: E731
    if as_json:
        groups = ["index", *(g for g in fw.groups if g != "index")]
        ranked = [g for g in groups if g in ranks.columns]
        rows = result.aggregated.index
        # Whole columns to lists, zipped per unit: 324 000 `.at` look-ups at 27 000 zones were two-thirds of the run (bt17 F4)
        scores = result.aggregated[groups].to_numpy(dtype=float).tolist()
        rank_rows = ranks[ranked].astype(object).where(ranks[ranked].notna(), None).to_numpy().tolist()
        entries = zone_objects(full, result, zones, rules, doubts) if scored_as_score else [{}] * len(rows)
        print_json("score-table", {
            "framework": {"id": fw.meta.id, "version": fw.meta.version, "path": str(fw.path), "sha256": fw.sha256},
            "pipeline": pipeline, "config": result.config, "panel": result.panel if panel else None,
            "units": [{"unit": str(u[0] if panel else u), "time": u[1] if panel else None,
                       "scores": dict(zip(groups, s)), "ranks": {g: whole(r) for g, r in zip(ranked, q)}, **e}
                      for u, s, q, e in zip(rows, scores, rank_rows, entries)],
            "synthetic": synthetic}, warnings)
    _warn(warnings)  # on stderr under --json too, as score's (bt17 F9): a pipe into jq still shows them
    if as_json:
        return
    if as_csv:
        table = result.aggregated.copy()
        table.insert(table.columns.get_loc("index") + 1, "rank", ranks["index"])
        if synthetic:  # every row says it is a synthetic zone's, as the bundled table's own `synthetic` column does
            table.insert(0, "synthetic", True)
        print_csv(csv_text(table, index=True, float_format=digits_15))
        return
    aggregated, ranks = result.aggregated, result.ranks
    if panel:
        times = aggregated.index.get_level_values("Time")
        shown = times.max() if at_time is None else at_time
        if shown not in set(times):
            raise ScorerError.at(msg("--time {at_time:g} is not in the panel", at_time=at_time), file=data,
                                 hint=msg("times: {names}", names=', '.join((f'{written(t)}' for t in sorted(set(times))))))
        aggregated, ranks = (t.xs(shown, level="Time") for t in (aggregated, ranks))
        out.print(tr(msg("Time {time}", time=written(shown))), markup=False)
    from scorer.messages import language

    view = Table(tr(msg("scored unit")), tr(msg("index")), tr(msg("Rank")),
                 *(fw.groups[g].name_zh if language() == "zh" else fw.groups[g].name_en or g for g in fw.top_groups))
    if synthetic:
        view.title = tr(msg("SYNTHETIC zones ({file}): generated figures, not real zones'", file=Path(data).name))
    order = aggregated["index"].sort_values(ascending=False).index
    shown = lambda value, digits: "—" if pd.isna(value) else f"{value:.{digits}f}"  # noqa: E731 (why: _unscored's warning)
    for unit in order:
        view.add_row(str(unit), shown(aggregated.at[unit, "index"], 2), shown(ranks.at[unit, "index"], 0),
                     *(shown(aggregated.at[unit, g], 2) for g in fw.top_groups))
    out.print(view)


def _unscored(aggregated, table, fw, data: Path, panel: bool) -> list[Problem]:
    """A warning for each unit (and time, in a panel) without an overall score, hence without a rank (the terminal
    shows — for it, JSON null): how many of the framework's indicators the table gives it a figure for."""
    raw = table.set_index("Time", append=True) if panel else table
    columns = [i for i in fw.indicators if i in raw.columns]
    given = raw[columns].notna().sum(axis=1)
    problems = []
    for key in aggregated.index[aggregated["index"].isna()]:
        told = dict(given=int(given.get(key, 0)), count=len(fw.indicators))
        problems.append(Problem(
            msg("unit {unit}, Time {time:g}: no overall score, so no rank ({given} of {count:# indicator|# indicators} {given:has|have} a figure "
                "in the table)", unit=str(key[0]), time=key[1], **told) if panel else
            msg("unit {unit}: no overall score, so no rank ({given} of {count:# indicator|# indicators} {given:has|have} a figure in the table)",
                unit=str(key), **told),
            Location(file=data), hint=msg("give the unit's figures, or leave it out of the table"), severity="warning",
            code="unit_unscored"))
    return problems


peers_app = LocalTyper(no_args_is_help=True, help="The default (SYNTHETIC) peer set: rebuild it from the yardsticks.")
app.add_typer(peers_app, name="peers")


@peers_app.command("build")
def peers_build(year: int = typer.Option(..., "--year", help="Data year of the yardsticks to calibrate to, e.g. 2023.",
                                         callback=number(at_least=2000, at_most=2100)),
                output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                      help="CSV to write (default: the bundled indicators/peers/central-synthetic.csv); "
                                                           "its metadata YAML goes beside it."),
                model: Optional[Path] = typer.Option(None, "--model", help="Peer model YAML (default: indicators/peers/model.yaml)."),
                framework: Optional[Path] = FrameworkOpt):
    """Generate the SYNTHETIC central-region peer set from the yardsticks (deterministic: seeded)."""
    from scorer.framework.model import load_framework
    from scorer.score.peer_model import build_peers, write_peers
    from scorer.score.peers import default_peers

    from scorer.score.peer_model import default_model

    fw = load_framework(framework)
    target = Path(output or default_peers())
    # the table and its sidecar YAML are written beside each other: neither may be the model or the framework read
    # (-o yardsticks.csv wrote its sidecar over yardsticks.yaml, an input of this very run): every YAML file a
    # run reads, beside the framework and among the bundled ones, by name — not input_files' whole indicators/
    # folder, whose peer table is this command's default output.
    from scorer.resources import indicators_dir

    read = ("framework.yaml", "fields.yaml", "yardsticks.yaml", "rules.yaml", "effort.yaml", "exchange_rates.yaml",
            "glossary.yaml")
    check_outputs([target, target.with_suffix(".yaml")],
                  [Path(model or default_model()), fw.path, *([fw.fields_path] if fw.fields_path else []),
                   *([fw.yardsticks_path] if fw.yardsticks_path else []),
                   *(folder / name for folder in {fw.path.parent, indicators_dir()} for name in read)],
                  ["peers.csv", "peers.yaml"])
    check_suffix(target, "CSV", ".csv")  # its sidecar YAML is named after it
    built = build_peers(year, fw, model)
    # The table is read back as every command reads it (load_peers: its scale, cells and claims) before it is
    # written where a run reads it: it wrote a table its own claims check then refused, exit 0.
    import tempfile

    from scorer.score.peers import load_peers

    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / target.name
        write_peers(built, trial)
        try:
            load_peers(trial, fw)
        except ScorerError as exc:
            from dataclasses import replace

            said = Problem(msg("the table built from {model} fails the checks every peer table passes (below): nothing "
                               "was written", model=Path(model or default_model()).name),
                           Location(file=Path(model or default_model())),
                           msg("correct the model (or the yardsticks it cites) and build again"))
            raise ScorerError([said] + [replace(p, location=replace(p.location, file=target.with_suffix(
                Path(str(p.location.file)).suffix))) if p.location is not None and p.location.file is not None
                and Path(str(p.location.file)).parent == Path(tmp) else p for p in exc.problems]) from None
    with finishing():
        csv_path, meta_path = write_peers(built, target)
    means = ", ".join(f"{i} {built.table[i].mean():,.4g}" for i in ("gdp_amount", "tax_revenue", "trade_amount", "fdi_amount")
                      if i in built.table)
    out.print(tr(msg("wrote {csv} and {meta}: {n:# SYNTHETIC zone|# SYNTHETIC zones} ({year}); means: {means}", csv=csv_path,
                     meta=meta_path.name, n=len(built.table), year=year, means=means)), markup=False)
    _warn(built.warnings or [])
    for p in built.placements:
        told = dict(zone=both(p.zone_en or p.zone, p.zone), national=p.national_rank, central=p.central_position)
        placed = (msg("  {zone}: national rank {national} → central position {central}", **told)
                  if p.published_central_rank else
                  msg("  {zone}: national rank {national} → central position {central} (interpolated)", **told))
        out.print(tr(placed), markup=False)
