"""split_choices / split_ranking: match known option texts, never split naively."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.io import split_choices, split_ranking

INSTR = load_instrument()
EF = {o.id: o.text for o in INSTR["EF_opgaven"].options}


def test_options_containing_commas_and_other_text():
    cells = pd.Series([
        f"{EF['EF3']};{EF['EF1']};",                       # MS Forms, trailing ';'
        f"{EF['EF3']}, {EF['EF4']}",                       # Google Forms ', '
        f"{EF['EF4']},Zonneweides, en ook windmolens",      # other text with a comma
        None,
        "  de omgevingswet   invoeren ;",                  # case / spacing differences
    ], index=[10, 11, 12, 13, 14])
    out = split_choices(cells, EF)
    assert list(out.columns) == [*EF, "other"]
    assert out.loc[10, ["EF1", "EF3", "EF4"]].tolist() == [True, True, False]
    assert out.loc[11, ["EF3", "EF4", "EF1"]].tolist() == [True, True, False]
    assert pd.isna(out.loc[10, "other"]) and pd.isna(out.loc[11, "other"])
    assert out.loc[12, "EF4"] and out.loc[12, "other"] == "Zonneweides, en ook windmolens"
    assert out.loc[13].isna().all()
    assert out.loc[14, "EF4"] and out.loc[14].drop(["EF4", "other"]).eq(False).all()
    assert out["EF1"].dtype == "boolean" and out["other"].dtype == "string"


def test_naive_split_would_be_wrong():
    cell = pd.Series([EF["EF3"] + ";"])
    out = split_choices(cell, EF)
    assert out.loc[0, "EF3"] and pd.isna(out.loc[0, "other"])
    assert out.drop(columns=["EF3", "other"]).iloc[0].eq(False).all()


def test_sequence_options_and_explicit_separator():
    out = split_choices(pd.Series(["A, B;C"]), ["A, B", "C", "A", "B"], sep=";")
    assert out.loc[0].tolist()[:4] == [True, True, False, False]


def test_works_on_unique_values_for_many_rows():
    rng = np.random.default_rng(7)
    pool = np.array([f"{EF['EF3']};{EF['EF1']};", f"{EF['EF2']};", "Iets anders;", None],
                    dtype=object)
    cells = pd.Series(pool[rng.integers(0, 4, 200_000)], dtype="string")
    out = split_choices(cells, EF)
    assert len(out) == 200_000
    assert out["EF3"].sum() == (cells == pool[0]).sum()
    assert (out["other"] == "Iets anders").sum() == (cells == "Iets anders;").sum()
    assert out["EF1"].isna().sum() == cells.isna().sum()


def test_split_ranking_msforms():
    themes = {t.code: t.name for t in INSTR.themes}
    cells = pd.Series([
        "Energietransitie & fysieke leefomgeving;Economie & arbeidsmarkt;"
        "Lokale democratie & regionale samenwerking;Sociale veerkracht & relatie burger-overheid;",
        "Economie & arbeidsmarkt;Cultuur;Energietransitie & fysieke leefomgeving;",
        None,
    ])
    out = split_ranking(cells, themes)
    assert out.loc[0, ["EF", "EA", "LD", "SV"]].tolist() == [1, 2, 3, 4]
    assert out.loc[1, "EA"] == 1 and out.loc[1, "EF"] == 3 and pd.isna(out.loc[1, "LD"])
    assert out.loc[1, "leftover"] == "Cultuur"
    assert out.loc[2].isna().all()
    assert out["EA"].dtype == "Int64"
