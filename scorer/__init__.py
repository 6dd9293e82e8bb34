"""scorer: a development zone's statistics workbooks → readiness scores against the national ETDZ assessment → report.

The documented Python API (everything in ``__all__``; the command line is a thin layer over it)::

    import scorer
    run = scorer.run(["examples"])            # read every workbook, score every quarter
    run.overall                               # the reported quarter's overall score, 0–100
    run.indicator_table()                     # pandas DataFrame: one row per indicator
    run.history_table()                       # pandas DataFrame: one row per quarter
    scorer.report(run, "reports/zone.pdf")    # the Chinese PDF report

Errors in the user's input (a workbook, a YAML file, an option) raise ``scorer.ScorerError``, whose
``problems`` each name the file and the place (sheet and cell, YAML line) with a hint.
Names are imported lazily, so ``import scorer`` itself loads nothing heavy.
"""

from __future__ import annotations

from importlib import import_module

# Not `from typing import TYPE_CHECKING`: the console script imports this package first, and typing
# costs more than the rest of it (when Python runs this package as `python -m scorer`).
TYPE_CHECKING = False  # type checkers take this name as True

__all__ = ["run", "read", "report", "analyse", "load_framework", "Run", "Analyses", "Framework",
           "IngestResult", "Observation", "ScorerError", "Problem", "__version__"]

_WHERE = {
    "run": "scorer.score.run", "read": "scorer.score.run", "Run": "scorer.score.run",
    "report": "scorer.pipeline", "analyse": "scorer.pipeline", "Analyses": "scorer.pipeline",
    "load_framework": "scorer.framework.model", "Framework": "scorer.framework.model",
    "IngestResult": "scorer.read.observation", "Observation": "scorer.read.observation",
    "ScorerError": "scorer.errors", "Problem": "scorer.errors",
}

if TYPE_CHECKING:  # for type checkers and IDEs; at run time the names load on first use
    from typing import Any

    from scorer.errors import Problem, ScorerError
    from scorer.framework.model import Framework, load_framework
    from scorer.pipeline import Analyses, analyse, report
    from scorer.read.observation import IngestResult, Observation
    from scorer.score.run import Run, read, run


def _version() -> str:
    # importlib.metadata costs more than the rest of `scorer --help`'s start-up: read on first use only.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scorer")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> "Any":
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scorer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
