"""Workbooks → the zone each one names (in its title, else its file name): one zone per run.

Two zones' workbooks in one folder would otherwise be mixed quarter by quarter into one history
(and the report would take its title from one of them). Names are compared in a canonical form,
so 周口经开区 and 周口经济开发区 are the same zone.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg
from scorer.read.observation import ZONE_SUFFIX as _SUFFIX
from scorer.read.observation import IngestResult, as_written, zone_in_title

_IN_FILE_NAME = re.compile(rf"^(\S{{2,}}?(?:{_SUFFIX}))")  # 周口经开区主要统计指标_2022年1-6月.xlsx
# The long and short forms of one kind of zone.
_SAME_KIND = [("经济技术开发区", "经开区"), ("经济开发区", "经开区"), ("高新技术产业开发区", "高新区")]
# What a template or a form says before anyone types the zone's name.
_NO_NAME = {"本开发区", "本园区", "开发区", "园区", "经开区", "高新区", "本经开区", "本高新区"}


def canonical(name: str) -> str:
    """The form two names of one zone share: 周口经济开发区 → 周口经开区 (format, control, private-use and unassigned
    characters, such as a right-to-left override U+202E, are no part of a name)."""
    name = "".join(ch for ch in unicodedata.normalize("NFKC", name)
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cn", "Cs"))  # nor private use (the font refuses it at its cell)
    name = name.strip().replace(" ", "")
    for long, short in _SAME_KIND:  # at the end, or before a title's marks (周口经济开发区（“港区”）·№1)
        name, n = re.subn(rf"{long}(?=$|[^\w])", short, name, count=1)
        if n:
            return name
    return name


def names_in(path: str, titles: list[str]) -> list[str]:
    """The zone names a workbook gives: in its sheets' titles before the year, and at the start of its file name."""
    found = [zone_in_title(text) for text in titles] + [as_written(_IN_FILE_NAME, Path(path).stem)]
    return [n for n in dict.fromkeys(f for f in found if f) if unicodedata.normalize("NFKC", n) not in _NO_NAME]


def _same_zone(a: str, b: str) -> bool:
    # 河南省周口经开区 and 周口经开区 are one zone: one canonical name ends with the other; so are 周口经开区 and
    # 周口经开区（“港区”）·№1 (a title's marks after the name: it goes on with a bracket or a mark, not a word).
    if a.endswith(b) or b.endswith(a):
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and long.startswith(short) and not long[len(short)].isalnum()


def one_zone(result: IngestResult, zone: str | None = None, stray: frozenset[str] = frozenset()) -> list[Problem]:
    """Keep one zone's workbooks: refuse a mix, or with `zone` keep that zone's (and unnamed) workbooks.
    `stray`: the files read as no zone's table (a league table of zones, a region's series), whose names count for none.

    Raises ScorerError (code "zones_mixed") naming every zone and its workbooks when the workbooks
    name two or more zones and `zone` does not pick one of them. With `zone`, the other zones'
    workbooks are dropped from `result` and each is named in a warning (code "zone_left_out").
    A single zone, or none named, passes untouched (`zone` is then only the report's title).
    """
    named: dict[str, list[str]] = {}  # canonical name → workbooks naming it
    shown: dict[str, str] = {}  # canonical name → the name as first written
    for path in result.files:
        if path in stray:
            continue
        for name in names_in(path, result.titles.get(path, [])):
            key = next((k for k in named if _same_zone(k, canonical(name))), canonical(name))
            if path not in named.setdefault(key, []):
                named[key].append(path)
            shown.setdefault(key, name)
    if len(named) == 1 and zone is not None and not _same_zone(next(iter(named)), canonical(zone)):
        # The workbooks are one zone's, and --zone names another: the report would carry that other
        # zone's name over these figures. Refused, naming both.
        (key, files), = named.items()
        raise ScorerError(Problem(
            f"--zone {zone!r} names no workbook: the workbooks are {shown[key]}'s "
            f"({', '.join(Path(p).name for p in files[:3])}{' …' if len(files) > 3 else ''})",
            Location(file=Path(files[0])),
            msg("give --zone as the workbooks name the zone, or leave it out (the title comes from the workbooks)"),
            code="zone_not_found",
            message_zh=f"--zone「{zone}」与报表不符：报表属于{shown[key]}"))
    if len(named) < 2:
        return name_conflicts(result)
    listing = "; ".join(f"{shown[k]} ({', '.join(Path(p).name for p in files[:3])}{' …' if len(files) > 3 else ''})"
                        for k, files in named.items())
    keep = next((k for k in named if zone is not None and _same_zone(k, canonical(zone))), None)
    if keep is None:
        asked = msg("--zone {zone!r} names none of them; ", zone=zone) if zone is not None else ""
        raise ScorerError(Problem(
            f"the workbooks name {len(named)} different zones: {listing}", Location(file=Path(next(iter(result.files))).parent),
            msg("{asked}score one zone per run: put each zone's workbooks in a folder of its own, or say which to score "
                "with --zone (e.g. --zone {example})", asked=asked, example=next(iter(shown.values()))), code="zones_mixed",
            message_zh=f"报表分属 {len(named)} 个不同园区：{listing}"))
    # A workbook that names the chosen zone anywhere (title or file name) stays.
    dropped = {p for k, files in named.items() if k != keep for p in files} - set(named[keep])
    result.observations = [o for o in result.observations if o.file not in dropped]
    result.problems = [p for p in result.problems if p.location.file is None or str(p.location.file) not in dropped]
    for attr in ("files", "titles", "periods"):
        setattr(result, attr, {p: v for p, v in getattr(result, attr).items() if p not in dropped})
    # a note: --zone asked for it, so --strict does not stop on it (bt11k F6: --zone and --strict could never pass)
    return [Problem(f"left out: this workbook names {shown[k]}, not {zone}", Location(file=p),
                    msg("the run scores the zone named with --zone only"), "note", code="zone_left_out",
                    message_zh=f"未采用：该报表属于{shown[k]}，不是{zone}")
            for k, files in named.items() if k != keep for p in files if p in dropped] + name_conflicts(result)


def name_conflicts(result: IngestResult) -> list[Problem]:
    """A warning (code zone_name_conflict) for each workbook of `result` whose file name names one zone and whose
    title names another (许昌经开区主要统计指标_2022年1-12月.xlsx titled 周口经济开发区…), at the title's cell: whichever
    --zone keeps it, the workbook contradicts itself and the run says so (bt11i F3c: it was scored under either name
    without a word)."""
    out = []
    titles_of: dict[str, list] = {}  # each workbook's title cells, grouped once (bt17i F4: a walk of every workbook's
    for text, at in result.title_cells:  # titles for each workbook grew with the square of the quarters kept)
        titles_of.setdefault(str(at.file), []).append((text, at))
    for path in result.files:
        in_name = as_written(_IN_FILE_NAME, Path(path).stem)
        if not in_name or unicodedata.normalize("NFKC", in_name) in _NO_NAME:
            continue
        for text, at in titles_of.get(str(path), []):
            title = zone_in_title(text)
            if not title or unicodedata.normalize("NFKC", title) in _NO_NAME \
                    or _same_zone(canonical(title), canonical(in_name)):
                continue
            out.append(Problem(
                msg("the file name names {name} but the title names {title} ({text}): the workbook contradicts itself "
                    "about its zone", name=in_name, title=title, text=text), at,
                msg("check which zone's figures these are, and correct the file name or the title"), "warning",
                code="zone_name_conflict"))
            break
    return out


# ------------------------------------------------------------ a region's table, not a zone's
# Provincial-level divisions (《中华人民共和国行政区划代码》 GB/T 2260): a title, a 地区： note or a file name
# beginning with one of them, with 全国, or with a prefecture- or county-level division named by its
# administrative suffix (周口市, 周口地区; 川汇区, 项城市, 沈丘县, 叶县, 某某旗; 周口市川汇区), and no word of a
# zone anywhere, is that region's table. A zone's own name may end in 区 too (周口经济技术开发区, 产业集聚区,
# 高新区, 航空港实验区): `_ZONE_WORDS` keeps those out before the suffix is looked at.
_PROVINCES = ("北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|"
              "海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门")
_REGION = re.compile(r"^(?:20\d{2}\s*年\s*(?:(?:1\s*[-—–~～至]\s*)?\d{1,2}\s*月份?|[一二三四]季度|上半年|前三季度|全年|年度)?\s*)?"
                     rf"(全国|中国|(?:{_PROVINCES})(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
                     r"|(?![全本该各我])[\u4e00-\u9fff]{1,9}?(?:自治州|自治县|自治旗|地区|市|盟|区|县|旗))"
                     r"(?=$|20\d{2}|主要|统计|经济|国民|月度|季度|年度|数据|指标|[(（_\-\s]"  # as a title goes on
                     r"|1?\d\s*[-—–~～至]\s*1?\d\s*月|1?\d月|[一二三四]季度|上半年|前三季度|全年|本期|本年|累计|上年|同比|期末)")  # as a column's header does
# Words ending in an administrative suffix that name no place: 所在市 (the host city's sheet), 县区, 城区 …
_NO_PLACE = {"所在市", "所在县", "所在区", "所在地区", "县区", "市区", "城区", "辖区", "社区", "小区", "景区", "厂区", "矿区",
             "库区", "校区", "园区", "地区", "市县", "县市"}
_AREA_NOTE = re.compile(r"^(?:地区|区域|地域|行政区划)\s*[:：]\s*(\S+)")
# Words that make a text a zone's (or a zone-like area's) rather than a region's.
_ZONE_WORDS = re.compile(_SUFFIX + "|开发区|集聚区|产业园|工业园|自由贸易试验区|自贸区|综合保税区|保税区|新区|示范区|实验区|"
                         "试验区|合作区|功能区|港区|片区")


def zones_down(rows: list[list], header: int, before: int) -> tuple[int, list[tuple[int, str]]] | None:
    """(column, [(row, name)]) of the first column left of column `before` whose cells under the header row `header`
    name two or more development zones (周口经济开发区, 漯河经济技术开发区 …): a table of zones side by side, a
    province's league table (bt10f F16), not one zone's. None when no such column is there."""
    for c in range(before):
        names = [(r, v.strip()) for r in range(header + 1, min(len(rows), header + 500))
                 if c < len(rows[r]) and isinstance(v := rows[r][c], str) and len(v.strip()) <= 30
                 and _ZONE_WORDS.search(unicodedata.normalize("NFKC", v))]
        if len({name for _, name in names}) >= 2:
            return c, names
    return None


_HEAD_ROWS = 30  # how far down a sheet's title, notes and column headers are looked for a region's name
NOT_A_ZONE = "not_a_zone_table"  # the code of a workbook (or an export's column) that is not the zone's


def region_fields(fields: dict) -> set[str]:
    """The fields the framework keeps for the host city (全市地区生产总值, 所在市…): a city's table may give them."""
    return {fid for fid, f in fields.items() if f.label.startswith(("全市", "所在市"))}


def region_of(text: str) -> str | None:
    """The region (全国, 河南省, 河南, 周口市, 川汇区) a short text names on its own, such as a database
    export's header part (河南省:进出口总额) or a sheet's name; None for a zone's name (周口经开区, 产业集聚区)
    and for words naming no place (所在市, 城区)."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not text or _ZONE_WORDS.search(text):
        return None
    m = _REGION.match(text)
    if not m or m[1] in _NO_PLACE:
        return None
    # A place glued after the statistic (地区生产总值周口市_累计值): the place, not the whole (i10g's leftover)
    cut = max((s.end() for s in _STATISTIC.finditer(m[1])), default=0)
    return m[1][cut:] if 1 < len(m[1]) - cut and m[1][cut:] not in _NO_PLACE else m[1] if not cut else None


# The words that end a statistic's name, before a place glued after it (地区生产总值周口市, 进出口总额河南省)
_STATISTIC = re.compile(r"总值|总额|收入|投资|产值|增加值|利润|人数|企业数|面积|外资|进出口|税收|消费|产量")


# A column's header naming the whole of a region by a word of its own (全市1-6月累计, 全省同比): no zone's figures.
_WHOLE = re.compile(r"^(全国|全省|全市|全县|全区|所在省|所在市|所在县|所在区)(?=$|1?\d\s*[-—–~～至]|1?\d月|[一二三四]季度|上半年|"
                    r"前三季度|全年|本期|本年|累计|上年|同比|增长|增速|期末|合计|数值|绝对)")


def column_region(text: str) -> str | None:
    """The region a table column's header cell names before what the column holds (河南省1-6月累计, 全国同比,
    全市累计, 周口市 over its 1-6月累计 | 同比 columns); None for the zone's own (开发区1-6月累计) and for a
    header naming no place."""
    norm = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    m = _WHOLE.match(norm)
    return m[1] if m else region_of(norm)


def region_named(path: str, sheets: list[tuple[str, list[list]]]) -> tuple[str, str | None, str | None, str] | None:
    """(region, sheet, cell, text) where a workbook names a region (全国, a province, a city, a county or a
    district) and nowhere a zone.

    Looks at each sheet's name, the texts of the rows above its first number (titles, 地区： notes and
    column headers, however far down the table starts; at least the first four rows, at most thirty)
    and the file name (cell None: the sheet's name; sheet None too: the file name);
    None when any of them names a development zone (经开区, 高新区 …) or none names a region.
    `sheets`: (name, rows) of the sheets read.
    """
    from scorer.read.text import a1, is_number

    found = None
    stem = unicodedata.normalize("NFKC", Path(path).stem).strip()
    if _ZONE_WORDS.search(stem):
        return None
    for name, rows in sheets:
        if _ZONE_WORDS.search(unicodedata.normalize("NFKC", name)):
            return None
        if found is None and (region := region_of(name)):
            found = (region, name, None, name)  # a sheet named 河南省: the province's figures
        for r, row in enumerate(rows[:_HEAD_ROWS]):
            if r >= 4 and any(is_number(v) for v in row):
                break  # the data begin: a region named further down is some row's label, not the table's
            for c, value in enumerate(row):
                if not isinstance(value, str) or not value.strip():
                    continue
                text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
                if _ZONE_WORDS.search(text):
                    return None
                note = _AREA_NOTE.match(text)
                m = _REGION.match(note[1] if note else text)
                if m and found is None and m[1] not in _NO_PLACE:
                    found = (m[1], name, a1(r, c), value.strip())
    if found is None and (m := _REGION.match(stem)) and m[1] not in _NO_PLACE:
        found = (m[1], None, None, Path(path).name)
    return found


# ------------------------------------------------------------ one host city
_CITY_SUFFIX = re.compile(r"(?:市|地区|盟|自治州)$")


def city_in(text: str) -> str | None:
    """The city a text names at its start (周口市2022年1-3月主要经济指标（开发区所在市）→ 周口市; 河南省周口市… → 周口市),
    the words of a zone (开发区所在市) after it notwithstanding; None when it names none, or a province alone."""
    norm = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    m = _REGION.match(norm)
    if m and re.fullmatch(rf"(?:{_PROVINCES})(?:省|壮族自治区|回族自治区|维吾尔自治区|自治区)?", m[1]) and not m[1].endswith("市"):
        m = _REGION.match(norm[m.end(1):])  # 河南省周口市…: the city after its province
    if not m or m[1] in _NO_PLACE or _ZONE_WORDS.search(m[1]) or m[1] in ("全国", "中国"):
        return None
    return _PROVINCE_FIRST.sub("", m[1]) or m[1]


_PROVINCE_FIRST = re.compile(rf"^(?:{_PROVINCES})(?:省|壮族自治区|回族自治区|维吾尔自治区|自治区)(?=.)")


def host_cities(result: IngestResult, fields: dict) -> dict[str, tuple[str, Location]]:
    """file → (the host city its city table names, the cell naming it): the title (top rows) or the name of a
    sheet from which a host-city statistic (`region_fields`: 全市地区生产总值 …) was read."""
    own = region_fields(fields)
    sheets = {(o.file, o.sheet) for o in result.observations if o.field in own}
    out: dict[str, tuple[str, Location]] = {}
    for text, at in result.title_cells:
        key = (str(at.file), at.sheet)
        if key in sheets and str(at.file) not in out and (city := city_in(text)):
            out[str(at.file)] = (city, at)
    for path, sheet in sorted(sheets):
        if path not in out and (city := city_in(sheet)):
            out[path] = (city, Location(file=Path(path), sheet=sheet))
    return out


def one_host_city(result: IngestResult, fields: dict) -> list[Problem]:
    """An error (code host_city_differs) at the title of each workbook whose host-city table names another city
    than the other workbooks' do (漯河市 among 周口市's): a zone has one host city, so that workbook is another
    zone's, or its city table another city's (bt11j F3: a neighbour's workbook naming no zone was scored as this
    zone's latest quarter, only its 上年同期 cells warned of). The city most workbooks name is taken as the zone's;
    at a tie every workbook is named. Nothing when fewer than two cities are named."""
    cities = host_cities(result, fields)
    groups: dict[str, list[str]] = {}
    for path, (city, _) in sorted(cities.items()):
        groups.setdefault(_CITY_SUFFIX.sub("", city), []).append(path)
    if len(groups) < 2:
        return []
    ranked = sorted(groups.values(), key=len, reverse=True)
    usual = ranked[0] if len(ranked[0]) > len(ranked[1]) else []
    out = []
    for path, (city, at) in sorted(cities.items()):
        if path in usual:
            continue
        others = [p for p in cities if _CITY_SUFFIX.sub("", cities[p][0]) != _CITY_SUFFIX.sub("", city)]
        named = sorted({cities[p][0] for p in others})
        listing = "、".join(Path(p).name for p in others[:3]) + (" …" if len(others) > 3 else "")
        out.append(Problem(
            msg("this workbook's host-city table names {city} (「{text}」), the other workbooks' name {other} ({files}): "
                "a zone has one host city, so these are not one zone's figures", city=city,
                text=next((t for t, a in result.title_cells if a == at), at.sheet or ""), other="、".join(named),
                files=listing), at,
            msg("take another zone's workbook out of the folder; if this is the zone's own, correct its city table "
                "(所在市) to the zone's host city"), code="host_city_differs"))
    return out
