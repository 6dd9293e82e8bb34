"""Reporting (stage 4): a scored run and its analyses in → report view model → HTML → PDF out."""
