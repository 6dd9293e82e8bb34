"""Usage errors (a wrong option, a value of the wrong type, a missing argument) in the language in use.

click (vendored by typer) words its usage errors in English whatever `--lang` says ("Invalid value for
'--draws': …"). `scorer.cli.main` runs the app with `standalone_mode=False` and passes each usage error
here: `usage_problem` rebuilds it from the exception's own fields (the parameter, its type, the option
name, the suggestions) as a `scorer.errors.Problem` whose words come from the message catalogue, and
the CLI prints it like any other problem, exit code 2 (click's code for a usage error), no traceback.
"""

from __future__ import annotations

import re
import sys

from scorer.errors import Problem
from scorer.messages import Text, msg


def usage_problem(exc, argv: list[str] | None = None) -> Problem:
    """The Problem for a click UsageError `exc` (BadParameter, MissingParameter, NoSuchOption, …).

    `argv`: the command line (default sys.argv[1:]), where a value that failed its type is looked up.
    A message scorer itself raised (a `Text`, or a range check of scorer.cli.app, which names the option
    in Chinese and English at once) is used as it is.
    """
    from typer._click import exceptions as ce  # the classes typer raises (its vendored click)

    argv = list(sys.argv[1:] if argv is None else argv)
    command = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else "scorer"
    hint = msg("see `{command} --help` for the options and what each one takes", command=command)
    param = getattr(exc, "param", None)
    name = _name(param) if param is not None else None
    if isinstance(exc.message, Text):
        message = exc.message
    elif isinstance(exc, ce.MissingParameter):
        message = msg("{name} is missing", name=name or "?")
    elif isinstance(exc, ce.BadParameter) and param is not None and str(exc.message).startswith(name or "\0"):
        message = Text(exc.message)  # scorer.cli.app's range checks: already in Chinese and English, naming the option
    elif isinstance(exc, ce.BadParameter) and param is not None:
        given = _given(param, argv)
        kind = _kind(param)
        if kind is not None:
            message = msg("{name} {given}: must be {kind}", name=name, given=given, kind=kind) if given is not None \
                else msg("{name}: must be {kind}", name=name, kind=kind)
        else:
            message = msg("{name}: {why}", name=name, why=exc.message)
    elif isinstance(exc, ce.NoSuchOption):
        message = msg("there is no option {option}", option=exc.option_name)
        close = exc.possibilities or _meant(exc.option_name, getattr(exc, "ctx", None))
        if close:
            message += msg(" (did you mean {names}?)", names=", ".join(sorted(close)))
    elif isinstance(exc, ce.BadOptionUsage):
        if "requires" in exc.message:  # "requires an argument." / "requires 2 arguments."
            message = msg("{option} takes a value", option=exc.option_name)
        elif "does not take a value" in exc.message:  # --json=1 (bt15j F5: click's English in the Chinese line)
            message = msg("{option} is a switch and takes no value: write {option} alone", option=exc.option_name)
        else:
            message = msg("{option}: {why}", option=exc.option_name, why=exc.message)
    else:
        message = _other(exc.message)
    return Problem(message, hint=hint)


# The names users bring from other tools for an option this tool names otherwise (bt15i F9: uncertainty -n 50 was told
# only "there is no option -n"): suggested when click finds no close spelling and the command has the option.
# Keyed by the name without its dashes (-n and --n alike; the names are no options of scorer's, see
# tests/test_cli_options.py), each with the options it may mean.
MEANT = {"n": ("--draws", "--top"), "samples": ("--draws",), "iterations": ("--draws",), "runs": ("--draws",),
         "simulations": ("--draws",), "o": ("--output",), "out": ("--output", "--xlsx"), "t": ("--target",),
         "p": ("--period",), "f": ("--field",), "l": ("--lang",), "language": ("--lang",), "j": ("--json",),
         "s": ("--seed",), "v": ("--version",), "V": ("--version",), "i": ("--interval",)}


def _meant(option: str, ctx) -> list[str]:
    """The options of the command in `ctx` that `option` (unknown) most likely means, by MEANT; [] when none."""
    command = getattr(ctx, "command", None)
    have = {o for p in getattr(command, "params", ()) for o in getattr(p, "opts", ())}
    return [o for o in MEANT.get(option.lstrip("-"), ()) if o in have]


def _name(param) -> str:
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "option" and opts:
        return max(opts, key=len)  # --draws rather than -n
    return (param.human_readable_name if hasattr(param, "human_readable_name") else param.name).upper()


def _given(param, argv: list[str]) -> str | None:
    """What the user typed for an option (--draws 1.5 or --draws=1.5), repr'd; None if it cannot be told."""
    for k, token in enumerate(argv):
        for opt in getattr(param, "opts", None) or []:
            if token == opt and k + 1 < len(argv):
                return repr(argv[k + 1])
            if token.startswith(opt + "=") and opt.startswith("--"):
                return repr(token[len(opt) + 1:])
    return None


def _kind(param) -> Text | None:
    """What a parameter of a number type takes, in words (typer keeps the annotation); None for other types."""
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None) if descriptor is not None else getattr(param, "type", None)
    if annotation is int:
        return msg("a whole number")
    if annotation is float:
        return msg("a number")
    return None


_NO_COMMAND = re.compile(r"No such command '?(?P<name>[^'.]*)'?\.?(?: Did you mean '(?P<close>[^']*)'\?)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)")  # click's, and typer's argument(s)
_MISSING_COMMAND = re.compile(r"Missing command\.?")


def _other(text: str) -> Text:
    """A usage error with no fields to rebuild it from: the two click raises most, in words; else as click says it."""
    m = _NO_COMMAND.match(text)
    if m:
        found = msg("No such command {name!r}.", name=m["name"])
        return found + msg(" Did you mean {close!r}?", close=m["close"]) if m["close"] else found
    m = _EXTRA.match(text)
    if m:
        return msg("unexpected extra argument(s): {args}", args=m["args"])
    if _MISSING_COMMAND.fullmatch(text):
        return msg("a command is missing")
    return msg("the command line cannot be read: {why}", why=text)
