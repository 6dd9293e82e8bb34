"""What a Chinese IME or Notepad does to a YAML file the analyst writes, said as what it is (bt15j F13, F11d): a
key followed by the full-width colon (：, which looks like ":"), named at its line and column with the line as it
should be, whether the parser fails on a later line or the schema refuses the value; a file saved as UTF-16
(Notepad's "Unicode") named as UTF-16, not as "neither UTF-8 nor GBK"."""

from __future__ import annotations

import codecs

import pytest
from pydantic import BaseModel, ConfigDict

from conftest import EXAMPLES, run_cli
from scorer.errors import ScorerError
from scorer.framework.base import load_model

SCENARIO = "name: 外资增长两成\ndescription: 说明：外资项目提前到位\nfields:\n  实际使用外资金额: +20%\n"


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str | None = None
    fields: dict[str, str] = {}


def _problem(tmp_path, text: str):
    path = tmp_path / "情景 一.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScorerError) as caught:
        load_model(path, Scenario, "not a mapping")
    return caught.value.problems


@pytest.mark.parametrize("line_no, key", [(1, "name"), (3, "fields"), (4, "实际使用外资金额")])
def test_a_full_width_colon_after_a_key_is_named_at_its_line(tmp_path, line_no, key):
    lines = SCENARIO.splitlines()
    lines[line_no - 1] = lines[line_no - 1].replace(f"{key}:", f"{key}：", 1)
    problems = _problem(tmp_path, "\n".join(lines) + "\n")
    wide = [p for p in problems if "full-width" in str(p.message)]
    assert wide, [str(p.message) for p in problems]
    p = wide[0]
    assert p.location.line == line_no and p.location.column == lines[line_no - 1].index("：") + 1, p.location
    assert f"「{key}」" in p.message_zh and "全角" in p.message_zh
    assert f"{key}:" in str(p.hint) and "：" not in str(p.hint).split(": ", 1)[1].split(":")[0]


def test_a_full_width_colon_inside_a_value_is_no_slip(tmp_path):
    path = tmp_path / "情景.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    _, model = load_model(path, Scenario, "not a mapping")
    assert model.description == "说明：外资项目提前到位"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_file_saved_as_utf16_is_said_to_be_utf16(tmp_path, encoding):
    path = tmp_path / "情景.yaml"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path.write_bytes(bom + SCENARIO.encode(encoding))
    with pytest.raises(ScorerError) as caught:
        load_model(path, Scenario, "not a mapping")
    p = caught.value.problems[0]
    assert "UTF-16" in str(p.message) and "UTF-16" in p.message_zh and "GBK" not in p.message_zh


def test_the_cli_says_it_in_chinese(tmp_path):
    path = tmp_path / "情景 二.yaml"
    path.write_text(SCENARIO.replace("实际使用外资金额:", "实际使用外资金额："), encoding="utf-8")
    done = run_cli("compare", EXAMPLES, path, "--lang", "zh")
    assert done.returncode == 1
    assert f"{path}:4:11" in done.stderr and "全角冒号" in done.stderr and "实际使用外资金额: +20%" in done.stderr, \
        done.stderr
