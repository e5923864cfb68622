"""The work programme as an Excel workbook the programme team can edit
(``data/processed/werkprogramma.xlsx``: sheets ``programma``, ``leerkringen`` and, with the
sensitivity, ``gevoeligheid``), written with the formula-safe, byte-stable writer of
``pmg_schoon.xlsx``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.clean.outputs import write_xlsx
from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.prioritise.leerkringen import Leerkringen
from pmg_analysis.prioritise.sentences import groups_shown, without_shown

WORKBOOK = catalog.WORK_PROGRAMME.file


def _leads(members: pd.DataFrame, items: pd.Series) -> pd.DataFrame:
    """Per item: ``voorgestelde_trekker``, ``waarom_deze_trekker`` and ``reserve_trekkers``
    (all alternates in order of preference, "; ")."""
    from pmg_analysis.prioritise.sentences import trekker_reason

    rows = []
    for item in items.astype(str):
        willing = members[(members["item"].astype("string") == item)
                          & members["trekker_keuze"].notna()].sort_values("trekker_keuze")
        if willing.empty:
            rows.append(("", "", ""))
            continue
        first = willing.iloc[0]
        rows.append((str(first["gemeente_naam"]),
                     trekker_reason(str(first["trekker_reden"]), willing),
                     "; ".join(willing["gemeente_naam"].iloc[1:].astype(str))))
    return pd.DataFrame(rows, columns=["voorgestelde_trekker", "waarom_deze_trekker",
                                       "reserve_trekkers"], dtype="string")


def programme_shown(programme: pd.DataFrame, members: pd.DataFrame,
                    sensitivity: pd.DataFrame | None = None,
                    config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """The ranked programme as the team reads it in Excel: the municipalities behind each item
    (names and codes), its candidate trekkers, the proposed trekker with the reason and the
    alternates written out beside the figures, and (with ``sensitivity``) in ``hoe_vast`` how
    firm its place is in one sentence."""
    from pmg_analysis.prioritise.sentences import stability_sentences
    from pmg_analysis.prioritise.tables import joined_names

    out = programme.reset_index(drop=True).copy()
    items = out["item"]
    out.insert(out.columns.get_loc("n_gemeenten") + 1, "gemeenten",
               joined_names(members, items).to_numpy())
    out.insert(out.columns.get_loc("vorm") + 1, "trekkers",
               joined_names(members, items, leads=True).to_numpy())
    if "trekker_keuze" in members.columns:
        leads = _leads(members, items)
        at = out.columns.get_loc("trekkers") + 1
        for i, column in enumerate(leads.columns):
            out.insert(at + i, column, leads[column].to_numpy())
    if sensitivity is not None:
        firm = stability_sentences(sensitivity, out, config)
        out.insert(out.columns.get_loc("gevoelig"), "hoe_vast",
                   firm.reindex(items.astype(str)).fillna("").to_numpy())
    codes = members.sort_values(["item", "gemeente_code"], kind="stable")
    out.insert(out.columns.get_loc("cluster") + 1, "gemeente_codes",
               joined_names(codes, items, column="gemeente_code", sep=";").to_numpy())
    return out


def sensitivity_sheet(sensitivity: pd.DataFrame, programme: pd.DataFrame,
                      config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """The full sensitivity grid: one row per item (kind, rank order), its rank under the
    base weights and under every variant (one column per variant, e.g. ``urgentie -25%``)."""
    from pmg_analysis.prioritise.sensitivity import BASIS, variants

    order = [name for name, _, _ in variants(config)]
    wide = (sensitivity.pivot(index="item", columns="variant", values="rang")
            .reindex(columns=order))
    wide.columns.name = None
    base = programme.set_index("item")
    wide = wide.reindex(base.index).rename(columns={BASIS: "rang"})
    wide.insert(0, "soort", base["soort"].astype("string"))
    wide.insert(1, "label", base["label"].astype("string"))
    return wide.reset_index().astype({c: "Int64" for c in wide.columns
                                      if c not in ("soort", "label")})


def programme_sheets(programme: pd.DataFrame, proposal: Leerkringen,
                     config: PriorityConfig = PriorityConfig(), *,
                     members: pd.DataFrame,
                     sensitivity: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The sheets: ``programma`` (the ranked table, :func:`programme_shown`), ``leerkringen``
    (the groups, then the top learning questions without a group, with the reason in
    ``toelichting``; the text written by :mod:`pmg_analysis.prioritise.sentences`) and, with
    ``sensitivity``, ``gevoeligheid`` (:func:`sensitivity_sheet`)."""
    shown = groups_shown(proposal, config)
    without_text = without_shown(proposal, config)
    without = without_text.reindex(columns=shown.columns)
    without["n_gemeenten"] = without_text["n_gemeenten"]
    groups = pd.concat([shown.astype("object"), without.astype("object")],
                       ignore_index=True) if len(without) else shown
    sheets = {"programma": programme_shown(programme, members, sensitivity, config),
              "leerkringen": groups.reset_index(drop=True)}
    if sensitivity is not None:
        sheets["gevoeligheid"] = sensitivity_sheet(sensitivity, programme, config)
    return sheets


def write_programme_xlsx(programme: pd.DataFrame, proposal: Leerkringen, path: Path,
                         config: PriorityConfig = PriorityConfig(), *,
                         members: pd.DataFrame,
                         sensitivity: pd.DataFrame | None = None) -> Path:
    """Write :func:`programme_sheets` to ``path`` (no cell can start a formula)."""
    return write_xlsx(programme_sheets(programme, proposal, config, members=members,
                                       sensitivity=sensitivity), Path(path))

