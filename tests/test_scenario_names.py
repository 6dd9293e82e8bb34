"""Scenarios that share a name, or take the baseline's (基准), are refused naming each file: compare --xlsx keys a
scenario's column by its name and showed one scenario's figures under both, or a scenario's under 基准 (bt16i F3)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("names", [("甲", "甲"), ("基准",), ("甲", "甲\\e"), ("乙 乙", "乙乙")])
def test_a_name_taken_twice_is_refused_naming_every_file(tmp_path, names):
    paths = []
    for k, name in enumerate(names):
        path = tmp_path / f"s{k}.yaml"
        path.write_text(f"name: \"{name}\"\nfields:\n  fdi_actual: +{10 * (k + 1)}%\n", encoding="utf-8")
        paths.append(path)
    done = run_cli("--lang", "zh", "compare", EXAMPLES, *paths, "--xlsx", tmp_path / "c.xlsx")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert all(f"{p}:1" in done.stderr for p in paths), done.stderr
    assert not (tmp_path / "c.xlsx").exists()


def test_names_of_their_own_are_compared(tmp_path):
    paths = []
    for k, name in enumerate(("甲", "乙")):
        path = tmp_path / f"s{k}.yaml"
        path.write_text(f"name: {name}\nfields:\n  fdi_actual: +{10 * (k + 1)}%\n", encoding="utf-8")
        paths.append(path)
    assert run_cli("compare", EXAMPLES, *paths).returncode == 0


def test_a_value_set_for_a_field_the_quarter_lacks_is_applied(tmp_path):
    """`rd_institutions: = 12` on a quarter without that row came out NaN and was dropped, the warning telling the
    user to "set a value with `= …`", which they had (bt16i F5). `= value` applies; `+5` still cannot, said at its line."""
    import json
    import shutil

    import openpyxl

    book = tmp_path / "w" / "周口经开区主要统计指标_2022年1-12月.xlsx"
    book.parent.mkdir()
    shutil.copy(next(EXAMPLES.glob("*2022年1-12月.xlsx")), book)
    wb = openpyxl.load_workbook(book)
    ws = wb["科技与园区"]
    row = next(r for r in range(1, ws.max_row + 1) if "研发机构" in str(ws.cell(r, 1).value or ""))
    ws.delete_rows(row)
    wb.save(book)
    setting, adding = tmp_path / "set.yaml", tmp_path / "add.yaml"
    setting.write_text("name: 设\nfields:\n  rd_institutions: \"= 12\"\n", encoding="utf-8")
    adding.write_text("name: 加\nfields:\n  rd_institutions: \"+5\"\n", encoding="utf-8")
    done = run_cli("--lang", "en", "compare", book.parent, setting, adding, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    by_name = {s["name"]: s for s in data["scenarios"]}
    assert by_name["设"]["overall"]["score"] != data["baseline"]["overall"]["score"]
    said = [p for p in data["problems"] if "cannot apply" in p["message_en"]]
    assert [p["message_en"].split("'")[1] for p in said] == ["加"] and said[0]["line"] == 3, said
