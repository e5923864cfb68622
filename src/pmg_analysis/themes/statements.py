"""Stellingen K1..Z3 (strengths and weaknesses of medium-sized municipalities, Likert 1..5).

Per stelling the distribution over the five answers, and the share that agrees with a 95%
bootstrap interval, with the municipality as unit: a municipality's share of an answer is the
share of its respondents who gave it (the rule of :mod:`pmg_analysis.themes.municipality`), and
the group's distribution is the mean over its municipalities that answered the stelling, so
every distribution sums to 1.
"""

from __future__ import annotations

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.themes.compare import tests_per_column
from pmg_analysis.themes.config import ThemeConfig
from pmg_analysis.themes.municipality import Unit, combine, units
from pmg_analysis.themes.scores import group_order, scored

QUESTION = "stelling"
STATEMENT_MEASURES: tuple[str, ...] = ("eens", "gemiddelde")
"""``eens``: share agreeing (at least ``ThemeConfig.agree_from``); ``gemiddelde``: mean 1..5."""


def _statement_answers(answers: pd.DataFrame) -> pd.DataFrame:
    question = load_instrument()[QUESTION]
    ids = [i.id for i in question.items]
    a = answers[answers["question_id"].astype("string").eq(QUESTION)]
    frame = pd.DataFrame({"response_id": a["response_id"].astype("string"),
                          "stelling": a["item"].astype("string"),
                          "answer": a["value"].astype("Float64")})
    return frame[frame["stelling"].isin(ids) & frame["answer"].notna()]


def statement_distribution(answers: pd.DataFrame, responses: pd.DataFrame, *,
                           by: str | None = None, unit: Unit = "gemeente",
                           config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """Share of municipalities per answer (1..5) for every stelling, overall or per group.

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
        ``stelling`` (categorical K1..Z3), ``stelling_tekst``, ``group`` (categorical),
        ``waarde`` (Int64 1..5), ``label`` (ordered categorical "Helemaal mee oneens" ..
        "Helemaal mee eens"), ``share`` (Float64, sums to 1 per stelling and group; NA when
        nobody in the group answered), ``n_gemeenten`` (Int64).

    Examples
    --------
    >>> dist = statement_distribution(answers, responses, by="positie")
    >>> bool(dist.groupby(["stelling", "group"], observed=True)["share"].sum().round(9)
    ...      .isin([0.0, 1.0]).all())  # per statement and group the shares add up to 1
    True
    """
    question = load_instrument()[QUESTION]
    ids = [i.id for i in question.items]
    scale = list(question.scale)
    levels = list(range(1, len(scale) + 1))
    unit_table = units(responses, unit=unit, by=by, config=config)
    s = _statement_answers(answers)
    respondent = pd.DataFrame({
        "response_id": s["response_id"].repeat(len(levels)).to_numpy(),
        "stelling": s["stelling"].repeat(len(levels)).to_numpy(),
        "waarde": levels * len(s),
    })
    respondent["value"] = (s["answer"].repeat(len(levels)).to_numpy()
                           == respondent["waarde"].to_numpy()).astype(float)
    long = combine(respondent, responses, keys=["stelling", "waarde"], unit=unit)
    long = long.merge(unit_table, on="unit", how="inner")
    groups = group_order(unit_table["group"], by)
    shares = (long.groupby(["stelling", "group", "waarde"])["value"].mean()
              .rename("share"))
    answered = (long.drop_duplicates(["unit", "stelling"]).groupby(["stelling", "group"])
                .size().rename("n_gemeenten"))
    grid = pd.MultiIndex.from_product([ids, groups, levels],
                                      names=["stelling", "group", "waarde"])
    out = shares.reindex(grid).reset_index()
    out = out.merge(answered.reset_index(), on=["stelling", "group"], how="left")
    texts = {i.id: i.text for i in question.items}
    return pd.DataFrame({
        "stelling": pd.Categorical(out["stelling"], categories=ids),
        "stelling_tekst": out["stelling"].map(texts).astype("string"),
        "group": pd.Categorical(out["group"], categories=groups),
        "waarde": out["waarde"].astype("Int64"),
        "label": pd.Categorical(out["waarde"].map(lambda v: scale[v - 1]), categories=scale,
                                ordered=True),
        "share": out["share"].astype("Float64"),
        "n_gemeenten": out["n_gemeenten"].fillna(0).astype("Int64"),
    })


def statement_values(answers: pd.DataFrame, responses: pd.DataFrame, unit: Unit,
                     config: ThemeConfig) -> pd.DataFrame:
    """Per unit and stelling: ``eens`` (share agreeing) and ``gemiddelde`` (mean answer);
    columns ``unit``, ``stelling``, ``measure``, ``value`` (also used by
    :mod:`pmg_analysis.rounds.items`)."""
    s = _statement_answers(answers)
    respondent = pd.concat([
        s.assign(measure="eens", value=s["answer"].ge(config.agree_from).astype(float)),
        s.assign(measure="gemiddelde", value=s["answer"].astype(float)),
    ], ignore_index=True)[["response_id", "stelling", "measure", "value"]]
    return combine(respondent, responses, keys=["stelling", "measure"], unit=unit)


def statement_tests(answers: pd.DataFrame, responses: pd.DataFrame, *, by: str = "positie",
                    unit: Unit = "gemeente", config: ThemeConfig = ThemeConfig()
                    ) -> pd.DataFrame:
    """Do the groups answer a stelling differently? Kruskal-Wallis on the municipalities' mean
    answers (1..5) with a permutation p-value, as in
    :func:`~pmg_analysis.themes.compare.group_tests`.

    Returns
    -------
    DataFrame
        ``stelling`` (categorical), ``measure`` ("gemiddelde"), then the columns of
        :func:`~pmg_analysis.themes.compare.group_tests` (``statistic``, ``p_waarde``,
        ``p_bh`` over the seven stellingen, ``n_gemeenten``, ``groepen``, ``kleinste_groep``,
        ``kleine_groepen``).
    """
    ids = [i.id for i in load_instrument()[QUESTION].items]
    unit_table = units(responses, unit=unit, by=by, config=config)
    long = statement_values(answers, responses, unit, config)
    out = tests_per_column(long, unit_table, [(i, "gemiddelde") for i in ids],
                           ("stelling", "measure"), by, config)
    out["stelling"] = pd.Categorical(out["stelling"], categories=ids)
    out["measure"] = pd.Categorical(out["measure"], categories=list(STATEMENT_MEASURES))
    return out


def statement_scores(answers: pd.DataFrame, responses: pd.DataFrame, *, by: str | None = None,
                     unit: Unit = "gemeente", config: ThemeConfig = ThemeConfig()
                     ) -> pd.DataFrame:
    """Per stelling: the share that agrees and the mean answer, with 95% bootstrap intervals.

    Returns
    -------
    DataFrame
        ``stelling`` (categorical), ``stelling_tekst``, ``measure`` (``eens`` share 0..1 of
        answers at least ``config.agree_from``, ``gemiddelde`` 1..5), ``group``, ``estimate``,
        ``lower``, ``upper``, ``n_gemeenten``, ``klein`` (as in
        :func:`~pmg_analysis.themes.scores.theme_scores`).
    """
    question = load_instrument()[QUESTION]
    ids = [i.id for i in question.items]
    texts = {i.id: i.text for i in question.items}
    unit_table = units(responses, unit=unit, by=by, config=config)
    long = statement_values(answers, responses, unit, config)
    columns = [(i, m) for m in STATEMENT_MEASURES for i in ids]
    out = scored(long, unit_table, columns, ("stelling", "measure"), set(), by, config)
    out["stelling"] = pd.Categorical(out["stelling"], categories=ids)
    out["measure"] = pd.Categorical(out["measure"], categories=list(STATEMENT_MEASURES))
    out["stelling_tekst"] = out["stelling"].astype("string").map(texts).astype("string")
    return (out.sort_values(["measure", "group", "stelling"], kind="stable", ignore_index=True)
            [["stelling", "stelling_tekst", "measure", "group", "estimate", "lower", "upper",
              "n_gemeenten", "klein"]])
