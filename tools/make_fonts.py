#!/usr/bin/env python3
"""Cut the bundled Chinese font, *Scorer Sans SC*, from Noto Sans CJK SC.

Why a bundled font
------------------
``scorer`` renders Chinese PDF reports (WeasyPrint) and charts (matplotlib)
and must do so on a machine with no CJK font installed.  It therefore ships a
font inside the package, in ``scorer/fonts/``.  The full Noto Sans CJK
collection is ~19 MiB per weight (all of CJK, five regions, vertical forms);
a subset restricted to what Simplified-Chinese reports use, with the whole
CJK Unified Ideographs basic block so that any place or person name renders,
is ~4.9 MiB per weight (GB2312 alone was ~1.5 MiB, but real names such as
信阳市浉河区 use characters outside it).  This script makes that subset,
reproducibly, and writes the licence and README that must travel with it.

Source
------
Debian's ``fonts-noto-cjk`` package (``apt-get install fonts-noto-cjk``):
``NotoSansCJK-Regular.ttc`` and ``NotoSansCJK-Bold.ttc`` in
``/usr/share/fonts/opentype/noto/`` (override with ``--source-dir``).  Each
collection holds ten faces (JP, KR, SC, TC, HK, each proportional and Mono)
that share one CFF outline table but have region-specific ``cmap`` tables.
The face is chosen by its name table (family, name ID 1, exactly
``Noto Sans CJK SC``), never by a hard-coded index, so the ``cmap`` used is
the Simplified Chinese one: code points map straight to the mainland-China
glyph forms.

How the subset is cut
---------------------
With ``fontTools.subset`` (the library behind ``pyftsubset``):

* Characters (see ``build_charset``): the CJK Unified Ideographs basic
  block U+4E00-9FFF (20,976 of its 20,992 code points: Noto Sans CJK 2.004
  lacks U+9FF0-9FFF, added in Unicode 13 and 14; the report refuses, naming
  the text, any character its font lacks), and the *common* set
  (``common_charset``):
  all of GB2312 (every two-byte code, rows 0xA1-0xF7 x columns 0xA1-0xFE,
  decoded with Python's ``gb2312`` codec; undecodable codes are skipped),
  printable ASCII, Latin-1 Supplement, General Punctuation, CJK Symbols and
  Punctuation, Halfwidth and Fullwidth Forms, circled numbers 1-20, arrows
  U+2190-2199, the geometric shapes and math signs that appear in tables
  (with U+2212 MINUS SIGN, which matplotlib draws for negative ticks),
  the units ㎡ ㎞, and a short list of name and place characters that GB2312
  lacks (喆 堃 昇 玥 珺 祎 赟 镕 璟 钰 炜 昱 晟 琪 萌 〇).  Code points that
  the font does not have are skipped and reported.
* OpenType layout features: only ``kern``, ``liga`` and ``ccmp``.  This
  drops ``locl`` on purpose: ``locl`` is how one CJK font serves several
  regions, and keeping it would pull the Japanese, Korean and Traditional
  Chinese variants of thousands of ideographs into the subset (2.7 MiB
  instead of 1.5 MiB per weight, measured with fontTools 4.68) while the
  SC ``cmap`` already gives the SC forms.
  ``vert``/``vrt2`` (vertical writing) and the CJK spacing features
  (``palt``, ``halt``...) are dropped too: reports are set horizontally.
* No hinting: CFF hints are removed (PDF viewers and the chart rasteriser
  do without them; they would add ~0.27 MiB, ~17%, per weight).
* ``.notdef`` keeps its outline, so a missing character shows as a box
  rather than vanishing.
* Glyph order (``common_first``): the glyphs of the common set come first,
  in the order and with the glyph IDs of a subset cut to the common set
  alone; the other ideographs follow.  WeasyPrint embeds a font in the PDF
  keeping glyph IDs (harfbuzz ``RETAIN_GIDS``) up to the highest one used, so
  with the source order (where rare ideographs sit among common ones) a
  report in common characters would carry ~20,000 empty glyph slots: the
  sample report's PDF grew from 280 to 373 KiB (measured).  With common
  glyphs first it stays at its size; a rare character costs ~70 KiB of PDF
  per weight that uses it.  Every glyph's outline is checked to be unchanged
  by the reordering.
* All name records (every name ID, every language) are kept, then renamed.

Renaming
--------
The SIL Open Font License 1.1 forbids a Modified Version (a subset is one)
from using a Reserved Font Name as its primary name; Noto CJK reserves
"Source", and "Noto" is a Google trademark.  The subset is therefore renamed
*Scorer Sans SC* in name IDs 1, 3, 4, 6, 16 and 17 (every platform, encoding
and language present) and in the CFF table (font name, FullName,
FamilyName, FDArray font names), which is what PDF files show as the
embedded font's name.  Copyright (ID 0), trademark (7), designer and vendor
credits (8-12) and the licence (13, 14) are kept; the description (ID 10)
says the font is a subset of Noto Sans CJK SC and keeps the original
credits.  ``usWeightClass``, ``fsSelection`` and ``head.macStyle`` are set
explicitly (400 / REGULAR, 700 / BOLD) so fontconfig, WeasyPrint and
matplotlib pick the Bold file for ``font-weight: bold``.

Reproducibility
---------------
Output bytes depend only on the source fonts and the fontTools version:
the ``head`` created/modified timestamps are copied from the source (not
set to "now"), and nothing else in the output depends on time or on the
machine.  Running the script twice gives identical files (check with
``sha256sum scorer/fonts/*.otf``).

Usage
-----
From the repository root::

    .venv/bin/python tools/make_fonts.py
    .venv/bin/python tools/make_fonts.py --source-dir /path/to/ttc --out-dir scorer/fonts

It writes ``ScorerSansSC-Regular.otf``, ``ScorerSansSC-Bold.otf``,
``OFL.txt`` and ``README.md`` into the output directory.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.reorderGlyphs import reorderGlyphs

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
DEFAULT_OUT_DIR = REPO_ROOT / "scorer" / "fonts"

SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Scorer Sans SC"
PS_FAMILY = "ScorerSansSC"
VENDOR_TAG = "SCORER"


@dataclass(frozen=True)
class Style:
    name: str  # subfamily, name ID 2/17
    source_file: str  # collection in the source directory
    weight_class: int  # OS/2 usWeightClass
    bold: bool


STYLES = (
    Style("Regular", "NotoSansCJK-Regular.ttc", 400, False),
    Style("Bold", "NotoSansCJK-Bold.ttc", 700, True),
)

# Layout features kept: kerning, standard ligatures, glyph composition.
LAYOUT_FEATURES = ["kern", "liga", "ccmp"]

# Name and place characters GB2312 lacks (common in Chinese personal and
# place names), plus 〇 (ideographic zero, used in dates such as 二〇二四).
EXTRA_CHARS = "〇㎡喆堃昇玥珺祎赟镕璟钰炜昱晟琪萌"

# Geometric shapes used as table markers, math signs, and units.  U+2212
# MINUS SIGN is not in GB2312 but matplotlib uses it for negative tick
# labels (rcParams["axes.unicode_minus"] is True by default).
TABLE_SHAPES = "■□▲△▼▽◆◇○●★☆"
MATH_SIGNS = "±×÷≤≥≈≠∞‰℃\u2212"
UNITS = "㎡㎞"

# (first, last) inclusive code point ranges included wholesale.
RANGES = (
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2190, 0x2199),  # arrows ← ↑ → ↓ ↔ ↕ ↖ ↗ ↘ ↙
    (0x2460, 0x2473),  # circled numbers ① - ⑳
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)

# Copyright statement naming the Reserved Font Name, as the Noto CJK licence
# gives it.  The font's own name ID 0 omits the reserved name; OFL.txt
# carries both.
UPSTREAM_COPYRIGHT = (
    "Copyright 2014-2021 Adobe (http://www.adobe.com/), "
    "with Reserved Font Name 'Source'."
)


def gb2312_chars() -> set[int]:
    """Every character of GB2312, by decoding all two-byte EUC-CN codes."""
    chars: set[int] = set()
    for row in range(0xA1, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                text = bytes((row, col)).decode("gb2312")
            except UnicodeDecodeError:
                continue  # unassigned code (rows 0xAA-0xAF, gaps in rows)
            chars.update(ord(c) for c in text)
    return chars


# CJK Unified Ideographs, the basic block: every ideograph a name may use
# renders (Extension A and beyond are not included).
CJK_BASIC = (0x4E00, 0x9FFF)


def common_charset() -> set[int]:
    """The characters reports use most: GB2312, symbols, extras (glyphs first)."""
    wanted = gb2312_chars()
    for first, last in RANGES:
        wanted.update(range(first, last + 1))
    for text in (TABLE_SHAPES, MATH_SIGNS, UNITS, EXTRA_CHARS):
        wanted.update(ord(c) for c in text)
    return wanted


def build_charset() -> set[int]:
    """All code points the subset is asked to cover (some may be absent)."""
    return common_charset() | set(range(CJK_BASIC[0], CJK_BASIC[1] + 1))


def find_face(collection: Path, family: str) -> int:
    """Index of the face whose name ID 1 is exactly ``family``."""
    ttc = TTCollection(str(collection), lazy=True)
    matches = [
        i
        for i, face in enumerate(ttc.fonts)
        if face["name"].getDebugName(1) == family
    ]
    if len(matches) != 1:
        raise SystemExit(
            f"error: expected exactly one face named {family!r} in "
            f"{collection}, found {len(matches)}"
        )
    return matches[0]


def subset_options() -> subset.Options:
    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.glyph_names = False
    options.recalc_timestamp = False
    return options


def rename(font: TTFont, style: Style) -> None:
    """Give the subset its own name (OFL reserved-name rule), see docstring."""
    name = font["name"]
    ps_name = f"{PS_FAMILY}-{style.name}"
    full_name = f"{FAMILY} {style.name}"
    version = f"{font['head'].fontRevision:.3f}"
    original_credits = name.getDebugName(10) or ""
    description = (
        f"{FAMILY} is a subset of {SOURCE_FAMILY} {version} "
        "(Simplified Chinese: CJK Unified Ideographs U+4E00-9FFF, GB2312 and "
        "common symbols), renamed as the "
        "SIL Open Font License requires for a Modified Version; cut with "
        "fontTools by scorer's tools/make_fonts.py."
    )
    if original_credits:
        description += f" Original credits: {original_credits}"
    new_values = {
        1: FAMILY,
        2: style.name,
        3: f"{version};{VENDOR_TAG};{ps_name}",
        4: full_name,
        5: f"Version {version}; subset of {SOURCE_FAMILY}",
        6: ps_name,
        10: description,
        16: FAMILY,
        17: style.name,
    }
    # Every (platform, encoding, language) that carries a family name gets
    # the full set; other records of these IDs are rewritten in place.
    keys = {
        (r.platformID, r.platEncID, r.langID)
        for r in name.names
        if r.nameID == 1
    }
    for name_id, value in new_values.items():
        if name_id in (3, 5, 6, 10):
            # Not localised: one record per platform/encoding, English.
            targets = {
                (r.platformID, r.platEncID, r.langID)
                for r in name.names
                if r.nameID == name_id
            } or {k for k in keys if k[2] in (0, 0x409)}
        else:
            targets = keys | {
                (r.platformID, r.platEncID, r.langID)
                for r in name.names
                if r.nameID == name_id
            }
        for platform_id, enc_id, lang_id in sorted(targets):
            name.setName(value, name_id, platform_id, enc_id, lang_id)
    leftover = [
        r.toUnicode()
        for r in name.names
        if r.nameID in (1, 3, 4, 6, 16, 17)
        and ("Noto" in r.toUnicode() or "Source" in r.toUnicode())
    ]
    if leftover:
        raise RuntimeError(f"reserved names left in the name table: {leftover}")

    # CFF: the PostScript names PDF files show for the embedded font.
    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames = [ps_name]
    top = cff.topDictIndex[0]
    top.FullName = full_name
    top.FamilyName = FAMILY
    top.Weight = style.name
    if hasattr(top, "FDArray"):
        for fd in top.FDArray:
            # "NotoSansCJKjp-Regular-Ideographs" -> "ScorerSansSC-Regular-Ideographs"
            fd_name = getattr(fd, "FontName", "")
            if fd_name.startswith(old_ps):
                fd.FontName = ps_name + fd_name[len(old_ps):]


def set_style_bits(font: TTFont, style: Style) -> None:
    """usWeightClass, fsSelection, macStyle for a Regular/Bold pair."""
    os2 = font["OS/2"]
    os2.usWeightClass = style.weight_class
    fs = os2.fsSelection & ~(1 << 0 | 1 << 5 | 1 << 6)  # ITALIC, BOLD, REGULAR
    fs |= (1 << 5) if style.bold else (1 << 6)
    os2.fsSelection = fs
    head = font["head"]
    head.macStyle = (head.macStyle & ~0b11) | (1 if style.bold else 0)


def cut(source: Path, wanted: set[int]) -> tuple[TTFont, list[int]]:
    """The SC face of `source` subset to `wanted`; also the code points it lacks."""
    index = find_face(source, SOURCE_FAMILY)
    font = TTFont(str(source), fontNumber=index, recalcTimestamp=False)
    cmap = font.getBestCmap()
    present = sorted(cp for cp in wanted if cp in cmap)
    missing = sorted(cp for cp in wanted if cp not in cmap)
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    return font, missing


def outlines(font: TTFont) -> dict[str, list]:
    """Every glyph's drawing (pen operations), by glyph name."""
    glyphs = font.getGlyphSet()
    out = {}
    for name in font.getGlyphOrder():
        pen = RecordingPen()
        glyphs[name].draw(pen)
        out[name] = pen.value
    return out


def common_first(font: TTFont, first: list[str]) -> None:
    """Reorder the glyphs of a CID-keyed CFF font: `first` (in that order), then the rest.

    fontTools' ``reorderGlyphs`` renumbers cmap, metrics and layout tables
    and the CFF charset, but not a CID font's FDSelect (which private dict,
    hence which local subroutines, each glyph uses) nor the charstring index;
    both are rebuilt here in the new order.
    """
    old = font.getGlyphOrder()
    rest = set(first)
    new = list(first) + [g for g in old if g not in rest]
    top = font["CFF "].cff.topDictIndex[0]
    charstrings = top.CharStrings
    for name in old:
        charstrings[name]  # decompile each charstring with its own private dict attached
    old_index = dict(charstrings.charStrings)
    items = charstrings.charStringsIndex.items
    fd_of = {g: top.FDSelect[i] for i, g in enumerate(old)} if hasattr(top, "FDSelect") else None
    reorderGlyphs(font, new)
    charstrings.charStringsIndex.items = [items[old_index[g]] for g in new]
    charstrings.charStrings = {g: i for i, g in enumerate(new)}
    if fd_of is not None:
        top.FDSelect.gidArray = [fd_of[g] for g in new]


def make_face(source: Path, style: Style, wanted: set[int]) -> tuple[TTFont, list[int], int]:
    """Subset, order (common glyphs first) and rename one weight.

    Returns the font, the wanted code points the source lacks, and how many
    glyphs come first (the common set's).
    """
    common, _ = cut(source, common_charset() & wanted)
    font, missing = cut(source, wanted)
    before = outlines(font)
    first = common.getGlyphOrder()
    if not set(first) <= set(before):
        raise SystemExit("error: the common subset has glyphs the full subset lacks")
    common_first(font, first)
    # Round-trip through bytes: the saved font must draw every glyph as before.
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    font = TTFont(buffer, recalcTimestamp=False)
    changed = [g for g, ops in outlines(font).items() if ops != before[g]]
    if changed or font.getGlyphOrder()[: len(first)] != first:
        raise SystemExit(f"error: reordering changed {len(changed)} glyph outlines, e.g. {changed[:5]}")
    rename(font, style)
    set_style_bits(font, style)
    return font, missing, len(first)


def write_ofl(out_dir: Path, name_copyright: str, trademark: str) -> None:
    header = (
        f"{UPSTREAM_COPYRIGHT}\n"
        f"Font name table copyright (name ID 0): {name_copyright}\n"
        f"{trademark}\n"
        "\n"
        f"{FAMILY} (ScorerSansSC-Regular.otf, ScorerSansSC-Bold.otf) is a "
        f"Modified Version\nof {SOURCE_FAMILY}: a character subset, renamed "
        "because of the Reserved Font Name.\n"
        "\n"
        "This Font Software is licensed under the SIL Open Font License, "
        "Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n"
        "\n"
    )
    (out_dir / "OFL.txt").write_text(header + OFL_TEXT, encoding="utf-8")


def fmt_chars(cps: list[int]) -> str:
    return ", ".join(f"{chr(cp)} U+{cp:04X}" for cp in cps) or "none"


def fmt_ranges(cps: list[int]) -> str:
    """Compact hex list of code points: ``2000-2001, 2004-200F, 2017``."""
    spans: list[list[int]] = []
    for cp in sorted(cps):
        if spans and cp == spans[-1][1] + 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return ", ".join(
        f"{a:04X}" if a == b else f"{a:04X}-{b:04X}" for a, b in spans
    ) or "none"


def write_readme(
    out_dir: Path,
    results: list[dict],
    sources: list[Path],
    missing_named: list[int],
    missing_all: list[int],
    n_common: int,
) -> None:
    n_gb = len(gb2312_chars())
    n_basic = (CJK_BASIC[1] - CJK_BASIC[0] + 1) - sum(
        CJK_BASIC[0] <= cp <= CJK_BASIC[1] for cp in missing_all
    )
    source_rows = "\n".join(
        f"- `{p.name}`: sha256 `{hashlib.sha256(p.read_bytes()).hexdigest()}`"
        for p in sources
    )
    rows = "\n".join(
        f"| `{r['file']}` | {r['size']:,} bytes ({r['size'] / 2**20:.2f} MiB) "
        f"| {r['chars']:,} | {r['glyphs']:,} | `{r['sha256'][:16]}…` |"
        for r in results
    )
    text = f"""# Scorer Sans SC

The Chinese font `scorer` bundles so that PDF reports (WeasyPrint) and charts
(SVG, rendered by WeasyPrint) render Chinese on a machine with no CJK font installed.

**{FAMILY}** is a *modified version* (a character subset) of
**{SOURCE_FAMILY}** {results[0]['version']} by Adobe, distributed under the
SIL Open Font License 1.1 (`OFL.txt` beside this file). It is renamed because
the OFL forbids modified versions from using the Reserved Font Name "Source"
("Noto" is a Google trademark). It is not endorsed by Adobe or Google.

| file | size | characters | glyphs | sha256 |
| --- | --- | --- | --- | --- |
{rows}

## Character set

- CJK Unified Ideographs, the basic block U+4E00–9FFF ({n_basic:,} of its
  20,992 code points; the source lacks U+9FF0–9FFF, added in Unicode 13 and
  14: the report refuses, naming the text, any character the font lacks);
- GB2312 in full ({n_gb:,} characters: 6,763 hanzi plus symbols, pinyin,
  Greek, Cyrillic, kana, box drawing);
- ASCII U+0020–007E, Latin-1 Supplement U+00A0–00FF, General Punctuation
  U+2000–206F, CJK Symbols and Punctuation U+3000–303F, Halfwidth and
  Fullwidth Forms U+FF00–FFEF (code points the font has);
- ①–⑳, arrows U+2190–2199, {TABLE_SHAPES}, {MATH_SIGNS}, {UNITS}
  (− is U+2212 MINUS SIGN, which matplotlib uses for negative tick labels);
- name/place characters outside GB2312: {EXTRA_CHARS}.

Requested characters the source font lacks: {fmt_chars(missing_named)}.

Code points of the ranges above that the source font lacks and that are
therefore skipped ({len(missing_all)}: unassigned code points, invisible format
characters, some special spaces such as U+2009 and U+202F, gaps in the
halfwidth forms): U+{fmt_ranges(missing_all)}.

OpenType features kept: {", ".join(LAYOUT_FEATURES)}. Dropped: `locl`
(would add JP/KR/TC glyph variants; the SC cmap already gives SC forms),
vertical (`vert`, `vrt2`) and CJK spacing features, and all hinting.

Glyph order: the {n_common:,} glyphs of GB2312 and the symbols above come
first, with the glyph IDs they have in a subset cut to them alone; the other
ideographs follow. WeasyPrint keeps glyph IDs when it embeds a font in a PDF,
so a report in common characters embeds no empty slots for the rare ones.

## Regenerating

```
apt-get install fonts-noto-cjk        # source: /usr/share/fonts/opentype/noto/
.venv/bin/python tools/make_fonts.py  # writes the .otf files, OFL.txt, README.md
```

`tools/make_fonts.py` documents how the subset is cut and why. Output is
deterministic for a given source package and fontTools version. These files
were made with fontTools {fontTools.version} from the face "{SOURCE_FAMILY}" of
Debian `fonts-noto-cjk`:

{source_rows}
"""
    (out_dir / "README.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=f"Cut {FAMILY} from {SOURCE_FAMILY} (see module docstring)."
    )
    parser.add_argument(
        "--source-dir",
        type=Path,
        default=DEFAULT_SOURCE_DIR,
        help=f"directory with the Noto Sans CJK .ttc files (default: {DEFAULT_SOURCE_DIR})",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help="output directory (default: scorer/fonts in the repository)",
    )
    args = parser.parse_args(argv)

    sources = [args.source_dir / s.source_file for s in STYLES]
    absent = [p for p in sources if not p.is_file()]
    if absent:
        print(
            "error: source font(s) not found: "
            + ", ".join(str(p) for p in absent)
            + "\nInstall them with:  apt-get install fonts-noto-cjk\n"
            "(Debian/Ubuntu; they land in /usr/share/fonts/opentype/noto/), "
            "or pass --source-dir DIR containing "
            + " and ".join(s.source_file for s in STYLES),
            file=sys.stderr,
        )
        return 1

    wanted = build_charset()
    named = {ord(c) for c in TABLE_SHAPES + MATH_SIGNS + UNITS + EXTRA_CHARS}
    args.out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    missing_named: set[int] = set()
    missing_all: set[int] = set()
    notices: dict[int, str] = {}
    for style, source in zip(STYLES, sources):
        font, missing, n_common = make_face(source, style, wanted)
        missing_named |= named & set(missing)
        missing_all |= set(missing)
        for name_id in (0, 7):  # copyright, trademark (same in both weights)
            notices.setdefault(name_id, font["name"].getDebugName(name_id) or "")
        out = args.out_dir / f"{PS_FAMILY}-{style.name}.otf"
        font.save(str(out))
        data = out.read_bytes()
        results.append(
            {
                "file": out.name,
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "chars": len(font.getBestCmap()),
                "glyphs": len(font.getGlyphOrder()),
                "version": f"{font['head'].fontRevision:.3f}",
            }
        )
        print(
            f"{out}: {len(data):,} bytes, {results[-1]['chars']:,} characters, "
            f"sha256 {results[-1]['sha256']}"
        )
        gb_missing = sorted(gb2312_chars() & set(missing))
        if gb_missing:
            print(f"  GB2312 characters missing: {fmt_chars(gb_missing)}")
    write_ofl(args.out_dir, notices[0], notices[7])
    write_readme(
        args.out_dir, results, sources, sorted(missing_named), sorted(missing_all),
        n_common,
    )
    print(f"missing named characters: {fmt_chars(sorted(missing_named))}")
    print(f"wrote {args.out_dir / 'OFL.txt'} and {args.out_dir / 'README.md'}")
    return 0


OFL_TEXT = """\
-----------------------------------------------------------
SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007
-----------------------------------------------------------

PREAMBLE
The goals of the Open Font License (OFL) are to stimulate worldwide
development of collaborative font projects, to support the font creation
efforts of academic and linguistic communities, and to provide a free and
open framework in which fonts may be shared and improved in partnership
with others.

The OFL allows the licensed fonts to be used, studied, modified and
redistributed freely as long as they are not sold by themselves. The
fonts, including any derivative works, can be bundled, embedded,
redistributed and/or sold with any software provided that any reserved
names are not used by derivative works. The fonts and derivatives,
however, cannot be released under any other type of license. The
requirement for fonts to remain under this license does not apply
to any document created using the fonts or their derivatives.

DEFINITIONS
"Font Software" refers to the set of files released by the Copyright
Holder(s) under this license and clearly marked as such. This may
include source files, build scripts and documentation.

"Reserved Font Name" refers to any names specified as such after the
copyright statement(s).

"Original Version" refers to the collection of Font Software components as
distributed by the Copyright Holder(s).

"Modified Version" refers to any derivative made by adding to, deleting,
or substituting -- in part or in whole -- any of the components of the
Original Version, by changing formats or by porting the Font Software to a
new environment.

"Author" refers to any designer, engineer, programmer, technical
writer or other person who contributed to the Font Software.

PERMISSION & CONDITIONS
Permission is hereby granted, free of charge, to any person obtaining
a copy of the Font Software, to use, study, copy, merge, embed, modify,
redistribute, and sell modified and unmodified copies of the Font
Software, subject to the following conditions:

1) Neither the Font Software nor any of its individual components,
in Original or Modified Versions, may be sold by itself.

2) Original or Modified Versions of the Font Software may be bundled,
redistributed and/or sold with any software, provided that each copy
contains the above copyright notice and this license. These can be
included either as stand-alone text files, human-readable headers or
in the appropriate machine-readable metadata fields within text or
binary files as long as those fields can be easily viewed by the user.

3) No Modified Version of the Font Software may use the Reserved Font
Name(s) unless explicit written permission is granted by the corresponding
Copyright Holder. This restriction only applies to the primary font name as
presented to the users.

4) The name(s) of the Copyright Holder(s) or the Author(s) of the Font
Software shall not be used to promote, endorse or advertise any
Modified Version, except to acknowledge the contribution(s) of the
Copyright Holder(s) and the Author(s) or with their explicit written
permission.

5) The Font Software, modified or unmodified, in part or in whole,
must be distributed entirely under this license, and must not be
distributed under any other license. The requirement for fonts to
remain under this license does not apply to any document created
using the Font Software.

TERMINATION
This license becomes null and void if any of the above conditions are
not met.

DISCLAIMER
THE FONT SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO ANY WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT
OF COPYRIGHT, PATENT, TRADEMARK, OR OTHER RIGHT. IN NO EVENT SHALL THE
COPYRIGHT HOLDER BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,
INCLUDING ANY GENERAL, SPECIAL, INDIRECT, INCIDENTAL, OR CONSEQUENTIAL
DAMAGES, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
FROM, OUT OF THE USE OR INABILITY TO USE THE FONT SOFTWARE OR FROM
OTHER DEALINGS IN THE FONT SOFTWARE.
"""


if __name__ == "__main__":
    sys.exit(main())
