"""--csv goes to Excel (README): its numbers carry a figure's digits, not the noise of binary arithmetic
(bt15j F12: 335.58000000000004, 70.83175660031888), never in e-notation, and lose no digit a figure has. (Data
exports, uncertainty --export, keep every digit: tests/test_uncertainty.py.)"""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest

from conftest import EXAMPLES, run_cli
from scorer.sheets import csv_text, digits_15


@pytest.mark.parametrize("value, text", [
    (573.94 - 238.36, "335.58"), (0.1 + 0.2, "0.3"), (70.83175660031888, "70.8317566003189"), (1e-7, "0.0000001"),
    (2.0 ** 53 - 1, "9007199254740991.0"), (-0.0, "-0.0"), (5.0, "5.0"),
])
def test_a_float_is_written_by_its_digits(value, text):
    assert digits_15(value) == text


def test_no_written_float_is_further_than_its_15th_digit_from_the_value():
    rng = random.Random(15)
    for _ in range(2000):
        x = rng.uniform(-1, 1) * 10 ** rng.randint(-12, 15)
        text = digits_15(x)
        assert "e" not in text.lower() and math.isclose(float(text), x, rel_tol=1e-14, abs_tol=0), (x, text)


def test_a_frame_s_floats_and_numpy_floats_come_out_plain():
    frame = pd.DataFrame({"a": [573.94 - 238.36, float("nan")], "n": [1, 2]})
    assert csv_text(frame, float_format=digits_15).splitlines() == ["a,n", "335.58,1", ",2"]


@pytest.mark.parametrize("args", [["series", EXAMPLES, "--field", "实际使用外资金额"],
                                  ["compare", EXAMPLES, *sorted((EXAMPLES / "scenarios").glob("*.yaml"))]])
def test_the_commands_csv_has_no_float_noise(args):
    done = run_cli(*args, "--csv", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    long = [v for line in done.stdout.splitlines()[1:] for v in line.split(",")
            if v.replace(".", "").replace("-", "").isdigit()
            and len(v.replace("-", "").replace(".", "").lstrip("0").rstrip("0")) > 15]  # significant digits
    assert not long and "np.float64" not in done.stdout and "e-" not in done.stdout, long
