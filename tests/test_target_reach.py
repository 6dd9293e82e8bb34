"""A target hardly any of the region's zones reach, or all but a few reach, is warned of where the verdict is read
(issue 12: a verdict resting on a target off by a digit; a growth target of 5 typed 50 lies inside its rate band,
which `target_magnitudes` holds, yet only a few of the bundled peers reach it)."""

from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pytest

from conftest import EXAMPLES, ROOT, run_cli

INDICATORS = ROOT / "indicators"


def _with_target(tmp_path, indicator: str, value: float):
    """indicators/ copied into tmp_path with `indicator`'s target set to `value`; returns (framework path, its line)."""
    dest = tmp_path / "indicators"
    shutil.copytree(INDICATORS, dest)
    path = dest / "framework.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(k for k, s in enumerate(lines) if re.match(rf"\s*- id: {indicator}\s*$", s))
    at = next(k for k in range(start, len(lines)) if lines[k].strip() == "target:") + 1
    assert lines[at].strip().startswith("value:"), lines[at]
    lines[at] = re.sub(r"value: .*", f"value: {value}", lines[at])
    path.write_text("".join(lines), encoding="utf-8")
    return path, at + 1


def _bundled():
    from scorer.framework.model import load_framework
    from scorer.score.peers import load_peers

    fw = load_framework()
    return fw, load_peers(None, fw)


def test_default_targets_are_reached_by_some_peers_and_missed_by_others():
    """The claim REACH_SHARE rests on: each default target is reached by more than 1 in 10 of the bundled peers and
    missed by more than 1 in 10 (measured, not assumed), so the defaults raise no warning."""
    from scorer.score.peer_magnitude import REACH_SHARE, target_reach

    fw, peers = _bundled()
    assert peers.ranks_region
    checked = 0
    for ind, d in fw.indicators.items():
        if d.target is None or ind not in peers.values.columns:
            continue
        column = peers.values[ind].to_numpy(dtype=float)
        column = column[np.isfinite(column)]
        share = np.mean(column >= d.target.value) if d.direction == "higher" else np.mean(column <= d.target.value)
        assert REACH_SHARE < share < 1 - REACH_SHARE, (ind, share)
        checked += 1
    assert checked >= 25
    assert target_reach(fw, peers) == []


@pytest.mark.parametrize("side", ["rare", "easy"])
def test_a_target_off_the_peers_is_warned_at_its_line(tmp_path, side):
    """Any indicator's target set where at most 1 in 10 peers reach it (or miss it) is named, with its YAML line."""
    from scorer.framework.model import load_framework
    from scorer.score.peer_magnitude import target_reach
    from scorer.score.peers import load_peers

    fw, peers = _bundled()
    warned = 0
    # Targets of judgement (a cited one must match its figure). Set all but reachable, most other targets are refused
    # already (below their floor, or below the peer model's assumed level): GDP growth is left on that side.
    chosen = ("fdi_growth", "fdi_city_share", "trade_city_share", "energy_intensity") if side == "rare" else ("gdp_growth",)
    for ind in chosen:
        column = np.sort(peers.values[ind].dropna().to_numpy(dtype=float))
        lower = fw.indicators[ind].direction == "lower"
        # rare: beyond all but 2 zones on the better side; easy: beyond all but 2 on the worse side.
        better_end = column[1] if lower else column[-2]
        worse_end = column[-2] if lower else column[1]
        value = round(float(better_end if side == "rare" else worse_end), 3)
        path, line = _with_target(tmp_path / ind, ind, value)
        mine = load_framework(path)
        got = [p for p in target_reach(mine, load_peers(None, mine)) if p.code == "target_reach"]
        assert len(got) == 1, (ind, value, [p.message for p in got])
        p = got[0]
        assert p.severity == "warning" and ind in p.message and p.location.line == line
        assert ("rare" if side == "rare" else "easy") in p.message
        warned += 1
    assert warned == len(chosen)


def test_a_growth_target_slipped_inside_its_band_reaches_the_json(tmp_path):
    """FDI growth 5 typed 50: within the rate band (no refusal), warned in score's JSON problems and by validate."""
    path, line = _with_target(tmp_path, "fdi_growth", 50)
    score = run_cli("--lang", "en", "score", EXAMPLES, "-f", path, "--json")
    assert score.returncode == 0, score.stderr
    problems = [p for p in json.loads(score.stdout)["problems"] if p["code"] == "target_reach"]
    assert len(problems) == 1 and "fdi_growth" in problems[0]["message_en"]
    assert problems[0]["line"] == line and problems[0]["level"] == "warning"
    assert "目标" in problems[0]["message_zh"]
    check = run_cli("--lang", "zh", "validate", path)
    assert check.returncode == 0, check.stderr
    assert "fdi_growth" in check.stdout + check.stderr and "实际使用外资增长率" in check.stdout + check.stderr
