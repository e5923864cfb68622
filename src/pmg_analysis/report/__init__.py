"""Reports: executing notebooks (papermill), exporting HTML (nbconvert), the index page, and
escaped, Dutch-formatted tables for use inside notebooks.

The names below are loaded on first use (nbformat, nbconvert and papermill are slow to import),
so that reading the report settings (:mod:`pmg_analysis.reportconfig`) stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "HtmlConfig": "pmg_analysis.reportconfig", "ReportConfig": "pmg_analysis.reportconfig",
    "build_report": "build", "build_reports": "build",
    "export_html": "html",
    "ReportEntry": "index", "write_index": "index",
    "ReportBuildError": "notebook", "execute_notebook": "notebook", "normalise": "notebook",
    "show_sentences": "tables", "show_table": "tables", "table_html": "tables",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'pmg_analysis.report' has no attribute {name!r}")
    where = _WHERE[name]
    module = where if "." in where else f"pmg_analysis.report.{where}"
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
