"""Cleaning: from a read export to validated ``responses``, ``answers`` and ``texts`` tables.

``clean_export`` never reads files: it takes an :class:`~pmg_analysis.io.export.Export`. Every
raw row ends up either as a response or in the quarantine with a Dutch reason; the manifest
counts both so that counts in = counts out can be checked (and is, by :func:`check_counts`).
"""

from __future__ import annotations

from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.clean.export import CleanResult, check_counts, clean_export
from pmg_analysis.clean.manifest import Manifest

__all__ = ["CleanConfig", "CleanResult", "Manifest", "clean_export", "check_counts"]
