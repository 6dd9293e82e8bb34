"""Entry point for `python -m scorer` (the same as the `scorer` console script: scorer.cli.entry)."""

from scorer.cli.entry import main

main()
