"""Command-line options checked at the edge: every number option refuses nan, inf and values out of its range
with a usage error (exit 2) naming the option, in Chinese and English; every option a message names exists."""

from __future__ import annotations

import ast
import importlib
import re
import typing

import pytest
import typer
from typer.testing import CliRunner

from scorer.cli.app import COMMANDS, app
from tests.conftest import EXAMPLES, ROOT, run_cli

for _module in sorted({m for m, _ in COMMANDS.values()}):
    importlib.import_module(_module)  # every command registered (the CLI imports each only when it runs)
COMMAND = typer.main.get_command(app)
RUNNER = CliRunner()


def _base(annotation):
    """int/float/str… under Optional[...] and List[...]."""
    while typing.get_origin(annotation) in (typing.Union, list, typing.List) or (
            typing.get_origin(annotation) is not None and type(None) in typing.get_args(annotation)):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def _commands(group=COMMAND, prefix=()):
    """(words of the command line, command) for every command, in sub-groups too (`peers build`)."""
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


def _options():
    """(command line, option, its click parameter) for every option of every command."""
    for name, command in _commands():
        for param in command.params:
            if param.param_type_name == "option":
                yield name, param.opts[0], param


def _checker(param):
    return getattr(getattr(param.callback, "__wrapped__", param.callback), "number_range", None)


NUMBER_OPTIONS = [(c, o, _base(p.type_descriptor.annotation)) for c, o, p in _options()
                  if _base(p.type_descriptor.annotation) in (int, float)]
PAIR_OPTIONS = [(c, o) for c, o, p in _options() if re.search(r"[A-Z]+=(PERCENT|NUMBER)", p.help or "")]


def test_the_sweep_finds_the_number_options_it_must():
    found = {(c, o) for c, o, _ in NUMBER_OPTIONS}
    assert {("watch", "--interval"), ("watch", "--max-polls"), ("uncertainty", "--seed"), ("uncertainty", "--draws"),
            ("compare", "--top"), ("plan", "--target"), ("report", "--plan-target"), ("score-table", "--time"),
            ("peers build", "--year"), ("uncertainty", "--targets"), ("uncertainty", "--peer-levels")} <= found
    assert {("uncertainty", "--field-error"), ("uncertainty", "--level-weights")} <= set(PAIR_OPTIONS)


@pytest.mark.parametrize("command, option", [(c, o) for c, o, _ in NUMBER_OPTIONS] + PAIR_OPTIONS)
def test_every_number_option_of_every_command_has_a_checked_range(command, option):
    param = next(p for c, o, p in _options() if (c, o) == (command, option))
    assert _checker(param) is not None, f"scorer {command} {option}: give it callback=number(...) (scorer.cli.app)"


def _refused(args: list[str], option: str) -> str:
    done = RUNNER.invoke(app, args)
    text = done.output
    assert done.exit_code == 2, (args, done.exit_code, text)
    assert "internal error" not in text and "Traceback" not in text and done.exception is None or \
        isinstance(done.exception, SystemExit), text
    assert f"'{option}'" in text, text  # click: Invalid value for '--option'
    return text


@pytest.mark.parametrize("command, option, kind", NUMBER_OPTIONS)
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999"])
def test_nan_and_infinity_are_refused_by_every_number_option(command, option, kind, value):
    text = _refused([*command.split(), option, value, str(EXAMPLES)], option)
    if kind is float:  # an int option cannot parse nan at all: typer's own message, still naming the option
        assert "must be a finite number" in text, text


@pytest.mark.parametrize("command, option", [(c, o) for c, o, kind in NUMBER_OPTIONS if kind is float])
@pytest.mark.parametrize("typed", ["1e999", "1E+999", "-1e400", "NaN"])
@pytest.mark.parametrize("form", ["apart", "joined"])
def test_a_refused_number_is_echoed_as_typed(command, option, typed, form, monkeypatch):
    """bt16 F12: `plan --target 1e999` was refused as '--target inf': the echo is what the user wrote."""
    given = [option, typed] if form == "apart" else [f"{option}={typed}"]
    args = [*command.split(), *given, str(EXAMPLES)]
    monkeypatch.setattr("sys.argv", ["scorer", *args])  # the command line as the console script has it
    text = _refused(args, option)
    assert f"{option} {typed}: must be a finite number" in text, text


@pytest.mark.parametrize("command, option", PAIR_OPTIONS)
@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e999"])
def test_nan_infinity_and_negatives_are_refused_by_every_key_number_option(command, option, value):
    key = "2" if option == "--level-weights" else "fdi_actual"
    text = _refused([*command.split(), option, f"{key}={value}", str(EXAMPLES)], option)
    assert "must be a finite number" in text, text


@pytest.mark.parametrize("lang, said, unsaid", [("zh", "须为不小于 1、不大于 10000000 的整数", "must be"),
                                                ("en", "must be a whole number at least 1", "须为")])
def test_a_range_check_speaks_the_language_in_use_only(lang, said, unsaid):
    """A range check printed its Chinese and its English at once whatever --lang said."""
    done = run_cli("--lang", lang, "uncertainty", EXAMPLES, "--draws", "-5")
    assert done.returncode == 2 and said in done.stderr and unsaid not in done.stderr, done.stderr


@pytest.mark.parametrize("args", [
    ["watch", "--interval", "-1", "inbox"], ["watch", "--interval", "0", "inbox"],
    ["watch", "--interval", "1e300", "inbox"],  # time.sleep would overflow
    ["watch", "--max-polls", "0", "inbox"], ["watch", "--max-polls", "-3", "inbox"],
    ["uncertainty", "--seed", "-1", "x"], ["uncertainty", "--seed", str(2**32), "x"],
    ["uncertainty", "--draws", "0", "x"], ["uncertainty", "--draws", "-5", "x"],
    ["uncertainty", "--draws", "1000000000", "x"], ["report", "--draws", "10000001", "x"],
    ["uncertainty", "--measurement", "-1", "x"], ["uncertainty", "--measurement", "100", "x"],
    ["uncertainty", "--indicator-weights", "-0.5", "x"], ["uncertainty", "--group-weights", "250", "x"],
    ["uncertainty", "--field-error", "fdi_actual=100", "x"], ["uncertainty", "--level-weights", "2=-10", "x"],
    ["report", "--seed", "-1", "x"], ["report", "--draws", "0", "x"], ["report", "--plan-target", "-5", "x"],
    ["compare", "--top", "-5", "x"], ["compare", "--top", "100000", "x"],
    ["plan", "--target", "-1", "x"],
    ["score-table", "--max-time", "0", "f", "d"], ["score-table", "--max-time", "-2", "f", "d"],
    ["uncertainty", "--targets", "-1", "x"], ["uncertainty", "--targets", "4", "x"],
    ["uncertainty", "--peer-levels", "-1", "x"], ["uncertainty", "--peer-spreads", "100", "x"],
    ["peers", "build", "--year", "-2023"], ["peers", "build", "--year", "20230"],
], ids=lambda a: " ".join(a[:3]))
def test_a_number_out_of_its_range_is_a_usage_error_naming_the_option_and_the_value_given(args):
    """In the language in use only (click's own runner here: English; the Chinese under --lang zh is
    test_a_range_check_speaks_the_language_in_use_only's)."""
    option = next(a for a in args if a.startswith("--"))
    text = _refused(args, option)
    assert f"{option} " in text.partition("Invalid value for")[2] and " must be " in text and "须为" not in text, text


@pytest.mark.parametrize("args", [["--field-error", "fdi_actual"], ["--level-weights", "two=5"],
                                  ["--field-error", "fdi_actual=ten"]])
def test_a_malformed_key_number_item_is_a_usage_error(args):
    text = _refused(["uncertainty", *args, "x"], args[0])
    assert "expected KEY=PERCENT" in text and "键=数值" not in text  # the language in use only


def test_the_real_command_line_refuses_before_any_work_with_exit_2():
    # As a user runs it (python -m scorer): no "internal error" (exit 70) for any of these.
    for args in (["watch", "inbox", "--interval", "-1"], ["uncertainty", EXAMPLES, "--seed", "-1"],
                 ["plan", EXAMPLES, "--target", "1e999"]):
        done = run_cli(*args)
        assert done.returncode == 2 and "internal error" not in done.stderr and "Traceback" not in done.stderr, \
            done.stderr
        assert "must be" in done.stderr and "须为" not in done.stderr  # the language in use (here the C locale's)


def test_numbers_in_range_pass():
    done = RUNNER.invoke(app, ["uncertainty", str(EXAMPLES), "--draws", "20", "--seed", "0", "--measurement", "0",
                                   "--field-error", "fdi_actual=99.5", "--level-weights", "2=0", "--json"])
    assert done.exit_code == 0, done.output


# ----------------------------------------------------------------- options that messages name
def _all_option_names() -> set[str]:
    names = {"--help", "--version", "--install-completion", "--show-completion"}
    for _, command in _commands():
        for param in command.params:
            names.update(getattr(param, "opts", []))
            names.update(getattr(param, "secondary_opts", []))
    return names


def _string_constants(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_every_option_a_message_or_help_names_exists():
    known = _all_option_names()
    unknown = []
    for path in sorted((ROOT / "scorer").rglob("*.py")):
        for line, text in _string_constants(path):
            for option in re.findall(r"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*", text):
                if option not in known:
                    unknown.append(f"{path.relative_to(ROOT)}:{line}: {option}")
    assert unknown == []


def test_no_message_makes_an_option_name_out_of_data():
    # f"--{name}" from a model's field name gave "--measurement-fields", an option that does not exist.
    made = []
    for path in sorted((ROOT / "scorer").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                parts = node.values
                for a, b in zip(parts, parts[1:]):
                    if isinstance(a, ast.Constant) and str(a.value).endswith("--") and isinstance(b, ast.FormattedValue):
                        made.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert made == []


def test_each_uncertainty_assumption_is_named_by_its_real_option():
    from scorer.whatif.uncertainty import OPTIONS, Assumptions

    assert set(OPTIONS) == set(Assumptions.model_fields)
    uncertainty = {o for p in COMMAND.commands["uncertainty"].params for o in p.opts}
    assert set(OPTIONS.values()) <= uncertainty
    # and a value the model refuses is reported under that option
    from scorer.errors import ScorerError
    from scorer.framework.model import load_framework
    from scorer.whatif.uncertainty import check_assumptions

    with pytest.raises(ScorerError) as caught:
        check_assumptions({"measurement_fields": {"fdi_actual": float("nan")}}, load_framework())
    assert caught.value.problems[0].message.startswith("--field-error: ")


@pytest.mark.parametrize("lang, expected, hint", [("zh", "--draws '1.5'：须为整数", "查看各选项及其取值"),
                                                  ("en", "--draws '1.5': must be a whole number", "for the options")])
def test_a_value_of_the_wrong_type_is_a_usage_error_in_the_language_in_use(lang, expected, hint):
    # click words these in English whatever --lang says ("Invalid value for '--draws': Input should be …")
    done = run_cli("--lang", lang, "uncertainty", EXAMPLES, "--draws", "1.5")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert expected in done.stderr and hint in done.stderr and "Input should be" not in done.stderr, done.stderr
    unknown = run_cli("--lang", lang, "compare", EXAMPLES, "--bogus")
    assert unknown.returncode == 2 and "--bogus" in unknown.stderr and "No such option" not in unknown.stderr


@pytest.mark.parametrize("args", [["uncertainty", "--draws", "1000000000", "x"], ["report", "--draws", "10000001", "x"]])
def test_a_monte_carlo_beyond_its_ceiling_is_refused_saying_why(args):
    """`--draws 1000000000` ran for days without a word: the ceiling is stated with its reason, in the CLI and in
    the library (scorer.whatif.uncertainty.check_draws) alike."""
    from scorer.cli.app import DrawsCheck
    from scorer.errors import ScorerError
    from scorer.whatif.uncertainty import MAX_DRAWS, check_draws

    assert DrawsCheck.number_range[2] == MAX_DRAWS
    text = _refused(args, "--draws")
    assert f"at most {MAX_DRAWS}" in text and "change no figure shown" in text, text
    check_draws(MAX_DRAWS)
    with pytest.raises(ScorerError, match="change no figure shown"):
        check_draws(MAX_DRAWS + 1)


CHOICE_OPTIONS = [(c, o, p) for c, o, p in _options() if getattr(p.callback, "choices", None) is not None]


def test_the_sweep_finds_the_choice_options_it_must():
    assert {("score-table", "--pipeline"), ("score-table", "--normalise-over"), ("score-table", "--impute-time")} <= \
        {(c, o) for c, o, _ in CHOICE_OPTIONS}


@pytest.mark.parametrize("command, option, param", CHOICE_OPTIONS, ids=lambda x: getattr(x, "name", x))
def test_a_value_outside_a_choice_option_is_a_usage_error_listing_the_choices(command, option, param):
    """`score-table --pipeline P9` was an internal error (exit 70); `--normalise-over bogus` on a panel too."""
    text = _refused([*command.split(), option, "bogus", str(EXAMPLES), str(EXAMPLES)], option)
    valid = list(param.callback.choices())
    assert "'bogus'" in text and all(name in text for name in valid) and "internal error" not in text, text


def test_the_scale_bench_refuses_a_row_it_does_not_have_naming_the_ones_it_has():
    """`bench/bench_scale.py --rows bogus` measured nothing and said nothing."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_scale.py"), "--rows", "peers,bogus"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "'bogus'" in done.stderr and "peers, uncertainty, mc" in done.stderr, done.stderr


def test_every_bench_script_refuses_a_count_of_zero_or_below_as_the_cli_would():
    """`bench_ingest.py --rows 0`, `bench_analysis.py --runs -3` measured nothing (or divided by nothing) and
    printed figures; every count option of every bench script is now refused with exit code 2 naming the value
    (0 where it means 'skip' is still taken: bench_coinr's --draws)."""
    import argparse
    import importlib.util
    import sys

    bench = ROOT / "bench"
    sys.path.insert(0, str(bench))
    try:
        counts = importlib.import_module("counts")
        seen = 0
        for script in sorted(bench.glob("bench_*.py")):
            spec = importlib.util.spec_from_file_location(f"_bench_{script.stem}", script)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            if not hasattr(module, "arguments"):
                continue  # takes no options (bench_report)
            parser = module.arguments()
            for action in parser._actions:
                if action.type not in (counts.positive, counts.non_negative) or not action.option_strings:
                    continue
                bad = ["0", "-1"] if action.type is counts.positive else ["-1"]
                for value in [*bad, "many"]:
                    with pytest.raises(SystemExit) as stop:
                        parser.parse_args([action.option_strings[0], value])
                    assert stop.value.code == 2, (script.name, action.option_strings, value)
                seen += 1
            for action in parser._actions:  # no count option is a bare int any more
                assert action.type is not int or action.dest == "seed", (script.name, action.dest)
        assert seen >= 10, seen
        assert counts.non_negative("0") == 0 and counts.positive("1") == 1
        with pytest.raises(argparse.ArgumentTypeError, match="-2: at least 1"):
            counts.positive("-2")
    finally:
        sys.path.remove(str(bench))
