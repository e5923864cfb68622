"""The work programme as an Excel workbook the programme team can edit
(``data/processed/werkprogramma.xlsx``: sheets ``programma`` and ``leerkringen``), written with
the formula-safe, byte-stable writer of ``pmg_schoon.xlsx``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.clean.outputs import write_xlsx
from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.prioritise.leerkringen import Leerkringen
from pmg_analysis.prioritise.sentences import groups_shown, without_shown

WORKBOOK = catalog.WORK_PROGRAMME.file


def programme_sheets(programme: pd.DataFrame, proposal: Leerkringen,
                     config: PriorityConfig = PriorityConfig()) -> dict[str, pd.DataFrame]:
    """The two sheets: ``programma`` (the ranked table) and ``leerkringen`` (the groups, then
    the top learning questions without a group, with the reason in ``toelichting``; the text
    written by :mod:`pmg_analysis.prioritise.sentences`)."""
    shown = groups_shown(proposal, config)
    without_text = without_shown(proposal, config)
    without = without_text.reindex(columns=shown.columns)
    without["n_gemeenten"] = without_text["n_gemeenten"]
    groups = pd.concat([shown.astype("object"), without.astype("object")],
                       ignore_index=True) if len(without) else shown
    return {"programma": programme.reset_index(drop=True),
            "leerkringen": groups.reset_index(drop=True)}


def write_programme_xlsx(programme: pd.DataFrame, proposal: Leerkringen, path: Path,
                         config: PriorityConfig = PriorityConfig()) -> Path:
    """Write :func:`programme_sheets` to ``path`` (no cell can start a formula)."""
    return write_xlsx(programme_sheets(programme, proposal, config), Path(path))

