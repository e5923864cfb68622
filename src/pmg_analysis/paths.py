"""Where the project's folders are: one place for every module (no module guesses from cwd).

Nothing here reads the environment: a run on other folders passes them as arguments (the CLI's
``--out``/``--reports``), and the report build hands the folder of the processed tables to the
notebooks as the papermill parameter ``verwerkt``. The lowest layer: it imports no other part
of the package (file names are the catalog's: ``catalog.EXAMPLE_EXPORT.path()``)."""

from __future__ import annotations

from pathlib import Path


def repo_root() -> Path:
    """The repository root (the folder with pyproject.toml above this package), else the
    working directory (an installed, non-editable package)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


ROOT = repo_root()
RAW = ROOT / "data" / "raw"
CBS_RAW = RAW / "cbs"  # where `pmg-analysis cbs fetch` saves the CBS/PDOK files
PROCESSED = ROOT / "data" / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
