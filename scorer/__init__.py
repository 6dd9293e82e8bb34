"""scorer: readiness scoring of development zones against the national ETDZ assessment."""

__version__ = "0.1.0"
