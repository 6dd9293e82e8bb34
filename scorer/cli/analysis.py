"""Command line for what-if analysis: scenarios, uncertainty and the path to the target (issue 5)."""

from __future__ import annotations

import re
import time
from contextlib import nullcontext
from pathlib import Path
from typing import List, Optional

import typer

from scorer.cli.app import (DrawsCheck, FirstOpt, FrameworkOpt, LandOpt, PeersOpt, PercentCheck, RulesOpt, SeedCheck,
                            Table, _warn, app, check_outputs, check_score_target, check_suffix, err, input_files, inputs_of, number,
                            number_pairs, out, pairs, print_json, tree_level, warn_read_next)
from scorer.atomic import finishing, is_special
from scorer.errors import Problem, ScorerError
from scorer.i18n import method_id
from scorer.messages import both, msg, N_, tr, written
from scorer.sheets import csv_text, digits_15, print_csv, table_writer

PeriodOpt = typer.Option(None, help="Quarter to analyse, e.g. 2022Q2, 2022年二季度 or 2022年1-6月 (default: latest).")
JsonOpt = typer.Option(False, "--json", help="Print the results as JSON.")


SCENARIO_SUFFIXES = (".yaml", ".yml")


def _scenario_folder(p: Path) -> bool:
    """A folder of scenario YAML files and no workbook: its scenarios, as a folder of workbooks is its workbooks."""
    from scorer.read.ingest import WORKBOOK_SUFFIXES

    if not p.is_dir():
        return False
    files = [f for f in p.iterdir() if (f.is_file() or is_special(f)) and not f.name.startswith(("~$", "."))]
    return any(f.suffix.lower() in SCENARIO_SUFFIXES for f in files) and \
        not any(f.suffix.lower() in WORKBOOK_SUFFIXES for f in files)


def scenario_files(paths: list[Path]) -> list[Path]:
    """The scenario files named, a folder of them expanded to its *.yaml / *.yml files (sorted, not recursively):
    `--scenario examples/scenarios` as `--scenario examples/scenarios/*.yaml`. A folder with none is refused."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if (f.is_file() or is_special(f)) and f.suffix.lower() in SCENARIO_SUFFIXES
                           and not f.name.startswith(("~$", ".")))
            if not found:
                raise ScorerError.at(msg("no scenario file (.yaml) in this folder"), file=p)
            out += found
        else:
            out.append(p)
    return out


def _split_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    scenarios = scenario_files([p for p in paths if p.suffix.lower() in SCENARIO_SUFFIXES or _scenario_folder(p)])
    data = [p for p in paths if p.suffix.lower() not in SCENARIO_SUFFIXES and not _scenario_folder(p)]
    if not data:
        raise ScorerError(Problem(msg("no baseline data: name the workbooks or their folder first"),
                                  hint=msg("e.g. scorer compare examples examples/scenarios/*.yaml")))
    return data, scenarios


def _score(value: float | None) -> str:
    from scorer import fmt

    return fmt.score(value)


def plan_conclusion(p, lang: str) -> str:
    """What the plan command answers, in one paragraph of `lang`: the conditions already met, the target out of reach
    (at most what, the best plan within the ranges, what is out of reach even alone), or the plan's effort and result;
    the terminal prints it around the steps, and --xlsx carries it (bt15i F2: an out-of-reach target left the
    workbook's 提升路径 empty, nothing saying why)."""
    from scorer import fmt
    from scorer.messages import both, msg

    if p.already_met or p.data_met:
        return p.met_in(lang)
    if not p.actions:
        parts = [msg("the target cannot be reached within the feasible ranges of effort.yaml: at most {best}", best=_best(p))
                 if p.max_overall is not None else msg("the target cannot be reached within the feasible ranges of effort.yaml")]
        if p.best_actions:
            parts.append(msg("the steps listed are the best plan within the ranges"))
        out_of_reach = [c.name_zh if lang == "zh" else c.name_en or c.name_zh for c in p.constraints if c.reachable_alone is False]
        if out_of_reach:
            parts.append(msg("not reachable even on its own: {names}",
                             names=both(", ".join(out_of_reach), "、".join(out_of_reach))))
        end = "。" if lang == "zh" else "."
        return ("；" if lang == "zh" else "; ").join(x.in_(lang).rstrip("。.") for x in parts) + end
    return msg("total effort {effort:.1f} units; re-scored {score}; verdict: {verdict}", effort=p.total_effort,
               score=fmt.score(p.overall_after), verdict=p.verdict_in(lang, after=True)).in_(lang)


def _best(p) -> str:
    """A plan's best overall score within the ranges, never shown rounded onto its target (71.96 is not "72.0")."""
    from scorer import fmt

    return fmt.distinct(p.max_overall, p.target, decimals=1)


def _delta(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:+.{digits}f}".replace("-", "−")
    return "0.0" if text in ("+0.0", "−0.0") else text


def _peer_note(synthetic: bool | None) -> str:
    return tr(msg(" (the rank's peers are a synthetic set: an estimate only)")) if synthetic else ""


# ------------------------------------------------------------------------------- compare
@app.command()
def compare(paths: List[Path] = typer.Argument(..., help="The baseline's workbooks or folder, then scenario YAML files."),
            framework: Optional[Path] = FrameworkOpt, period: Optional[str] = PeriodOpt,
            peers: Optional[Path] = PeersOpt, rules: Optional[Path] = RulesOpt,
            as_json: bool = JsonOpt, as_csv: bool = typer.Option(False, "--csv", help="Print the table as CSV."),
            xlsx: Optional[Path] = typer.Option(None, "--xlsx", help="Also write the results to this .xlsx workbook."),
            top: int = typer.Option(3, help="How many of the indicators that moved most to name per scenario.",
                                    callback=number(at_least=0, at_most=1000)),
            first_in_province: Optional[bool] = FirstOpt, land_use_2024: Optional[bool] = LandOpt):
    """Score scenarios against the baseline: overall and category scores, rank, verdict, what moved most."""
    from scorer.pipeline import run
    from scorer.score.rules import not_comparable_mark
    from scorer.whatif.scenario import compare as compare_scenarios
    from scorer.whatif.changes import load_scenarios

    data, files = _split_inputs(paths)
    if not files:
        raise ScorerError(Problem(msg("no scenario: name one or more scenario YAML files after the data"),
                                  hint=msg("see examples/scenarios/ for the format")))
    inputs = input_files(data, framework, peers, rules, *files)
    check_outputs([xlsx], inputs, ["comparison.xlsx"])
    warn_read_next([xlsx], data)
    if xlsx is not None:
        from scorer.cli.spreadsheets import check_xlsx_path  # pandas: only when a workbook is written

        check_xlsx_path(xlsx)
    r = run(data, framework, period, peers_path=peers, rules_path=rules,
            inputs=inputs_of(first_in_province, land_use_2024))
    scenarios = load_scenarios(files, r.framework)
    result = compare_scenarios(r, scenarios, top=top)
    cut = []  # texts cut to Excel's cell limit in the --xlsx, said as the run's warnings are (bt16i F6)
    if xlsx is not None:
        from scorer.cli.spreadsheets import write_comparison

        with finishing():  # its last output: a signal from its rename on lets compare finish (scorer.atomic)
            cut = write_comparison(xlsx, result)
    if as_json:
        print_json("compare", result.as_dict(), r.warnings + result.warnings + cut)
    elif as_csv:
        print_csv(csv_text(result.to_frame(), float_format=digits_15))
    else:
        _print_comparison(r, result)
        if xlsx is not None:
            out.print(tr(msg("wrote {output}", output=xlsx)), markup=False)
    _warn(r.warnings + result.warnings + cut)


def _print_comparison(r, result) -> None:
    """compare's table and notes in the language in use."""
    from scorer import fmt
    from scorer.i18n import translator
    from scorer.messages import language
    from scorer.score.rules import not_comparable_mark

    fw, lang = r.framework, language()

    def name(x) -> str:
        return x.name_zh if lang == "zh" else x.name_en or x.name_zh

    head = msg("{period} scenarios compared", period=result.period)
    note = msg(" (the baseline is the quarter's actual figures; a scenario changes only this quarter's data)")
    from rich.markup import escape

    out.print(f"[bold]{escape(tr(head))}[/bold]" + escape(tr(note) + _peer_note(result.synthetic_peers)), markup=True)
    view = Table(tr(msg("Scenario")), name(fw.groups["index"]), tr(msg("vs baseline")),
                 *(name(fw.groups[g]) for g in fw.top_groups), tr(msg("Estimated rank")), tr(msg("Verdict")),
                 tr(msg("Indicators that moved most (points of the overall score)")))
    from rich.cells import cell_len

    # a scenario's name whole: on one line up to 40 columns, folded beyond (never cut with …)
    view.columns[0].overflow = "fold"
    view.columns[0].min_width = min(40, max(cell_len(o.name) for o in result.outcomes))
    for o in result.outcomes:
        move = fmt.rank_move(o.change_rank)
        rank = "—" if o.rank is None else f"{o.rank}/{o.of}" + ((f"（{move}）" if lang == "zh" else f" ({move})") if move else "")
        failed = o.failed_rules if lang == "zh" else o.failed_rules_en
        verdict = (o.verdict_zh if lang == "zh" else o.verdict_en) + (
            "\n" + tr(msg("not met: {names}", names=both(", ".join(o.failed_rules_en), "、".join(o.failed_rules))))
            if failed else "")
        shown = translator(lang)("baseline") if o is result.baseline else o.name  # the baseline's name is ours, the others the user's
        view.add_row(shown, not_comparable_mark(_score(o.overall), not o.empty_scored, lang),
                     _delta(o.change_overall) if o is not result.baseline else "",
                     *(_score(o.categories[g]) + (f" ({_delta(o.change_categories[g])})"
                                                  if o is not result.baseline and o.change_categories[g] else "")
                       for g in fw.top_groups),
                     rank, verdict, "\n".join(f"{name(fw.indicators[m.id])} {_delta(m.points, 2)}" for m in o.moved))
    out.print(view)
    _print_doubts(fw, result.outcomes)
    for o in result.outcomes:  # each row's worst case when it rests on doubtful values (bt-i11 F4)
        if o.doubt_range is not None:
            from scorer.i18n import translator
            from scorer.messages import language

            shown = translator(language())("baseline") if o.scenario is None else o.name  # as in the table
            out.print(tr(msg("{row}: scored at their lowest the doubtful indicators give {worst}, at full marks {best}",
                             row=shown, worst=_score(o.doubt_range[0]), best=_score(o.doubt_range[1]))), markup=False,
                      style="bold red")
    from scorer.report.scenario_notes import changes_on_doubt

    for o in result.scenarios:  # a change that falls on a doubtful indicator moves nothing: said (bt11k F8)
        if (said := changes_on_doubt(fw, o)) is not None:
            out.print(tr(said), markup=False, style="bold red")
    _print_unjudged(r)
    for o in result.scenarios:
        if o.description:
            out.print(f"· {o.name}：{o.description}" if lang == "zh" else f"· {o.name}: {o.description}", markup=False)


def _print_doubts(fw, outcomes) -> None:
    """The cautions under the comparison (scorer.score.rules.doubt_caution), in the language in use: once when every
    row rests on the same doubtful values and lacks the same categories (scorer.score.rules.not_comparable_caution:
    each row its own, a scenario may fill a category the baseline lacks, or empty one), else per row."""
    from scorer.i18n import translator
    from scorer.messages import language
    from scorer.score.rules import doubt_caution

    lang = language()
    sets = {(tuple(o.doubtful), tuple(sorted(o.empty_scored.items()))) for o in outcomes}
    if sets == {((), ())}:
        return
    if len(sets) == 1:
        o = outcomes[0]
        out.print(doubt_caution(fw, o.doubtful, lang, list(o.empty_scored), o.empty_scored), markup=False, style="bold red")
        return
    for o in outcomes:
        if o.doubtful or o.empty_scored:
            shown = translator(lang)("baseline") if o.scenario is None else o.name  # as in the table
            out.print(f"{shown}{'：' if lang == 'zh' else ': '}"
                      f"{doubt_caution(fw, o.doubtful, lang, list(o.empty_scored), o.empty_scored)}", markup=False,
                      style="bold red")


def _print_unjudged(r) -> None:
    """Under a table whose verdict column is cut short: the conditions these peers cannot decide, and why."""
    from scorer.messages import language
    from scorer.score.rules import awaiting_in
    from scorer.whatif.scenario import fixed_conditions

    unjudged = [x for x in fixed_conditions(r) if x.passed is None and x.reason]
    if unjudged:
        said = msg("Note: {what}", what=both(awaiting_in(unjudged, "en"), awaiting_in(unjudged, "zh")))
        out.print(tr(said), markup=False)


# --------------------------------------------------------------------------- uncertainty
class _LazyProgress:
    """A rich progress bar on stderr that appears only once a run has taken over a second."""

    def __init__(self, label: str):
        self.label, self.start, self.bar, self.task = label, time.perf_counter(), None, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.perf_counter() - self.start < 1.0 or done >= total:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=err.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
def uncertainty(paths: List[Path] = typer.Argument(..., help="The baseline's workbooks or folder."),
                framework: Optional[Path] = FrameworkOpt, period: Optional[str] = PeriodOpt,
                peers: Optional[Path] = PeersOpt, rules: Optional[Path] = RulesOpt,
                draws: int = typer.Option(10_000, help="Number of draws (with --sobol, the total is rounded to a "
                                                       "Saltelli design near it).", callback=DrawsCheck),
                seed: Optional[int] = typer.Option(None, help="Random seed; the same seed repeats the same draws "
                                                              "(default: a new one, printed).", callback=SeedCheck),
                indicator_weights: float = typer.Option(25.0, help="± % on each indicator's weight.", callback=PercentCheck),
                group_weights: float = typer.Option(25.0, help="± % on each category's (group's) weight.",
                                                    callback=PercentCheck),
                level_weights: List[str] = typer.Option([], help="LEVEL=PERCENT, ± % for one level of the tree "
                                                                 "(1 or indicators, 2 or categories); repeatable.",
                                                        callback=number_pairs(tree_level, at_least=0, below=100)),
                normalisation: str = typer.Option("targets", help="Normalisations to draw from, comma-separated: "
                                                                  "targets (goalposts), peers (min-max across the "
                                                                  "peers: a different scale)."),
                imputation: str = typer.Option("locf,none,mean", help="Imputations to draw from, comma-separated."),
                measurement: float = typer.Option(5.0, help="± % measurement error on every raw figure of the quarter.",
                                                  callback=PercentCheck),
                field_error: List[str] = typer.Option([], help="FIELD=PERCENT, ± % for one field; repeatable.",
                                                      callback=number_pairs(str, at_least=0, below=100)),
                targets: float = typer.Option(1.0, help="× the targets' confidence spreads (high ±5 %, medium ±15 %, "
                                                         "low ±30 % of the floor→target distance); 0 holds them.",
                                              callback=number(at_least=0, at_most=3)),
                peer_levels: float = typer.Option(10.0, help="± % on the level of each peer indicator.",
                                                  callback=PercentCheck),
                peer_spreads: float = typer.Option(25.0, help="± % on the peers' spread around their median.",
                                                   callback=PercentCheck),
                cutoff: bool = typer.Option(True, "--cutoff/--no-cutoff", help="Vary the bottom-5 line (a region of "
                                                                               "55 or 68 zones) and the middle (45–55 %)."),
                sobol: bool = typer.Option(False, "--sobol", help="Also estimate first- and total-order Sobol indices."),
                export: Optional[Path] = typer.Option(None, "--export", help="Write every draw's parameters and "
                                                                             "results to this file: Parquet if it "
                                                                             "ends in .parquet, else CSV."),
                as_json: bool = JsonOpt,
                first_in_province: Optional[bool] = FirstOpt, land_use_2024: Optional[bool] = LandOpt):
    """Monte Carlo over weights, methods, measurement error and the calibration (targets, peers, cut-offs): score and rank intervals, chance of readiness."""
    from scorer.pipeline import run
    from scorer.whatif.uncertainty import check_assumptions, check_draws, monte_carlo

    check_draws(draws)

    data, files = _split_inputs(paths)
    if files:
        raise ScorerError(Problem(msg("{file}: uncertainty takes no scenario files", file=files[0]),
                                  hint=msg("use scorer compare for scenarios")))
    inputs = input_files(data, framework, peers, rules)
    check_outputs([export], inputs, ["draws.csv"])
    check_suffix(export, "CSV / Parquet", ".csv", ".parquet", ".pq")
    r = run(data, framework, period, peers_path=peers, rules_path=rules,
            inputs=inputs_of(first_in_province, land_use_2024))
    assumptions = check_assumptions({
        "indicator_weights": indicator_weights, "group_weights": group_weights,
        "level_weights": pairs(level_weights, tree_level),
        # by id or by the name the help and the report give it (目标值法, 沿用上期): bt15j F6
        "normalisation": [method_id(m.strip()) for m in re.split(r"[,，、]", normalisation) if m.strip()],
        "imputation": [method_id(m.strip()) for m in re.split(r"[,，、]", imputation) if m.strip()],
        "measurement": measurement, "measurement_fields": pairs(field_error),
        "targets": targets, "peer_levels": peer_levels, "peer_spreads": peer_spreads, "cutoff": cutoff}, r.framework)
    progress = _LazyProgress(tr(msg("Monte Carlo draws")))
    try:
        # Every draw goes to the export block by block as it is scored (memory holds one block), atomically.
        # finishing: the export is the command's one output (a signal from its rename on lets it finish)
        with finishing(), (table_writer(export, inputs=inputs) if export is not None else nullcontext()) as sink:
            result = monte_carlo(r, assumptions, draws, seed, sobol, progress, sink=sink)
    finally:
        progress.close()
    if as_json:
        print_json("uncertainty", result.as_dict(), r.warnings)
    else:
        _print_uncertainty(r, result)
        if export is not None:
            wrote = msg("wrote {output} ({n:# draw|# draws}; scorer.whatif.uncertainty.scenario_from_draw re-scores any row)",
                        output=export, n=format(result.n, ","))
            out.print(tr(wrote), markup=False)
    _warn(r.warnings)


def _method_named(method: str, lang: str) -> str:
    """A method id as the report names it in Chinese (目标值法, 沿用上期); in English the id, as typed."""
    from scorer.i18n import TEXT

    return TEXT[f"method_{method}"]["zh"] if lang == "zh" and f"method_{method}" in TEXT else method


def _field_named(r, field_id: str) -> str:
    """A statistic's Chinese label (实际使用外资金额) for its id, as the workbooks name it; the id when unknown."""
    fdef = r.framework.fields.get(field_id)
    return fdef.label if fdef is not None else field_id


def _print_uncertainty(r, u) -> None:
    """uncertainty's lines and tables in the language in use."""
    from rich.markup import escape

    from scorer import fmt
    from scorer.messages import language
    from scorer.score.rules import not_comparable_mark
    from scorer.whatif.uncertainty import ASSUMED_LEVEL

    fw, a, o, lang = r.framework, u.assumptions, u.overall, language()

    def name(x) -> str:
        return x.name_zh if lang == "zh" else x.name_en or x.name_zh

    sample = tr(msg("; quantiles from the first {kept:# draw|# draws} (the mean and the chance of readiness from them all)",
                    kept=format(u.sampled, ","))) if u.sampled not in (None, u.n) else ""
    head = msg("{period} uncertainty analysis", period=u.period)
    out.print(f"[bold]{escape(tr(head))}[/bold]" + escape(tr(msg(" ({n:# draw|# draws}, random seed {seed}{sample})",
                                                                n=format(u.n, ","), seed=u.seed, sample=sample))))
    lo, hi = _score(o.q05), _score(o.q95)  # one value when both ends print the same (fmt.value_span)
    out.print(tr(msg("{index}: nominal {nominal}, median {median}, 90% of the draws {span}",
                     index=both(fw.groups["index"].name_en, fw.groups["index"].name_zh), nominal=both(not_comparable_mark(_score(o.nominal), not u.empty_categories, "en"),
                                                                not_comparable_mark(_score(o.nominal), not u.empty_categories)),
                     median=_score(o.median), span=both(fmt.value_span(lo, hi, "", lang="en"), fmt.value_span(lo, hi, "")))),
              markup=False)
    if u.missing and u.doubt_range is not None:  # never filled from the peers in the draws (bt12i F5)
        from scorer.i18n import translator

        said = translator(lang)("h_missing", n=len(u.missing), items=translator(lang)("list_sep").join(u.missing_names(lang)),
                                worst=_score(u.doubt_range[0]), best=_score(u.doubt_range[1]))
        out.print(said[:1].upper() + said[1:] if lang == "en" else said, markup=False, style="bold red")
    if u.doubt_range is not None and u.doubtful:  # the draws leave the doubtful indicators out as the nominal run does (bt-i11 F4)
        out.print(tr(msg("the interval and the chance of readiness leave the doubtful indicators out: they do not include "
                         "the doubt; scored at their lowest the nominal is {worst}, at full marks {best}",
                         worst=_score(u.doubt_range[0]), best=_score(u.doubt_range[1]))), markup=False, style="bold red")
    if u.rank is not None:
        k = u.rank
        st = r.standing
        partial = st is not None and st.partial
        # a partial peer table: the rank is on the indicators it covers, not the overall score (said, as in score)
        basis = msg(" (on the score over the {compared} of {indicators:# indicator|# indicators} of the comparison table, not "
                    "the overall score)", compared=st.compared, indicators=st.indicators) if partial else ""
        sound = r.readiness is None or r.readiness.comparable  # doubtful peer columns or zone data: marked, as in score
        out.print(tr(msg("Estimated rank{basis}: nominal {nominal}, median {median}, 90% interval {interval} of {of}",
                         basis=basis, nominal=both(not_comparable_mark(str(k.nominal), sound, "en"),
                                                   not_comparable_mark(str(k.nominal), sound)),
                         median=format(k.median, ".0f"), of=u.of,
                         interval=both(fmt.rank_span(k.q05, k.q95, lang="en"), fmt.rank_span(k.q05, k.q95))))
                  + _peer_note(u.synthetic_peers), markup=False)
        if not sound:
            out.print(tr(r.readiness.doubt_line()), markup=False, style="bold red")
    undetermined = tr(msg("; besides, {share} of the draws cannot be judged for missing data",
                          share=fmt.probability(u.p_data_undetermined, 0, u.n))) \
        if u.p_data_undetermined and not u.undecided else ""
    data = ""
    if u.pending_inputs or u.failed_inputs:
        share = tr(msg("cannot be judged ({share} of the draws cannot be judged for missing data)",
                       share=fmt.probability(u.p_data_undetermined, 0, u.n))) if u.undecided else fmt.probability(u.p_data_ready, draws=u.n)
        data = tr(msg("; chance that every condition the data decide is met: {share}", share=share))
    if u.failed_inputs:
        failed = [x for x in r.verdict.rules if x.passed is False and x.role == "input"] if r.verdict is not None else []
        data += tr(msg(" ({names} given as not met, so no draw meets the conditions)",
                       names=both(", ".join(x.name_en or x.name_zh for x in failed), "、".join(u.failed_inputs))))
    nominal = r.verdict.label_in(lang) if r.verdict is not None else None
    if nominal is None:
        from scorer.whatif.scenario import verdict_label

        nominal = verdict_label(u.nominal_ready, lang=lang)
    out.print(tr(msg("Chance of meeting the upgrade conditions: {p} (nominal verdict: {verdict})", p=u.p_ready_in(lang),
                     verdict=nominal)) + data + undetermined, markup=False)
    if r.verdict is not None and (caution := r.verdict.caution(fw, lang)):  # doubtful data, a category dropped out
        out.print(caution, markup=False, style="bold red")
    cats = Table(*(tr(msg(h)) for h in (N_("Category"), N_("Nominal"), N_("Median"), N_("5th percentile"),
                                          N_("95th percentile"))))
    for g, d in u.categories.items():
        cats.add_row(name(fw.groups[g]), _score(d.nominal), _score(d.median), _score(d.q05), _score(d.q95))
    out.print(cats)
    if u.sobol is not None:
        view = Table(*(tr(msg(h)) for h in (N_("Assumption"), N_("First-order index S1 (overall score)"),
                                              N_("Total-effect index ST (overall score)"), N_("S1 (rank)"), N_("ST (rank)"))))
        by_rank = {s.assumption: s for s in (u.sobol_rank or [])}
        for s in u.sobol:
            k = by_rank.get(s.assumption)
            view.add_row(s.name_zh if lang == "zh" else s.name_en or s.assumption, f"{s.S1:.3f} ± {s.S1_conf:.3f}",
                         f"{s.ST:.3f} ± {s.ST_conf:.3f}", f"{k.S1:.3f}" if k else "—", f"{k.ST:.3f}" if k else "—")
        out.print(view)
        out.print(tr(msg("Sobol indices estimated with a Saltelli design (base sample {n}; ± is half the 95% "
                         "confidence interval)", n=u.sobol_base_samples)), markup=False)
    sep = "，" if lang == "zh" else ", "
    levels = sep.join(tr(msg("level {level} ±{x}%", level=lv, x=written(x))) for lv, x in sorted(a.level_weights.items()))
    parts = [tr(msg("indicator weights ±{x}%", x=written(a.indicator_weights))),
             tr(msg("group weights ±{x}%", x=written(a.group_weights)))
             + ((f"（{levels}）" if lang == "zh" else f" ({levels})") if levels else ""),
             # in Chinese the methods and statistics by their Chinese names, not their ids (bt15j F6)
             tr(msg("normalisation {methods}", methods="/".join(_method_named(m, lang) for m in a.normalisation))),
             tr(msg("imputation {methods}", methods="/".join(_method_named(m, lang) for m in a.imputation))),
             tr(msg("measurement error ±{x}%", x=written(a.measurement)))
             + "".join((f"（{_field_named(r, f)} ±{written(x)}%）" if lang == "zh" else f" ({f} ±{written(x)}%)")
                       for f, x in a.measurement_fields.items()),
             tr(msg("targets move with their confidence (high ±{high}%, medium ±{medium}%, low ±{low}% of the floor-to-target "
                    "distance)", high=written(5 * a.targets), medium=written(15 * a.targets), low=written(30 * a.targets)))
             if a.targets else tr(msg("targets held fixed (--targets 0)")),
             *([tr(msg("peer levels ±{x}% (indicators with published central figures), ±{y}% (assumed or scaled from national "
                           "means)", x=written(a.peer_levels),
                       y=written(min(a.peer_levels * ASSUMED_LEVEL, 90)))),
                tr(msg("peer spreads ±{x}%", x=written(a.peer_spreads)))] if u.synthetic_peers is not False else
               [tr(msg("the peer table is real data (not synthetic): its figures are not varied as assumptions"))]),
             tr(msg("regional cut-offs (the bottom-5 line scaled to a region of 55–68 zones, the middle 45%–55%)"))
             if a.cutoff else tr(msg("regional cut-offs held fixed (--no-cutoff: the bottom-5 line and the middle do not move)"))]
    out.print(tr(msg("Assumptions: {parts}", parts=sep.join(parts))), markup=False)


# ---------------------------------------------------------------------------------- plan
@app.command("plan")
def plan_cmd(paths: List[Path] = typer.Argument(..., help="The baseline's workbooks or folder."),
             framework: Optional[Path] = FrameworkOpt, period: Optional[str] = PeriodOpt,
             peers: Optional[Path] = PeersOpt, rules: Optional[Path] = RulesOpt,
             target: Optional[float] = typer.Option(None, help="The overall score to reach.", callback=number(at_least=0)),
             verdict: bool = typer.Option(False, "--verdict", help="Aim for the readiness verdict instead."),
             effort: Optional[Path] = typer.Option(None, help="Effort and feasible ranges YAML "
                                                              "(default: effort.yaml beside the framework)."),
             as_json: bool = JsonOpt,
             xlsx: Optional[Path] = typer.Option(None, "--xlsx", help="Also write the plan to this .xlsx workbook."),
             scenario: Optional[Path] = typer.Option(None, "--scenario", help="Also write the plan as a scenario YAML "
                                                                              "for scorer compare."),
             first_in_province: Optional[bool] = FirstOpt, land_use_2024: Optional[bool] = LandOpt):
    """The least-effort set of raw improvements that reaches --target SCORE or the --verdict."""
    from scorer.pipeline import run
    from scorer.whatif.plan import load_efforts
    from scorer.whatif.plan import plan as make_plan
    from scorer.whatif.changes import dump_scenario

    if target is not None and verdict:  # both given: say that only one may be (bt15j F11c), not that none was
        raise ScorerError(Problem(msg("--target and --verdict were both given: plan aims for one of them"),
                                  hint=msg("drop one: --target SCORE plans for an overall score, --verdict for the "
                                           "readiness conditions")))
    if target is None and not verdict:
        raise ScorerError(Problem(msg("say what to aim for: --target SCORE or --verdict (one of them)")))
    data, files = _split_inputs(paths)
    if files:
        raise ScorerError(Problem(msg("{file}: plan takes no scenario files", file=files[0]),
                                  hint=msg("the effort YAML goes with --effort")))
    inputs = input_files(data, framework, peers, rules, effort)
    check_outputs([xlsx, scenario], inputs, ["plan.xlsx", "plan.yaml"])
    warn_read_next([xlsx], data)
    check_suffix(scenario, "YAML", ".yaml", ".yml")
    if xlsx is not None:
        from scorer.cli.spreadsheets import check_xlsx_path  # pandas: only when a workbook is written

        check_xlsx_path(xlsx)
    r = run(data, framework, period, peers_path=peers, rules_path=rules,
            inputs=inputs_of(first_in_province, land_use_2024))
    check_score_target("--target", target, r.framework.meta.scale)
    efforts = load_efforts(effort, r.framework)
    p = make_plan(r, target, verdict, efforts)
    cut = []  # texts cut to Excel's cell limit in the --xlsx (bt16i F6)
    if xlsx is not None:
        from scorer.cli.spreadsheets import write_plan

        with finishing() if scenario is None or not p.actions else nullcontext():
            cut = write_plan(xlsx, p, plan_conclusion(p, "zh"))
    if scenario is not None and p.actions:
        with finishing():
            dump_scenario(p.as_scenario(), scenario, inputs)
    unwritten = []  # --scenario asked for and not written: said, never silent (bt16j F9)
    if scenario is not None and not p.actions:
        from scorer.errors import Location

        reach = not (p.already_met or p.data_met)
        unwritten = [Problem(msg("no scenario written to {file}: the target cannot be reached within the feasible "
                                 "ranges of effort.yaml", file=scenario) if reach else
                             msg("no scenario written to {file}: the goal is already met, nothing needs to change",
                                 file=scenario), Location(file=scenario),
                             msg("lower --target, or widen the ranges in effort.yaml") if reach else None,
                             "error" if reach else "warning", code="scenario_not_written")]
    if as_json:
        # what the command answers, as the terminal and the xlsx's 结论 sheet say it (one source: plan_conclusion)
        print_json("plan", {**p.as_dict(), "conclusion_zh": plan_conclusion(p, "zh"),
                            "conclusion_en": plan_conclusion(p, "en")}, r.warnings + cut + unwritten)
    else:
        _print_plan(r, p)
        for path in (xlsx, scenario if p.actions else None):
            if path is not None:
                out.print(tr(msg("wrote {output}", output=path)), markup=False)
    _warn(r.warnings + efforts.warnings + cut + ([] if as_json else unwritten))
    if any(u.severity == "error" for u in unwritten):
        raise typer.Exit(1)  # the output asked for is missing: a script's next step must not run on it


def _print_steps(r, actions, t, name: str, lang: str) -> None:
    """A plan's steps as a table: the measure, its effort, the overall score after it."""
    view = Table(t("col_step_no"), t("col_action"), t("col_effort"), tr(msg("{index} after", index=name)))
    labels = {f: (r.framework.fields[f].label if lang == "zh" else r.framework.fields[f].label_en or r.framework.fields[f].label)
              for f in r.framework.fields}
    for k, a in enumerate(actions, 1):
        view.add_row(str(k), a.text(lang, labels.get(a.field)), f"{a.effort:.1f}",
                     f"{_score(a.overall_after)}" + (f"（{_delta(a.points, 2)}）" if lang == "zh" else f" ({_delta(a.points, 2)})"))
    out.print(view)


def _print_plan(r, p) -> None:
    """The plan in the language in use: its table, verdicts and notes (the same words as the report's plan)."""
    from scorer.i18n import translator
    from scorer.messages import language

    from scorer import fmt
    from scorer.score.rules import not_comparable_mark

    lang, index = language(), r.framework.groups["index"]
    t, name = translator(lang), (index.name_zh if lang == "zh" else index.name_en)
    goal = p.goal_zh if lang == "zh" else p.goal_en
    from rich.markup import escape

    out.print(f"[bold]{escape(p.period)} {escape(t('plan_title', goal=goal))}[/bold]"  # the goal names a group: input
              + escape(tr(msg(" (now: {index} {score}; {verdict})", index=fmt.in_sentence(name, lang), score=not_comparable_mark(
                  _score(p.overall_before), r.verdict is None or r.verdict.comparable, lang),
                              verdict=fmt.in_sentence(p.verdict_in(lang, after=False), lang)))))
    if r.verdict is not None and (caution := r.verdict.caution(r.framework, lang)):  # doubtful, dropped out, carried over
        out.print(caution, markup=False, style="bold red")
    if p.doubt_range is not None:  # the overall it starts from rests on doubtful values: its worst case (bt-i11 F4)
        out.print(t("doubt_range", overall=_score(p.overall_before), worst=_score(p.doubt_range[0]),
                    best=_score(p.doubt_range[1])), markup=False, style="bold red")
    if p.already_met or p.data_met:
        out.print(p.met_in(lang), markup=False)
    elif not p.actions:
        out.print(tr(msg("the target cannot be reached within the feasible ranges of effort.yaml: at most {best}",
                         best=_best(p)) if p.max_overall is not None else
                     msg("the target cannot be reached within the feasible ranges of effort.yaml")), markup=False)
        if p.best_actions:
            out.print(tr(msg("the best plan within the ranges:")), markup=False)
            _print_steps(r, p.best_actions, t, name, lang)
        unreachable = [c.name_zh if lang == "zh" else c.name_en or c.name_zh for c in p.constraints
                       if c.reachable_alone is False]
        if unreachable:
            out.print(tr(msg("not reachable even on its own: {names}", names=both(", ".join(unreachable), "、".join(unreachable)))),
                      markup=False)
    else:
        _print_steps(r, p.actions, t, name, lang)
        mark = both(" (not comparable)", "（不可比）") if p.empty_categories else ""  # computed without whole categories
        rank = (tr(msg("; estimated rank {before} → {after}{mark}", before=p.rank_before, after=p.rank_after, mark=mark))
                if p.rank_before is not None and p.rank_after is not None else "")
        out.print(tr(msg("total effort {effort:.1f} units (one unit is about the work of raising foreign investment by 1%); "
                         "re-scored {index} {score}{rank}; verdict: {verdict}", effort=p.total_effort, index=name,
                         score=_score(p.overall_after), rank=rank, verdict=p.verdict_in(lang, after=True))), markup=False)
        if not p.reachable:
            out.print(tr(msg("note: re-scored, the plan still falls short of the target (at most about {best} within the "
                             "ranges)", best=_best(p)) if p.max_overall is not None else
                         msg("note: re-scored, the plan still falls short of the target")), markup=False, style="yellow")
    for note in p.notes:
        out.print(tr(msg("note: {note}", note=note)), markup=False)
