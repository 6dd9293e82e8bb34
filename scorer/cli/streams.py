"""The console streams: a console that cannot encode a character (GBK) prints a stand-in, never crashes.

Standard library only (codecs, unicodedata when needed): `scorer --help` served from scorer.cli.top_help
sets this up without loading typer.
"""

from __future__ import annotations


def utf8_capable(stream) -> bool:
    """Whether a stream's encoding can write any Unicode text (a GBK console or pipe cannot)."""
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False


# What a console that cannot encode a character shows instead, before any "?": the sign of a negative
# change (U+2212, not in GBK) must survive as ASCII '-', a narrow space as a space, the separator of a place
# (file › 工作表 › 单元格, U+203A, not in GBK: bt15 F4) as '>', a word joiner (scorer.fmt.WJ) or a byte-order mark
# as nothing. tests/test_console_characters.py holds every character of the code's strings and the catalogue to it.
_STAND_INS = {"\u2212": "-", "\u2009": " ", "\u202f": " ", "\u00a0": " ", "\u2011": "-", "\u2010": "-",
              "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
              "\u203a": ">", "\u2039": "<", "\u2021": "#", "\u2060": "", "\ufeff": "", "\u200b": ""}
STAND_IN_ERRORS = "scorer-stand-in"


def stand_in(exc: UnicodeEncodeError) -> tuple[str, int]:
    """A codecs error handler: each character the stream's encoding lacks becomes its stand-in
    (`_STAND_INS`), else its compatibility form (NFKC: ＋ → +, ² → 2) when that encodes, else "?"."""
    import unicodedata

    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        for candidate in (_STAND_INS.get(ch), unicodedata.normalize("NFKC", ch)):
            try:
                if candidate is not None:
                    candidate.encode(exc.encoding)
                    out.append(candidate)
                    break
            except UnicodeEncodeError:
                continue
        else:
            out.append("?")
    return "".join(out), exc.end


def use_stand_ins(stream) -> None:
    """Make a stream that cannot write any Unicode text (a GBK console or pipe) print a stand-in for what
    it cannot encode (see `stand_in`), never crash."""
    import codecs

    try:
        codecs.lookup_error(STAND_IN_ERRORS)
    except LookupError:
        codecs.register_error(STAND_IN_ERRORS, stand_in)
    if not utf8_capable(stream) and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors=STAND_IN_ERRORS)
