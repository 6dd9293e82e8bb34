"""A sheet's extent looked at without numpy (scorer.read.extent._may_be_large_bytes, issue 17: numpy's import was
most of what reading a small workbook cost) gives the answer of the array look (_may_be_large_arrays) on sheets
built here: references near and past the bounds (column Z / ZZ, row 99 999 / 999), in either quote, lower case,
with spaces around '=', cells without an r attribute, look-alike values in other attributes and in text."""

from __future__ import annotations

import random

from scorer.read import extent


def _column(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _sheet(rng: random.Random) -> bytes:
    cells = []
    for _ in range(rng.randint(0, 8)):
        near = rng.random() < 0.8  # most cells near A1, so that both answers come up
        row = rng.randint(1, 999) if near else rng.choice([99_999, 100_000, 999, 1_000, 1_048_576, rng.randint(1, 2_000_000)])
        col = rng.randint(1, 26) if near else rng.choice([26, 27, 702, 703, 16_384, rng.randint(1, 20_000)])
        ref = _column(col) + str(row)
        ref = ref.lower() if rng.random() < 0.15 else ref
        quote = rng.choice(['"', "'"])
        name = rng.choice(["r=", "r=", "r=", "r =", "r= ", "\nr=", "\tr\t=\t", "xr=", "ref="])
        attr = f"{name}{quote}{ref}{quote}" if rng.random() < 0.97 else ""
        extra = rng.choice(["", ' s="1"', ' t="s"', ' t="str"', ' t="inlineStr"', " t='e'"])
        body = rng.choice(["<v>1</v>", "<v>1</v>", "<is><t>AB12 \"AA1 'a000000</t></is>",
                           '<f ref="AA1:AB2">x</f><v>2</v>', ""])
        cells.append(f"<c {attr}{extra}>{body}</c>" if rng.random() < 0.98 else '<color rgb="FF"/>')
    tag = rng.choice(["sheetData", "sheetData", "x:sheetData"])
    return (f'<worksheet><dimension ref="A1"/><{tag}><row r="1" spans="1:3">{"".join(cells)}</row></{tag}>'
            "</worksheet>").encode()


def test_the_bytes_look_and_the_array_look_agree():
    rng = random.Random(20261202)
    answers = []
    for _ in range(6000):
        xml = _sheet(rng)
        arrays, plain = extent._may_be_large_arrays(xml), extent._may_be_large_bytes(xml)
        assert plain == arrays, xml
        answers.append(arrays)
    assert 500 < sum(answers) < len(answers) - 500  # both answers were tested, many times


def test_a_far_cell_in_a_small_sheet_is_seen_without_numpy():
    xml = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>' \
          b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>'
    assert extent._may_be_large_bytes(xml) is True
    assert extent._may_be_large_bytes(xml.replace(b"XFD1048576", b"B2").replace(b'"1048576"', b'"2"')) is False
