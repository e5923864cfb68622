"""Dutch display tables for the notebook and reports, built from the computed frames.

Figures are formatted as Dutch text (interval "3,41–3,86", shares as percentages), column names
are Dutch; cells are escaped later by :func:`pmg_analysis.report.show_table`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmg_analysis.regions.overview import getal
from pmg_analysis.themes.sentences import (
    COUNT_MEASURES,
    SHARE_MEASURES,
    group_name,
    interval_text,
    measure_name,
    theme_name,
    value_text,
)


def _texts(values: list[str]) -> pd.Series:
    return pd.Series(values, dtype="string")


def score_table(scores: pd.DataFrame, labels: Mapping[str, str] | None = None,
                min_group: int = 5, unit: str = "gemeente") -> pd.DataFrame:
    """:func:`~pmg_analysis.themes.scores.theme_scores` (or ``statement_scores``) as a Dutch
    table: one row per measure, group and theme (or stelling), the estimate and its 95% interval
    as text, the number of municipalities and a warning for small groups. ``unit`` as given to
    the computation: with ``"respondent"`` the counts are called respondents."""
    key = "theme" if "theme" in scores.columns else "stelling"
    rows = scores.reset_index(drop=True)
    measures = rows["measure"].astype(str)
    units = "gemeenten" if unit == "gemeente" else "respondenten"
    out = pd.DataFrame({
        "Maat": _texts([measure_name(m).replace("gemeenten", units) for m in measures]),
        "Groep": _texts([group_name(g, labels) for g in rows["group"]]),
        ("Thema" if key == "theme" else "Stelling"): _texts(
            [theme_name(t) if key == "theme" else str(t) for t in rows[key]]),
        "Schatting": _texts([value_text(v, m) for v, m in zip(rows["estimate"], measures,
                                                                strict=True)]),
        "95%-interval": _texts([interval_text(lo, hi, m) for lo, hi, m in
                                zip(rows["lower"], rows["upper"], measures, strict=True)]),
        units.capitalize(): rows["n_gemeenten"].astype("Int64"),
        "Let op": _texts([f"minder dan {min_group} {units}" if bool(k) else ""
                          for k in rows["klein"].fillna(False)]),
    })
    if out["Groep"].nunique() <= 1:
        out = out.drop(columns="Groep")
    if not out["Let op"].ne("").any():
        out = out.drop(columns="Let op")
    return out


def test_table(tests: pd.DataFrame) -> pd.DataFrame:
    """:func:`~pmg_analysis.themes.compare.group_tests` (or ``statement_tests``) as a Dutch
    table."""
    rows = tests.reset_index(drop=True)

    def p(value: object) -> str:
        return "–" if pd.isna(value) else getal(float(value), 3)

    subject = ({"Thema": _texts([theme_name(t) for t in rows["theme"]])}
               if "theme" in rows.columns else
               {"Stelling": rows["stelling"].astype("string")})
    return pd.DataFrame({
        "Maat": _texts([measure_name(str(m)) for m in rows["measure"]]),
        **subject,
        "H (Kruskal–Wallis)": _texts(["–" if pd.isna(h) else getal(float(h), 2)
                                      for h in rows["statistic"]]),
        "p (permutatie)": _texts([p(v) for v in rows["p_waarde"]]),
        "p na correctie": _texts([p(v) for v in rows["p_bh"]]),
        "Gemeenten": rows["n_gemeenten"].astype("Int64"),
        "Kleinste groep": rows["kleinste_groep"].astype("Int64"),
    })


def opgave_table(scores: pd.DataFrame, labels: Mapping[str, str] | None = None
                 ) -> pd.DataFrame:
    """:func:`~pmg_analysis.themes.opgaven.opgave_scores` (one group) as a Dutch table, the
    most chosen opgave of each theme first."""
    rows = scores.sort_values(["theme", "estimate", "opgave"], ascending=[True, False, True],
                              kind="stable", na_position="last").reset_index(drop=True)
    out = pd.DataFrame({
        "Thema": _texts([theme_name(t) for t in rows["theme"]]),
        "Opgave": _texts([str(t) for t in rows["opgave_tekst"]]),
        "Groep": _texts([group_name(g, labels) for g in rows["group"]]),
        "Gekozen door": _texts([value_text(v, "urgent") for v in rows["estimate"]]),
        "95%-interval": _texts([interval_text(lo, hi, "urgent")
                                for lo, hi in zip(rows["lower"], rows["upper"], strict=True)]),
        "Gemeenten": rows["n_gemeenten"].astype("Int64"),
    })
    return out.drop(columns="Groep") if out["Groep"].nunique() <= 1 else out


def opgave_labels(scores: pd.DataFrame, width: int = 60) -> dict[str, str]:
    """Opgave id -> "Versterken van de regionale …": its text in words, shortened to ``width``
    characters."""
    pairs = scores[["opgave", "opgave_tekst"]].drop_duplicates()
    out = {}
    for opgave, text in zip(pairs["opgave"].astype(str), pairs["opgave_tekst"], strict=True):
        label = str(text)
        out[opgave] = label if len(label) <= width else label[:width - 1].rstrip() + "…"
    return out


def anders_table(anders: pd.DataFrame) -> pd.DataFrame:
    """:func:`~pmg_analysis.themes.opgaven.anders_texts` as a Dutch table."""
    return pd.DataFrame({
        "Thema": _texts([theme_name(t) for t in anders["theme"]]),
        "Anders, namelijk": anders["text"].astype("string").reset_index(drop=True),
        "Gemeenten": anders["n_gemeenten"].astype("Int64").reset_index(drop=True),
        "Respondenten": anders["n_respondenten"].astype("Int64").reset_index(drop=True),
    })


def statement_legend(distribution: pd.DataFrame) -> pd.DataFrame:
    """The stellingen with their texts (K = kracht, Z = zwakte), for beside the figure."""
    pairs = distribution[["stelling", "stelling_tekst"]].drop_duplicates("stelling")
    return pd.DataFrame({
        "Stelling": pairs["stelling"].astype("string").reset_index(drop=True),
        "Soort": _texts(["kracht" if str(s).startswith("K") else "zwakte"
                         for s in pairs["stelling"]]),
        "Tekst": pairs["stelling_tekst"].astype("string").reset_index(drop=True),
    })


def plot_format(measure: str) -> str:
    """The d3-format for a measure's axis in a figure: shares as %, counts whole, means 2 dec."""
    if measure in SHARE_MEASURES:
        return ".0%"
    return ",.0f" if measure in COUNT_MEASURES else ",.2f"


def interval_frame(scores: pd.DataFrame, measure: str,
                   labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The rows of one measure from :func:`~pmg_analysis.themes.scores.theme_scores`, with a
    display ``label`` ("Thema" or "Thema · groep" when there are several groups), ordered by
    theme and group, for :func:`pmg_analysis.plots.interval_plot` (``colour="theme"``)."""
    rows = scores[scores["measure"].astype(str).eq(measure)].sort_values(
        ["theme", "group"], kind="stable")
    several = rows["group"].nunique() > 1
    label = [theme_name(t) + (f" · {group_name(g, labels)}" if several else "")
             for t, g in zip(rows["theme"], rows["group"], strict=True)]
    return rows.assign(label=pd.Series(label, index=rows.index, dtype="string"),
                       theme=rows["theme"].astype("string")).reset_index(drop=True)
