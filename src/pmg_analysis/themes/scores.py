"""Theme dominance: per theme and measure an estimate with its 95% bootstrap interval.

The estimate of a measure is the mean over the municipalities (or respondents) with a value,
each municipality weighing 1 (see :mod:`pmg_analysis.themes.municipality` for how its
respondents are combined); ``trekker`` is a count of municipalities. Intervals come from
:mod:`pmg_analysis.themes.bootstrap`, resampling the units of each group separately.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmg_analysis.regions.typology import POSITIE_TYPES
from pmg_analysis.themes import bootstrap
from pmg_analysis.themes.config import ThemeConfig
from pmg_analysis.themes.municipality import (
    ALL_GROUP,
    MEASURES,
    UNKNOWN_GROUP,
    Unit,
    combine,
    respondent_values,
    theme_codes,
    units,
    wide_values,
)
from pmg_analysis.themes.schemas import estimates_schema

COUNT_MEASURES: frozenset[str] = frozenset({"trekker"})
"""Measures whose estimate is a number of units (municipalities willing to lead), not a mean."""


def group_order(groups: pd.Series, by: str | None) -> list[str]:
    """The groups to report, in a stable order: all three position types (also when empty:
    an empty group is shown, not dropped) then "onbekend" when present; for another ``by``
    the groups sorted, "onbekend" last."""
    present = [g for g in pd.unique(groups.astype("string").dropna())]
    if by is None:
        return present or [ALL_GROUP]
    first = list(POSITIE_TYPES) if by == "positie" else sorted(
        g for g in present if g != UNKNOWN_GROUP)
    return first + ([UNKNOWN_GROUP] if UNKNOWN_GROUP in present else [])


def scored(long: pd.DataFrame, unit_table: pd.DataFrame, columns: list[tuple[str, str]],
           keys: tuple[str, str], count_columns: set[tuple[str, str]], by: str | None,
           config: ThemeConfig) -> pd.DataFrame:
    """Estimates and intervals per group for unit values in ``long`` (unit, keys..., value).

    Returns the two ``keys`` columns, ``group``, ``estimate``, ``lower``, ``upper``,
    ``n_gemeenten`` (units with a value) and ``klein`` (fewer than ``config.min_group``).
    """
    values = wide_values(long, unit_table, columns, keys)
    is_count = np.array([c in count_columns for c in columns], dtype=bool)
    frames = []
    for group in group_order(unit_table["group"], by):
        rows = (unit_table["group"] == group).to_numpy()
        part = values[rows]
        est = np.where(is_count, bootstrap.estimate(part, "count"),
                       bootstrap.estimate(part, "mean"))
        lo_mean, hi_mean = bootstrap.interval(part, "mean", config)
        if is_count.any():
            lo_count, hi_count = bootstrap.interval(part[:, is_count], "count", config)
            lo_mean[is_count], hi_mean[is_count] = lo_count, hi_count
        n = (~np.isnan(part)).sum(axis=0)
        frames.append(pd.DataFrame({
            keys[0]: [c[0] for c in columns], keys[1]: [c[1] for c in columns],
            "group": group, "estimate": est, "lower": lo_mean, "upper": hi_mean,
            "n_gemeenten": n}))
    out = pd.concat(frames, ignore_index=True)
    # a mean without any value is unknown; a count without answers is unknown too
    empty = out["n_gemeenten"].eq(0)
    for column in ("estimate", "lower", "upper"):
        out[column] = out[column].astype("Float64").mask(empty)
    out["n_gemeenten"] = out["n_gemeenten"].astype("Int64")
    out["klein"] = out["n_gemeenten"].lt(config.min_group).astype("boolean")
    out["group"] = pd.Categorical(out["group"], categories=group_order(unit_table["group"], by))
    return out


def theme_scores(answers: pd.DataFrame, responses: pd.DataFrame, *, by: str | None = None,
                 coded_texts: pd.DataFrame | None = None, unit: Unit = "gemeente",
                 config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """Per theme and measure: estimate, 95% bootstrap interval and number of municipalities.

    Parameters
    ----------
    answers, responses : DataFrame
        The processed tables.
    by : {None, "positie"} or str
        None: one group "Alle gemeenten"; ``"positie"``: per position type (CBS, falling back
        to the respondent's own choice); or another column of ``responses``.
    coded_texts : DataFrame, optional
        Output of ``pmg_analysis.text.code_texts(texts)``; adds the measure ``tekst`` (share of
        municipalities with free text about the theme). Passed in because ``themes`` does not
        import ``text``.
    unit : {"gemeente", "respondent"}
        ``"respondent"`` gives the same figures with every respondent counted once (the
        respondent-level figures beside the municipal ones; ``n_gemeenten`` then counts
        respondents and the overall group is "Alle respondenten").
    config : ThemeConfig

    Returns
    -------
    DataFrame
        ``theme`` (categorical EA, LD, SV, EF), ``measure`` (categorical, see
        :data:`~pmg_analysis.themes.municipality.MEASURES`), ``group`` (categorical),
        ``estimate``, ``lower``, ``upper`` (Float64; NA when nobody answered), ``n_gemeenten``
        (Int64: units with a value; for ``trekker`` those who answered the question) and
        ``klein`` (boolean: fewer than ``config.min_group`` units). Means for ``urgentie``
        (1..5) and ``borda`` (0..3), shares 0..1 for ``urgent``, ``eerste``, ``tekst``, a count
        of municipalities for ``trekker``.

    Examples
    --------
    >>> borda = theme_scores(answers, responses).query("measure == 'borda'")
    >>> borda["theme"].astype(str).tolist()
    ['EA', 'LD', 'SV', 'EF']
    >>> bool(((borda["lower"] <= borda["estimate"]) & (borda["estimate"] <= borda["upper"])).all())
    True
    """
    themes = theme_codes(answers)
    measures = [m for m in MEASURES if m != "tekst" or coded_texts is not None]
    unit_table = units(responses, unit=unit, by=by, config=config)
    values = respondent_values(answers, coded_texts=coded_texts, config=config)
    long = combine(values, responses, keys=["theme", "measure"], unit=unit)
    if unit == "gemeente":  # a municipality offers to lead when one of its respondents does
        trekker = long["measure"].eq("trekker")
        long.loc[trekker, "value"] = long.loc[trekker, "value"].gt(0).astype(float)
    columns = [(t, m) for m in measures for t in themes]
    counts = {c for c in columns if c[1] in COUNT_MEASURES}
    out = scored(long, unit_table, columns, ("theme", "measure"), counts, by, config)
    out["theme"] = pd.Categorical(out["theme"], categories=themes)
    out["measure"] = pd.Categorical(out["measure"], categories=measures)
    out = (out.sort_values(["measure", "group", "theme"], kind="stable", ignore_index=True)
           [["theme", "measure", "group", "estimate", "lower", "upper", "n_gemeenten",
             "klein"]])
    return estimates_schema({"theme": themes, "measure": list(MEASURES)}).validate(out)
