"""CSV neutralisation (OWASP CSV injection) sees through every character that shows as nothing (bt16h F7): a soft
hyphen U+00AD, U+180E or the combining grapheme joiner U+034F before `=` left the formula live, while ZWSP, WORD
JOINER and BOM were treated as blanks (an ad-hoc list). The class is every space and separator, control, format
character (Cf) and default-ignorable code point of Unicode; each, one or many, before each trigger, is neutralised
in the CSV written, and read back as it was."""

from __future__ import annotations

import csv
import io
import sys
import unicodedata

import pandas as pd
import pytest

from scorer.sheets import FORMULA_TRIGGERS, csv_text, neutralise, unneutralise

# Other_Default_Ignorable_Code_Point and Variation_Selector as Unicode's PropList.txt lists them (15.0)
OTHER_IGNORABLE = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x2065, 0x3164, 0xFFA0,
                   *range(0xFE00, 0xFE10), *range(0xFFF0, 0xFFF9), 0xE0000, *range(0xE0002, 0xE0020),
                   *range(0xE0080, 0xE0100), *range(0xE0100, 0xE01F0), *range(0xE01F0, 0xE1000, 97)]


def _unseen_class() -> list[str]:
    cats = {"Zs", "Zl", "Zp", "Cc", "Cf"}
    found = [chr(c) for c in range(sys.maxunicode + 1)
             if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) in cats]
    return found + [chr(c) for c in OTHER_IGNORABLE]


UNSEEN = _unseen_class()


def test_the_class_holds_what_the_finding_names():
    for ch in ("\u00ad", "\u180e", "\u034f", "\u200b", "\u2060", "\ufeff", "\u3000", "\xa0", "\n", "\u202e"):
        assert ch in UNSEEN
    assert len(UNSEEN) > 500


@pytest.mark.parametrize("trigger", [*FORMULA_TRIGGERS, "＝", "＋", "－", "＠", "\u2212"])
def test_every_unseen_character_before_a_trigger_is_neutralised(trigger):
    missed = []
    for ch in UNSEEN:
        for text in (ch + trigger + "1+2", ch * 20 + trigger + "HYPERLINK(\"x\")", " " + ch + trigger + "1"):
            done = neutralise(text)
            if not (isinstance(done, str) and done.startswith("'") and unneutralise(done) == text):
                missed.append(f"U+{ord(ch):04X}")
    assert not missed, sorted(set(missed))[:40]


def test_the_csv_written_has_no_live_formula_behind_unseen_characters():
    texts = [ch + t + "1+2" for ch in UNSEEN[::7] for t in ("=", "+", "-", "@")] + ["plain", "1-2", "a=b"]
    frame = pd.DataFrame({"name": texts, "value": range(len(texts))})
    rows = list(csv.reader(io.StringIO(csv_text(frame))))[1:]
    for (name, value), text in zip(rows, texts):
        if text in ("plain", "1-2", "a=b"):
            assert name == text  # ordinary text is left alone
        else:
            assert name.startswith("'"), (f"U+{ord(text[0]):04X}", name)
        assert int(value) == texts.index(text)  # numbers stay numbers
