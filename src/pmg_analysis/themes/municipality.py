"""Per respondent and per municipality: the values every theme figure is built from.

The unit of analysis is the municipality. **Combination rule** (the one rule used everywhere):
a municipality's value on a question is the *mean over its respondents who answered that
question*. Put differently, each municipality carries weight 1, split equally over its
respondents who answered; a municipality that sent five people therefore counts exactly as
much as one that sent one, and a respondent who skipped a question does not dilute the others.
For a 0/1 measure (urgent, ranked first, opgave chosen) the municipality's value is the share
of its respondents, so two colleagues who disagree give 0.5 rather than a coin toss.

The mean is used rather than a majority vote because it loses nothing when respondents
disagree and needs no tie rule; rather than the median because with two or three respondents
the median *is* a tie rule. The one derived exception is ``trekker``: a municipality is willing
to lead a theme when its mean is above 0, i.e. when at least one of its respondents offered
(an offer to lead is not a vote, and one willing colleague is enough to start a working group).

Respondent-level values are kept: :func:`unit_values` with ``unit="respondent"`` skips the
combination, so every figure can be shown per respondent beside the municipal one.

Measures (``measure`` column), per theme:

* ``urgentie``: ``{code}_urgentie`` (1..5);
* ``urgent``: 1 when that urgency is at least ``ThemeConfig.urgent_from``, else 0;
* ``borda``: Borda points from ``prioriteit`` (ranking of the 4 themes, 1 = highest): a first
  place gets 3 points, a last place 0 (points = number of themes ranked - rank, so a round
  that asked three themes gives 2..0). Invalid rankings were
  already left out by ``clean`` (see ``meldingen``);
* ``eerste``: 1 when the theme is ranked first, else 0;
* ``trekker``: 1 when the theme is ticked in ``trekker``, 0 when the question was answered
  (also with "Geen") but the theme not ticked;
* ``tekst``: 1 when one of the respondent's free texts is about the theme according to the
  text coder (``coded_texts`` = output of ``pmg_analysis.text.code_texts``, passed in by the
  caller), 0 when the respondent wrote free text but none about the theme.

A respondent who did not answer a question has no value (NaN), never 0.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.regions.cluster import positie_per_gemeente
from pmg_analysis.regions.respondents import positie
from pmg_analysis.regions.typology import PositieDtype
from pmg_analysis.themes.config import ThemeConfig
from pmg_analysis.themes.schemas import gemeente_scores_schema

Unit = Literal["gemeente", "respondent"]

MEASURES: tuple[str, ...] = ("urgentie", "urgent", "borda", "eerste", "trekker", "tekst")
"""Theme measures in display order."""

MEAN_MEASURES: frozenset[str] = frozenset({"urgentie", "borda"})
"""Measures on a scale (a mean); the others are 0/1 (a share, or a count for ``trekker``)."""

ALL_GROUP = "Alle gemeenten"
ALL_RESPONDENTS = "Alle respondenten"
UNKNOWN_GROUP = "onbekend"


def theme_codes(answers: pd.DataFrame | None = None) -> list[str]:
    """The theme codes in instrument order (EA, LD, SV, EF); with ``answers``, only the themes
    the survey round asked about: the categories of its ``theme`` column (``clean`` declares
    the round's themes there; for a plain column the themes that occur). A shortened
    questionnaire's missing theme is so left out of every comparison instead of showing as
    unanswered. When none is declared, all themes."""
    codes = list(load_instrument().theme_codes)
    if answers is None or "theme" not in answers.columns:
        return codes
    column = answers["theme"]
    # the processed table declares the round's themes as the column's categories (clean)
    seen = (set(map(str, column.cat.categories)) if isinstance(column.dtype, pd.CategoricalDtype)
            else set(column.dropna().astype(str).unique()))
    return [t for t in codes if t in seen] or codes


def _ids(answers: pd.DataFrame) -> pd.DataFrame:
    """The answer columns used here as plain strings and floats."""
    return answers[["response_id", "question_id", "theme", "item", "value"]].astype(
        {"response_id": "string", "question_id": "string", "theme": "string",
         "item": "string", "value": "Float64"})


def _long(frame: pd.DataFrame, measure: str, value: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"response_id": frame["response_id"].to_numpy(),
                         "theme": frame["theme"].to_numpy(), "measure": measure,
                         "value": value.astype(float).to_numpy()})


def _ticked(a: pd.DataFrame, question_id: str, items: list[str],
            item_column: str = "theme") -> pd.DataFrame:
    """For a multiple-choice question: every respondent who answered it x every item, with
    1 when ticked and 0 when not. Rows of unticked options (value 0), if a reader wrote them,
    count as not ticked."""
    q = a[a["question_id"] == question_id]
    answered = pd.Index(q["response_id"].dropna().unique())
    ticked = set(zip(q.loc[q["value"].fillna(1).gt(0), "response_id"],
                     q.loc[q["value"].fillna(1).gt(0), "item"], strict=True))
    grid = pd.MultiIndex.from_product([answered, items], names=["response_id", item_column])
    frame = grid.to_frame(index=False)
    frame["value"] = [float((r, i) in ticked) for r, i in grid]
    return frame


def respondent_values(answers: pd.DataFrame, *, coded_texts: pd.DataFrame | None = None,
                      config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """Long table of theme measures per respondent: response_id, theme, measure, value.

    Parameters
    ----------
    answers : DataFrame
        The processed ``answers`` table (long).
    coded_texts : DataFrame, optional
        Output of ``pmg_analysis.text.code_texts`` (response_id; themes, a tuple of codes per
        text). Without it the measure ``tekst`` has no rows.
    config : ThemeConfig

    Returns
    -------
    DataFrame
        ``response_id`` (string), ``theme`` (string), ``measure`` (string, see
        :data:`MEASURES`), ``value`` (float). Only answered questions have rows.

    Examples
    --------
    >>> borda = respondent_values(answers).query("measure == 'borda'")
    >>> list(borda.columns), bool(borda["value"].between(0, 3).all())
    (['response_id', 'theme', 'measure', 'value'], True)
    """
    themes = theme_codes(answers)
    a = _ids(answers)
    parts = []

    urg = a[a["question_id"].isin([f"{t}_urgentie" for t in themes]) & a["value"].notna()]
    urg = urg.assign(theme=urg["question_id"].str.removesuffix("_urgentie"))
    parts.append(_long(urg, "urgentie", urg["value"]))
    parts.append(_long(urg, "urgent", urg["value"].ge(config.urgent_from)))

    rank = a[(a["question_id"] == "prioriteit") & a["item"].isin(themes) & a["value"].notna()]
    rank = rank.assign(theme=rank["item"])
    # points = number of themes ranked - rank: a round that asked three themes gives 0..2
    ranked = rank.groupby("response_id", observed=True)["value"].transform("size")
    parts.append(_long(rank, "borda", ranked - rank["value"]))
    parts.append(_long(rank, "eerste", rank["value"].eq(1)))

    trekker = _ticked(a, "trekker", themes)
    parts.append(_long(trekker, "trekker", trekker["value"]))

    if coded_texts is not None:
        parts.append(_text_values(coded_texts, themes))
    out = pd.concat(parts, ignore_index=True)
    return out.astype({"response_id": "string", "theme": "string", "measure": "string",
                       "value": float})


def _text_values(coded_texts: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """``tekst``: per respondent with any free text, 1 when a text is about the theme."""
    texts = pd.DataFrame({"response_id": coded_texts["response_id"].astype("string"),
                          "themes": coded_texts["themes"]})
    # the themes of a text: a tuple, or the array a parquet file gives back; None when missing
    about = {(r, str(t)) for r, codes in zip(texts["response_id"], texts["themes"], strict=True)
             if codes is not None and not isinstance(codes, float) for t in codes}
    writers = pd.Index(texts["response_id"].dropna().unique())
    grid = pd.MultiIndex.from_product([writers, themes], names=["response_id", "theme"])
    frame = grid.to_frame(index=False)
    return _long(frame, "tekst", pd.Series([float(k in about) for k in grid]))


def opgave_values(answers: pd.DataFrame) -> pd.DataFrame:
    """Per respondent who answered a theme's ``{code}_opgaven``: every opgave of that theme
    with 1 (chosen) or 0. Columns response_id, theme, opgave, value. The "Anders" option is
    left out here (its texts are in :func:`pmg_analysis.themes.opgaven.anders_texts`)."""
    instrument = load_instrument()
    a = _ids(answers)
    parts = []
    for t in theme_codes(answers):
        ids = [o.id for o in instrument[f"{t}_opgaven"].options]
        frame = _ticked(a, f"{t}_opgaven", ids, item_column="opgave")
        parts.append(frame.assign(theme=t))
    out = pd.concat(parts, ignore_index=True)
    return out[["response_id", "theme", "opgave", "value"]].astype(
        {"response_id": "string", "theme": "string", "opgave": "string", "value": float})


def units(responses: pd.DataFrame, *, unit: Unit = "gemeente", by: str | None = None,
          config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """One row per unit (municipality or respondent) with its group.

    Returns columns ``unit`` (gemeente_code or response_id), ``group`` (string) and, for
    municipalities, ``n_respondenten``. ``by`` is None (one group "Alle gemeenten"), ``"positie"``
    (:func:`~pmg_analysis.regions.respondents.positie`) or another column of ``responses``; a
    municipality whose respondents differ takes their most frequent group (ties: alphabetical,
    see :func:`~pmg_analysis.regions.cluster.positie_per_gemeente`). Units without a group
    get "onbekend": they stay in the figures for all municipalities and are shown apart.
    """
    ids = responses["response_id"].astype("string")
    codes = responses["gemeente_code"].astype("string")
    if by is None:
        grouping = pd.Series(ALL_GROUP if unit == "gemeente" else ALL_RESPONDENTS,
                             index=responses.index, dtype="string")
    elif by == "positie":
        grouping = positie(responses, config.grouping).astype("string")
    else:
        grouping = responses[by].astype("string")
    if unit == "respondent":
        out = pd.DataFrame({"unit": ids.to_numpy(), "group": grouping.to_numpy()})
    else:
        keyed = responses.assign(gemeente_code=codes)
        per = positie_per_gemeente(keyed, grouping)
        counts = codes.value_counts().sort_index()
        out = pd.DataFrame({"unit": counts.index.astype("string"),
                            "group": per.reindex(counts.index).to_numpy(),
                            "n_respondenten": counts.to_numpy()})
        out = out.astype({"n_respondenten": "Int64"})
    out = out.dropna(subset=["unit"]).astype({"unit": "string", "group": "string"})
    out["group"] = out["group"].fillna(UNKNOWN_GROUP)
    return out.sort_values("unit", ignore_index=True)


def combine(values: pd.DataFrame, responses: pd.DataFrame, *, keys: list[str],
            unit: Unit = "gemeente") -> pd.DataFrame:
    """Respondent values -> unit values by the combination rule (mean over the unit's
    respondents who answered). ``keys`` are the columns besides response_id that identify a
    value (e.g. ``["theme", "measure"]``). Returns ``unit`` + keys + ``value``."""
    if unit == "respondent":
        out = values.rename(columns={"response_id": "unit"})[["unit", *keys, "value"]]
    else:
        lookup = pd.Series(responses["gemeente_code"].astype("string").to_numpy(),
                           index=responses["response_id"].astype("string").to_numpy())
        keyed = values.assign(unit=values["response_id"].map(lookup)).dropna(subset=["unit"])
        out = (keyed.groupby(["unit", *keys], sort=True, observed=True)["value"].mean()
               .reset_index())
    return out.astype({"unit": "string", "value": float})


def gemeente_scores(answers: pd.DataFrame, responses: pd.DataFrame, *,
                    config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """The municipality as unit: one row per responding municipality x theme.

    Combination rule: see the module docstring (mean over the municipality's respondents who
    answered; ``trekker`` when at least one offered).

    Parameters
    ----------
    answers, responses : DataFrame
        The processed tables.
    config : ThemeConfig

    Returns
    -------
    DataFrame
        ``gemeente_code`` (string), ``theme`` (categorical EA, LD, SV, EF), ``urgentie``
        (Float64, 1..5), ``urgent`` (Float64 share 0..1 of its respondents who found the theme
        urgent or very urgent), ``borda`` (Float64, 0..3), ``eerste`` (Float64 share ranked
        first), ``trekker`` (boolean), ``positie`` (categorical of the position types, NA when
        unknown), ``n_respondenten`` (Int64). A value is NA when none of the municipality's
        respondents answered that question.

    Examples
    --------
    >>> ef = gemeente_scores(answers, responses).query("theme == 'EF'")
    >>> bool(ef["gemeente_code"].is_unique)  # one row per municipality
    True
    """
    themes = theme_codes(answers)
    unit_table = units(responses, by="positie", config=config)
    values = combine(respondent_values(answers, config=config), responses,
                     keys=["theme", "measure"])
    wide = values.pivot_table(index=["unit", "theme"], columns="measure", values="value",
                              aggfunc="first", observed=True)
    grid = pd.MultiIndex.from_product([unit_table["unit"], themes], names=["unit", "theme"])
    wide = wide.reindex(index=grid, columns=[m for m in MEASURES if m != "tekst"])
    out = wide.reset_index().merge(unit_table, on="unit", how="left")
    trekker = out["trekker"].gt(0).astype("boolean").mask(out["trekker"].isna())
    group = out["group"].where(out["group"] != UNKNOWN_GROUP)
    result = pd.DataFrame({
        "gemeente_code": out["unit"].astype("string"),
        "theme": pd.Categorical(out["theme"], categories=themes),
        "urgentie": out["urgentie"].astype("Float64"),
        "urgent": out["urgent"].astype("Float64"),
        "borda": out["borda"].astype("Float64"),
        "eerste": out["eerste"].astype("Float64"),
        "trekker": trekker,
        "positie": pd.Categorical(group, dtype=PositieDtype),
        "n_respondenten": out["n_respondenten"].astype("Int64"),
    })
    return gemeente_scores_schema(themes).validate(result)


def wide_values(long: pd.DataFrame, unit_table: pd.DataFrame, columns: list[tuple[str, str]],
                keys: tuple[str, str]) -> np.ndarray:
    """Unit values as a matrix: rows = ``unit_table.unit``, columns = ``columns`` (pairs of
    the two ``keys``), NaN where a unit has no value."""
    wide = long.pivot_table(index="unit", columns=list(keys), values="value", aggfunc="first",
                            observed=True)
    wide = wide.reindex(index=unit_table["unit"], columns=pd.MultiIndex.from_tuples(
        columns, names=list(keys)))
    return wide.to_numpy(float, na_value=np.nan)
