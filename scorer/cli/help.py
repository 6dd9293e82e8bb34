"""Help in the language in use: every command's docstring and option help, translated when the help is shown.

The help texts stay English in the code (the catalogue's msgids, extracted by tools/catalogue.py from the
live command tree); the Chinese comes from scorer.messages when `--help` is formatted, so the language
can be chosen on the command line (`--lang en`) after the commands are defined.
"""

from __future__ import annotations

import re

import typer
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from scorer.messages import N_, language, msg, tr, zh

# The words typer and click put around our help (English in typer's vendored click), for the catalogue.
FRAME = (N_("Usage: "), N_("Arguments"), N_("Options"), N_("Commands"), N_("Show this message and exit."),
         N_("[default: {value}]"), N_("[required]"))


def _frame(text: str) -> str:
    return tr(text) if text in FRAME else text


class _Formatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _frame("Usage: ") if prefix is None else prefix)

    def section(self, name: str):
        return super().section(_frame(name))

    def write_heading(self, heading: str) -> None:
        """A section's heading, its colon full-width in Chinese (用法：… 参数：, not 参数:)."""
        self.write(f"{'':>{self.current_indent}}{heading}{'：' if language() == 'zh' else ':'}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        if language() == "zh":
            default, required = zh("[default: {value}]"), zh("[required]")
            rows = [(term, re.sub(r"\[default: ([^\]]*)\]", lambda m: default.format(value=m.group(1)), text)
                     .replace("[required]", required)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class _Context(typer.Context):
    formatter_class = _Formatter


def _first_sentence(text: str) -> str:
    """A Chinese help's short form for the command list: up to its first full stop (click's cuts at '. ' only)."""
    head = text.split("\n\n")[0].replace("\n", "")
    return head.split("。")[0] if "。" in head else head


def localise(command) -> None:
    """Set a command's help, short help and every parameter's help to the language in use (English kept aside)."""
    english = command.__dict__.setdefault("_english", {"help": command.help, "short_help": command.short_help})
    command.help = tr(english["help"])
    short = english["short_help"]
    command.short_help = tr(short) if short else (
        _first_sentence(command.help) if language() == "zh" and command.help else None)
    for param in command.params:
        if getattr(param, "help", None) is not None:
            param.__dict__.setdefault("_english_help", param.help)
            param.help = tr(param._english_help)


def _as_usual(param) -> None:
    """Show an argument as command-line tools write it (bt15 F17: typer 0.29 wrote `{paths}...` in the usage line and
    `paths... <list[Path]>` under Arguments): PATHS... when required, [PATHS]... when not, in the usage line and
    in the help, the name an error names too (缺少 PATHS). Complete the values of an option with a fixed set (bt15
    F21): those `scorer.cli.app.choice` checks, and those whose metavar lists them (zh|en, pdf|html)."""
    if param.__dict__.get("_as_usual"):
        return
    param._as_usual = True
    if param.param_type_name == "argument":
        shown = (param.metavar or param.name or "").upper() + ("..." if param.nargs != 1 else "")
        usage = shown if param.required else f"[{shown}]"
        param.get_usage_pieces = lambda ctx: [usage]
        param._rich_display_name = lambda: shown
        param.display_type_rich = lambda ctx: None
    elif callable(getattr(param, "display_type_rich", None)):  # a repeatable option: <path>, not <list[Path]>
        typed = param.display_type_rich
        param.display_type_rich = lambda ctx: re.sub(r"<list\[(\w+)\]>", lambda m: f"<{m[1].lower()}>",
                                                     typed(ctx) or "") or None
    _no_adapter_when_missing(param)
    values = choices_of(param)
    if values and getattr(param, "_custom_shell_complete", None) is None:
        param._custom_shell_complete = lambda ctx, p, incomplete: [v for v in values() if v.startswith(incomplete)]


class _Missing:
    """What typer's coercion (`typer._coercion.RuntimeParam.coerce`) gives for a value not given: () for a
    repeatable parameter, else None, without building the parameter's pydantic TypeAdapter first."""

    @staticmethod
    def coerce(value, param, ctx):
        return () if param.multiple or param.nargs == -1 else None


def _no_adapter_when_missing(param) -> None:
    """typer (0.29) builds a pydantic TypeAdapter for every parameter it processes, given or not, and builds it
    before it looks at the value: printing a command's --help (every value missing) imported pydantic and
    typer._adapters, ~130 ms, 9× `python -c pass` (issue 17). A missing value skips that step; a given one goes
    through typer's own coercion, unchanged."""
    if param.__dict__.get("_lazy_coercion") or not hasattr(param, "get_runtime_param"):
        return
    param._lazy_coercion = True
    typed = param.process_value

    def process_value(ctx, value):
        if value is None and param.__dict__.get("_runtime_param", False) is None:
            param._runtime_param = _Missing
            try:
                return typed(ctx, value)
            finally:
                param._runtime_param = None  # built from the value's type when one is given
        return typed(ctx, value)

    param.process_value = process_value


def choices_of(param):
    """The values an option takes from a fixed set, as a function (None when its values are open): its callback's
    `choices` (scorer.cli.app.choice, --lang's), else the values its metavar lists (zh|en)."""
    found = getattr(getattr(param, "callback", None), "choices", None)
    if found is not None:
        return lambda: list(found())
    metavar = getattr(param, "metavar", None) or ""
    if re.fullmatch(r"[\w-]+(?:\|[\w-]+)+", metavar):
        return lambda: metavar.split("|")
    return None


class _Local:
    """What a command and a group share: the help's frame and its --help option in the language in use."""

    context_class = _Context

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            _as_usual(param)
            if param.name == "install_completion" and param.callback is not None and not param.__dict__.get("_ours"):
                param.callback, param._ours = _installed(param.callback), True
        return params

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _frame("Show this message and exit.")
        return option


COMPLETION_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")  # those typer installs completion for


def _installed(typer_callback):
    """--install-completion's callback, saying what it did in the language in use (typer's says it in English)."""
    import sys

    def install(ctx, param, value):
        if not value or ctx.resilient_parsing:
            return value
        from typer._completion_shared import _get_shell_name
        from typer.completion import install as install_script

        # A shell typer has no completion for (cmd.exe, dash, sh) is said in the language in use, with the shells that
        # have it (bt15j F5a: typer printed "Shell cmd is not supported." in English, with no way on)
        wanted = value if isinstance(value, str) else _get_shell_name()
        if wanted not in COMPLETION_SHELLS:
            print(tr(msg("{shell} has no tab completion for scorer: it works in bash, zsh, fish and PowerShell; on "
                         "Windows, open PowerShell and run scorer --install-completion there",
                         shell=wanted or msg("this shell"))), file=sys.stderr)
            sys.exit(1)
        shell, path = install_script(shell=value) if isinstance(value, str) else install_script()
        print(tr(msg("{shell} completion installed in {path}", shell=shell, path=path)))
        print(tr(msg("Completion takes effect once the terminal is restarted")))
        sys.exit(0)

    return install


class LocalCommand(_Local, TyperCommand):
    """A typer command whose help is shown in the language in use."""

    def format_help(self, ctx, formatter) -> None:
        localise(self)
        super().format_help(ctx, formatter)


class LocalGroup(_Local, TyperGroup):
    """A typer group whose help (and its commands' short help) is shown in the language in use."""

    def format_help(self, ctx, formatter) -> None:
        localise(self)
        for command in self.commands.values():  # those loaded (a lazy group lists the others by their summaries)
            localise(command)
        super().format_help(ctx, formatter)


class LocalTyper(typer.Typer):
    """typer.Typer whose commands and groups show their help in the language in use."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("cls", LocalGroup)
        super().__init__(*args, **kwargs)

    def command(self, *args, **kwargs):
        kwargs.setdefault("cls", LocalCommand)
        return super().command(*args, **kwargs)
