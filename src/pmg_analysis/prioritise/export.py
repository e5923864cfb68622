"""The work programme as an Excel workbook the programme team can edit
(``data/processed/werkprogramma.xlsx``: sheets ``programma`` and ``leerkringen``), written with
the formula-safe, byte-stable writer of ``pmg_schoon.xlsx``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.clean.outputs import write_xlsx
from pmg_analysis.paths import PROCESSED
from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.prioritise.leerkringen import GROUP_COLUMNS, Leerkringen
from pmg_analysis.text.needs import NeedConfig
from pmg_analysis.themes.config import ThemeConfig

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


def write_work_programme(tables: Mapping[str, pd.DataFrame], out_dir: Path = PROCESSED, *,
                         config: PriorityConfig = PriorityConfig(),
                         themes: ThemeConfig = ThemeConfig(),
                         needs: NeedConfig = NeedConfig()) -> Path:
    """After cleaning: assign the learning questions to needs, score, propose the
    leerkringen and write ``<out_dir>/werkprogramma.xlsx``; returns its path.

    ``tables`` holds the processed ``responses``, ``answers`` and ``texts`` (as returned by
    ``pipeline.load_processed`` or a clean run); ``themes`` and ``needs`` are the settings
    of the theme scores and the learning needs the programme is built on.
    """
    from pmg_analysis.prioritise.programme import plan
    from pmg_analysis.text import learning_needs

    found = learning_needs(tables["texts"], tables["responses"], config=needs,
                           cache_dir=Path(out_dir))
    result = plan(tables["answers"], tables["responses"], found, config=config, themes=themes)
    return write_programme_xlsx(result.programma, result.leerkringen,
                                Path(out_dir) / WORKBOOK)
