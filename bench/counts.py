"""Argument types for the bench scripts' counts (argparse `type=`): a count of 0 or below is refused, as the
CLI refuses `--draws 0`, with the exit code 2 and a line naming the value, instead of a run that measures
nothing (or divides by nothing)."""

from __future__ import annotations

import argparse


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def positive(text: str) -> int:
    """A whole number of at least 1 (rows, sheets, runs, repeats, draws to measure)."""
    n = _whole(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n}: at least 1")
    return n


def non_negative(text: str) -> int:
    """A whole number of at least 0, where 0 means 'skip this part' (said in the option's help)."""
    n = _whole(text)
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n}: at least 0 (0 skips it)")
    return n
