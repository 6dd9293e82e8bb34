"""Report view model → HTML (Jinja2) → PDF (WeasyPrint), written atomically, fetching only our own files."""

from __future__ import annotations

import base64
import functools
import html as htmlmod
import io
import logging
import re
import unicodedata
import urllib.parse
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import jinja2
from markupsafe import Markup

from scorer import fmt

from scorer.atomic import write_atomic
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import Text, msg
from scorer.report.paging import render_balanced
from scorer.resources import fonts_dir, templates_dir

FONT_FILES = [("ScorerSansSC-Regular.otf", "normal"), ("ScorerSansSC-Bold.otf", "bold")]
FONT_FAMILY = "Scorer Sans SC"
# The fallback for ideographs the bundled font lacks (Unicode 14's U+9FF0–9FFF, much of Extensions A–H: rare
# characters of place and zone names): BabelStone Han, Debian's fonts-babelstone-han (Arphic Public License),
# which scripts/setup.sh installs. Declared (@font-face, by file: no fontconfig needed) only in a report whose
# text needs it; where it is not installed (Windows, a machine set up by hand) such characters are refused.
# It has one weight, declared normal, and WeasyPrint 70 synthesises no bold: in a bold title such a character
# is drawn in regular weight beside bold ones (README.md says so). Accepted: the character itself is right.
FALLBACK_FONTS = [Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")]
FALLBACK_FAMILY = "Scorer Han Fallback"
_CODEPOINT = re.compile(r"\(U\+([0-9A-Fa-f]{4,6})\)")


@dataclass
class RenderLog:
    """What WeasyPrint complained about while rendering; `.notdef` means a glyph was missing."""

    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    html_instead: Path | None = None  # WeasyPrint could not load its libraries: the HTML report written instead
    engine_error: str = ""  # what loading WeasyPrint said, for SCORER_DEBUG
    engine_absent: str | None = None  # the Python module missing (weasyprint itself, or one it needs): not Pango
    stale_removed: Path | None = None  # an earlier PDF at the report's place, removed so that none looks current

    @property
    def notdef(self) -> list[str]:
        return [w for w in self.warnings if ".notdef" in w]

    @property
    def missing_chars(self) -> list[str]:
        """The characters drawn as `.notdef` (a box), each once, in the order met."""
        found = (_CODEPOINT.search(w) for w in self.notdef)
        return list(dict.fromkeys(chr(int(m.group(1), 16)) for m in found if m))


class _Collector(logging.Handler):
    def __init__(self, log: RenderLog):
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        self.log.warnings.append(record.getMessage())


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_keep_units,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(text) -> Markup:
    """`text` as a quoted CSS string inside the page's <style> (a raw-text element: no HTML entity is read there):
    quotes, backslashes, < > & ' and controls as CSS hex escapes, so no zone name can end the string or the style."""
    return Markup('"' + "".join(f"\\{ord(c):x} " if c in '"\\<>&\'' or ord(c) < 32 or ord(c) == 127 else c
                                for c in fmt.keep_units(str(text))) + '"')


_TAG = re.compile(r"(<[^>]*>)")


def _keep_units(value):
    """Every text the report prints keeps a number on the line of its unit (`scorer.fmt.keep_units`): plain
    text whole, HTML made safe (a brief's action line with its <b>) in the text between its tags."""
    if isinstance(value, Markup):
        return Markup("".join(part if k % 2 else fmt.keep_units(part) for k, part in enumerate(_TAG.split(value))))
    return fmt.keep_units(value) if type(value) is str else value


_HEAD_TEXT = re.compile(r"(<title>)(.*?)(</title>)|(<meta [^>]*?content=\")([^\"]*)(\")", re.S)


def _plain_head(page: str) -> str:
    """`page` with the text of its <head> (the title and every <meta> content: the PDF's Title, Subject,
    Keywords, the browser's tab) as a reader types it: no word joiner or other invisible format character
    that keeps a number to its unit on a printed line (`fmt.keep_units`), a plain space for a no-break one.
    A search of the document's properties for "2022年" or "bn yuan" then finds it (bt15 F18: the Title held
    2022\u2060年)."""
    def plain(m: re.Match) -> str:
        start, text, end = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        text = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text
                       if unicodedata.category(ch) != "Cf")
        return start + text + end

    head, sep, body = page.partition("</head>")
    return _HEAD_TEXT.sub(plain, head) + sep + body


_CJK_SPACE = re.compile(r"(?<=[。；：！？，、）])[ \t]+(?=[^\s<])")  # an ASCII space after Chinese punctuation; 」 may be followed by a cell as messages write it


# A file name as the report prints it: up to its ending (.xlsx, .csv, .yaml …), no space, tag or › inside
# (at most 255 characters before the ending, and never /, + or =: an embedded font's base64 holds no name and is skipped
# in linear time)
_FILE_NAME = re.compile(r"[^\s<>›\"'=/+]{1,255}\.(?:xlsx|xlsm|xls|ods|csv|yaml|yml)(?![\w.])", re.IGNORECASE)


def plain_file_names(page: str) -> str:
    """`page` with no word joiner (U+2060, `fmt.keep_units`) inside a file name: copied out of the HTML report to
    search for the file, 周口经开区主要统计指标_2022⁠年1-12⁠月.xlsx found nothing (bt11i F4). The PDF keeps them (a
    printed name does not break inside 2022年; its text layer drops them)."""
    return _FILE_NAME.sub(lambda m: m[0].replace(fmt.WJ, ""), page)


_TAG_OR_SVG = re.compile(r"(<svg\b.*?</svg>|<[^>]*>)", re.S)


def names_kept_whole(page: str, names: Sequence) -> str:
    """`page` with each file name of `names` (paths) that holds a space wrapped, in the body's text, in a span that
    justification does not stretch (report.css `.file-name`, an inline block): on page 2 the space in 全省 园区.csv was
    a justified Chinese line's only stretchable point, ten characters wide, as if two names (bt15k F9). Tags, the
    head and the charts' SVG are left as they are."""
    import markupsafe

    shown = {str(markupsafe.escape(form)) for p in names if p is not None
             for form in (fmt.shown(Path(p).name), fmt.keep_units(fmt.shown(Path(p).name))) if re.search(r"\s", form)}
    if not shown:
        return page
    pattern = re.compile("|".join(map(re.escape, sorted(shown, key=len, reverse=True))))
    head, sep, body = page.partition("<body")
    parts = _TAG_OR_SVG.split(body)
    for k in range(0, len(parts), 2):  # the text between tags (odd places: tags and whole SVG charts)
        parts[k] = pattern.sub(lambda m: f'<span class="file-name">{m[0]}</span>', parts[k])
    return head + sep + "".join(parts)


def render_html(model: dict, embed_fonts: bool = False, fallback: Path | None = None, names: Sequence = ()) -> str:
    """The report as HTML: charts as data URIs; fonts by file URI for WeasyPrint, or embedded
    (`embed_fonts`) so that the page is self-contained when it is mailed or moved. `fallback`: a font file
    declared after the bundled one (FALLBACK_FAMILY), for characters the bundled font lacks (`fonts_for`).

    Embedded fonts are cut to the characters of the page (`subset_font`): the bundled font holds every
    ideograph (4.9 MiB a weight), a report uses a few hundred of them."""
    env = _environment()
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    files = [(fonts_dir() / name, weight, FONT_FAMILY) for name, weight in FONT_FILES]
    if fallback is not None:
        files.append((fallback, "normal", FALLBACK_FAMILY))
        css = css.replace(f'font-family: "{FONT_FAMILY}";', f'font-family: "{FONT_FAMILY}", "{FALLBACK_FAMILY}";')
    fonts = [{"uri": path.as_uri(), "weight": weight, "family": family} for path, weight, family in files]
    # A file name's undecodable bytes (lone surrogates) as \\xNN: UTF-8 HTML cannot hold them (scorer.messages.shown).
    page = _plain_head(fmt.shown(env.get_template("report.html").render(r=model, css=css, fonts=fonts)))
    page = names_kept_whole(page, names)  # `names`: the input files, whose names are printed whole
    if embed_fonts:  # the HTML report itself (not the page WeasyPrint prints): file names as they are on disk
        page = plain_file_names(page)
    if model.get("lang", "zh-CN") == "zh-CN":  # two texts a template joins with a space: none after 。 in Chinese
        page = _CJK_SPACE.sub("", page)
    if fallback is not None:  # the charts' SVG text too
        page = _with_fallback_in_charts(page)
    if not embed_fonts:
        return page
    chars = set(re.sub(r"data:[^\"')\s]+", "", page)) | set("".join(_texts(page)))
    for font, (path, _, _) in zip(fonts, files):
        data = subset_font(path, chars)
        kind = "otf" if path.suffix.lower() == ".otf" else "ttf"
        page = page.replace(font["uri"], f"data:font/{kind};base64," + base64.b64encode(data).decode("ascii"))
    return page


def _with_fallback_in_charts(page: str) -> str:
    """The page with its SVG charts' font-family naming the fallback family after the bundled one."""
    def one(m: re.Match) -> str:
        svg = base64.b64decode(m[1]).decode("utf-8").replace(
            f'font-family="{FONT_FAMILY}"', f'font-family="{FONT_FAMILY}, {FALLBACK_FAMILY}"')
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return re.sub(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", one, page)


@functools.lru_cache(maxsize=4)
def _code_points(path: Path) -> frozenset[int]:
    """The code points a font file maps to glyphs (its cmap; fontTools reads that table alone)."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


def _drawn(ch: str) -> bool:
    """Whether a character is drawn with a glyph of its own (not a control, a format character or a space,
    which the text engine handles without one)."""
    return unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def fonts_for(texts: list[str]) -> tuple[Path | None, list[str]]:
    """(the fallback font the texts need, or None; the characters no font has, each once, in the order met).

    Every character drawn is looked up in the bundled font (its regular weight: both weights are cut to one
    character list by tools/make_fonts.py), then in the installed fallback (FALLBACK_FONTS), before rendering:
    a character neither has would print as an empty box."""
    bundled = _code_points(fonts_dir() / FONT_FILES[0][0])
    lacking = list(dict.fromkeys(ch for t in texts for ch in t if ord(ch) not in bundled and _drawn(ch)))
    if not lacking:
        return None, []
    fallback = next((p for p in FALLBACK_FONTS if p.is_file()), None)
    if fallback is None:
        return None, lacking
    has = _code_points(fallback)
    return fallback, [ch for ch in lacking if ord(ch) not in has]


def subset_font(path: Path, chars: set[str]) -> bytes:
    """The OpenType font at `path` cut to `chars` (with the glyphs its kern/liga/ccmp features reach),
    names and licence records kept, by fontTools' subsetter (as tools/make_fonts.py cuts the bundled font)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["kern", "liga", "ccmp"]
    options.name_IDs, options.name_languages = ["*"], ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.recalc_timestamp = False
    font = TTFont(path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _safe_fetcher(log: RenderLog):
    """A URL fetcher that serves data: URIs and files inside our templates and fonts folders only."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    allowed = [templates_dir().resolve(), fonts_dir().resolve(), *(p.parent.resolve() for p in FALLBACK_FONTS)]

    class SafeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    return super().fetch(url, headers)
            log.refused.append(url)
            raise URLFetchingError(f"scorer does not fetch {url!r}: reports only use their own templates and fonts")

    return SafeFetcher()


def _texts(html: str) -> list[str]:
    """The text runs of the report's HTML body and of its SVG charts (data URIs), unescaped."""
    body = html.split("<body", 1)[-1]
    svgs = [base64.b64decode(b).decode("utf-8") for b in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", body)]
    runs = []
    for part in [re.sub(r"data:[^\"')\s]+", "", body), *svgs]:
        runs += [t for t in (htmlmod.unescape(r).strip() for r in re.findall(r">([^<]+)<", part)) if t]
    return runs


def _listed(chars: list[str], html: str, sources: Sequence[tuple[str, str, Location | None]]) -> tuple[Text, Location | None]:
    """Each character with its code point and the input it came from (the first of `sources` holding it), else
    the report texts it is in; and the place of the first character's input."""
    runs = _texts(html)
    parts, location = [], None
    for ch in chars:
        # the report's line-breaking marks (U+2060 WORD JOINER …) are no part of a quoted name (bt10g F5)
        where = list(dict.fromkeys(_BREAKS.sub("", t) for t in runs if ch in t))[:3]
        source = next(((t, said, loc) for t, said, loc in sources if ch in t), None)
        char = f"「{ch}」 U+{ord(ch):04X}"
        if source is not None:
            location = location or source[2]
            parts.append(msg("{char} in 「{text}」 ({where})", char=char, text=source[0], where=source[1]))
        else:
            parts.append(msg("{char} in {texts}", char=char, texts="、".join(f"「{t}」" for t in where)) if where
                         else Text(char))
    listed = Text("; ".join(parts), "；".join(p.zh for p in parts))
    return listed, location


_BREAKS = re.compile("[\u200b\u200c\u200d\u2060\u00ad]")


def private_use(texts: list[str]) -> list[str]:
    """The characters of Unicode's Private Use Areas (U+E000–U+F8FF, planes 15 and 16) in the texts, each once:
    an office's own 造字 for a rare place-name character lands there, with no agreed meaning, and a font's own
    glyph at that code point (BabelStone Han has some) is some other character."""
    return list(dict.fromkeys(ch for t in texts for ch in t if unicodedata.category(ch) == "Co"))


def private_use_problem(chars: list[str], html: str, sources: Sequence[tuple[str, str, Location | None]] = ()) -> Problem:
    """The error for Private Use Area characters in the report's text (`private_use`), named as
    `missing_glyphs_problem` names characters no font has."""
    listed, location = _listed(chars, html, sources)
    return Problem(msg("{chars}: a character of Unicode's Private Use Area (an office's own 造字, from its input "
                       "method's user-defined characters), which means nothing agreed: a font would draw some other "
                       "character in its place, so no report was written", chars=listed), location or Location(),
                   msg("write the character as its standard Unicode ideograph (most rare place-name characters are "
                       "in Extensions A–H) or a common form, where it is named (a cell, a sheet's name, a file's line), or the "
                       "zone's name with --zone"))


def refuse_private_use(html: str, sources: Sequence[tuple[str, str, Location | None]] = ()) -> str:
    """`html` when its text holds no Private Use Area character (`private_use`); else ScorerError naming them."""
    if private := private_use(_texts(html)):
        raise ScorerError(private_use_problem(private, html, sources))
    return html


def missing_glyphs_problem(chars: list[str], html: str, sources: Sequence[tuple[str, str, Location | None]] = (),
                           fallback: bool = False) -> Problem:
    """The error for characters no font of the report has: each with its code point, the input it came from
    (`sources`: (text, where, location) of the texts the report shows from input — the workbook cell of a
    title or a label, the --zone option, a peer table — the first holding it is named, and the problem is
    placed at the first character's) and the report text it is in, and what to do. `fallback`: whether the
    fallback font (FALLBACK_FONTS) was looked in too."""
    listed, location = _listed(chars, html, sources)
    if fallback:
        return Problem(msg("neither the report's font ({font}) nor its fallback ({fallback}) has a glyph for {chars}: "
                           "it would print as an empty box, so no report was written", font=FONT_FAMILY,
                           fallback="BabelStone Han", chars=listed), location or Location(),
                       msg("write that text with other characters (a common form of the character, or the zone's "
                           "name with --zone), where it is named (a cell, a sheet's name, a file's line)"))
    return Problem(msg("the report's font ({font}) has no glyph for {chars}: it would print as an empty box, so no "
                       "report was written", font=FONT_FAMILY, chars=listed), location or Location(),
                   msg("on Debian, `bash scripts/setup.sh` installs the fallback font fonts-babelstone-han (Unicode 15 "
                       "ideographs such as U+9FF0–9FFF and many rarer ones); or write that text with characters of "
                       "the CJK Unified Ideographs block (U+4E00–9FEF), e.g. the zone's name with --zone"))


# WeasyPrint's own Windows steps (docs/first_steps.rst, "Windows", Kozea/WeasyPrint of 2026-08; the "stable" page
# doc.courtbouillon.org/weasyprint/stable/first_steps.html#windows): install MSYS2 with its default options, then in
# the MSYS2 UCRT64 shell run `pacman -S mingw-w64-ucrt-x86_64-pango`. No environment variable: WeasyPrint looks in
# C:\msys64\ucrt64\bin first by default (weasyprint/text/ffi.py), and setting WEASYPRINT_DLL_DIRECTORIES replaces
# that list. The README's 「在 Windows 上安装」 names the same shell and package (tests/test_no_pango.py holds both
# to the default folder of the installed WeasyPrint).
MSYS2_SHELL = "MSYS2 UCRT64"
MSYS2_PANGO = "mingw-w64-ucrt-x86_64-pango"


def engine_fix(platform: str | None = None) -> Text:
    """How to give WeasyPrint its Pango libraries on `platform` (`sys.platform` by default), in both languages:
    on Windows MSYS2's Pango in WeasyPrint's own documented steps (MSYS2_SHELL, MSYS2_PANGO; README 「在 Windows
    上安装」), on macOS Homebrew's, elsewhere (the office's Linux server) the Debian packages scripts/setup.sh
    installs."""
    import sys

    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "cygwin", "msys")):
        return msg("install MSYS2 from msys2.org with its default options, open {shell} from the Start menu, run "
                   "pacman -S {package} in it, close it and run scorer again (see the README, 「在 Windows 上安装」)",
                   shell=MSYS2_SHELL, package=MSYS2_PANGO)
    if platform == "darwin":
        return msg("run brew install pango, then run scorer again")
    return msg("run sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (on Debian or Ubuntu; bash "
               "scripts/setup.sh installs them), then run scorer again")


def install_fix() -> Text:
    """How to install WeasyPrint into the Python that runs scorer: that interpreter's pip, with scorer's own
    requirement for it (its package metadata, pyproject.toml: "weasyprint>=62,<71")."""
    import importlib.metadata
    import sys

    try:
        wanted = next((r.split(";")[0].replace(" ", "") for r in importlib.metadata.requires("scorer") or ()
                       if re.match(r"weasyprint\b", r, re.I)), "weasyprint")
    except importlib.metadata.PackageNotFoundError:
        wanted = "weasyprint"
    return msg("run \"{python}\" -m pip install \"{wanted}\" (or install scorer again, which installs it), then run "
               "scorer again", python=sys.executable, wanted=wanted)


def engine_missing_message(log: "RenderLog", platform: str | None = None) -> Text:
    """The one line saying that the PDF could not be written (WeasyPrint cannot load Pango), which HTML
    report was written instead, which earlier PDF was removed (it would have looked current), and the
    fix for `platform` (`engine_fix`). `log`: the RenderLog of `scorer.pipeline.report` with `html_instead`.
    When WeasyPrint itself (or a Python module it needs) is not installed (`log.engine_absent`), that is said,
    with pip's fix (`install_fix`), not Pango's (bt15j F11f)."""
    stale = msg("; the earlier {pdf} was removed: it was out of date", pdf=log.stale_removed) \
        if log.stale_removed is not None else Text("", "")
    if log.engine_absent:
        return msg("could not write the PDF: the Python package {module} is not installed, so the HTML report {html} "
                   "was written instead (open it in a browser and print it to PDF: the same pages, without the PDF's "
                   "bookmarks and section heads){stale}; to fix: {fix}", module=log.engine_absent, html=log.html_instead, stale=stale, fix=install_fix())
    return msg("could not write the PDF: WeasyPrint cannot find the Pango libraries, so the HTML report {html} "
               "was written instead (open it in a browser and print it to PDF: the same pages, without the PDF's "
               "bookmarks and section heads){stale}; to fix: {fix}", html=log.html_instead, stale=stale, fix=engine_fix(platform))


class PdfEngineMissing(Exception):
    """WeasyPrint cannot be loaded: its system libraries (Pango, GObject: a Windows machine without MSYS2's Pango,
    a Linux one without libpango), or, with `.module`, the Python module missing (weasyprint itself, or a package
    it imports: pip never installed it). Carries what the loader said."""

    def __init__(self, said: str, module: str | None = None):
        super().__init__(said)
        self.module = module


def load_weasyprint():
    """`weasyprint.HTML`, or PdfEngineMissing when its libraries cannot be loaded (OSError from cffi's dlopen)."""
    import contextlib
    import io

    try:
        # WeasyPrint prints its own English banner on stdout when its libraries do not load ("WeasyPrint could not
        # import some external libraries…"): the user gets scorer's one line with the fix instead (bt15j F0; under
        # the office service the banner went into the Chinese log before every report line).
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            # WeasyPrint warns at import when fontconfig sees no system font ("Expect ugly output"): the
            # report uses only its bundled font, and a character that font lacks is refused in write_pdf.
            warnings.filterwarnings("ignore", message=r".*Expect ugly output", category=UserWarning)
            from weasyprint import HTML
    except (OSError, ImportError) as exc:
        # A module not found is a Python package pip did not install (not Pango: its libraries fail in cffi's dlopen
        # with OSError); its name, the top-level package's ("weasyprint", "pydyf"), says which.
        module = exc.name.split(".")[0] if isinstance(exc, ModuleNotFoundError) and exc.name else None
        raise PdfEngineMissing(f"{type(exc).__name__}: {exc}".splitlines()[0], module) from exc
    return HTML


def _names_drawn(html: str, inputs: Sequence) -> str:
    """`html` with each input file's name drawn whatever its characters: a character of a name that no font of
    the report has (a GBK name read as UTF-8 where its bytes happen to be valid: 周口 gives U+073F, a Syriac
    mark) is written as \\uXXXX wherever the name appears. The name is the file's, not text to be scored: the
    report is not refused for it (a zone or indicator name with such a character still is)."""
    import markupsafe

    for path in inputs:
        if path is None:
            continue
        name = fmt.shown(Path(path).name)
        lacking = set(fonts_for([name])[1])
        if lacking:
            drawn = "".join(f"\\u{ord(c):04x}" if c in lacking else c for c in name)
            # as written, and as the report prints it (a number kept with its unit by word joiners: 2022⁠年1-12⁠月,
            # which the plain name did not match, so a ✓ in a workbook's name refused the report, bt15i F10)
            for shown_as, drawn_as in ((name, drawn), (fmt.keep_units(name), fmt.keep_units(drawn))):
                html = html.replace(str(markupsafe.escape(shown_as)), str(markupsafe.escape(drawn_as)))
    return html


def write_pdf(model: dict, out: Path, inputs: tuple = (), sources: Sequence[tuple[str, str, Location | None]] = ()) -> RenderLog:
    """Render the report to `out` atomically: a failed run leaves any earlier report untouched; an `out`
    that is one of `inputs` is refused.

    Raises ScorerError, writing nothing, when the report's text holds a Private Use Area character
    (`private_use`), or any character of it is in no font of it: looked
    up before rendering in the bundled font and the installed fallback (`fonts_for`), and again while
    rendering (a `.notdef`, a box, drawn all the same). The error names each character, its code point and
    the input it came from (`sources`, see `missing_glyphs_problem`). Raises PdfEngineMissing when WeasyPrint
    cannot load Pango (see `scorer.pipeline.report`, which then writes the HTML report instead).
    """
    HTML = load_weasyprint()
    html = _names_drawn(render_html(model, names=inputs), inputs)
    refuse_private_use(html, sources)
    fallback, missing = fonts_for(_texts(html))
    if missing:
        raise ScorerError(missing_glyphs_problem(missing, html, sources, fallback=fallback is not None
                                                 or any(p.is_file() for p in FALLBACK_FONTS)))
    if fallback is not None:
        html = _names_drawn(render_html(model, fallback=fallback, names=inputs), inputs)
    log = RenderLog()
    handler = _Collector(log)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = HTML(string=html, base_url=str(templates_dir()), url_fetcher=_safe_fetcher(log))
        options = dict(pdf_identifier=b"scorer", uncompressed_pdf=False, custom_metadata=True)
        pdf = render_balanced(document, **options).write_pdf(**options)
    finally:
        logger.removeHandler(handler)
    if log.missing_chars:
        raise ScorerError(missing_glyphs_problem(log.missing_chars, html, sources, fallback=fallback is not None))
    write_atomic(out, pdf, inputs)
    return log


