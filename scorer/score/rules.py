"""Readiness rules (YAML) applied to a scored zone and its standing → a verdict with every rule's result."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Literal, Optional

import numpy as np
from pydantic import Field, model_validator

from scorer.framework import formula as fx
from scorer.score.engine import ScoreResult, evaluate_formula
from scorer.errors import Location, Problem, ScorerError
from scorer.framework.model import Framework, Target, _Strict, load_model
from scorer.score.panel import Panel
from scorer.score.peers import Standing
from scorer.resources import indicators_dir
from scorer.yamlio import line_of

OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}


class Threshold(_Strict):
    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    name_zh: str
    name_en: str
    indicator: Optional[str] = None
    formula: Optional[str] = None
    op: Literal[">=", ">", "<=", "<"]
    value: float
    unit: str = ""
    source: str
    source_en: str = ""
    confidence: Literal["high", "medium", "low"]

    @model_validator(mode="after")
    def _one_subject(self) -> "Threshold":
        if (self.indicator is None) == (self.formula is None):
            raise ValueError("a threshold names either `indicator:` or `formula:`; hint: give exactly one of them")
        return self


class RulesFile(_Strict):
    name_zh: str
    name_en: str
    overall_min: Optional[Target] = None
    category_min: Optional[Target] = None
    rank_share_max: Optional[Target] = None
    thresholds: list[Threshold] = []


@dataclass
class RuleResult:
    id: str
    name_zh: str
    name_en: str
    value: float | None
    op: str
    threshold: float
    unit: str
    passed: bool | None  # None: could not be judged (missing data)
    source: str
    confidence: str
    source_en: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Verdict:
    name_zh: str
    ready: bool | None  # None when some rule could not be judged and none failed
    rules: list[RuleResult]
    name_en: str = ""
    doubtful: list[str] = field(default_factory=list)  # ids of indicators left out or capped as doubtful

    @property
    def on_doubtful_data(self) -> bool:
        """Whether the verdict was reached with some of the quarter's figures doubtful (say so beside it)."""
        return bool(self.doubtful)

    @property
    def label_zh(self) -> str:
        if self.ready:
            return "基本具备升级条件（估算）"
        if self.ready is None:
            return "数据不足，暂无法判定"
        return "尚不具备升级条件"

    def as_dict(self) -> dict:
        return {"name_zh": self.name_zh, "ready": self.ready, "label_zh": self.label_zh,
                "on_doubtful_data": self.on_doubtful_data, "doubtful_indicators": list(self.doubtful),
                "rules": [r.as_dict() for r in self.rules]}


def default_rules() -> Path:
    return indicators_dir() / "rules.yaml"


@dataclass
class Rules:
    spec: RulesFile
    path: Path
    trees: dict[str, fx.Node]
    sha256: str = ""


def load_rules(path: Path | str | None, framework: Framework) -> Rules:
    path = Path(path) if path is not None else default_rules()
    doc, spec = load_model(path, RulesFile, "expected a mapping of rules")
    problems, trees = [], {}
    for k, t in enumerate(spec.thresholds):
        where = Location(file=path, line=line_of(doc, ("thresholds", k)))
        if t.indicator is not None and t.indicator not in framework.indicators:
            problems.append(Problem(f"threshold {t.id!r}: unknown indicator {t.indicator!r}", where,
                                    "name an indicator id of the framework"))
        if t.formula is not None:
            try:
                trees[t.id] = fx.parse(t.formula)
            except fx.FormulaError as exc:
                problems.append(Problem(f"threshold {t.id!r}: {exc}", where, exc.hint))
                continue
            unknown = [n.name for n in fx.names(trees[t.id]) if n.name not in framework.fields]
            if unknown:
                problems.append(Problem(f"threshold {t.id!r}: unknown field {unknown[0]!r}", where,
                                        "formulas use the raw fields of fields.yaml"))
    if problems:
        raise ScorerError(problems)
    import hashlib

    return Rules(spec, path, trees, hashlib.sha256(path.read_bytes()).hexdigest())


def judge(rules: Rules, result: ScoreResult, panel: Panel, standing: Standing | None,
          doubtful_fields: Collection[str] = ()) -> Verdict:
    """Apply the readiness rules to the reported quarter.

    A threshold over raw figures that reads a doubtful one (`doubtful_fields`) is not judged: a
    slipped unit must not pass (or fail) a threshold.
    """
    spec = rules.spec
    out: list[RuleResult] = []

    def add(id_, zh, en, value, op, target: Target | float, unit=""):
        threshold = target.value if isinstance(target, Target) else float(target)
        ok = None if value is None or not np.isfinite(value) else bool(OPS[op](value, threshold))
        out.append(RuleResult(id_, zh, en, None if ok is None else float(value), op, threshold, unit, ok,
                              getattr(target, "source", ""), getattr(target, "confidence", ""),
                              getattr(target, "source_en", "")))

    if spec.overall_min is not None:
        add("overall_min", "综合得分", "Overall score", result.overall, ">=", spec.overall_min, "分")
    if spec.category_min is not None:
        for g in result.groups:
            add(f"category_min_{g.id}", f"{g.name_zh}得分", f"{g.name_en} score", g.score, ">=", spec.category_min, "分")
    if spec.rank_share_max is not None and standing is not None:
        name = f"对照样本中得分高于本区的比例（{'合成样本' if standing.synthetic else standing.peer_name}）"
        add("rank_share_max", name, "Share of peers scoring higher", standing.share_ahead, "<=", spec.rank_share_max)
    values = {i.id: i.value for i in result.indicators}
    for t in spec.thresholds:
        if t.indicator is not None:
            value = values.get(t.indicator)
        elif set(result.framework.fields_read(rules.trees[t.id])) & set(doubtful_fields):
            value = None
        else:
            value = float(evaluate_formula(result.framework, panel, rules.trees[t.id], [result.period])[0])
        add(t.id, t.name_zh, t.name_en, value, t.op,
            Target(value=t.value, source=t.source, source_en=t.source_en, confidence=t.confidence), t.unit)
    judged = [r.passed for r in out]
    ready = False if False in judged else (None if None in judged else True)
    return Verdict(spec.name_zh, ready, out, spec.name_en)
