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


def programme_shown(programme: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """The ranked programme as the team reads it in Excel: the municipalities behind each item
    (names and codes) and its candidate trekkers written out beside the figures."""
    from pmg_analysis.prioritise.tables import joined_names

    out = programme.reset_index(drop=True).copy()
    items = out["item"]
    out.insert(out.columns.get_loc("n_gemeenten") + 1, "gemeenten",
               joined_names(members, items).to_numpy())
    out.insert(out.columns.get_loc("vorm") + 1, "trekkers",
               joined_names(members, items, leads=True).to_numpy())
    codes = members.sort_values(["item", "gemeente_code"], kind="stable")
    out.insert(out.columns.get_loc("cluster") + 1, "gemeente_codes",
               joined_names(codes, items, column="gemeente_code", sep=";").to_numpy())
    return out


def programme_sheets(programme: pd.DataFrame, proposal: Leerkringen,
                     config: PriorityConfig = PriorityConfig(), *,
                     members: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The two sheets: ``programma`` (the ranked table, :func:`programme_shown`) and
    ``leerkringen`` (the groups, then the top learning questions without a group, with the
    reason in ``toelichting``; the text written by :mod:`pmg_analysis.prioritise.sentences`)."""
    shown = groups_shown(proposal, config)
    without_text = without_shown(proposal, config)
    without = without_text.reindex(columns=shown.columns)
    without["n_gemeenten"] = without_text["n_gemeenten"]
    groups = pd.concat([shown.astype("object"), without.astype("object")],
                       ignore_index=True) if len(without) else shown
    return {"programma": programme_shown(programme, members),
            "leerkringen": groups.reset_index(drop=True)}


def write_programme_xlsx(programme: pd.DataFrame, proposal: Leerkringen, path: Path,
                         config: PriorityConfig = PriorityConfig(), *,
                         members: pd.DataFrame) -> Path:
    """Write :func:`programme_sheets` to ``path`` (no cell can start a formula)."""
    return write_xlsx(programme_sheets(programme, proposal, config, members=members),
                      Path(path))

