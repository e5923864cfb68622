"""The work programme as an Excel workbook the programme team can edit
(``data/processed/werkprogramma.xlsx``: sheets ``programma`` and ``leerkringen``), written with
the formula-safe, byte-stable writer of ``pmg_schoon.xlsx``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.clean.outputs import write_xlsx
from pmg_analysis.prioritise.leerkringen import GROUP_COLUMNS, Leerkringen

WORKBOOK = catalog.WORK_PROGRAMME.file


def programme_sheets(programme: pd.DataFrame, proposal: Leerkringen) -> dict[str, pd.DataFrame]:
    """The two sheets: ``programma`` (the ranked table) and ``leerkringen`` (the groups, then
    the top learning questions without a group, with the reason in ``toelichting``)."""
    without = proposal.zonder_groep.reindex(columns=GROUP_COLUMNS)
    without["n_gemeenten"] = proposal.zonder_groep["n_gemeenten"]
    groups = pd.concat([proposal.groepen.astype("object"), without.astype("object")],
                       ignore_index=True) if len(without) else proposal.groepen
    return {"programma": programme.reset_index(drop=True),
            "leerkringen": groups.reset_index(drop=True)}


def write_programme_xlsx(programme: pd.DataFrame, proposal: Leerkringen, path: Path) -> Path:
    """Write :func:`programme_sheets` to ``path`` (no cell can start a formula)."""
    return write_xlsx(programme_sheets(programme, proposal), Path(path))

