"""Scoring (stage 2): observations in → panel, indicator values, normalised and aggregated scores, rank and verdict out (the scored run)."""
