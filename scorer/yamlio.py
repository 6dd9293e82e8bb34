"""Loads YAML keeping the line of every key and item, so validation messages can name file:line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from scorer.atomic import note_read
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import N_, Text, backslash_hint, msg, not_found, os_reason, shown_name


class LineDict(dict):
    """A mapping that remembers the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A sequence that remembers the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list


# Nodes a document may hold once its aliases are expanded. An alias is a shared reference, so a
# "billion laughs" file (9 aliases of 9 aliases … nine deep: 387 million strings) loads in
# microseconds, then exhausts memory wherever it is first walked (a pydantic message, a name written
# into a report). The largest YAML scorer reads (the default framework, a peer sidecar) holds a few
# thousand nodes.
MAX_EXPANDED_NODES = 1_000_000

# Bytes a YAML file may hold. The largest scorer ships is the framework (38 KB); a framework imported from COINr
# with thousands of indicators stays well under 1 MB. Reading is not linear in size (bt16h F10: a scenario with a
# 20 MB description took 98 s, 60 MB did not finish in 200 s), so a larger file is refused before it is read.
MAX_YAML_BYTES = 2 * 1024 * 1024


class _Loader(yaml.SafeLoader):
    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _check_expansion(node, self.name)
        return self.construct_document(node)


def _check_expansion(root: yaml.Node, file: str) -> None:
    """Refuse a document that, its aliases expanded, would hold more than MAX_EXPANDED_NODES nodes, or that
    holds itself (`name: &a [*a]`, `f: &f {a: *f}`: an alias inside the value its anchor names, which expands
    without end — bt16g F4: compare and validate grew to 2 GB and never returned): a ScorerError at the line of
    the node where the count passes the bound, or of the list or mapping that holds the alias."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # the nodes whose children are being counted: the path from the root to the node at hand
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:  # post-order without recursion: the nesting itself may be thousands deep
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        kids = ([k for pair in node.value for k in pair] if isinstance(node, yaml.MappingNode)
                else list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        if not children_done:
            open_.add(id(node))
            for kid in kids:
                if id(kid) in open_:  # a node among its own descendants: only an alias can make one
                    raise ScorerError(Problem(
                        msg("the YAML holds itself: an alias (*name) here stands for a value that contains it "
                            "(its anchor, &name, is at line {line})", line=kid.start_mark.line + 1),
                        Location(file=file, line=node.start_mark.line + 1),
                        msg("an alias may only repeat a value written before it and outside it: write the value out")))
            stack.append((node, True))
            stack.extend((k, False) for k in kids if id(k) not in sizes)
            continue
        open_.discard(id(node))
        size = 1 + sum(sizes.get(id(k), 0) for k in kids)
        if size > MAX_EXPANDED_NODES:
            raise ScorerError(Problem(
                msg("the YAML expands to more than {limit:# value|# values} through its aliases (*name)",
                    limit=MAX_EXPANDED_NODES),
                Location(file=file, line=node.start_mark.line + 1),
                msg("a scorer YAML file is a few levels deep: check the file")))
        sizes[id(node)] = size


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):  # `{[1]: 2}`, `? [a]`: PyYAML's own check sees our LineList as hashable
            raise ScorerError(Problem(msg("YAML syntax error: {why}", why=parser_reason("found unhashable key")),
                                      Location(file=loader.name, line=key_node.start_mark.line + 1,
                                               column=key_node.start_mark.column + 1),
                                      msg("check indentation, colons and quotes around this line")))
        if key in out:
            raise ScorerError(Problem(
                msg("duplicate key {key!r} (first at line {line})", key=key, line=out.key_lines[key]),
                Location(file=loader.name, line=key_node.start_mark.line + 1),
                msg("remove one of the two entries"),
            ))
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    """A date as YAML reads one (2023-12-31); one that looks like a date but is none (2023-02-30) is an error at
    its line, not a ValueError from deep in the YAML library."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        # kept as written: the model's date field says it is no real date, with every other bad value of the file at
        # once (bt13j F7: the first bad deadline stopped the reading), or a text field keeps it as text
        return node.value


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _TextNumbersLoader(_Loader):
    """The same loader with numbers left as written: a scenario's `+2` must stay "+2", not become 2."""


_TextNumbersLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()}


# libyaml's parser (PyYAML's CParser) where PyYAML was built with it: the same nodes, with the same marks, several
# times faster than the pure-Python one (scorer reads some 20 YAML documents a run: a third of `score`'s time).
# The constructors stay the Python ones above (lines, duplicate keys, dates, the expansion bound). A document
# libyaml refuses is read again by the pure-Python loader, so that the error said is the one it has always been
# (and a document only libyaml refuses, e.g. nested beyond its depth limit, is still read or refused as before);
# a text with a tab or a '?' goes to the pure-Python loader only: libyaml reads `a:<TAB>1` and `[a?b]`, which PyYAML
# refuses (found by comparing the two on thousands of damaged copies of the bundled files).
if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser

    class _CLoader(CParser, _Loader):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    class _CTextNumbersLoader(CParser, _TextNumbersLoader):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FAST = {False: _CLoader, True: _CTextNumbersLoader}
else:  # pragma: no cover - PyYAML without libyaml
    _FAST = {}


def _parse(text: str, path: Path, numbers_as_text: bool) -> Any:
    """The document in `text`: libyaml's parser first (see _FAST), the pure-Python loader for what it refuses."""
    fast = _FAST.get(numbers_as_text) if "\t" not in text and "?" not in text else None  # see _FAST
    if fast is not None:
        loader = fast(text)
        loader.name = str(path)
        try:
            return loader.get_single_data()
        except yaml.YAMLError:
            pass  # said as the pure-Python loader says it, below
        finally:
            loader.dispose()
    loader = (_TextNumbersLoader if numbers_as_text else _Loader)(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def not_utf8(raw: bytes, exc: UnicodeDecodeError):
    """The words for a text file that is not UTF-8 (`exc` from decoding `raw`), for an analyst: whether it reads as
    GBK, the "ANSI" older Notepad and Excel save on Chinese Windows; never the codec's English ("invalid start byte")
    or a byte offset (bt15i F9). The place goes in the problem's location: `undecodable_line`."""
    import codecs

    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode" (bt15j F11d)
        return msg("not UTF-8 text: the file is saved as UTF-16 (\"Unicode\" in Notepad's Save As)")
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return msg("not UTF-8 text: from this line on, its bytes are neither UTF-8 nor GBK")
    return msg("not UTF-8 text: the file is saved as GBK (the \"ANSI\" of Chinese Windows)")


def undecodable_line(raw: bytes, exc: UnicodeDecodeError) -> int:
    """The line (1-based) of the first byte `exc` could not decode in `raw`."""
    return raw[:exc.start].count(b"\n") + 1


def load_yaml(path: Path, numbers_as_text: bool = False) -> Any:
    """Parse a YAML file; a syntax error becomes a ScorerError naming the file, line and column.

    With `numbers_as_text`, scalars that look like numbers stay strings, as written. A file over MAX_YAML_BYTES
    (2 MB) is refused before it is parsed, naming the file and the limit; so is a FIFO or a device
    (scorer.atomic.check_input).
    """
    note_read(path)  # an output may never be written over it (scorer.atomic.files_read); no FIFO or device opened
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_YAML_BYTES + 1)  # never more: a file grown past the bound between a look and the read
        if len(raw) > MAX_YAML_BYTES:
            raise ScorerError.at(msg("the YAML file is larger than {limit} MB ({size:g} bytes): not read",
                                     limit=MAX_YAML_BYTES // (1024 * 1024), size=Path(path).stat().st_size), file=path,
                                 hint=msg("a scorer YAML file (a scenario, framework, rules, effort or peer file) "
                                          "is a few kilobytes: check that this is the file meant"))
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text's universal newlines
    except FileNotFoundError:
        raise ScorerError.at(not_found(path), file=path, hint=backslash_hint(path)) from None
    except UnicodeDecodeError as exc:
        raise ScorerError.at(not_utf8(raw, exc), file=path, line=undecodable_line(raw, exc),
                             hint=msg("save it as UTF-8: in Notepad, File › Save As, and choose UTF-8 under Encoding")) \
            from None
    except OSError as exc:
        raise ScorerError.at(msg("cannot read: {why}", why=os_reason(exc)), file=path) from None
    try:
        return _parse(text, path, numbers_as_text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and (wide := _wide_colon_before(text, path, mark.line + 1)) is not None:
            raise ScorerError(wide) from None
        raise ScorerError(Problem(
            msg("YAML syntax error: {why}", why=parser_reason(exc.problem or exc.context or "")),
            Location(file=path, line=mark.line + 1 if mark else None,
                     column=mark.column + 1 if mark else None),
            msg("check indentation, colons and quotes around this line"),
        )) from None
    except yaml.YAMLError as exc:
        raise ScorerError.at(msg("YAML error: {why}", why=exc), file=path) from None
    except (RecursionError, MemoryError):  # thousands of nested [ or {, or aliases multiplied: no file of ours
        raise ScorerError.at(msg("the YAML is nested too deeply or expands too far to read"), file=path,
                             hint=msg("a scorer YAML file is a few levels deep: check the file")) from None


# PyYAML's reasons for refusing a document (its scanner, parser, composer and constructor), in the catalogue:
# a Chinese message must not carry English from a library (bt15 F7). A reason not listed is said as PyYAML words it.
_REASONS = [
    (r"mapping values are not allowed here",
     N_("a colon (:) is not allowed here: a text holding ': ' must be quoted, or the line is indented wrongly")),
    (r"could not find expected ':'", N_("a colon (:) is missing after a key, or a quote is not closed")),
    (r"found character (?P<what>'.*') that cannot start any token",
     N_("the character {what} cannot start a value here (indent with spaces, not tabs; quote a text that starts "
        "with %, @ or `)")),
    (r"found unhashable key", N_("a key is a list or a mapping ([…] or {{…}} before a colon)")),
    (r"expected ',' or '(?P<close>[\]}])', but got (?P<what>.*)",
     N_("a ',' or '{close}' was expected, but found {what}: a bracket is not closed")),
    (r"found unexpected end of stream", N_("the file ends inside a quoted text: a quote is not closed")),
    (r"expected <block end>, but found (?P<what>.*)",
     N_("found {what} where the block above should end: the indentation does not match the lines above")),
    (r"found undefined alias '(?P<what>.*)'", N_("the alias *{what} names no anchor (&name) above it")),
    (r"found unknown escape character '(?P<what>.*)'",
     N_("unknown escape \\{what} in a double-quoted text (write \\\\ for a backslash, or use single quotes)")),
    (r"sequence entries are not allowed here", N_("a list item (- …) is not allowed here: start it on a line of its own")),
    (r"but found another document", N_("the file holds more than one document (a line --- in the middle)")),
    (r"expected the node content, but found (?P<what>.*)", N_("a value was expected, but found {what}")),
    (r"expected alphabetic or numeric character, but found (?P<what>.*)",
     N_("an anchor or alias name (&name, *name) was expected, but found {what}")),
    (r"found duplicate (?P<what>YAML|TAG) directive", N_("the %{what} directive is given twice")),
    (r"expected '>', but found (?P<what>.*)", N_("a '>' was expected to close the tag, but found {what}")),
    (r"expected a comment or a line break, but found (?P<what>.*)", N_("the line should end here, but found {what}")),
]
_TOKENS = {"'<stream end>'": N_("the end of the file"), "'<block mapping start>'": N_("a new key"),
           "'<block end>'": N_("the end of a block"), "'<scalar>'": N_("a value"), "'?'": N_("a new key"),
           "'<block sequence start>'": N_("a list item"), "'-'": N_("a list item"), "'\\n'": N_("the end of the line")}


# A key written with the full-width colon a Chinese IME gives (：, U+FF1A) where YAML needs ":" and a space: the key's
# text (no ASCII colon or # before it), then ：. bt15j F13: the parser blamed the next line, the schema said "must be
# a mapping", and neither named the colon, which looks like ":" to the analyst.
_WIDE_COLON = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s#:：'\"{\[][^:#：]*?)\s*：\s*(?P<value>.*)$")


def wide_colon(text: str) -> "re.Match | None":
    """The match of `_WIDE_COLON` when `text` (a line, or a value as parsed) is "key：value", written with the
    full-width colon; groups lead, key, value."""
    return _WIDE_COLON.match(text)


def wide_colon_problem(key: str, value: str, where: Location) -> Problem:
    """The problem for "key：value" at `where`: the colon named as the full-width one, the line as it should be."""
    fixed = (key + ": " + value).rstrip()
    return Problem(msg("the colon after 「{key}」 is the full-width Chinese colon (：): YAML reads a key only before the "
                       "ASCII colon (:) and a space", key=key), where,
                   msg("write it with the ASCII colon and a space: {line}", line=fixed))


def wide_colon_at(path: Path, m: "re.Match", line: int | None) -> Problem:
    """`wide_colon_problem` for a value "key：value" (match `m`) the schema refused, placed at the line and column of
    the file that holds it, from `line` (the key's above it, from the document) on; at `line` when not found."""
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    for number in range(line or 1, len(lines) + 1):
        if (found := wide_colon(lines[number - 1])) is not None and found["key"] == m["key"]:
            column = len(found["lead"]) + lines[number - 1][len(found["lead"]):].index("：") + 1
            return wide_colon_problem(m["key"], m["value"], Location(file=path, line=number, column=column))
    return wide_colon_problem(m["key"], m["value"], Location(file=path, line=line))


def _wide_colon_before(text: str, path: Path, last: int) -> Problem | None:
    """The problem of the last line at or before line `last` (1-based) written "key：value" (`wide_colon`), if any:
    where a syntax error at `last` most likely comes from (a plain scalar "name：…" runs on into the next line)."""
    for number in range(min(last, text.count("\n") + 1), 0, -1):
        line = text.split("\n")[number - 1]
        if (m := wide_colon(line)) is not None:
            column = len(m["lead"]) + line[len(m["lead"]):].index("：") + 1
            return wide_colon_problem(m["key"], m["value"], Location(file=path, line=number, column=column))
    return None


def parser_reason(reason: str) -> Text:
    """PyYAML's reason for refusing a document (`MarkedYAMLError.problem`, English) in both languages: the common
    ones through the catalogue (`_REASONS`), the token named in words ('<stream end>' → the end of the file); any
    other as PyYAML words it."""
    for pattern, template in _REASONS:
        m = re.fullmatch(pattern, reason.strip())
        if m:
            values = {k: msg(_TOKENS[v]) if v in _TOKENS else v for k, v in m.groupdict().items()}
            return msg(template, **values)
    return Text(reason)


def line_of(document: Any, loc: tuple) -> int | None:
    """The line of the deepest node along a pydantic error location that the YAML recorded."""
    node, line = document, getattr(document, "line", None)
    for step in loc:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line


# What a comment line may not carry raw: a line break of any kind YAML knows (LF, CR, NEL U+0085, U+2028/9) would
# end the comment and make the rest of the text a key of the document; any character YAML refuses in a stream
# would make the file unreadable. `shown_name` escapes the controls, bidi marks and separators; the rest here.
_NOT_IN_COMMENT = re.compile(r"[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # escapes re reads


def comment_text(text: str) -> str:
    """`text` from input (a file name, a title) as it may stand in one YAML comment line: every line break,
    control, bidi mark and character YAML refuses escaped as \\xNN / \\uNNNN (scorer.messages.shown_name), so it
    can never end the comment (bt16j F5: a file name holding a newline wrote keys into import-coinr's framework)."""
    return _NOT_IN_COMMENT.sub(lambda m: f"\\u{ord(m[0]):04x}", shown_name(str(text)).replace("\t", "\\x09"))


_QUOTED = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


class _Dumper(yaml.SafeDumper):
    """yaml.SafeDumper writing any text that holds a control, a line break or a bidi mark double-quoted, where
    each is escaped (\\n, \\N, \\L, \\x1b…): PyYAML writes a NEL (U+0085) in a plain or single-quoted value raw, and
    reads it back folded into a space."""


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if _QUOTED.search(data) or _NOT_IN_COMMENT.search(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)


def yaml_document(doc: Any, comments: list[str] = ()) -> str:
    """The YAML text of `doc` (a plain dict/list tree) behind `comments` (one `# …` line each, each passed through
    `comment_text`; an empty string is a blank line). Values go through PyYAML's safe dumper (`_Dumper`: text with a
    control or line break double-quoted and escaped). The result is parsed back and must give `doc` exactly: text of input can add nothing to
    the document (RuntimeError, a bug of this module, otherwise)."""
    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    head = "".join(f"# {comment_text(c)}\n" if c else "\n" for c in comments)
    text = head + body
    if yaml.safe_load(text) != doc:
        raise RuntimeError("the comments of a YAML output changed its document")
    return text
