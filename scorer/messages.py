"""The message catalogue: the Chinese of every English message, help text and problem (gettext), and the language in use.

English is the source text (the msgid) and the Chinese lives in one gettext catalogue,
`scorer/locale/zh_CN/LC_MESSAGES/scorer.po`, compiled to `scorer.mo` (shipped with the package) by
`python tools/catalogue.py`, which extracts the messages with Babel. At run time only the standard
library's `gettext` reads the compiled `.mo`, once, on first use (`scorer --help` stays fast).

The language (`language()`) is "zh" or "en": `--lang` on the command line, else the locale of the
environment (LC_ALL, LC_MESSAGES, LANG: a `zh…` locale gives Chinese, any other — C, POSIX, en_US —
English), else the system's locale on Windows, else Chinese (the analysts this tool is for read
Chinese first). `--json` carries both languages whatever the choice.
"""

from __future__ import annotations

import functools
import math
import re
import string
from pathlib import Path, PurePath

from scorer.lang import LANGS, language_of  # noqa: F401  (language_of: part of this module's interface)

DOMAIN = "scorer"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_language: str | None = None


def language() -> str:
    """The language in use: set by `set_language` (the CLI does it first), else read from the environment."""
    global _language
    if _language is None:
        _language = language_of((), None)
    return _language


def set_language(lang: str | None) -> None:
    """Speak `lang` ("zh" or "en") from now on; None goes back to the environment's choice."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    global _language
    _language = lang


@functools.lru_cache(maxsize=None)
def _catalogue():
    import gettext

    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=["zh_CN"], fallback=True)


def zh(text: str) -> str:
    """The Chinese of an English message (its msgid; under its msgctxt when `C_` marked it with one), or the
    English itself when the catalogue has none."""
    if not text:
        return text
    context = getattr(text, "context", None)
    return _catalogue().pgettext(context, text) if context else _catalogue().gettext(text)


def N_(text: str) -> str:
    """Mark a message for the catalogue without translating it here (help text, translated when shown)."""
    return text


class Msgid(str):
    """An English msgid with its gettext context (`.context`, the .po's msgctxt): one English word that has two
    Chinese ones ("Target": 目标值 in a table's header, 目标水平 in the radar chart's legend)."""

    context: str

    def __new__(cls, text: str, context: str) -> "Msgid":
        self = super().__new__(cls, text)
        self.context = context
        return self

    def __reduce__(self):
        return (Msgid, (str(self), self.context))


def C_(context: str, text: str) -> Msgid:
    """Mark a message for the catalogue under `context` (gettext's pgettext; tools/catalogue.py extracts it with
    its msgctxt), without translating it here: `zh` looks it up in its context."""
    return Msgid(text, context)


def tr(text: str | None) -> str | None:
    """`text` (an English msgid, or a `Text`) in the language in use."""
    if text is None or language() == "en":
        return text
    return text.zh if isinstance(text, Text) else zh(text)


class Text(str):
    """An English message (it is the str itself, so existing callers and tests read English) with its Chinese in `.zh`."""

    zh: str

    def __new__(cls, en: str, zh_text: str | None = None) -> "Text":
        self = super().__new__(cls, en)
        self.zh = en if zh_text is None else zh_text
        return self

    def __reduce__(self):
        return (Text, (str(self), self.zh))

    def __add__(self, other: str) -> "Text":
        return Text(str(self) + str(other), self.zh + (other.zh if isinstance(other, Text) else str(other)))

    def in_(self, lang: str) -> str:
        """The message in `lang` ("zh" or "en")."""
        return self.zh if lang == "zh" else str(self)


_G_SPEC = re.compile(r"^(?P<head>[^.]*?)(?:\.(?P<digits>\d+))?[gG]$")


class _Formatter(string.Formatter):
    """str.format as messages use it, but a number given a `g` format is written as the report writes figures:
    a bare `{x:g}` is the number as the user wrote it or the cell holds it (`written`: every digit, 1,234,567.5,
    never 1.23457e+06 nor 1,234,570; issue 11 point 3: a bound of 1234567.5 in a YAML file printed as 1.23457e+06),
    and a `g` with a precision (`{r:.3g}`, deliberately rounded) keeps its digits but never comes out in
    e-notation: 1.87e-05 is 0.0000187 (issue 11, bt-i11 F7)."""

    def format_field(self, value, format_spec):
        number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if "|" in format_spec:  # a count and the words that agree with it: {n:# zone has|# zones have}
            return counted(value, *format_spec.split("|", 1))
        if number and format_spec == "g":
            return written(value)
        text = super().format_field(value, format_spec)
        if "e" not in text.lower() or not number or (m := _G_SPEC.match(format_spec)) is None:
            return text
        return plain_number(float(value), int(m["digits"] or 6), sign="+" in m["head"])


def counted(count, one: str, many: str) -> str:
    """`one` for a count of exactly 1, else `many`, each `#` in it replaced by the count as `written` writes it.

    A message's template says it as `{n:# zone has|# zones have}` (bt11k F4: "1 whole categories", "has no figure for
    1 zones"): English agrees with the count, whatever it is; the Chinese in the catalogue writes `{n}个园区`.
    A count that is not a number (a text) takes `many`."""
    number = isinstance(count, (int, float)) and not isinstance(count, bool) and math.isfinite(count)
    shown = written(count) if number else str(count)
    return (one if shown == "1" else many).replace("#", shown)


def written(value: float) -> str:
    """A number as the user wrote it (a bound, a limit or a factor in a YAML file, a threshold) or as a workbook
    cell holds it: up to 15 significant digits (every number a person types, never rounded to 6 as `:g` is, and
    no float noise of a computed one: 0.1 + 0.2 is 0.3), in positional notation (never e-notation: 0.00001, 12,345,678,901,234,567),
    without a trailing ".0", thousands separated from 10 000 up as the report writes figures; ±inf and nan as
    such. `scorer.fmt.written` is the same function."""
    import decimal

    value = float(value)
    if not math.isfinite(value):
        return repr(value)
    text = format(decimal.Decimal(format(value, ".15g")), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)  # as typed: the user finds it in the file
    whole, dot, fraction = digits.partition(".")
    if abs(value) >= 1e4:
        whole = f"{int(whole):,}"
    text = sign + whole + dot + fraction
    return "0" if text in ("-0", "") else text


def plain_number(value: float, digits: int = 6, sign: bool = False) -> str:
    """`value` to `digits` significant digits (as `:g` keeps them) in positional notation, trailing zeros dropped,
    thousands separated from 10 000 up: 1,410,340; 0.0000187; never 1.41034e+06."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - exponent)
    text = f"{value:{'+' if sign else ''}{',' if abs(value) >= 1e4 else ''}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_FORMATTER = _Formatter()


def fill(template: str, /, **values) -> str:
    """`template.format(**values)` as messages are filled: a count agrees with its words (`counted`), a `g` number
    is written as the report writes figures."""
    return _FORMATTER.format(template, **values)


def msg(template: str, /, **values) -> Text:
    """The message `template` (English, a msgid of the catalogue) with `values` filled in, in both languages.

    `template` uses `str.format` fields: `msg("unknown key {key!r} at {where}", key=k, where=w)`. A value that
    is itself a `Text` (a message from further down) goes in as its Chinese in the Chinese message. The
    English is exactly `template.format(**values)`.
    """
    values = {k: shown_name(v) if isinstance(v, PurePath) else v for k, v in values.items()}  # a path: one line
    en = _FORMATTER.format(template, **values)
    zh_values = {k: v.zh if isinstance(v, Text) else v for k, v in values.items()}
    return Text(en, _FORMATTER.format(zh(template), **zh_values))


def both(en: str, zh_text: str) -> Text:
    """A message whose Chinese is written beside it in the code (e.g. built from Chinese names), not in the catalogue."""
    return Text(en, zh_text)


def text_of(exc: BaseException) -> Text:
    """An exception's message in both languages (raised with a `Text`), else its English as it is."""
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Text) else Text(str(exc))


def os_reason(exc: OSError) -> Text:
    """Why the system refused a file operation, in both languages: our words for the common kinds
    (ENOENT, EACCES/EPERM, ENOSPC, EDQUOT, EROFS, EISDIR, ENOTDIR, ENAMETOOLONG), else the system's own
    (its strerror is English whatever the locale), named as a system error in Chinese. The caller names the file."""
    import errno

    words = {errno.ENOENT: N_("no such file or folder"), errno.EACCES: N_("permission denied"),
             errno.EPERM: N_("permission denied"), errno.ENOSPC: N_("the disk is full (no space left on the device)"),
             errno.EDQUOT: N_("the disk quota is used up"), errno.EROFS: N_("the file system is read-only"),
             errno.EISDIR: N_("it is a folder, not a file"), errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
             errno.ENAMETOOLONG: N_("the name is too long for the system")}
    if exc.errno in words:
        return msg(words[exc.errno])
    own = exc.strerror or str(exc) or type(exc).__name__
    return msg("{reason} (system error {code})", reason=own, code=errno.errorcode.get(exc.errno, exc.errno))


def path_refusal(exc: BaseException) -> "Text | None":
    """What to say, naming the path, of an OS error on a path the user gave that no check before it caught (a folder
    name over 255 bytes, a folder on the way the user may not enter, a path that is too long, a loop of links): the
    system refused the path, not a bug in scorer (bt16i F1, F2: `Path.exists()` raises on these, and every command
    printed "internal error", exit 70); and of a write the system refused anywhere (a full disk, a file-size limit),
    naming the file, or the temporary folder (TMPDIR) when the error names none: the one place a run writes that no
    check names. None for any other exception, or an OS error of another kind that names no path."""
    import errno
    import tempfile

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO):
        # a write the system refused (a full disk, a file-size limit: ulimit -f), in a place no check before it
        # named: the run's environment, never a bug (bt16j F0: WeasyPrint's font files in a full TMPDIR)
        why = (msg("the file is too large: over the file-size limit of this run (ulimit -f) or of its file system")
               if exc.errno == errno.EFBIG else os_reason(exc))
        where = exc.filename or tempfile.gettempdir()
        if exc.errno in (errno.EROFS, errno.EIO):  # no space to free: the disk is read-only, or failing
            return msg("cannot write in {path}: {why}\nwrite to a folder on another disk, or set TMPDIR to one; a disk "
                       "that reports I/O errors needs checking", path=shown(str(where)), why=why)
        return msg("cannot write in {path}: {why}\n"
                   "free space on that disk or raise the file-size limit (ulimit -f), or set TMPDIR to a folder on "
                   "a disk with room", path=shown(str(where)), why=why)
    if not isinstance(exc, OSError) or not exc.filename or exc.errno not in (
            errno.ENAMETOOLONG, errno.EACCES, errno.EPERM, errno.ELOOP, errno.ENOTDIR, errno.ENOENT):
        return None
    path = exc.filename if not exc.filename2 else f"{exc.filename} → {exc.filename2}"
    return msg("cannot use {path}: {why}\n"
               "check the path: a folder name of at most 255 bytes (about 85 Chinese characters), folders the user "
               "running scorer may enter", path=shown(str(path)), why=os_reason(exc))


def not_found(path: Path | str, what: str | None = None) -> Text:
    """Why a file to read is not there, as the user can act on it: a link whose target is gone (a share not mounted, a
    file moved: bt16j F8 said "file not found" of a name the user sees in the folder), a folder of that name, or
    nothing at all. `what`: the file's kind ("peer table"), else "file"."""
    import os

    path = Path(path)
    if path.is_symlink() and not path.exists():
        return msg("a link to {target}, which does not exist (a share not mounted, a file moved?)",
                   target=os.readlink(path))
    if path.is_dir():  # in os_reason's words, as yamlio says an IsADirectoryError
        import errno

        return msg("cannot read: {why}", why=os_reason(IsADirectoryError(errno.EISDIR, "", str(path))))
    return msg("peer table not found") if what == "peer table" else msg("file not found")


def backslash_hint(path: Path | str) -> "Text | None":
    """A hint for a path typed with Windows' separator (reports\\sub\\a.pdf) on a system where only / separates
    folders (Linux, the office server): there \\ is a character of a file's name, so the path names one file
    in the current folder, not a file two folders down. None where \\ separates folders too (Windows), or the
    path holds none (bt15 F23)."""
    import os

    text = str(path)
    if os.sep != "/" or os.altsep is not None or "\\" not in text:
        return None
    return msg("on this computer folders are separated by /, and a \\ is part of a file's name: write {path}",
               path=text.replace("\\", "/"))


_SURROGATE = __import__("re").compile("[\ud800-\udfff]")


def shown(text: str) -> str:
    """`text` that may hold a file name's undecodable bytes, as it can be written anywhere (UTF-8 text, JSON, a
    terminal, a PDF): each such byte (Python gives them as the lone surrogates U+DC80–U+DCFF, PEP 383: a name
    in GBK from a zip made on Chinese Windows, unpacked on Linux) as `\\xNN`, the way `ls -b` and Python show
    it; any other lone surrogate as `\\uXXXX`. Text without them is returned as it is. The file itself is
    still opened by its real name (the path object keeps the bytes); only what is shown is changed."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}" if 0xDC80 <= ord(m[0]) <= 0xDCFF
                          else f"\\u{ord(m[0]):04x}", text)


# What a file name, a path or one line of a log must not carry raw: every C0 control (LF and CR too: a name with
# a newline would start a line of its own, a forged one, in the watcher's log), DEL, the C1 controls, the bidi
# marks, overrides and isolates (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069: "‮fdp.xlsx" shown reversed) and
# the line and paragraph separators (U+2028/9).
_NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # escapes: re's


def shown_name(text) -> str:
    """A file name or path (or one line of a log) as it may be shown on one line: `shown` (undecodable bytes as
    \\xNN), and each character above escaped the way Python and `ls -b` show it — \\n as `\\x0a`, U+202E as
    `\\u202e` — so that it is seen, not obeyed (bt16g F3: a newline in a workbook's name wrote a believable
    "wrote the report …, overall 99.9" line into the watcher's log). `msg` shows every path given to it so, and
    scorer.errors.Location its file; the watcher each line of its log."""
    return _NAME_UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}",
                            shown(str(text)))
