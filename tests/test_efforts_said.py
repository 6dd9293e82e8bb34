"""bt13j F8: the 估算与假定 box calls the actions' ranges, departments and deadlines defaults only while they are the
bundled ones; after the analyst edits effort.yaml (a copy of indicators/ beside the framework) it says how many the
analyst set. Built here: a copy of indicators/ with one department and one deadline edited."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from tests.conftest import EXAMPLES, ROOT


def _assumed(r, lang):
    from scorer.pipeline import Analyses, actions
    from scorer.report import model as report_model

    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                       generated=dt.date(2026, 12, 1), lang=lang)
    view = report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, Analyses(actions=actions(r)),
                              r.problems, r.readiness, peers=r.peers)
    return " ".join(str(x) for x in view["brief"]["assumed"])


@pytest.mark.parametrize("lang, default, edited", [("zh", "为预设值", "已由分析人员设定"), ("en", "defaults", "the analyst's")])
def test_the_box_says_who_set_the_actions(sample_run, tmp_path, lang, default, edited):
    from scorer.pipeline import run

    cfg = shutil.copytree(ROOT / "indicators", tmp_path / "cfg")
    text = (cfg / "effort.yaml").read_text(encoding="utf-8")
    changed, n = re.subn(r"(?m)^(\s+)department: .*$", r"\1department: 投资促进局", text, count=1)
    assert n == 1
    (cfg / "effort.yaml").write_text(changed, encoding="utf-8")
    mine = run([EXAMPLES], framework_path=cfg / "framework.yaml")
    assert default in _assumed(sample_run, lang)
    said = _assumed(mine, lang)
    assert edited in said, said
