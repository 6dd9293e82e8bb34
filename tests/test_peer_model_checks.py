"""`scorer validate` refuses what `scorer peers build` refuses, at the model's line: one check for both (validate
accepted a share whose spread drew values over 100 %, or a level in fractions, and build then refused its own
table); a ratio cited for another measure, region or year than the figure it converts is refused."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.test_peer_model import _indicators_copy


def _line(path, text: str) -> int:
    return next(k for k, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in s)


SHARE = "hightech_va_share: {dist: normal, mean: 35, sd: 15, low: 2, high: 95"


@pytest.mark.parametrize("edit, said", [
    ("hightech_va_share: {dist: normal, mean: 35, sd: 40, low: 2", "between 0 and 100 %"),  # draws over 100 %
    ("hightech_va_share: {dist: normal, mean: 0.35, sd: 0.15, low: 0.02, high: 0.95", "fractions"),  # below the check
])
def test_validate_refuses_a_model_whose_table_build_refuses_at_the_same_line(tmp_path, edit, said):
    dest = _indicators_copy(tmp_path, {"peers/model.yaml": [(SHARE, edit)]})
    model = dest / "peers" / "model.yaml"
    line = _line(model, "hightech_va_share:")
    out = tmp_path / "built.csv"
    for args in (["validate", str(dest / "framework.yaml")],
                 ["peers", "build", "--year", "2023", "-f", str(dest / "framework.yaml"), "--model", str(model),
                  "-o", str(out)]):
        done = run_cli(*args, "--lang", "en")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"{model}:{line}:" in done.stderr and said in done.stderr and "hightech_va_share" in done.stderr, done.stderr
    assert not out.exists()
