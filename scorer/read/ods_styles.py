"""Which .ods cells show their value as a percentage, read as LibreOffice displays them.

python-calamine gives an .ods cell's number and drops its format. A percent cell written by
LibreOffice usually says so itself (office:value-type="percentage"), but a format with sections
(`#,##0.0%;-#,##0.0%;"-"`) is stored as a number:number-style whose style:map entries point at
number:percentage-style sections, and the cell is then office:value-type="float". LibreOffice shows
such a cell through the first section whose condition (value()>0, value()<0, …) holds for the value,
else through the main style: this module does the same (ODF 1.2 part 1, §16.3 style:map, §16.29
data styles; cell style → style:data-style-name, inherited through style:parent-style-name; a cell
without table:style-name takes its column's table:default-cell-style-name).
"""

from __future__ import annotations

import operator
import re
import zipfile
from typing import Callable
from xml.etree.ElementTree import iterparse

_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

_CONDITION = re.compile(r"^\s*value\(\)\s*(>=|<=|!=|<>|=|>|<)\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*$")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, "<=": operator.le, "!=": operator.ne, "<>": operator.ne, "=": operator.eq,
    ">": operator.gt, "<": operator.lt}


class OdsStyles:
    """The cell styles and data styles of an .ods (styles.xml, and content.xml's automatic styles).

    `shows_percent(style, value)`: whether a cell of cell style `style` holding `value` is displayed
    through a percentage section (stored 0.083 shown as 8.3%)."""

    def __init__(self, z: zipfile.ZipFile):
        self.parent: dict[str, str] = {}  # cell style → its parent cell style
        self.data_style: dict[str, str] = {}  # cell style → its data style (number format)
        self.percent: dict[str, bool] = {}  # data style → whether it is a percentage-style
        self.maps: dict[str, list[tuple[str, str]]] = {}  # data style → [(condition, data style applied)]
        self.date_parts: dict[str, set[str]] = {}  # date style → what it shows: {'year'}, {'year', 'month'} …
        self._formats: dict[str, str | None] = {}  # cell style → its data style, inherited
        for name in ("styles.xml", "content.xml"):
            if name in z.namelist():
                with z.open(name) as f:
                    self._read(f)

    def _read(self, f) -> None:
        style_tag, map_tag = f"{{{_STYLE}}}style", f"{{{_STYLE}}}map"
        body = f"{{{_OFFICE}}}body"
        name_at, family_at = f"{{{_STYLE}}}name", f"{{{_STYLE}}}family"
        data_at, parent_at = f"{{{_STYLE}}}data-style-name", f"{{{_STYLE}}}parent-style-name"
        cond_at, apply_at = f"{{{_STYLE}}}condition", f"{{{_STYLE}}}apply-style-name"
        current: str | None = None  # the data style being read
        for event, el in iterparse(f, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == body:
                    return  # content.xml: the styles come before the tables, which ods_cells walks
                if tag.startswith(f"{{{_NUMBER}}}") and tag.endswith("-style") and el.get(name_at):
                    current = el.get(name_at)
                    self.percent[current] = tag == f"{{{_NUMBER}}}percentage-style"
                    self.maps.setdefault(current, [])
                    if tag == f"{{{_NUMBER}}}date-style":
                        self.date_parts[current] = set()
                elif current in self.date_parts and tag.startswith(f"{{{_NUMBER}}}") and tag != f"{{{_NUMBER}}}text":
                    self.date_parts[current].add(tag.rpartition("}")[2])  # year, month, day, hours, day-of-week …
                elif tag == map_tag and current is not None:
                    self.maps[current].append((el.get(cond_at, ""), el.get(apply_at, "")))
                elif tag == style_tag and el.get(family_at) == "table-cell" and el.get(name_at):
                    name = el.get(name_at)
                    if el.get(data_at):
                        self.data_style[name] = el.get(data_at)
                    if el.get(parent_at):
                        self.parent[name] = el.get(parent_at)
                continue
            if tag.startswith(f"{{{_NUMBER}}}") and tag.endswith("-style"):
                current = None
                el.clear()

    def _format_of(self, style: str) -> str | None:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.data_style:
                return self.data_style[style]
            style = self.parent.get(style, "")
        return None

    def shows_year_only(self, style: str | None) -> bool:
        """Whether cell style `style` shows a date by its year alone (a number:date-style of number:year and
        text: 2022年), as Excel's yyyy"年" converted by LibreOffice is."""
        if not style:
            return False
        if style not in self._formats:
            self._formats[style] = self._format_of(style)
        return self.date_parts.get(self._formats[style] or "") == {"year"}

    def shows_percent(self, style: str | None, value: float) -> bool:
        """Whether cell style `style` shows `value` through a percentage section of its number format."""
        if not style:
            return False
        if style not in self._formats:
            self._formats[style] = self._format_of(style)
        fmt = self._formats[style]
        return self._section(fmt, value, 0) if fmt else False

    def _section(self, fmt: str, value: float, depth: int) -> bool:
        for condition, applied in self.maps.get(fmt, []):
            m = _CONDITION.match(condition)
            if m and _COMPARE[m[1]](value, float(m[2])) and applied in self.percent and depth < 8:
                return self._section(applied, value, depth + 1)
        return self.percent.get(fmt, False)
