"""A statistic as a user types its name: its id, its Chinese name, or its name with a unit in brackets as a workbook's row
or a peer table's header writes it (实际使用外资金额（万美元）), and the hint for a name that is none of these.

One reading for every place a user types a statistic (`scorer series --field`, a scenario's `fields:`): bt15k F1, a
scenario refused 实际使用外资金额（万美元）, which `series --field` and peer headers took, and its hint said only "ids: see
fields.yaml", not that Chinese names are accepted, nor where that file is, nor that the name typed was an indicator's.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scorer import units
from scorer.messages import both, msg, Text
from scorer.framework.derived import closest

# a name followed by a unit in brackets: half- or full-width round brackets, or square ones
_WITH_UNIT = re.compile(r"\s*(?P<name>.+?)\s*[(（\[]\s*(?P<unit>[^()（）\[\]]+?)\s*[)）\]]\s*")


def name_and_unit(text: str) -> tuple[str, str] | None:
    """`text` split into a name and a known unit written after it in brackets ("实际使用外资金额（万美元）" →
    ("实际使用外资金额", "万美元")); None when it has no bracketed unit scorer knows (units.is_known)."""
    m = _WITH_UNIT.fullmatch(unicodedata.normalize("NFKC", str(text)))
    if m and units.is_known(m["unit"]):
        return m["name"], m["unit"]
    return None


def field_with_unit(fw, text: str) -> tuple[str, str | None] | None:
    """The statistic (field id) `text` names, and the unit written with it (None when none was): by id, Chinese name
    or alias (`Framework.field_id`), else by such a name with a unit in brackets. None when no statistic has the name.
    The unit is the caller's to check against the field's (`unit_mismatch`)."""
    if (fid := fw.field_id(text)) is not None:
        return fid, None
    split = name_and_unit(text)
    if split is not None and (fid := fw.field_id(split[0])) is not None:
        return fid, split[1]
    return None


def unit_mismatch(fw, fid: str, unit: str) -> Text | None:
    """Why the unit `unit` written with statistic `fid`'s name cannot be its unit (None when it is, or converts to it:
    亿美元 for a 万美元 statistic): a money amount named with 万元 when it is in 万美元, a count with 万元."""
    own = fw.fields[fid].unit
    if units.normalise_unit(unit) == units.normalise_unit(own):
        return None
    try:
        units.factor(unit, own)
        return None
    except units.UnitError:
        return msg("the unit written with 「{label}」, {unit}, is not its unit ({own}) nor convertible to it",
                   label=fw.fields[fid].label, unit=unit, own=own)


def statistics_of(fw, indicator: str) -> Text:
    """The statistics an indicator is computed from, by id and Chinese name ("rd_expenditure 「规上工业企业R&D经费支出」,
    industrial_revenue 「规上工业营业收入」")."""
    read = fw.fields_read(fw.indicators[indicator].tree)
    return both(", ".join(f"{f} 「{fw.fields[f].label}」" for f in read),
                "、".join(f"{fw.fields[f].label}（{f}）" for f in read))


def unknown_statistic_hint(fw, text: str) -> Text:
    """The hint for `text`, typed where a statistic is expected and naming none: an indicator's id or Chinese name is
    said to be one, with the statistics it is computed from; anything else gets the nearest statistics' names, that
    ids and Chinese names (with or without a unit in brackets) are accepted, and the full path of the file that lists
    them all (fields.yaml: inside the installed package on a pip-installed machine)."""
    indicator = fw.indicator_id(text)
    if indicator is not None:
        return msg("「{name}」 is an indicator, not a statistic: change the statistics it is computed from ({reads}) "
                   "under `fields:`, or put it under `indicators:` to change the indicator itself",
                   name=fw.indicators[indicator].name_zh, reads=statistics_of(fw, indicator))
    key = "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()
    labels = {f.label: fid for fid, f in fw.fields.items()}
    near = [fid for fid, f in fw.fields.items() if key and (key in f.label.lower() or key in fid.lower()
                                                             or f.label.lower() in key)]
    if not near and (guess := closest(str(text), list(labels)) or closest(key, list(fw.fields))) is not None:
        near = [labels.get(guess, guess)]
    where = Path(fw.fields_path or fw.path)
    said = msg("write a statistic's id or its Chinese name, with or without its unit (fdi_actual, 实际使用外资金额 or "
               "实际使用外资金额（万美元）); all of them are listed in {file}", file=str(where))
    if near:
        return msg("nearest: {names}; ", names=both(", ".join(f"{f} 「{fw.fields[f].label}」" for f in near[:5]),
                                                    "、".join(f"{fw.fields[f].label}（{f}）" for f in near[:5]))) + said
    return said
