"""Issue 12 §8's message points (i12b, bt12g §8): one error a line for a target that cites nothing (it gave two:
'cites no yardstick entry …' and '… cites nothing: the value cannot be checked'); a typo in a peer-model citation is
named as one, with the closest id ('did you mean …'), not 'add the 2023 figure'; a year not in the yardsticks keeps
its hint."""

from __future__ import annotations


import pytest

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from tests.test_cited_chain import _copy


def _target_cites(text: str, ind: str) -> str:
    start = text.index(f"- id: {ind}\n")
    t = text.index("cites:", text.index("target:", start))
    return text[t:text.index("\n", t)]


@pytest.mark.parametrize("ind", ["tax_revenue", "gdp_growth", "rd_intensity"])
def test_a_target_citing_nothing_is_one_error_at_its_line(tmp_path, ind):
    from tests.conftest import ROOT

    text = (ROOT / "indicators" / "framework.yaml").read_text(encoding="utf-8")
    cites = _target_cites(text, ind)
    dest = tmp_path / ind
    dest.mkdir()
    edited = _copy(dest, {})
    body = text.replace(cites, "cites: []", 1) if text.count(cites) == 1 else None
    if body is None:  # the same cites line elsewhere: edit this indicator's only
        start = text.index(f"- id: {ind}\n")
        k = text.index(cites, start)
        body = text[:k] + "cites: []" + text[k + len(cites):]
    (edited / "framework.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_framework(edited / "framework.yaml")
    lines = [p.location.line for p in exc.value.problems]
    assert len(lines) == len(set(lines)), [p.render() for p in exc.value.problems]
    assert any(ind in str(p.message) for p in exc.value.problems)


def test_a_typo_in_a_peer_model_citation_is_named_with_the_closest_id(tmp_path):
    from scorer.score.peer_model import check_model

    dest = _copy(tmp_path, {})
    model = dest / "peers" / "model.yaml"
    text = model.read_text(encoding="utf-8")
    line = next(s for s in text.splitlines() if s.strip().startswith("tax_revenue:"))
    model.write_text(text.replace(line, line.replace("central_YYYY_tax_mean", "central_YYYY_tax_mian")), encoding="utf-8")
    problems = check_model(load_framework(dest / "framework.yaml"), 2023, model)
    said = [p for p in problems if "tax_mian" in str(p.message) and "does not have" in str(p.message)]
    assert said, [p.render() for p in problems]
    assert all("central_YYYY_tax_mean" in str(p.hint) and "did you mean" in str(p.hint) for p in said)
    assert all("是否应为" in (p.hint_zh or "") for p in said)


def test_a_year_without_figures_keeps_its_hint(framework):
    from scorer.score.peer_model import check_model

    problems = check_model(framework, 2022)
    # bt12i F2: a year the yardsticks hold no release of is said once, its hint naming the year to add or to build
    missing = [p for p in problems if "no 2022 release" in str(p.message)]
    assert len(missing) == 1 and all("add the 2022 release" in str(p.hint) and "2023" in str(p.message) for p in missing)


@pytest.mark.parametrize("ind, squeeze", [("fdi_growth", 0.2), ("gdp_growth", 5.0)])
def test_a_rate_column_off_in_spread_is_told_as_a_spread(framework, tmp_path, ind, squeeze):
    """bt12g §8: a growth column whose spread is off the model's was told with the level's tolerance (−80–70 %) in the
    sentence and labelled (magnitude); now kind spread, in a spread's words, narrower or wider."""
    import pandas as pd

    from scorer.score.peer_magnitude import doubt_names
    from scorer.score.peers import default_peers, load_peers
    from tests.test_peer_claims import copy_table

    t = pd.read_csv(default_peers(), encoding="utf-8-sig")
    x = t[ind]
    path = copy_table(tmp_path, f"sq{squeeze}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table[ind] = (x.mean() + (x - x.mean()) * squeeze).round(3).map(repr)
    table.to_csv(path, index=False)
    peers = load_peers(path, framework)
    [d] = [d for d in peers.column_doubts if d.indicator == ind]
    assert d.kind == "spread" and "(spread)" in str(doubt_names([d])) and "离散程度" in doubt_names([d]).zh
    said = str(d.problem.message)
    assert "tolerance" not in said and ("narrower" if squeeze < 1 else "wider") in said
    assert "标准差" in d.problem.message_zh


def test_a_rules_file_is_told_every_fault_at_once(framework, tmp_path):
    """bt12g §8: a rules file with a citation that does not resolve was told only that; the values disagreeing with
    their citations (exports 2.5 for the source's 25 亿美元) came at the next run. Now both in one refusal."""
    import shutil

    from scorer.score.rules import load_rules
    from tests.conftest import ROOT

    path = tmp_path / "rules.yaml"
    shutil.copy(ROOT / "indicators" / "rules.yaml", path)
    text = path.read_text(encoding="utf-8")
    for old, new in (("    cites: [historic_2010_tax]\n", "    cites: [historic_2010_taks]\n"),
                     ("    value: 25\n    unit: 亿美元\n", "    value: 2.5\n    unit: 亿美元\n")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_rules(path, framework)
    said = [p.render() for p in exc.value.problems]
    assert any("historic_2010_taks" in s for s in said), said
    assert any("2.5" in s and "25" in s and "historic_2010_exports" in s for s in said), said
