"""The console script's entry point, as it was named before it became the top-level module `scorer_entry`
(pyproject.toml; bt16 F7: the `scorer` and `scorer.cli` packages had to load before its handlers). Kept for code
that imports it; importing it installs the same quiet handlers."""

from scorer_entry import IGNORED, main, quiet_signals  # noqa: F401
