"""The folder of processed tables of one run: writing a clean run's tables and reading them back.

Below the analysis and the reports in the layers (``pmg_analysis.results`` and the report pages
read the tables through here), above :mod:`pmg_analysis.clean`; :mod:`pmg_analysis.pipeline`
wires the steps and re-exports these functions for the notebooks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.clean import CleanResult
from pmg_analysis.clean.manifest import Manifest
from pmg_analysis.clean.outputs import write_csv, write_parquet, write_xlsx
from pmg_analysis.errors import InputError
from pmg_analysis.parallel import in_parallel
from pmg_analysis.paths import PROCESSED

EXCEL_MAX_ROWS = 1_048_575  # Excel's sheet limit minus the header row

TABLES = tuple(d.name for d in catalog.CLEAN_TABLES)


@dataclass(frozen=True)
class Paths:
    """The files of one clean run in ``out_dir`` (names from :mod:`pmg_analysis.catalog`)."""

    out_dir: Path = PROCESSED

    def table(self, name: str) -> Path:
        return catalog.DATASETS[name].path(self.out_dir)

    @property
    def quarantine(self) -> Path:
        return catalog.QUARANTINE.path(self.out_dir)

    @property
    def manifest(self) -> Path:
        return catalog.MANIFEST.path(self.out_dir)

    @property
    def workbook(self) -> Path:
        return catalog.CLEAN_WORKBOOK.path(self.out_dir)


def write_clean_outputs(result: CleanResult, out_dir: Path = PROCESSED) -> list[Path]:
    """Write the processed tables of one clean run; returns the files written."""
    paths = Paths(Path(out_dir))
    paths.out_dir.mkdir(parents=True, exist_ok=True)
    tables = {"responses": result.responses, "answers": result.answers, "texts": result.texts,
              "problems": result.problems}
    # Parquet encoding releases the GIL: the tables are written two at a time (same files,
    # same order, whatever finishes first)
    written = in_parallel([lambda name=name, frame=frame: write_parquet(frame, paths.table(name))
                           for name, frame in tables.items()])
    written.append(write_csv(result.quarantine, paths.quarantine))
    too_big = max(len(f) for f in tables.values()) > EXCEL_MAX_ROWS
    manifest = replace(result.manifest, excel=(
        "niet geschreven: meer rijen dan een Excel-werkblad aankan" if too_big
        else paths.workbook.name))
    if not too_big:
        written.append(write_xlsx({**tables, "quarantine": result.quarantine},
                                  paths.workbook))
    written.append(manifest.write(paths.manifest))
    return written


def result_tables(result: CleanResult) -> dict[str, pd.DataFrame]:
    """The processed tables of a clean run in memory, as :func:`load_processed` reads them back
    (the analysis takes them from here instead of reading the files just written)."""
    return {"responses": result.responses, "answers": result.answers, "texts": result.texts,
            "problems": result.problems, "quarantine": result.quarantine}


def load_manifest(out_dir: str | Path | None = PROCESSED) -> Manifest:
    """The manifest of the last clean run (counts, source, column mapping, positions,
    settings) in ``out_dir`` (None: the default folder)."""
    path = Paths(Path(out_dir or PROCESSED)).manifest
    if not path.exists():
        raise InputError("er zijn nog geen verwerkte gegevens; draai eerst 'make report'.",
                         path=path)
    return Manifest.read(path)


def load_processed(out_dir: str | Path | None = PROCESSED) -> dict[str, pd.DataFrame]:
    """The processed tables, for notebooks: responses, answers, texts, problems, quarantine,
    from ``out_dir`` (None: the default folder)."""
    paths = Paths(Path(out_dir or PROCESSED))
    if not paths.manifest.exists():
        raise InputError("er zijn nog geen verwerkte gegevens; draai eerst 'make report' of "
                         "'pmg-analysis clean <export>'.", path=paths.out_dir)
    tables = {name: pd.read_parquet(paths.table(name)) for name in TABLES}
    tables["quarantine"] = pd.read_csv(paths.quarantine, dtype={"rij": "Int32",
                                                                "vervangen_door_rij": "Int32"})
    return tables
