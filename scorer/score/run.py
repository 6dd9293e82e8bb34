"""Observations → the scored run: read the workbooks, build the panel, score every quarter, place the zone among its peers, apply the rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from scorer import fmt
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import both, msg
from scorer.framework.model import Framework, load_framework
from scorer.read.ingest import read  # noqa: F401  (scorer.score.run.read, as before)
from scorer.read.observation import IngestResult, rates_used
from scorer.score.doubt import doubtful_figures, figure_causes  # noqa: F401  (doubtful_figures: as before)
from scorer.score.rule_doubts import rule_doubt_problems
from scorer.resources import beside_framework
from scorer.score.engine import ScoreResult, score, shortfall
from scorer.score.panel import Panel
from scorer.score.peers import PeerSet, Standing, load_peers, standing
from scorer.score.readiness import Readiness, assess, province_order
from scorer.score.rules import Rules, Verdict, carried_over, judge, load_rules, merged_rates, rule_rates

PERIOD_RE = re.compile(r"^20\d{2}Q[1-4]$")
# What may appear in a quarter as analysts write it: 2023Q1, 2023年一季度, 2023年第1季度, 2023年1-3月, 2023年上半年.
_PERIOD_CHARS = re.compile(r"^[0-9年月份季度第一二三四五六七八九十〇零Qq\-—–~～至到上半前全累计末底止截\s]+$")  # 2022年3月末: as stock sheets head their columns


_QUARTER_MONTHS = re.compile(r"^(?P<y>20\d{2})\s*年?\s*(?P<a>\d{1,2})\s*[-—–~～至到]\s*(?P<b>\d{1,2})\s*月(份)?$")
_DASHED_QUARTER = re.compile(r"^(?P<y>20\d{2})\s*[-_/ ]\s*[Qq](?P<q>[1-4])$")


def parse_period(text: str) -> str:
    """A quarter as the user typed it (2023Q1, 2023年一季度, 2023年1-3月, 2023年上半年 …) → "2023Q1".

    The same reading as workbook titles (`scorer.read.ingest.find_period`); raises ScorerError with
    the accepted forms when the text is not one quarter.
    """
    import unicodedata

    from scorer.read.ingest import find_period

    clean = unicodedata.normalize("NFKC", str(text)).strip()
    # A quarter named by its own months (2022年4-6月, as single-quarter figures are headed) or 2022-Q2 is that quarter:
    # the option names which quarter to report, whatever the basis of its figures (bt15i F5: "not a quarter").
    if (m := _QUARTER_MONTHS.match(clean)) and int(m["b"]) in (3, 6, 9, 12) and int(m["a"]) == int(m["b"]) - 2:
        return f"{m['y']}Q{int(m['b']) // 3}"
    if m := _DASHED_QUARTER.match(clean):
        return f"{m['y']}Q{m['q']}"
    period, reason = find_period(clean) if _PERIOD_CHARS.match(clean) else (None, None)
    if period is None:
        raise ScorerError.at(msg("--period {text!r} is not a quarter", text=text) +
                             (both(f": {reason}", f"：{getattr(reason, 'zh', reason)}") if reason else ""),
                             hint=msg("write it like 2023Q1, 2023年一季度 or 2023年1-3月"))
    return period


@dataclass
class Run:
    """A zone scored: what was read, the quarterly panel, the scores, the rank among peers and the verdict.

    `result` holds every quarter's scores (`result.scores`: period × indicator, 0–100;
    `result.group_scores`: period × category plus `index`, 0–100) and the reported quarter's details
    (`result.indicators`, `result.groups`). The table methods below give the same numbers as pandas
    DataFrames; `as_dict()` gives what `scorer score --json` prints.
    """

    framework: Framework
    ingested: IngestResult
    panel: Panel
    result: ScoreResult
    standing: Standing | None = None
    peers: PeerSet | None = None
    verdict: Verdict | None = None
    readiness: Readiness | None = None
    told: list = field(default_factory=list)  # notes on what the scores are not (estimate_notes): terminal, JSON, report

    @property
    def period(self) -> str:
        """The quarter reported on, e.g. "2022Q4"."""
        return self.result.period

    @property
    def overall(self) -> float | None:
        """The reported quarter's overall score, 0–100 (None when no category could be scored)."""
        return self.result.overall

    def no_overall(self) -> Problem | None:
        """Why the reported quarter has no overall score, as a problem naming the workbooks; None when it has one.

        Without an overall score there is no rank, no margin and nothing to report, compare or plan for.
        """
        if self.result.overall is not None:
            return None
        have = sum(i.value is not None for i in self.result.indicators)
        return Problem(msg("no overall score can be computed for {period}: {have} of {total:# indicator|# indicators} {have:has|have} a value "
                           "in the workbooks, and no category can be scored; so there is no rank either",
                           period=self.result.period, have=have, total=len(self.result.indicators)),
                       Location(file=", ".join(Path(f).name for f in self.ingested.files) or None),
                       msg("add the statistics the warnings name (scorer ingest lists every value read)"))

    def require_overall(self) -> None:
        """Raise ScorerError (`no_overall`) when the reported quarter has no overall score."""
        problem = self.no_overall()
        if problem is not None:
            raise ScorerError(problem)

    def indicator_table(self) -> pd.DataFrame:
        """The reported quarter, one row per indicator (index: indicator id).

        Columns: name_zh, name_en, group (category id), unit, direction, value (in `unit`), target,
        floor, score (0–100), weight (share of the overall score, 0–1), points_lost,
        points_to_target (overall-score points), gap_to_target (in `unit`), imputed, target_source,
        target_confidence. Missing values are NaN.
        """
        cols = ["name_zh", "name_en", "group", "unit", "direction", "value", "target", "floor", "score", "weight",
                "points_lost", "points_to_target", "gap_to_target", "imputed", "target_source", "target_confidence"]
        rows = {i.id: {c: getattr(i, c) for c in cols} for i in self.result.indicators}
        return pd.DataFrame.from_dict(rows, orient="index", columns=cols).fillna(value=np.nan).infer_objects()

    def history_table(self) -> pd.DataFrame:
        """Every quarter scored (index: period, oldest first); columns: `index` (the overall score) and each category id, 0–100."""
        return self.result.group_scores[["index", *self.framework.top_groups]].copy()

    @property
    def warnings(self) -> list[Problem]:
        """Every warning of the run: what reading found (and the notes on what it left aside), what scoring
        dropped, what the peer set lacks."""
        peers = self.peers.warnings if self.peers is not None else []
        if self.standing is not None:  # a column saturated among the scores (peer_magnitude.saturated), said once
            peers = peers + [d.problem for d in self.standing.column_doubts if d.problem not in peers]
        if self.standing is not None and self.standing.unranked:  # "of N" counts the peers with a score (bt17h F4)
            peers = peers + [unranked_peers(self.standing.unranked, self.peers.path)]
        return self.ingested.warnings + self.ingested.notes + self.result.problems + peers + self.told

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the run, each a value with level, code and place (`Problem.as_dict`)."""
        return self.warnings

    @property
    def doubtful(self) -> list[Problem]:
        """The reported quarter's indicators not scored as computed, because a figure is doubtful."""
        return [p for p in self.result.problems if p.severity == "doubtful"]

    def as_dict(self) -> dict:
        """The scored zone as JSON-ready data: scores, gaps by points available, rank, verdict, configuration."""
        out = self.result.as_dict()
        out["problems"] = [p.as_dict() for p in self.problems]
        out["gaps"] = [{"id": i.id, "name_zh": i.name_zh, "name_en": i.name_en or i.name_zh, "points_lost": i.points_lost, "value": i.value,
                        "target": i.target, "unit": i.unit, "gap_to_target": shortfall(i),
                        "marginal_points": i.marginal_points}
                       for i in sorted(self.result.indicators, key=lambda i: -(i.points_lost or 0)) if i.points_lost]
        out["readiness"] = self.readiness.as_dict() if self.readiness else None
        out["standing"] = self.standing.as_dict() if self.standing else None
        out["verdict"] = self.verdict.as_dict() if self.verdict else None
        out["exchange_rates"] = merged_rates(rates_used(self.ingested.observations),
                                             rule_rates(self.rules, self.result.framework, self.result.period))
        if self.peers is not None:
            out["config"]["peers"] = self.peers.as_dict()
        if self.rules is not None:
            out["config"]["rules"] = {"path": str(self.rules.path), "sha256": self.rules.sha256}
        return out

    rules: Rules | None = None


def run(paths: Iterable[Path | str], framework_path: Path | str | None = None, period: str | None = None,
        strict: bool = False, peers_path: Path | str | None = None, rules_path: Path | str | None = None,
        across_peers: bool = False, with_peers: bool = True, hidden_sheets: bool = False,
        zone: str | None = None, inputs: dict[str, bool] | None = None) -> Run:
    """Read the workbooks and score every quarter they cover; details for `period` (default: latest).

    `paths`: workbooks (.xlsx/.xlsm/.xls/.csv) or folders of them, one zone's quarters. `period`:
    "2022Q2" style. The zone is also scored with a peer set (default: the bundled SYNTHETIC
    central-region set, labelled so in every output) for an estimated rank, and the readiness rules
    (default: indicators/rules.yaml) give a verdict. Returns a Run. Raises ScorerError for any
    problem in the user's input (workbooks, framework, peers, rules, period), naming file and place;
    workbooks of two zones are refused unless `zone` names the one to score. `hidden_sheets`: read
    hidden sheets too. `inputs`: the analyst's answers to the rules' input conditions (e.g. {"first_in_province": True});
    a condition not given is unknown. With peers, `Run.readiness` gives the estimated rank with an
    interval, the margins to the bottom-5 line and the median, the province standing and every
    condition with its evidence.
    """
    framework = load_framework(framework_path)
    from scorer.score.peer_magnitude import target_magnitudes

    if bad := target_magnitudes(framework):  # a target ~10× off its indicator's magnitude is refused (bt12 F6)
        raise ScorerError(bad)
    # The rules and peers beside the framework unless given (as `validate` checks them), else the bundled ones.
    rules_path = rules_path or beside_framework(framework.path, "rules")
    peers_path = peers_path or beside_framework(framework.path, "peers")
    ingested = read(paths, framework, strict, hidden_sheets, zone)
    panel = Panel.from_observations(ingested.observations, framework.fields)
    periods = panel.reported_periods()
    if not periods:
        raise ScorerError(Problem(msg("the workbooks hold no figure for any quarter of their own"),
                                  Location(file=", ".join(map(str, paths))), msg("check the workbooks' titles and headers")))
    if period is not None:
        period = parse_period(period)
        if period not in periods:
            raise ScorerError.at(msg("no workbook covers {period}; the workbooks cover {periods}", period=period,
                                     periods=", ".join(periods)))
    passed = []
    if period is None:  # not a later quarter holding only doubtful figures (a national export's, bt10g F4)
        period, passed = panel.zone_period(ingested.problems)
    result = score(framework, panel, periods, period, ingested.files, ingested.problems)
    if passed and period is not None:
        result.problems.insert(0, Problem(
            msg("reporting on {period}, not on {later}: every figure read for {later} is doubtful (see the warnings at "
                "their cells)", period=period, later="、".join(passed)), Location(file=", ".join(map(str, paths))),
            msg("to report on {later} all the same, pass --period {later}", later=passed[-1]), "warning",
            code="period_passed_over"))
    r = Run(framework, ingested, panel, result)
    if with_peers:
        r.peers = load_peers(peers_path, framework)
        zone = pd.Series({i.id: (np.nan if i.value is None else i.value) for i in result.indicators})
        from scorer.score.peer_rows import without_zone

        r.peers = without_zone(r.peers, ingested.zone_name(), zone)  # a zone is not its own peer (bt12g F4b)
        r.standing, _ = standing(framework, zone, r.peers, across_peers)
        if r.standing.score is None or not np.isfinite(r.standing.score) or result.overall is None \
                or not np.isfinite(result.overall):
            # No overall score of its own (too few indicators with data: the framework's min_share), or none
            # on the indicators the peers cover: no rank, no margins, however the partial comparison came out.
            r.standing = None
    rules = load_rules(rules_path, framework)
    r.rules = rules
    unknown = sorted(set(inputs or {}) - {c.id for c in rules.spec.inputs})
    if unknown:
        raise ScorerError(Problem(msg("unknown input condition {name!r}", name=unknown[0]), Location(file=rules.path),
                                  msg("the rules file's `inputs:` lists the conditions an analyst can give")))
    doubtful = figure_causes(list(ingested.problems) + result.problems)  # each with its cause: a rule says why
    if r.standing is not None:  # the zone's side of comparability: doubtful or dropped data that could move the rank
        from scorer.score.readiness import zone_rank_doubt

        r.standing.zone_doubt = zone_rank_doubt(result, r.standing)
    r.verdict = judge(rules, result, panel, r.standing, doubtful, inputs)
    r.verdict.doubtful = [f"{p.indicator}" for p in r.doubtful]
    r.verdict.empty_categories = [g.id for g in result.empty_categories]
    r.verdict.empty_scored = {g: result.scored_in(g) for g in r.verdict.empty_categories}
    r.verdict.carried = carried_over(result)
    if r.standing is not None:  # one verdict on comparability: the peers' side and the zone's (bt12g F2)
        from scorer.score.readiness import rank_doubt_text

        r.verdict.rank_doubt = rank_doubt_text(r.standing)
    if r.standing is not None:
        bottom = int(rules.spec.bottom_n.value) if rules.spec.bottom_n is not None else 5
        r.readiness = assess(r.standing, r.peers, r.verdict, rules.yardsticks, bottom)
    r.told = estimate_notes(r) + rule_doubt_problems(r.verdict, result.period)  # a condition a doubt left unjudged
    if strict:
        refuse_if_doubtful(r)
    return r


def estimate_notes(r: Run) -> list[Problem]:
    """Notes on what the scores are not, said wherever the run's warnings are (terminal, JSON), as page 2 of the
    report says them (bt12g: they reached the PDF only): growth rates at current prices scored against targets set at
    comparable prices (IndicatorResult.price_basis, yardsticks.md §5), and a quarter of one year ranked among peers
    calibrated to another (the peer set's `year:`); and, as warnings, targets hardly any of the region's peer zones reach
    or all but a few reach (`peer_magnitude.target_reach`)."""
    out = []
    current = [i for i in r.result.indicators if i.value is not None and i.price_basis == "nominal"]
    if current:
        out.append(Problem(msg("{items}: a current-price growth rate, not net of price changes, while the target is set "
                               "at comparable prices: the score may be too high",
                               items=both(", ".join(i.name_en or i.name_zh for i in current),
                                          "、".join(i.name_zh for i in current))),
                           hint=msg("give the comparable-price rate the statistics office publishes"), severity="note",
                           code="growth_current_prices"))
    year = int(r.period[:4])
    if r.readiness is not None and r.readiness.peer_year is not None and r.readiness.peer_year != year:
        out.append(Problem(msg("this quarter's data are of {year}; the peers are calibrated to {peer_year}: the rank "
                               "compares different years and is indicative only", year=year,
                               peer_year=r.readiness.peer_year), Location(file=r.peers.path) if r.peers else Location(),
                           msg("use a peer set of the data's year when one is published"), "note", code="peer_year"))
    if r.readiness is not None and r.standing is not None and (pairs := province_order(r.standing, r.peers, r.rules.yardsticks
                                                                                         if r.rules else None)):
        (a, b), n = pairs[0], len(pairs)
        out.append(Problem(
            msg("under this framework the peer table's {b} (national rank {rank_b}) scores above {a} ({rank_a}): the "
                "province's named zones no longer stand in their published order ({n:# such pair|# such pairs}), as the peer set placed "
                "them with another framework's scores; the zone is not placed among them", b=both(b["zone_en"], b["zone"]),
                rank_b=b["national_rank"], a=both(a["zone_en"], a["zone"]), rank_a=a["national_rank"], n=n),
            Location(file=r.peers.path), msg("rebuild the peer set with this framework (scorer peers build --year {year} -f "
                                             "{framework} -o PEERS.csv) and score with --peers PEERS.csv",
                                             year=r.readiness.peer_year or r.period[:4], framework=r.framework.path), "warning",
            code="province_out_of_order"))
    if r.peers is not None and r.standing is not None:  # peers scored without a figure: said as score-table says it
        out += peer_blanks(r.peers, r.framework)
    if r.peers is not None:  # a target few of the region's zones reach, or all but a few (a digit slipped inside its band)
        from scorer.score.peer_magnitude import target_reach

        out += target_reach(r.framework, r.peers)
    return out


def unranked_peers(names: list[str], path) -> Problem:
    """The warning that rows of a peer table have no overall score (too few figures: the framework's min_share) and are
    left out of the peers the zone is ranked among (its "of N"), naming them (the first ten, and how many more)."""
    return Problem(msg("{n:# row|# rows} of the peer table {n:has|have} no overall score (too few figures) and {n:is|are} not counted among the "
                       "peers the zone is ranked among: {names}", n=len(names), names=fmt.first_named(names)),
                   Location(file=path),
                   msg("give those zones' figures, or leave their rows out of the table"), "warning", code="peer_unranked")


def refuse_if_doubtful(r: Run) -> None:
    """Under --strict, refuse a run with any warning or doubtful value, from any stage (reading, scoring, the peer
    table): ScorerError naming each, after one line that says why. Notes never block."""
    blocking = [p for p in r.warnings if p.severity in ("warning", "doubtful", "error")]
    if not blocking:
        return
    doubtful = sum(p.severity == "doubtful" for p in blocking)
    head = Problem(msg("--strict: the run has {n:# warning|# warnings}, {doubtful} of them doubtful values not scored as true; "
                       "nothing was written", n=len(blocking), doubtful=doubtful),
                   hint=msg("correct the cells named below, or run without --strict to see the scores with the doubts "
                            "shown beside them"), code="strict")
    raise ScorerError([head] + [p.with_severity("error") for p in blocking])


def peer_blanks(peers, framework) -> list[Problem]:
    """One warning per indicator of the peer table that some peers have no figure for while others do: those peers are
    scored without it (its weight goes to their category's other indicators) and the zone is ranked among them so
    (bt11k F5: score-table said it, score and report did not). Cells left out as doubtful are said by their own
    problems and not counted here; nor is a column no peer has (the table's coverage)."""
    doubtful = set(peers.doubtful_rows)
    values = peers.values.loc[[u for u in peers.values.index if str(u) not in doubtful]]
    out = []
    for iid in values.columns:
        blank = values[iid].isna()
        if iid not in framework.indicators or blank.all() or not blank.any():
            continue
        ind = framework.indicators[iid]
        gone = [str(u) for u in values.index[blank]]
        out.append(Problem(msg("the peer table has no {indicator} ({name}) figure for {n:# peer|# peers}: {n:it is|they are} scored without it "
                               "(its weight goes to their category's other indicators) and the zone is ranked among them "
                               "so: {zones}", indicator=iid, name=both(ind.name_en or ind.name_zh, ind.name_zh), n=len(gone),
                               zones=fmt.first_named(gone)), Location(file=peers.path),
                           msg("give those peers' figures, or leave the column empty for every peer"), "warning",
                           code="peer_cells_blank"))
    return out
