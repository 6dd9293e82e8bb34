"""bt13j F7: an effort.yaml deadline written the Chinese way (2023年6月底) is read, not refused in pydantic's English
under --lang zh; a deadline that is none is refused in the reader's language with the form to write, and every bad
deadline of the file is said at once with its line (the first stopped the reading). Built here: copies of
indicators/ with deadlines edited."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli


def _with_deadlines(tmp_path, *deadlines: str):
    cfg = shutil.copytree(ROOT / "indicators", tmp_path / "cfg")
    path = cfg / "effort.yaml"
    lines, out, k = path.read_text(encoding="utf-8").splitlines(), [], 0
    for line in lines:
        out.append(line)
        if line.startswith("    department: ") and k < len(deadlines):
            out.append(f"    deadline: {deadlines[k]}")
            k += 1
    assert k == len(deadlines)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return cfg, [out.index(f"    deadline: {d}") + 1 for d in deadlines]


@pytest.mark.parametrize("written, iso", [("2023年6月底", "2023-06-30"), ("2023年6月15日", "2023-06-15"),
                                          ("2023年底", "2023-12-31"), ("2023.9.30", "2023-09-30"), ("2024年2月底", "2024-02-29")])
def test_a_chinese_deadline_is_read(tmp_path, written, iso):
    cfg, _ = _with_deadlines(tmp_path, written)
    done = run_cli("score", EXAMPLES, "-f", cfg / "framework.yaml", "--json")
    assert done.returncode == 0, done.stderr
    deadlines = [a["deadline"] for a in json.loads(done.stdout)["actions"]["actions"]]
    assert iso in deadlines, deadlines


@pytest.mark.parametrize("lang, said, hint", [("zh", "不是实际存在的日期", "2023年6月底"), ("en", "not a real date", "YYYY-MM-DD")])
def test_every_bad_deadline_is_said_in_the_readers_language(tmp_path, lang, said, hint):
    cfg, lines = _with_deadlines(tmp_path, "2023年6月中", "2023-02-30")
    done = run_cli("validate", "--lang", lang, cfg / "framework.yaml")
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    for line in lines:
        assert f"effort.yaml:{line}" in done.stderr, done.stderr
    assert said in done.stderr and hint in done.stderr, done.stderr
    if lang == "zh":
        assert "Input should" not in done.stderr, done.stderr
