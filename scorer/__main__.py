"""Entry point for `python -m scorer`."""

from scorer.cli.main import main

main()
