"""Do position types differ? A Kruskal-Wallis test per theme and measure, p-value by permutation.

Kruskal-Wallis compares groups on ranks, so it suits ordinal answers (urgency 1..5, Borda
points) and 0/1 shares alike and assumes no normal distribution. Its usual p-value is a
chi-square approximation that needs about five units per group; with the small groups of a
members' survey the p-value here comes from a permutation test instead
(:func:`scipy.stats.permutation_test`: the municipalities' values are reshuffled over the groups
``config.n_permutations`` times), which is valid for any group size. Because one table holds
many tests, ``p_bh`` adds the Benjamini-Hochberg adjustment (false discovery rate) over the
table. Groups with fewer than ``config.min_group`` municipalities stay in the test and are
listed in ``kleine_groepen``; :func:`pmg_analysis.themes.sentences.small_group_warnings` turns
that into a Dutch warning. Municipalities without a group ("onbekend") are not tested.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from pmg_analysis.themes.config import ThemeConfig
from pmg_analysis.themes.municipality import (
    MEASURES,
    UNKNOWN_GROUP,
    Unit,
    combine,
    respondent_values,
    theme_codes,
    units,
    wide_values,
)
from pmg_analysis.themes.scores import group_order


def _kruskal(*samples: np.ndarray, axis: int = -1) -> np.ndarray:
    return stats.kruskal(*samples, axis=axis).statistic


def kruskal_permutation(samples: list[np.ndarray],
                        config: ThemeConfig = ThemeConfig()) -> tuple[float, float]:
    """Kruskal-Wallis H of ``samples`` (one array per group, at least two non-empty) and its
    permutation p-value. All values equal: H = 0 and p = 1 (nothing to tell apart).

    Examples
    --------
    >>> h, p = kruskal_permutation([np.array([1., 2, 2]), np.array([4., 5, 5])])
    >>> round(h, 2), round(p, 2)  # 20 ways to split 6 values 3/3: the exact p-value
    (4.09, 0.1)
    """
    pooled = np.concatenate(samples)
    if np.all(pooled == pooled[0]):
        return 0.0, 1.0
    result = stats.permutation_test(samples, _kruskal, permutation_type="independent",
                                    vectorized=True, n_resamples=config.n_permutations,
                                    alternative="greater", rng=config.seed)
    return float(result.statistic), float(result.pvalue)


def group_tests(answers: pd.DataFrame, responses: pd.DataFrame, *, by: str = "positie",
                coded_texts: pd.DataFrame | None = None, unit: Unit = "gemeente",
                config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """Per theme and measure: do the groups differ? Kruskal-Wallis with a permutation p-value.

    Parameters
    ----------
    answers, responses : DataFrame
        The processed tables.
    by : str
        ``"positie"`` (default) or another column of ``responses``.
    coded_texts : DataFrame, optional
        Output of ``pmg_analysis.text.code_texts``: adds the measure ``tekst``.
    unit : {"gemeente", "respondent"}
    config : ThemeConfig

    Returns
    -------
    DataFrame
        ``theme``, ``measure`` (categoricals), ``statistic`` (H), ``p_waarde`` (permutation),
        ``p_bh`` (Benjamini-Hochberg over the rows tested), ``n_gemeenten`` (units with a value
        in a known group), ``groepen`` (groups with at least ``config.min_test_group``
        values), ``kleinste_groep``, ``kleine_groepen`` (a list of the groups with fewer than
        ``config.min_group`` units, empty groups included). Statistic and p-values are NA (not
        computed) when fewer than two groups have ``config.min_test_group`` values.

    Examples
    --------
    >>> tests = group_tests(answers, responses)
    >>> bool((tests["p_bh"] >= tests["p_waarde"]).all())  # corrected p-values are never smaller
    True
    """
    themes = theme_codes(answers)
    measures = [m for m in MEASURES if m != "tekst" or coded_texts is not None]
    unit_table = units(responses, unit=unit, by=by, config=config)
    long = combine(respondent_values(answers, coded_texts=coded_texts, config=config),
                   responses, keys=["theme", "measure"], unit=unit)
    if unit == "gemeente":  # as in theme_scores: willing when one respondent offers
        trekker = long["measure"].eq("trekker")
        long.loc[trekker, "value"] = long.loc[trekker, "value"].gt(0).astype(float)
    columns = [(t, m) for m in measures for t in themes]
    out = tests_per_column(long, unit_table, columns, ("theme", "measure"), by, config)
    out["theme"] = pd.Categorical(out["theme"], categories=themes)
    out["measure"] = pd.Categorical(out["measure"], categories=measures)
    return out


def tests_per_column(long: pd.DataFrame, unit_table: pd.DataFrame,
                     columns: list[tuple[str, str]], keys: tuple[str, str], by: str | None,
                     config: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """The test table for unit values ``long`` (unit, keys..., value): one row per column
    (pair of ``keys``), groups from ``unit_table`` ("onbekend" left out)."""
    values = wide_values(long, unit_table, columns, keys)
    groups = [g for g in group_order(unit_table["group"], by) if g != UNKNOWN_GROUP]
    rows = []
    for j, (first, second) in enumerate(columns):
        samples = {}
        for g in groups:
            column = values[(unit_table["group"] == g).to_numpy(), j]
            samples[g] = column[~np.isnan(column)]
        sizes = {g: len(v) for g, v in samples.items()}
        # a group of one municipality is no sample: too few units, no statistic
        present = [v for v in samples.values() if len(v) >= config.min_test_group]
        h = p = np.nan
        if len(present) >= 2:
            h, p = kruskal_permutation(present, config)
        rows.append({
            keys[0]: first, keys[1]: second, "statistic": h, "p_waarde": p,
            "n_gemeenten": sum(sizes.values()), "groepen": len(present),
            "kleinste_groep": min(sizes.values()) if sizes else 0,
            "kleine_groepen": [g for g, n in sizes.items() if n < config.min_group],
        })
    out = pd.DataFrame(rows, columns=[*keys, "statistic", "p_waarde", "n_gemeenten", "groepen",
                                      "kleinste_groep", "kleine_groepen"])
    tested = out["p_waarde"].notna().to_numpy()
    adjusted = np.full(len(out), np.nan)
    if tested.any():
        adjusted[tested] = stats.false_discovery_control(out.loc[tested, "p_waarde"])
    out.insert(4, "p_bh", adjusted)
    return out.astype({"statistic": "Float64", "p_waarde": "Float64", "p_bh": "Float64",
                       "n_gemeenten": "Int64", "groepen": "Int64", "kleinste_groep": "Int64"})
