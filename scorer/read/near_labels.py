"""Rows whose label looks like a statistic the framework needs but is none of its names (bt12h F4).

A workbook may label a needed statistic in a wording fields.yaml does not list (孵化器和众创空间数（国家级）,
国家级科技企业孵化器数 for 国家级孵化器和众创空间数). Such a row is not read, and the statistic was then said to be "in no
workbook" with no word of the row that holds it. `unread_labels` keeps, per workbook, the texts in its label columns
that no field matched; `name_near_rows` names the closest of them, at its cell, in the warning of a statistic found
in no workbook, so the analyst sees which row was passed over and can relabel it if it is the same statistic.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path
from typing import Mapping

from scorer.errors import Location, Problem
from scorer.framework.model import FieldDef
from scorer.messages import msg
from scorer.read.text import a1, label_key

# How alike a label's key and a field's name must be to be named (difflib's ratio, 2·matches / total length):
# 国家级科技企业孵化器数 beside 国家级科技企业孵化器和众创空间数 is 0.81; two statistics sharing a common tail
# (…企业数) fall below. The same characters in another order (a qualifier moved) always count.
NEAR = 0.8
# The label texts kept per sheet (a sheet of thousands of rows keeps its first ones: a needed statistic's row stands
# among a zone table's few dozen).
PER_SHEET = 400
_BRACKETS = re.compile(r"[()\[\]]")  # label keys are NFKC: （） are ()


def unread_labels(path: Path, layouts: list) -> list[tuple[str, Location]]:
    """The texts in each sheet's label columns (the columns of the rows read as fields) on rows no field matched,
    each with its cell: (text, Location). `layouts`: the workbook's scorer.read.layout.Layout, each with its
    matched rows."""
    out = []
    for lay in layouts:
        if not lay.rows:
            continue
        read = {row.r for row in lay.rows}
        columns = sorted({row.c for row in lay.rows})
        kept = 0
        for r, cells in enumerate(lay.sheet.rows):
            if r in read:
                continue
            for c in columns:
                value = cells[c] if c < len(cells) else None
                if value.__class__ is str and value.strip():
                    out.append((value.strip(), Location(file=str(path), sheet=lay.sheet.name, cell=a1(r, c))))
                    kept += 1
            if kept >= PER_SHEET:
                break
    return out


def _alike(key: str, name: str) -> float:
    """How alike a label key and a field name's key are: 1 for the same characters in another order, else
    difflib's ratio."""
    key, name = _BRACKETS.sub("", key), _BRACKETS.sub("", name)
    if len(key) < 4 or not name:
        return 0.0
    if sorted(key) == sorted(name):
        return 1.0
    return difflib.SequenceMatcher(None, key, name, autojunk=False).ratio()


def nearest(fdef: FieldDef, labels: list[tuple[str, Location]]) -> tuple[str, Location] | None:
    """The unread label most like the field's label or an alias (at least NEAR), never one holding a text the field
    names as another statistic (`lookalikes`: 实际利用省(境)外资金 is no FDI, and is said so at its cell). None if none is."""
    names = [k for k in (label_key(t)[0] for t in [fdef.label, *fdef.aliases]) if k]
    not_it = [k for k in (label_key(t)[0] for t in fdef.lookalikes) if k]
    best, score = None, NEAR
    for text, where in labels:
        key = label_key(text)[0]
        if any(k in key for k in not_it):
            continue
        s = max((_alike(key, n) for n in names), default=0.0)
        if s >= score and (best is None or s > score):
            best, score = (text, where), s
    return best


def name_near_rows(problems: list[Problem], labels: list[tuple[str, Location]],
                   fields: Mapping[str, FieldDef]) -> list[Problem]:
    """`problems` with each warning of a statistic in no workbook (code missing_field, no cell) that has a near row
    among `labels` (unread_labels) set at that row's cell, saying the row was not read and why."""
    if not labels:
        return problems
    out = []
    for p in problems:
        fdef = fields.get(p.field_id) if p.code == "missing_field" and p.field_id else None
        near = nearest(fdef, labels) if fdef is not None and p.location.cell is None and p.period is None else None
        if near is None:
            out.append(p)
            continue
        text, where = near
        cell = "!".join((str(where.sheet), str(where.cell)))
        said = msg("{problem}; the row 「{text}」 at {cell} looks like it but is none of its names, and was not read",
                   problem=p.message if p.message_zh is None else _both(p), text=text, cell=cell)
        hint = msg("if that row is {label}, label it 「{label}」 (or add its wording to the field's aliases in "
                   "indicators/fields.yaml); if it is another statistic, add a row of {label}", label=fdef.label)
        out.append(replace(p, message=str(said), message_zh=said.zh, location=where, hint=str(hint), hint_zh=hint.zh))
    return out


def _both(p: Problem):
    from scorer.messages import both

    return both(str(p.message), p.message_zh)
