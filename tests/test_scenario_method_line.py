"""A method a scenario asks for that fails on the data is refused at the scenario's own line (bt16k F8: `methods:
{aggregation: geometric}` over an indicator scored 0 stopped with no file or line; the failure is data-dependent,
so it cannot be refused at load time, but the line of the `aggregation:` key is known)."""

from __future__ import annotations

from conftest import EXAMPLES, run_cli


def test_a_geometric_mean_over_a_zero_names_the_scenario_file_and_line(tmp_path):
    path = tmp_path / "几何.yaml"
    path.write_text("name: m6\ndescription: 几何平均\n\nmethods:\n  aggregation: geometric\n", encoding="utf-8")
    done = run_cli("compare", EXAMPLES, path, "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert f"{path.name}:5: error:" in done.stderr and "asked for by scenario 'm6'" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
