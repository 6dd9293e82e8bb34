"""The console script's entry point, as it was named before it became the top-level module `scorer_entry`
(pyproject.toml; bt16 F7: the `scorer` and `scorer.cli` packages had to load before its handlers). Kept for code
that imports it (`python -m scorer`, the tests' forked commands); importing it installs the same quiet handlers.

An environment installed in editable mode before `scorer_entry` existed (setuptools' import hook lists the
modules it was installed with) cannot import it by name until `scripts/setup.sh` installs again; the source
tree beside this package has it, and it is loaded from there, under its own name."""

import sys

try:
    import scorer_entry
except ModuleNotFoundError:
    from importlib.util import module_from_spec, spec_from_file_location
    from pathlib import Path

    _spec = spec_from_file_location("scorer_entry", Path(__file__).resolve().parents[2] / "scorer_entry.py")
    if _spec is None or not Path(_spec.origin).is_file():
        raise
    scorer_entry = sys.modules["scorer_entry"] = module_from_spec(_spec)
    _spec.loader.exec_module(scorer_entry)

IGNORED, main, quiet_signals = scorer_entry.IGNORED, scorer_entry.main, scorer_entry.quiet_signals
