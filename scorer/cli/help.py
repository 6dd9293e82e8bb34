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

from scorer.messages import N_, language, tr, zh

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


class _Local:
    """What a command and a group share: the help's frame and its --help option in the language in use."""

    context_class = _Context

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _frame("Show this message and exit.")
        return option


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
