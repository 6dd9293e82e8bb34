"""The command-line application object, its consoles and the options several commands share."""

from __future__ import annotations

import math
import os
import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

import typer

from scorer.cli.help import LocalGroup, LocalTyper
from scorer.cli.streams import STAND_IN_ERRORS, stand_in, use_stand_ins, utf8_capable  # noqa: F401 (used by main, tests)
from scorer.fmt import as_given
from scorer.messages import both, msg, N_, set_language, tr, written

if TYPE_CHECKING:
    from scorer.errors import Problem

# Every command (and command group): the module that defines it and the one line `scorer --help` shows for
# it (its docstring's first paragraph, or a group's help; a test checks they agree). `scorer --help` imports none of these modules, and a
# command imports only its own (pip's commands_dict; click's "lazily loading subcommands").
COMMANDS: dict[str, tuple[str, str]] = {
    "score": ("scorer.cli.commands", "Score the zone: estimated rank in the region and margins, the upgrade conditions, "
                                     "the actions worth most this year, category scores, and the gaps by points."),
    "report": ("scorer.cli.commands",
               "Write the readiness report (PDF by default) for the latest quarter in the workbooks."),
    "ingest": ("scorer.cli.commands", "Read workbooks and list every value found, with its sheet and cell."),
    "series": ("scorer.cli.commands", "Each field over the quarters: cumulative, single quarter, growth "
                                      "(published and computed), full year."),
    "compare": ("scorer.cli.analysis", "Score scenarios against the baseline: overall and category scores, rank, "
                                       "verdict, what moved most."),
    "uncertainty": ("scorer.cli.analysis", "Monte Carlo over weights, methods, measurement error and the calibration "
                                           "(targets, peers, cut-offs): score and rank intervals, chance of readiness."),
    "plan": ("scorer.cli.analysis", "The least-effort set of raw improvements that reaches --target SCORE or the "
                                    "--verdict."),
    "template": ("scorer.cli.commands",
                 "Write an input workbook in the statistics-office layout with every field of the framework."),
    "watch": ("scorer.cli.commands",
              "Watch a folder: each new or replaced workbook is read and the report regenerated."),
    "validate": ("scorer.cli.commands", "Check a framework YAML (its fields and yardsticks), the readiness rules, "
                                        "the peer set and the effort file; every problem with file and line."),
    "score-table": ("scorer.cli.commands", "Score a unit × indicator table with a framework (all units at once) "
                                           "and print scores and ranks."),
    "import-coinr": ("scorer.cli.commands", "Turn a COINr iMeta + iData pair into our framework YAML and a unit × "
                                            "indicator data table."),
    "peers": ("scorer.cli.commands", "The default (SYNTHETIC) peer set: rebuild it from the yardsticks."),
}


class LazyGroup(LocalGroup):
    """The `scorer` group: a command's module is imported when that command is run or asked for its help.

    `scorer --help` lists the commands from COMMANDS without importing them. A name that is not a
    command loads every module first, so the error still suggests the closest command.
    """

    def list_commands(self, ctx) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx, cmd_name: str):
        if cmd_name not in self.commands:
            modules = [COMMANDS[cmd_name][0]] if cmd_name in COMMANDS else sorted({m for m, _ in COMMANDS.values()})
            for module in modules:
                import_module(module)  # its @app.command decorators register its commands on `app`
            built = typer.main.get_command(app)  # typer's documented way to the click commands of an app
            for name, command in built.commands.items():
                self.commands.setdefault(name, command)
        command = self.commands.get(cmd_name)
        if command is not None:
            _share_lang(self, command)
            _record_when_run(command)
        return command

    def format_commands(self, ctx, formatter) -> None:
        with formatter.section("Commands"):  # the section and the summaries in the language in use (scorer.cli.help)
            formatter.write_dl([(name, tr(summary)) for name, (_, summary) in COMMANDS.items()])


# The command being run and whether it was asked for --json (its `as_json` parameter), once its options are
# parsed: a refused run still prints a JSON document under --json (print_refusal).
RUNNING: dict = {}


def _record_when_run(command) -> None:
    if getattr(command, "_records", False):
        return
    invoke = command.invoke

    def recording(ctx):
        RUNNING.update(command=ctx.info_name, json=bool(ctx.params.get("as_json")))
        return invoke(ctx)

    command.invoke, command._records = recording, True


def print_refusal(problems: list[Problem], exit_code: int, usage_ctx=None) -> None:
    """Under `--json`, a refused run prints a JSON document on stdout too (scorer.schema.refusal_json: `refused`,
    `exit_code` and the `problems` that stopped it, each with level, code, message in Chinese and English,
    file/sheet/cell or line), so a program reading stdout learns why; the messages still go to stderr.

    `usage_ctx`: for a usage error (the options were not parsed), click's context of the command, whose
    command line is then read for --json. Nothing is printed for a command without --json output."""
    from scorer.schema import OUTPUTS, refusal_json

    if usage_ctx is not None:
        args = sys.argv[1:]
        command, wanted = usage_ctx.info_name, "--json" in args[:args.index("--")] if "--" in args else "--json" in args
    else:
        command, wanted = RUNNING.get("command"), RUNNING.get("json")
    if not wanted or command not in OUTPUTS:
        return
    sys.stdout.write(refusal_json(command, [p.as_dict() for p in problems], exit_code,
                                  ascii_only=not utf8_capable(sys.stdout)) + "\n")
    sys.stdout.flush()


def _share_lang(group, command) -> None:
    """Give `command` (and its sub-commands) the group's own `--lang` option, so that it may follow the command.

    The option is the one typer made from `LangOpt` for `scorer` itself (one definition, one callback:
    eager, it sets the language before anything is read or printed); it is not passed to the commands'
    functions (`expose_value=False`), which therefore need no parameter for it.
    """
    lang = next((p for p in group.params if p.name == "lang"), None)
    if lang is None:
        return
    for cmd in [command, *getattr(command, "commands", {}).values()]:
        if not any(p.name == "lang" for p in cmd.params):
            cmd.params.append(lang)


class LazyConsole:
    """A rich Console made on first use, so that `scorer --help` never loads rich.console.

    Attributes are those of the Console (`err.print(...)`); `.console` is the Console itself.
    """

    def __init__(self, stderr: bool = False, **options):
        self._stderr, self._options, self._console = stderr, options, None

    @property
    def console(self):
        if self._console is None:
            from rich.console import Console

            stream = sys.stderr if self._stderr else sys.stdout
            # pipes get full rows (SCORER_COLUMNS, when set, as a terminal's width: COLUMNS is often set for a pipe too)
            options = {"width": None if stream.isatty() else _columns(200)} if not self._stderr else {}
            self._console = Console(stderr=self._stderr, **options, **self._options)
            self._console.push_render_hook(_terminal_text_hook())
        return self._console

    def __getattr__(self, name: str):
        return getattr(self.console, name)


def _columns(default: int) -> int:
    """The width SCORER_COLUMNS gives (a test's, a script's), else `default`."""
    try:
        return max(20, int(os.environ["SCORER_COLUMNS"]))
    except (KeyError, ValueError):
        return default


def _terminal_text_hook():
    """A rich render hook through which every piece of text a console prints passes `scorer.fmt.for_terminal`:
    ESC sequences, CR, C1 controls and bidi overrides in a name read from input (a zone, a peer, a field, a
    scenario, a file) are dropped however it reaches the screen (a table cell, a message, a problem). The
    console's own styling is added after the hook, so colours and bold stay."""
    from rich.console import RenderHook
    from rich.segment import Segment

    from scorer.fmt import for_terminal

    class Clean:
        def __init__(self, renderable):
            self.renderable = renderable

        def __rich_console__(self, console, options):
            for text, style, control in console.render(self.renderable, options):
                yield Segment(text if control else for_terminal(text), style, control)

    class TerminalText(RenderHook):
        def process_renderables(self, renderables):
            return [Clean(r) for r in renderables]

    return TerminalText()


# rich_markup_mode=None: help is click's plain text, so `scorer --help` does not load typer's rich
# formatter (rich.markdown, markdown_it, rich.traceback: most of the help's start-up time).
# LocalTyper: every command's help is shown in the language in use (scorer.cli.help).
app = LocalTyper(add_completion=True, pretty_exceptions_enable=False, no_args_is_help=True, rich_markup_mode=None,
                  cls=LazyGroup,
                  help="Readiness scoring of a development zone against the national ETDZ assessment.")
# emoji=False: rich would print "framework.yaml:100: error" as "framework.yaml💯 error" (:100: is an emoji code)
out = LazyConsole(highlight=False, emoji=False)
err = LazyConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False)  # never split a path across lines

FrameworkOpt = typer.Option(None, "--framework", "-f", help="Framework YAML (default: the bundled one).")
PeersOpt = typer.Option(None, "--peers", help="Peer table, CSV or Excel (default: the bundled SYNTHETIC central-region set).")
RulesOpt = typer.Option(None, "--rules", help="Readiness rules YAML (default: the bundled one).")
HiddenOpt = typer.Option(False, "--hidden-sheets", help="Read hidden and very hidden sheets, and the hidden rows and columns of a sheet, too (skipped by default, with a note).")
def plain_text(ctx: typer.Context, param: typer.CallbackParam, value):
    """A callback refusing a text option (a zone's name) that holds a control character, a line break or an invisible
    format character (bidi marks, overrides and isolates: U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069, U+FEFF):
    a usage error naming the option and the character (exit 2). Such a name, pasted from a web page, would be
    refused by the workbook it is written into (openpyxl: bt16j F15, exit 70), or shown reversed on a cover."""
    import unicodedata

    for ch in value or "":
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\u200d":  # ZWJ joins an emoji: kept
            option, code = param.opts[0], f"U+{ord(ch):04X}"
            raise typer.BadParameter(both(f"{option} holds the invisible or control character {code}: type the name "
                                          "again without it", f"{option} 含不可见字符或控制字符 {code}，请去掉该字符后重新输入"))
    return value


ZoneOpt = typer.Option(None, "--zone", callback=plain_text,
                       help="The zone to read when the workbooks name several (others are left out).")
FirstOpt = typer.Option(None, "--first-in-province/--not-first-in-province",
                        help="Analyst input: is the zone first among its province's provincial zones? (default: unknown)")
LandOpt = typer.Option(None, "--land-use-2024/--no-land-use-2024",
                       help="Analyst input: does the zone meet the 2024 approval letter's land-use conditions? (default: unknown)")


def inputs_of(first: bool | None, land: bool | None) -> dict[str, bool]:
    """The analyst's answers given on the command line, by the rules' input ids."""
    return {k: v for k, v in (("first_in_province", first), ("land_use_2024", land)) if v is not None}


AcrossOpt = typer.Option(False, "--across-peers", help="Rank with indicators normalised across the peers, not against targets.")


def number(*, at_least: float | None = None, above: float | None = None, at_most: float | None = None,
           below: float | None = None, why: str | None = None):
    """A callback that checks a number option at the CLI edge: finite (no nan, no inf) and in range.

    Out of range, the command stops before any work with a usage error (exit 2) that names the option
    and the range, in Chinese and English, and `why` the range is what it is when given (a catalogue
    message marked with N_, translated only then: `--help` loads no catalogue for it). `None` (an
    option left out) passes. Every int or float option of every command takes one (tests/test_cli_options.py checks).
    """
    def check(ctx: typer.Context, param: typer.CallbackParam, value):
        if value is None:
            return value
        for item in value if isinstance(value, (list, tuple)) else [value]:
            shown = as_typed(param.opts, item)
            _check_number(param.opts[0], item, shown, at_least, above, at_most, below, why)
        return value

    check.number_range = (at_least, above, at_most, below)
    return check


def as_typed(opts: Iterable[str], value, argv: list[str] | None = None) -> str:
    """The text the user typed for the option `opts` (its names) that gave `value`, taken from the command line
    (`argv`, default sys.argv[1:]: `--target 1e999` or `--target=1e999`): a refusal echoes what was written, not
    what Python made of it (bt16 F12: 1e999 was echoed as inf). Where no typed text gives `value` (a default,
    a value from elsewhere), the value formatted."""
    argv = sys.argv[1:] if argv is None else argv
    names = tuple(opts)
    for k, arg in enumerate(argv):
        text = argv[k + 1] if arg in names and k + 1 < len(argv) else \
            next((arg[len(n) + 1:] for n in names if n.startswith("--") and arg.startswith(n + "=")), None)
        if text is not None and _gives(text, value):
            return text
    return f"{written(value)}" if isinstance(value, float) else str(value)


def _gives(text: str, value) -> bool:
    """Whether the option text `text` is read as `value` (nan as nan)."""
    try:
        read = float(text)
    except ValueError:
        return False
    return read == value or (math.isnan(read) and isinstance(value, float) and math.isnan(value))


# A level of the indicator tree by its number or by name, as the help of --level-weights names them (bt15j F6:
# --level-weights 类别=10 was refused while the help said "1 为指标，2 为类别").
TREE_LEVELS = {"指标": 1, "indicator": 1, "indicators": 1, "类别": 2, "分组": 2, "category": 2, "categories": 2,
               "group": 2, "groups": 2}


def tree_level(text: str) -> int:
    """The tree level `text` names: a whole number (1, 2 …) or a name of TREE_LEVELS (指标, 类别); ValueError else."""
    import unicodedata

    name = unicodedata.normalize("NFKC", text).strip().lower()
    return TREE_LEVELS[name] if name in TREE_LEVELS else int(name)


def number_pairs(key: Callable[[str], Any] = str, *, at_least: float | None = None, above: float | None = None,
                 at_most: float | None = None, below: float | None = None):
    """A callback for a repeatable KEY=NUMBER option (`--field-error fdi_actual=10`): each item's number
    checked as `number` checks one, a malformed item a usage error naming the option (exit 2). The
    items pass on as given; the command reads them with `pairs` (typer passes a list, not a dict)."""
    def check(ctx: typer.Context, param: typer.CallbackParam, items):
        option = param.opts[0]
        for item in items or ():
            name, sep, text = str(item).partition("=")
            example = f"{option} {'2=10' if key in (int, tree_level) else 'fdi_actual=10'}"
            try:
                if not sep:
                    raise ValueError
                key(name.strip())
                value = float(text)
            except ValueError:
                raise typer.BadParameter(both(f"{option} {item!r}: expected KEY=PERCENT, e.g. {example}",
                                              f"{option} {item!r}：应写作 键=数值，例如 {example}")) from None
            _check_number(option, value, item, at_least, above, at_most, below)
        return items

    check.number_range = (at_least, above, at_most, below)
    return check


def pairs(items: list[str] | None, key: type = str) -> dict:
    """KEY=NUMBER items, as a `number_pairs` callback has checked them, → {key: number}."""
    out = {}
    for item in items or ():
        name, _, text = item.partition("=")
        out[key(name.strip())] = float(text)
    return out


def choice(names: Callable[[], Iterable[str]]):
    """A callback that checks a choice option at the CLI edge: a value not among `names()` (called then, so
    that the module holding the list is imported only when the option is given) stops the command before
    any work with a usage error (exit 2) naming the option, the value and the valid choices. None passes."""
    def check(ctx: typer.Context, param: typer.CallbackParam, value):
        valid = list(names())
        if value is not None and value not in valid:
            option = param.opts[0]
            raise typer.BadParameter(both(f"{option} {value!r}: choose one of {', '.join(valid)}",
                                          f"{option} {value!r}：须为 {'、'.join(valid)} 之一"))
        return value

    check.choices = names
    return check


def _check_number(option: str, value, shown, at_least, above, at_most, below, why: str | None = None) -> None:
    zh, en = [], []
    for bound, word_zh, word_en in ((at_least, "不小于", "at least"), (above, "大于", "above"),
                                    (at_most, "不大于", "at most"), (below, "小于", "below")):
        if bound is not None:
            zh.append(f"{word_zh} {as_given(bound)}")  # the one way a number is echoed as given
            en.append(f"{word_en} {as_given(bound)}")
    whole = isinstance(value, int) and not isinstance(value, bool)
    within = (whole or math.isfinite(value)) and not (
        (at_least is not None and value < at_least) or (above is not None and value <= above)
        or (at_most is not None and value > at_most) or (below is not None and value >= below))
    if not within:
        why = msg(why) if why else None
        kind_zh, kind_en = ("整数", "a whole number") if whole else ("有限数值", "a finite number")
        # One sentence per language (scorer.cli.usage prints the one in use), never both at once.
        raise typer.BadParameter(both(f"{option} {shown}: must be {kind_en}" + (f" {' and '.join(en)}" if en else "")
                                      + (f" ({why})" if why else ""),
                                      f"{option} {shown}：须为{'、'.join(zh) + ' 的' if zh else ''}{kind_zh}"
                                      + (f"（{why.zh}）" if why else "")))


def check_score_target(option: str, value: float | None, scale: float) -> None:
    """`option`'s overall score to aim for, held to the framework's scale once the framework is read (0 … `scale`,
    100 for the bundled one): out of it, the usage error (exit 2) that `number` gives below 0 (bt16k F8: --target -1
    exited 2 and --target 101 exited 1, for one kind of mistake)."""
    if value is not None:
        _check_number(option, value, as_typed([option], value), 0, None, scale, None)


# The most draws a Monte Carlo takes (scorer.whatif.uncertainty.MAX_DRAWS, which says why; a test holds them equal).
DrawsCheck = number(at_least=1, at_most=10_000_000, why=N_(
    "more draws change no figure shown: from 10 million draws the probability of readiness is within ±0.03 points and "
    "the quantiles are settled, and 10 million take about half an hour on 2 cores, ~0.2 ms a draw with the bundled peers"))
SeedCheck = number(at_least=0, at_most=2**32 - 1)  # the seeds numpy and SALib take alike (and the ones scorer picks)
PercentCheck = number(at_least=0, below=100)  # ± % of a weight or a figure


def _ink(text: str):
    """The characters of `text` but spaces and box drawing, counted: what a table must show of its cells."""
    from collections import Counter

    return Counter(ch for ch in text if not ch.isspace() and not 0x2500 <= ord(ch) <= 0x257F)  # box drawing


def Table(*columns, **options):
    """A rich Table, its module loaded on first use (commands that print no table, and --help, never load it).

    Its headers and cells are plain text, never rich markup: a name read from input such as `[/]` or
    `[red]…` is shown as written (markup would colour it, or stop the command with a MarkupError)."""
    from rich.table import Table as RichTable
    from rich.text import Text

    from scorer.messages import language

    def plain(cell):
        return Text(cell) if isinstance(cell, str) else cell

    class PlainTable(RichTable):
        def add_row(self, *cells, **kwargs):
            super().add_row(*map(plain, cells), **kwargs)

        def add_column(self, header="", *args, **kwargs):
            super().add_column(plain(header), *args, **kwargs)

        def __rich_console__(self, console, options):
            """The table, or where its columns cannot all fit the terminal's width (East Asian wide characters
            counting two: rich measures cells so) each row as a block of `header: cell` lines, wrapped to the
            width: rich would fold a too-narrow table's last columns to nothing (bt15 F15: compare lost its
            verdict and the indicators that moved at 120 columns)."""
            from rich.cells import cell_len
            from rich.segment import Segment

            drawn = list(super().__rich_console__(console, options))
            lines = list(Segment.split_lines(drawn))
            shown = "".join(seg.text for seg in drawn)
            said = "".join(str(getattr(x, "plain", x)) for c in self.columns for x in (c.header, *c._cells))
            if not self.columns or (max((sum(cell_len(seg.text) for seg in line) for line in lines), default=0)
                                    <= options.max_width and _ink(said) <= _ink(shown)):
                yield from drawn
                return
            colon = "：" if language() == "zh" else ": "
            for k in range(self.row_count):
                cells = [(c.header, c._cells[k]) for c in self.columns]
                title = cells[0][1]
                yield Text.assemble("· ", title if isinstance(title, Text) else Text(str(title)), style="bold")
                for header, cell in cells[1:]:
                    text = cell if isinstance(cell, Text) else Text(str(cell))
                    if text.plain.strip():
                        yield Text.assemble("  ", header if isinstance(header, Text) else Text(str(header)), colon,
                                            text.copy())

    table = PlainTable(**options)
    for header in columns:
        table.add_column(header, overflow="fold")  # too narrow a terminal folds a cell, never cuts it (bt15 F15)
    return table


def print_json(command: str, data: dict, problems: list[Problem] = ()) -> None:
    """Print a command's `--json` output: the one path every command uses (scorer.schema.to_json).

    `problems` (the run's warnings) become the output's `problems` list. On a console or pipe that
    cannot encode Chinese (GBK), non-ASCII characters are escaped, so the JSON still parses the same.
    """
    from scorer.schema import to_json

    payload = {**data, "problems": [p.as_dict() for p in problems]}
    sys.stdout.write(to_json(command, payload, ascii_only=not utf8_capable(sys.stdout)) + "\n")


def _print_version(value: bool) -> None:
    if value:
        from scorer.resources import package_version

        print(f"scorer {package_version()}")
        raise typer.Exit()


def _set_language(ctx: typer.Context, value: str | None) -> str | None:
    """`--lang`'s callback: speak `value` from now on, and keep it where a command can read it (`chosen_language`)."""
    if value is not None:
        from scorer.lang import lang_named

        if lang_named(value) is None:  # said in the locale's language: --lang named none (scorer.lang.language_of)
            raise typer.BadParameter(msg("--lang {value!r}: use zh (中文) or en (English)", value=value))
        value = lang_named(value)  # ZH, zh_CN, zh-CN, cn, 中文 …: zh
        set_language(value)
        ctx.meta["scorer.lang"] = value  # ctx.meta is shared by scorer's context and its commands'
    return value


def chosen_language(ctx: typer.Context) -> str | None:
    """The language given with `--lang` before or after the command ("zh" | "en"), or None when not given."""
    return ctx.meta.get("scorer.lang")


# --lang: one option for `scorer` and every command (`scorer --lang en score …` or `scorer score … --lang en`).
LangOpt = typer.Option(None, "--lang", callback=_set_language, is_eager=True, expose_value=False, metavar="zh|en",
                       help="Language of messages and help: zh (Chinese) or en (English); "
                            "default: Chinese unless the locale (LANG) is another language.")


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit."),
             lang: Optional[str] = LangOpt, ctx: typer.Context = None) -> None:
    """Options for every command (shell completion: scorer --install-completion)."""
    from scorer.atomic import end_run, start_run

    start_run()  # a run's inputs are the files this command reads: none may be overwritten (scorer.atomic.note_read)
    if ctx is not None:
        ctx.call_on_close(end_run)  # one process may run several commands (tests): each its own record


# `scorer report`'s exit code when the PDF named by -o was not written (WeasyPrint cannot load Pango) and the HTML report
# was written beside it instead: a script that mails the PDF can tell (bt15k F2: it exited 0). scorer.cli.main's exit codes.
HTML_INSTEAD = 3
SHOWN_PROBLEMS = 50  # a terminal shows this many problems at most; --json and the error files list every one


def print_problems(problems: list[Problem], style=lambda p: {"warning": "yellow", "note": "cyan",
                                                             "doubtful": "magenta"}.get(p.severity, "red")) -> None:
    """Print problems on stderr, each rendered with its place; past SHOWN_PROBLEMS, the first SHOWN_PROBLEMS - 10
    and one line with how many more and the total (bt17h F11: a 27 000-zone table with text in its number cells
    printed 5 000 errors and no count)."""
    shown = problems if len(problems) <= SHOWN_PROBLEMS else problems[:SHOWN_PROBLEMS - 10]
    for p in shown:
        err.print(p.render(), markup=False, style=style(p))
    if len(shown) < len(problems):
        err.print(tr(msg("… and {more} more ({total} in all; --json lists every one)", more=len(problems) - len(shown),
                         total=len(problems))), markup=False, style=style(problems[-1]))


def _warn(problems: list[Problem]) -> None:
    print_problems(problems)


def input_files(paths: list[Path] = (), framework: Path | None = None, *others: Path | None) -> list[Path]:
    """Every file a command reads: workbooks (folders expanded), the framework, its fields file and its
    yardsticks, the files named (`others`) and the metadata YAML beside each table among them (a peer
    table's sidecar), and everything bundled that a run reads without being told (indicators/, the
    report's templates and fonts): an output must be none of them.

    The framework's own files come from its loader: every file loading it read (scorer.atomic.files_read:
    framework.yaml, its fields, yardsticks and exchange rates) and every file a command reads beside it when
    given none (resources.BESIDE_FRAMEWORK: rules, peer table, effort, bt16g F1). The same record refuses, at
    the write itself, an output that is any file read later in the run."""
    from scorer.atomic import files_read
    from scorer.framework.model import load_framework
    from scorer.read.ingest import discover
    from scorer.resources import BESIDE_FRAMEWORK, beside_framework, fonts_dir, indicators_dir, templates_dir

    fw = load_framework(framework)
    beside = [p for what in BESIDE_FRAMEWORK if (p := beside_framework(fw.path, what)) is not None]
    named = [Path(p) for p in others if p is not None] + beside
    sidecars = [p.with_suffix(".yaml") for p in named if p.suffix.lower() in (".csv", ".xlsx", ".xls", ".parquet")]
    bundled = [f for folder in (indicators_dir(), templates_dir(), fonts_dir()) if folder.is_dir()
               for f in folder.rglob("*") if f.is_file()]
    return [*discover(paths), *files_read(), *named, *sidecars, *bundled]


def check_suffix(path: Path | None, kind: str, *suffixes: str, writes: dict[str, str] | None = None) -> None:
    """Before any work: refuse an output `path` whose extension (compared case-insensitively) is not one of
    `suffixes`, the format written (`kind`, e.g. "PDF"): `report -o A.XLSX` wrote a PDF under an .xlsx name.
    `writes`: extension -> the option that writes that format instead (report's {".html": "--format html"}): a name
    ending so is answered with the option first (bt15j F11g: `-o 报告.html` was told only to rename it .pdf)."""
    from scorer.errors import Problem, ScorerError

    if path is not None and path.suffix.lower() not in suffixes:
        rename = Path(path).with_suffix(suffixes[0]).name
        option = (writes or {}).get(path.suffix.lower())
        raise ScorerError(Problem(msg("{path}: the file written is {kind}, and its name does not end in {suffixes}",
                                      path=path, kind=kind, suffixes=" / ".join(suffixes)),
                                  hint=msg("to write {suffix}, add {option}; for {kind}, name it {name}",
                                           suffix=path.suffix, option=option, kind=kind, name=rename)
                                  if option else msg("name it {name}", name=rename)))


def check_outputs(outputs: list[Path | None], inputs: list[Path], examples: list[str] = ()) -> None:
    """Before any work: refuse an output that is an input (by name or link) or that cannot be written.
    `examples[i]`: a file name of `outputs[i]`'s kind (report.pdf, draws.csv), proposed when it is a folder."""
    from scorer.atomic import check_writable, refuse_inputs

    examples = list(examples) + [None] * (len(outputs) - len(examples))
    for output, example in zip(outputs, examples):
        if output is not None:
            refuse_inputs(output, inputs)
            check_writable(output, example)


def warn_read_next(outputs: list[Path | None], paths: list[Path]) -> None:
    """Warn of an output workbook written into a folder given as input (`paths`): the next run over that folder
    reads it as a statistics workbook and stops on it (bt16k F9: compare --xlsx t22/new.xlsx, then score t22)."""
    from scorer.errors import Location, Problem
    from scorer.read.ingest import WORKBOOK_SUFFIXES

    folders = {p.resolve() for p in paths if p.is_dir()}
    for output in outputs:
        if output is not None and output.suffix.lower() in WORKBOOK_SUFFIXES and output.resolve().parent in folders:
            _warn([Problem(msg("{file} is written into {folder}, a folder read for workbooks: the next run over that "
                               "folder will read it as one, and stop on it", file=output.name, folder=output.parent),
                           Location(file=output), msg("write it to another folder, e.g. reports/"), "warning",
                           code="output_in_input_folder")])


def field_named(fw, text: str) -> str:
    """The field `text` chooses to show (series --field): its id, its Chinese name (`Framework.field_id`), or its
    name with a unit in brackets, as a workbook's row or a peer table's header writes it (实际使用外资金额（万美元）,
    实际使用外资金额(亿美元)): the rows shown are the same whatever the unit, printed in the field's own unit (said in
    its unit column). Only for choosing what to show: a value typed with a unit is never read through this. An unknown
    name raises ScorerError whose hint lists the statistics whose name holds what was typed (外资 → the two of foreign
    investment), else all (bt15j F6: the hint listed all 35 for a fragment, and a name with its unit was unknown)."""
    import unicodedata

    from scorer.errors import Problem, ScorerError
    from scorer.framework.named import field_with_unit, unit_mismatch

    if (found := field_with_unit(fw, text)) is not None:  # the one reading of a typed statistic (bt15k F1)
        fid, unit = found
        if unit is not None and (why := unit_mismatch(fw, fid, unit)) is not None:
            raise ScorerError(Problem(msg("--field {field!r}: {why}", field=text, why=why),
                                      hint=msg("write the name alone, or with its own unit: {name}（{unit}）",
                                               name=fw.fields[fid].label, unit=fw.fields[fid].unit)))
        return fid
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    close = {f: d for f, d in fw.fields.items() if key and (key in d.label or key in f.lower())} or fw.fields
    raise ScorerError(Problem(msg("unknown field {field!r}", field=text),
                              hint=msg("give a field id or its Chinese name: {names}",
                                       names=both(", ".join(f"{f} 「{d.label}」" for f, d in close.items()),
                                                  "、".join(f"{f}（{d.label}）" for f, d in close.items())))))
