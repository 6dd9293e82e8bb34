"""Command line (stage 6): options in, the library's results out as tables, JSON, CSV or files; no scoring logic here."""
