"""Entry point for `python -m scorer` (the same as the `scorer` console script: scorer_entry, through scorer.cli.entry,
which finds it in an environment installed before it existed too)."""

from scorer.cli.entry import main

main()
