"""Entry point for `python -m scorer` (the same as the `scorer` console script: scorer_entry)."""

from scorer_entry import main

main()
