"""Swappable methods of the scoring pipeline: plain functions found by name, with parameters."""
