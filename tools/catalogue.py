"""Keep the message catalogue in step with the code: extract, merge into the .po, compile the .mo, or check.

    python tools/catalogue.py          # extract (Babel), update scorer/locale/zh_CN/LC_MESSAGES/scorer.po, compile .mo
    python tools/catalogue.py --check  # print every msgid without a translation, every stale .mo; exit 1 if any

Both also keep scorer/cli/top_help.py (`scorer --help` as typer prints it, printed without typer) in step:
the update writes it (tools/top_help.py), the check says when it is stale.

The messages are (1) every string literal passed to scorer.messages' msg / N_ / tr / zh, and to C_ with its
context (the msgctxt; the report's words, scorer/words.py, use it for an English word with two Chinese ones), found
by Babel's Python extractor (`pybabel extract -k msg -k N_ -k tr -k zh -k C_:1c,2 scorer` finds the same), and (2) the help of
every command and option of the CLI, read from the live command tree (typer takes a command's help from
its docstring, which no extractor sees). A new message lands in the .po with an empty translation; a
translator fills it in and runs this again to compile. Babel is a development tool here: at run time the
standard library's gettext reads the .mo.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOCALE = ROOT / "scorer" / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "scorer.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"msg": None, "N_": None, "tr": None, "zh": None, "C_": ((1, "c"), 2)}
# A message: its msgid and its msgctxt (None for most).
Key = tuple[str, "str | None"]


def code_messages() -> dict[Key, list[tuple[str, int]]]:
    """(msgid, msgctxt) -> [(file, line)] for every literal given to msg / N_ / tr / zh / C_ under scorer/
    (Babel's extractor)."""
    from babel.messages.extract import extract_from_dir

    found: dict[Key, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(ROOT / "scorer"), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()):
        if isinstance(message, str) and message:
            found.setdefault((message, context), []).append((f"scorer/{filename}", lineno))
    return found


def help_messages() -> dict[str, list[tuple[str, int]]]:
    """msgid -> [(command, 0)] for every command's help and every parameter's help of the CLI."""
    from scorer.cli.app import COMMANDS

    found: dict[str, list[tuple[str, int]]] = {}
    for name, (_module, summary) in COMMANDS.items():  # what `scorer --help` lists without loading the commands
        found.setdefault(summary, []).append((f"scorer.{name}", 0))

    def walk(command, path: str) -> None:
        english = command.__dict__.get("_english", {"help": command.help, "short_help": command.short_help})
        for text in (english["help"], english["short_help"]):
            if text:
                found.setdefault(text, []).append((path.replace(" ", "."), 0))
        for param in command.params:
            text = param.__dict__.get("_english_help", getattr(param, "help", None))
            if text:
                found.setdefault(text, []).append((f"{path}.{param.name}".replace(" ", "."), 0))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(cli_tree(), "scorer")
    return found


def cli_tree():
    """The click command of `scorer` with every command loaded (the app loads them lazily)."""
    from importlib import import_module

    import typer.main

    from scorer.cli.app import COMMANDS, app

    for module in sorted({m for m, _ in COMMANDS.values()}):
        import_module(module)
    return typer.main.get_command(app)


def all_messages() -> dict[Key, list[tuple[str, int]]]:
    found = code_messages()
    for text, where in help_messages().items():
        found.setdefault((text, None), []).extend(where)
    return found


def _fields(text: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)", text)}


def check() -> list[str]:
    """Every fault of the catalogue against the code, one line each (empty: the catalogue is complete and compiled)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        catalog = read_po(f)
    faults = []
    for (text, context), where in sorted(all_messages().items(), key=lambda item: (item[0][0], item[0][1] or "")):
        entry = catalog.get(text, context=context)
        file, line = where[0]
        if entry is None or not entry.string:
            faults.append(f"{file}:{line}: no Chinese for {text!r}")
        elif entry.fuzzy:
            faults.append(f"{file}:{line}: the Chinese for {text!r} is marked fuzzy (check it, then drop the flag)")
        elif _fields(entry.string) - _fields(text):
            faults.append(f"{file}:{line}: the Chinese for {text!r} names fields the English does not: "
                          f"{sorted(_fields(entry.string) - _fields(text))}")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    if not MO.is_file() or MO.read_bytes() != compiled.getvalue():
        faults.append(f"{MO.relative_to(ROOT)} is not compiled from {PO.name}: run python tools/catalogue.py")
    else:  # the stored `scorer --help` (scorer/cli/top_help.py) is the live one, Chinese from this catalogue
        done = subprocess.run([sys.executable, str(ROOT / "tools" / "top_help.py"), "--check"], capture_output=True,
                              text=True)
        faults += [line for line in (done.stdout + done.stderr).splitlines() if line] if done.returncode else []
    return faults


def update() -> None:
    """Merge the code's messages into the .po (new ones untranslated, gone ones dropped) and compile the .mo."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project="scorer", locale=None, charset="utf-8")
    for (text, context), where in sorted(all_messages().items(), key=lambda item: (item[0][0], item[0][1] or "")):
        template.add(text, locations=where, context=context)
    if PO.is_file():
        with PO.open("rb") as f:
            catalog = read_po(f)
        template.creation_date = catalog.creation_date  # the .po changes only when the messages do
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
    else:
        catalog = Catalog(project="scorer", locale="zh_CN", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
    catalog.fuzzy = False
    catalog.project, catalog.version = "scorer", "1"
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as f:
        write_po(f, catalog, width=120, sort_output=True, omit_header=False, include_lineno=False)
    with MO.open("wb") as f:
        write_mo(f, catalog)
    # `scorer --help` as stored for scorer.cli.main to print without typer, in a fresh process (this one may hold
    # the catalogue as it was before this update)
    subprocess.run([sys.executable, str(ROOT / "tools" / "top_help.py")], check=True)


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        problems = check()
        print("\n".join(problems)) if problems else None
        sys.exit(1 if problems else 0)
    update()
