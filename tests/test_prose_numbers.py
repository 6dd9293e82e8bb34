"""A target's printed source text may not repeat a figure of an entry the target does not cite (bt12h F2).

Issue 12 point 1: targets cite yardstick entries instead of repeating numbers in prose, and a new year's release is a
new entry. A target moved to a new entry (value 75 citing central_2024_tax_mean) whose `source:` still said 约71亿元
passed validate, and the JSON and the report's appendix printed 75 beside a text saying 71 (2023). Each cited target
of the bundled framework is moved so here, its text left as it was."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.framework.yardsticks import load_yardsticks, prose_figures
from tests.conftest import ROOT

INDICATORS = ROOT / "indicators"


@pytest.mark.parametrize("text, unit, figures", [
    ("中部地区2023年区均税收收入约71亿元（商务部）", "亿元", [("71亿元", 71.0)]),
    ("区均实际使用外资约4,364万美元（中部55家）", "万美元", [("4,364万美元", 4364.0)]),
    ("约71亿元", "万元", [("71亿元", 710000.0)]),
    ("占进出口总额约29%（全国合计）；2022年", "%", [("29%", 29.0)]),
    ("全国区均研发机构65.5个（2023年）乘以0.79，约52个", "个", [("65.5个", 65.5), ("52个", 52.0)]),
    ("目标值未公开；取三成为经验设定", "%", [])])
def test_the_figures_a_text_states_in_the_target_s_unit(text, unit, figures):
    assert [(w, pytest.approx(v)) for w, v in prose_figures(text, unit)] == figures


def _cited_targets(framework, ys):
    """(indicator, the cited entry whose figure its source text states) for the bundled framework's targets."""
    out = []
    for ind in framework.indicators.values():
        t = ind.target
        for written, x in prose_figures(t.source or "", ind.unit) if t is not None and t.cites else []:
            entry = ys.entries.get(t.cites[0])
            if entry is not None and entry.value is not None and entry.unit == ind.unit and abs(entry.value - x) < 1e-9:
                out.append((ind.id, entry.id))
                break
    return out


def test_the_bundled_framework_states_only_figures_it_cites(framework):
    assert framework is not None  # load_framework runs the check: the bundled file passes it
    assert len(_cited_targets(framework, load_yardsticks())) >= 4  # FDI, trade, GDP, tax at least


def test_a_target_moved_to_a_new_release_with_its_old_text_is_refused(tmp_path, framework):
    ys = load_yardsticks()
    cases = _cited_targets(framework, ys)
    for ind_id, old in cases:
        dest = tmp_path / ind_id
        shutil.copytree(INDICATORS, dest)
        entries = yaml.safe_load((dest / "yardsticks.yaml").read_text(encoding="utf-8"))
        entry = next(e for e in entries["entries"] if e["id"] == old)
        new = dict(entry, id=old.replace("2023", "2024") if "2023" in old else old + "_2024",
                   year=int(entry.get("year", 2023)) + 1, value=round(float(entry["value"]) * 1.1, 2))
        with open(dest / "yardsticks.yaml", "a", encoding="utf-8") as fh:  # a new year's release: a new entry
            fh.write(yaml.safe_dump([new], allow_unicode=True, sort_keys=False).replace("\n", "\n  ").join(["  ", ""])
                     .rstrip() + "\n")
        text = (dest / "framework.yaml").read_text(encoding="utf-8")
        block = text.index(f"id: {ind_id}\n")
        head, tail = text[:block], text[block:]
        at = tail.index("target:")
        value = re.search(r"value: ([\d.]+)", tail[at:])
        cites = re.search(r"cites: \[([^\]]*)\]", tail[at:])
        tail = (tail[:at] + tail[at:at + value.start()] + f"value: {new['value']}" + tail[at + value.end():at + cites.start()]
                + f"cites: [{new['id']}{cites[1][len(old):]}]" + tail[at + cites.end():])
        (dest / "framework.yaml").write_text(head + tail, encoding="utf-8")
        with pytest.raises(ScorerError) as caught:
            load_framework(dest / "framework.yaml")
        said = [p for p in caught.value.problems if p.code == "prose_number_uncited"]
        assert said and old in said[0].message and ind_id in said[0].message, (ind_id, caught.value.problems)
        line = (dest / "framework.yaml").read_text(encoding="utf-8").splitlines()[said[0].location.line - 1]
        assert line.strip().startswith("source:"), line
