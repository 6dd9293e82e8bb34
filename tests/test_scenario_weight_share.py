"""A scenario weight is its part's share as written (bt16h F5): `opening: 100%` gave opening 59 % of the overall
and `opening: 35%` 33 % (the siblings kept their weights and all were rescaled). Now the part given has the share
written and the parts not given share the rest in their framework proportions; weights that leave the other parts
nothing are warned of at their line."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, run_cli
from scorer.framework.model import load_framework

FW = load_framework()
CATEGORIES = {g: grp.weight for g, grp in FW.groups.items() if grp.parent == "index"}


def _compare(tmp_path, scenarios: dict[str, str]) -> dict:
    paths = []
    for name, weights in scenarios.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"name: {name}\nweights:\n" + "".join(f"  {line}\n" for line in weights.split(";")),
                        encoding="utf-8")
        paths.append(path)
    done = run_cli("--lang", "en", "compare", EXAMPLES, *paths, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_category_weight_is_its_share_of_the_overall(tmp_path):
    """Every category, at several shares (two at once too): the overall is the share written of that category's
    score plus the rest over the others in their framework proportions."""
    given = {f"{c}_{p}": {c: p} for c in CATEGORIES for p in (5, 35, 80)}
    first, second = list(CATEGORIES)[:2]
    given["two"] = {first: 40, second: 25}
    out = _compare(tmp_path, {name: ";".join(f"{c}: {p}%" for c, p in w.items()) for name, w in given.items()})
    for sc in out["scenarios"]:
        weights = given[sc["name"]]
        cats = {c["id"]: c["score"] for c in sc["categories"]}  # score's Category objects (issue 11 item 7)
        shown = {c["id"]: c["weight"] for c in sc["categories"]}  # the scenario's own weights, not the framework's
        assert all(shown[c] == pytest.approx(p / 100) for c, p in weights.items()), (sc["name"], shown)
        assert sum(shown.values()) == pytest.approx(1)
        rest = [c for c in CATEGORIES if c not in weights]
        left = 1 - sum(weights.values()) / 100
        others = sum(CATEGORIES[c] * cats[c] for c in rest) / sum(CATEGORIES[c] for c in rest)
        expected = sum(p / 100 * cats[c] for c, p in weights.items()) + left * others
        assert sc["overall"]["score"] == pytest.approx(expected, abs=1e-9), (sc["name"], sc["overall"], expected)


def test_the_framework_weight_written_changes_nothing(tmp_path):
    total = sum(CATEGORIES.values())
    out = _compare(tmp_path, {c: f"{c}: {w / total * 100:.10g}%" for c, w in CATEGORIES.items()})
    for sc in out["scenarios"]:
        assert sc["overall"]["score"] == pytest.approx(out["baseline"]["overall"]["score"], abs=1e-9), sc["name"]


def test_weights_that_leave_the_others_nothing_are_warned_of_at_their_line(tmp_path):
    first, second = list(CATEGORIES)[:2]
    out = _compare(tmp_path, {"all": f"{first}: 100%", "split": f"{first}: 60%;{second}: 40%"})
    by_name = {sc["name"]: sc for sc in out["scenarios"]}
    cats = {c["id"]: c["score"] for c in by_name["all"]["categories"]}
    assert by_name["all"]["overall"]["score"] == pytest.approx(cats[first], abs=1e-9)
    for name in ("all", "split"):
        said = [p for p in out["problems"] if p["file"] and p["file"].endswith(f"{name}.yaml")]
        assert len(said) == 1 and said[0]["level"] == "warning" and said[0]["line"] == 3, said
        assert "no longer count" in said[0]["message_en"], said
        for other in list(CATEGORIES)[2:]:
            assert other in said[0]["message_en"]
