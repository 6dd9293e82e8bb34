"""English agrees with a count: "1 zone has", "3 zones have" (bt11k F4: "1 whole categories have no score",
"has no figure for 1 zones", "4 indicator value(s)").

A message says a count with its words in the template, `{n:# zone has|# zones have}` (scorer.messages.counted);
the Chinese in the catalogue writes `{n}个园区`. The catalogue check holds every message to it: a placeholder
followed by a plural noun (or a noun with "(s)") is a count that does not agree. A placeholder that holds a text
(a name, a period) or a word ending in s that is not a plural noun is listed below.
"""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from conftest import ROOT, run_cli
from scorer.messages import counted, msg

PO = ROOT / "scorer" / "locale" / "zh_CN" / "LC_MESSAGES" / "scorer.po"
# words ending in s after a placeholder that are not plural nouns (verbs of a named thing, pronouns, …)
NOT_PLURAL = {"is", "has", "does", "was", "as", "its", "this", "theirs", "less", "analysis", "ambiguous", "appears",
              "cites", "closes", "converts", "decides", "differs", "fails", "gives", "inflates", "leaves", "lies",
              "makes", "needs", "reads", "repeats", "replaces", "rests", "says", "sets", "takes", "changes", "names",
              "ranks", "scores", "drops", "looks", "means", "seems", "stands", "holds", "comes", "goes", "uses"}
# placeholders that hold a text, never a count: "{names} hold statistics", "{period} scenarios", "{year} results"
NOT_COUNT = {"names", "period", "who", "span", "among", "province", "year", "region", "items", "text", "unit", "name",
             "cell", "where", "file", "field", "label"}
# a word between the count and its noun ("{n} whole categories"), unless it begins another phrase ("{p} of draws")
NOT_BETWEEN = {"of", "in", "on", "at", "to", "and", "or", "the", "a", "an", "for", "from", "with", "by", "per", "is",
               "are", "was", "were", "has", "have"}
COUNT_NOUN = re.compile(r"\{(\w+)(?:![rsa])?(?::([^{}]*))?\}\s(?:([A-Za-z-]+)\s)?([A-Za-z-]+(?:s|\(s\)))(?![\w(])")


def counts_that_do_not_agree(template: str) -> list[str]:
    out = []
    for m in COUNT_NOUN.finditer(template):
        name, spec, between, word = m.groups()
        if spec or name in NOT_COUNT or (between and between in NOT_BETWEEN) or word in NOT_PLURAL:
            continue  # a formatted number (`{x:.1f} units`: English plural for 1.0 too) is said as it is
        out.append(m.group(0))
    return out


def test_the_check_finds_the_kinds_the_tester_met():
    assert counts_that_do_not_agree("the rank: {n} whole categories have no score")
    assert counts_that_do_not_agree("has no figure for {n} zones and is left out")
    assert counts_that_do_not_agree("{n} indicator value(s) are doubtful")
    assert not counts_that_do_not_agree("{n:# zone has|# zones have} no score; {name} is left out")


def test_every_message_of_the_catalogue_says_its_counts_in_agreement():
    with PO.open("rb") as f:
        catalog = read_po(f)
    faults = {m.id: found for m in catalog if m.id and isinstance(m.id, str)
              and (found := counts_that_do_not_agree(m.id))}
    assert not faults, "say these counts as {n:# zone has|# zones have}:\n" + "\n".join(
        f"{found}: {mid[:100]}" for mid, found in faults.items())


def test_a_count_of_one_takes_the_singular_in_english_and_the_chinese_is_the_catalogue_s():
    template = "{indicator} ({name}) has no figure for {n:# zone|# zones} and is left out of {n:its|their} {category} score (its weight goes to the category's other indicators): {zones}"
    one = msg(template, indicator="x", name="X", n=1, category="C", zones="甲")
    assert "for 1 zone and is left out of its C score" in one
    many = msg(template, indicator="x", name="X", n=12, category="C", zones="甲")
    assert "for 12 zones and is left out of their C score" in many
    assert "1个" in one.zh or "1 个" in one.zh, one.zh
    assert counted(1.0, "# point", "# points") == "1 point" and counted("1.0", "# point", "# points") == "1.0 points"
    assert counted(10000, "# row", "# rows") == "10,000 rows"


def _peer_table(path, blank_rows: int):
    from scorer.framework.model import load_framework

    framework = load_framework()
    ids = ["fdi_amount", "trade_amount", "rd_institutions"]
    head = ["园区名称"] + [f"{framework.indicators[i].name_zh}（{framework.indicators[i].unit}）"
                        if framework.indicators[i].unit else framework.indicators[i].name_zh for i in ids]
    rows = [[f"样本{k}经开区", str(100 * (k + 1)), str(20 * (k + 1)), str(3 * (k + 1))] for k in range(6)]
    for k in range(blank_rows):
        rows[k][2] = ""
    path.write_text("\n".join(",".join(r) for r in [head, *rows]) + "\n", encoding="utf-8-sig")
    return path


def test_a_peer_table_missing_one_zone_s_figure_says_one_zone(tmp_path):
    """End to end, the tester's "has no figure for 1 zones": one blank cell is one zone, two are two zones."""
    one = run_cli("score-table", ROOT / "indicators" / "framework.yaml", _peer_table(tmp_path / "a.csv", 1),
                  "--lang", "en")
    assert "has no figure for 1 zone and is left out of its Opening-up score" in one.stderr + one.stdout, one.stderr
    two = run_cli("score-table", ROOT / "indicators" / "framework.yaml", _peer_table(tmp_path / "b.csv", 2),
                  "--lang", "en")
    assert "has no figure for 2 zones and is left out of their Opening-up score" in two.stderr + two.stdout, two.stderr
