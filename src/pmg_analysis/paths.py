"""Where the project's folders are: one place for every module (no module guesses from cwd)."""

from __future__ import annotations

import os
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
# ``pmg-analysis report`` on data outside the repository (a test's temporary folder) runs the
# notebook kernels with PMG_PROCESSED_DIR set, so ``load_processed()`` reads that folder there.
PROCESSED_ENV = "PMG_PROCESSED_DIR"
PROCESSED = Path(os.environ.get(PROCESSED_ENV) or ROOT / "data" / "processed")
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
EXAMPLE_EXPORT = RAW / "pmg_enquete_2017_synthetisch.xlsx"
