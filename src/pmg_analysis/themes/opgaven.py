"""How often each opgave is chosen, per theme and per group, and the "Anders, namelijk" texts."""

from __future__ import annotations

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.themes.config import ThemeConfig
from pmg_analysis.themes.municipality import Unit, combine, opgave_values, theme_codes, units
from pmg_analysis.themes.schemas import estimates_schema
from pmg_analysis.themes.scores import scored


def opgave_scores(answers: pd.DataFrame, responses: pd.DataFrame, *, by: str | None = None,
                  unit: Unit = "gemeente", config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """Per opgave: the share of municipalities that chose it, with a 95% bootstrap interval.

    A municipality's value is the share of its respondents who answered the theme's
    ``{code}_opgaven`` question and chose the opgave (the rule of
    :mod:`pmg_analysis.themes.municipality`); the estimate is the mean over the municipalities
    that answered that question, so a municipality that skipped the theme does not count as
    "not chosen".

    Parameters
    ----------
    answers, responses : DataFrame
        The processed tables.
    by : {None, "positie"} or str
        As in :func:`~pmg_analysis.themes.scores.theme_scores`.
    unit : {"gemeente", "respondent"}
    config : ThemeConfig

    Returns
    -------
    DataFrame
        ``theme`` (categorical), ``opgave`` (categorical EA1 .. EF6 in instrument order),
        ``opgave_tekst`` (string), ``group`` (categorical), ``estimate`` (Float64 share),
        ``lower``, ``upper``, ``n_gemeenten`` (Int64: units that answered the theme's question),
        ``klein`` (boolean).

    Examples
    --------
    >>> per_positie = opgave_scores(answers, responses, by="positie")
    >>> sorted(per_positie["group"].astype(str).unique())
    ['monocentrisch', 'nabij_grotere_stad', 'onbekend', 'polycentrisch']
    """
    instrument = load_instrument()
    themes = theme_codes(answers)
    texts = {o.id: o.text for t in themes for o in instrument[f"{t}_opgaven"].options}
    columns = [(t, o.id) for t in themes for o in instrument[f"{t}_opgaven"].options]
    unit_table = units(responses, unit=unit, by=by, config=config)
    long = combine(opgave_values(answers), responses, keys=["theme", "opgave"], unit=unit)
    out = scored(long, unit_table, columns, ("theme", "opgave"), set(), by, config)
    out["theme"] = pd.Categorical(out["theme"], categories=themes)
    out["opgave"] = pd.Categorical(out["opgave"], categories=[c[1] for c in columns])
    out["opgave_tekst"] = out["opgave"].astype("string").map(texts).astype("string")
    out = (out.sort_values(["group", "opgave"], kind="stable", ignore_index=True)
           [["theme", "opgave", "opgave_tekst", "group", "estimate", "lower", "upper",
             "n_gemeenten", "klein"]])
    schema = estimates_schema({"theme": themes, "opgave": [c[1] for c in columns]})
    return schema.validate(out)


def opgave_matrix(scores: pd.DataFrame) -> pd.DataFrame:
    """Opgave x group crosstab of the estimates from :func:`opgave_scores` (for a heatmap).

    Index: opgave ids in instrument order; columns: the groups in their order.
    """
    wide = scores.pivot_table(index="opgave", columns="group", values="estimate",
                              aggfunc="first", observed=False, dropna=False)
    wide = wide.reindex(index=scores["opgave"].cat.categories,
                        columns=scores["group"].cat.categories)
    wide.index = pd.Index(wide.index.astype(str), name="opgave")
    wide.columns = pd.Index(wide.columns.astype(str), name="group")
    return wide.astype("Float64")


def anders_texts(texts: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """The "Anders, namelijk" texts of the opgaven questions, identical texts counted once.

    Parameters
    ----------
    texts, responses : DataFrame
        The processed tables (texts are already redacted by ``clean``).

    Returns
    -------
    DataFrame
        ``theme`` (categorical), ``text`` (string, stripped), ``n_gemeenten`` and
        ``n_respondenten`` (Int64), ordered by theme, then most municipalities (and
        respondents), then text.
        Shown in HTML only through an escaping table (``report.show_table``).
    """
    themes = theme_codes()
    questions = [f"{t}_opgaven" for t in themes]
    codes = pd.Series(responses["gemeente_code"].astype("string").to_numpy(),
                      index=responses["response_id"].astype("string").to_numpy())
    t = texts[texts["question_id"].astype("string").isin(questions)
              & texts["item"].astype("string").eq("anders")]
    frame = pd.DataFrame({
        "theme": t["question_id"].astype("string").str.removesuffix("_opgaven"),
        "text": t["text"].astype("string").str.strip(),
        "response_id": t["response_id"].astype("string"),
    })
    frame = frame[frame["text"].fillna("").ne("")]
    frame["gemeente_code"] = frame["response_id"].map(codes)
    out = (frame.groupby(["theme", "text"], sort=False)
           .agg(n_gemeenten=("gemeente_code", "nunique"), n_respondenten=("response_id", "size"))
           .reset_index())
    out["theme"] = pd.Categorical(out["theme"], categories=themes)
    out = out.astype({"text": "string", "n_gemeenten": "Int64", "n_respondenten": "Int64"})
    return out.sort_values(["theme", "n_gemeenten", "n_respondenten", "text"],
                           ascending=[True, False, False, True], kind="stable",
                           ignore_index=True)
