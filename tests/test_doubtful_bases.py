"""No action or plan step rests on a doubtful figure through the wholes its field adds to (bt11l F3).

The issue's own slip (进出口总额 typed in 亿元 into its 万元 row) left 进出口总额 itself out of the actions (bt11i F0), but
出口总额 and 高新技术产品进出口额 add to it (fields.yaml `adds_to`): their change moved the slipped 48.59 万元 and rebased
进出口总额增长率 on it, so the table said "出口总额 +0.00亿元 … +0.31分 一年内可达标" (a change 10 000 times too small), and
the scenario `plan --scenario` wrote was refused by `compare`."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, run_cli, slipped_total




def _doubt(run, fid):
    from scorer.errors import Location, Problem
    from scorer.messages import msg

    return Problem(msg("test"), Location(file="w.xlsx", sheet="s", cell="C7"), severity="doubtful",
                   code="unit_slip", field_id=fid, period=run.result.period)


def test_every_part_of_a_doubtful_whole_gets_no_action_and_a_note(sample_run):
    """For every whole of fields.yaml (`adds_to`, followed through wholes of wholes) made doubtful this quarter, every
    actionable field adding to it is left out, with a note naming the part and the whole."""
    from scorer.whatif.efforts import default_efforts, load_efforts, resolve_efforts, wholes_of
    from scorer.whatif.scenario import Baseline

    fw = sample_run.framework
    base = Baseline.from_run(sample_run)
    efforts = load_efforts(default_efforts(), fw)
    clean, _ = resolve_efforts(efforts, base)
    acting = [fe.field for fe in clean]
    wholes = sorted({w for f in acting for w in wholes_of(fw, f)})
    assert wholes, "the sample's actionable fields add to wholes (fields.yaml adds_to)"
    for whole in wholes:
        doubt = _doubt(sample_run, whole)
        sample_run.result.problems.append(doubt)
        try:
            kept, notes = resolve_efforts(efforts, base)
        finally:
            sample_run.result.problems.remove(doubt)
        kept = [k.field for k in kept]
        whole_label = fw.fields[whole].label_en or fw.fields[whole].label
        for part in [f for f in acting if whole in wholes_of(fw, f)]:
            assert part not in kept, (part, whole)
            label = fw.fields[part].label_en or fw.fields[part].label
            assert any(str(n).startswith(f"{label}:") and whole_label in str(n) and "doubtful" in str(n)
                       for n in notes), (part, whole, [str(n) for n in notes])


def test_a_field_feeding_a_doubtful_indicator_gets_no_action(sample_run):
    """Every indicator of the quarter made doubtful in turn: no actionable field it reads (nor a part of one) keeps
    an action, and the note names the indicator."""
    from scorer.score.doubt import figures_read
    from scorer.whatif.efforts import default_efforts, load_efforts, resolve_efforts, wholes_of
    from scorer.whatif.scenario import Baseline

    fw, period = sample_run.framework, sample_run.result.period
    base = Baseline.from_run(sample_run)
    efforts = load_efforts(default_efforts(), fw)
    acting = [fe.field for fe in resolve_efforts(efforts, base)[0]]
    tried = 0
    for ir in sample_run.result.indicators:
        tree = fw.indicators[ir.id].tree
        if tree is None:
            continue
        read = {f for f, q, _ in figures_read(fw, tree, period, None) if q == period}
        feeding = [f for f in acting if read & {f, *wholes_of(fw, f)}]
        if not feeding:
            continue
        tried += 1
        was = ir.doubtful
        ir.doubtful = True
        try:
            kept, notes = resolve_efforts(efforts, base)
        finally:
            ir.doubtful = was
        assert not set(feeding) & {k.field for k in kept}, (ir.id, feeding)
        assert any(ir.name_en in str(n) or fw.indicators[ir.id].name_en in str(n) for n in notes) or \
            any("doubtful" in str(n) for n in notes), ir.id
    assert tried >= 10


def test_the_slipped_total_s_parts_get_no_action_no_plan_step(tmp_path):
    folder = slipped_total(tmp_path / "w")
    score = run_cli("score", folder, "--json")
    assert score.returncode == 0, score.stderr
    data = json.loads(score.stdout)
    fields = [a["field"] for a in data["actions"]["actions"]]
    for part in ("trade_total", "exports", "hightech_trade"):
        assert part not in fields, (part, fields)
    assert any("Exports" in n and "Total imports and exports" in n for n in data["actions"]["notes_en"]), \
        data["actions"]["notes_en"]
    assert any(n.startswith("出口总额") and "进出口总额" in n for n in data["actions"]["notes"]), data["actions"]["notes"]
    plan = run_cli("plan", folder, "--target", "80", "--json")
    assert plan.returncode in (0, 1), plan.stderr
    steps = json.loads(plan.stdout)
    text = json.dumps(steps.get("steps") or steps.get("actions") or steps.get("best_actions") or [])
    assert "exports" not in text and "hightech_trade" not in text, text


@pytest.mark.parametrize("slipped", [True, False])
def test_a_plan_s_scenario_is_accepted_by_compare(tmp_path, slipped):
    """The scenario `plan --scenario` writes is always one `compare` scores (on the slipped and the clean sample)."""
    folder = slipped_total(tmp_path / "w") if slipped else EXAMPLES
    scen = tmp_path / "plan.yaml"
    plan = run_cli("plan", folder, "--target", "75", "--scenario", scen)
    assert plan.returncode in (0, 1), plan.stderr
    assert scen.exists(), plan.stdout + plan.stderr
    compare = run_cli("compare", folder, scen, "--json")
    assert compare.returncode == 0, compare.stdout + compare.stderr
    scenario = json.loads(compare.stdout)["scenarios"][-1]
    assert scenario["overall"] is not None
