"""Entry point for `python -m scorer`."""

import sys

try:
    from scorer.cli.main import main
except KeyboardInterrupt:  # Ctrl-C in the first milliseconds: no traceback either
    sys.stderr.write("interrupted\n")
    sys.exit(130)

main()
