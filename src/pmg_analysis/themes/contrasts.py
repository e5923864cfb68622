"""Who scores higher? The position that stands out in each difference the group tests found.

:func:`~pmg_analysis.themes.compare.group_tests` says *whether* the positions differ on a
theme and measure (Kruskal-Wallis, Benjamini-Hochberg over the table); a reader also needs to
know *which* position differs and by how much. :func:`position_contrasts` takes the rows that
hold after the correction and, from the figures per position
(:func:`~pmg_analysis.themes.scores.theme_scores` with ``by="positie"``), names the position
that stands furthest from the other positions taken together, with both figures. The other
positions together are the mean over their municipalities (group means weighted by the number of
municipalities), so the comparison is the same "municipality is the unit" as everywhere; the
number willing to lead (``trekker``, a count per group) is compared as a share of the
municipalities that answered.

Nothing is tested here: only differences the group tests found are described.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmg_analysis.themes.municipality import UNKNOWN_GROUP
from pmg_analysis.themes.scores import COUNT_MEASURES

CONTRAST_COLUMNS = ["subject", "measure", "group", "estimate", "n_gemeenten", "others",
                    "n_others", "other_groups", "other_estimates", "higher", "p_bh"]


def _shares(rows: pd.DataFrame, measure: str) -> pd.Series:
    """The figure to compare per group: the estimate, or for a count the share it is of the
    municipalities that answered."""
    estimate = rows["estimate"].astype("float64")
    if measure in COUNT_MEASURES:
        return estimate / rows["n_gemeenten"].astype("float64")
    return estimate


def position_contrasts(per_position: pd.DataFrame, tests: pd.DataFrame,
                       alpha: float = 0.05) -> pd.DataFrame:
    """The position that stands out, for each theme and measure where the positions differ.

    Parameters
    ----------
    per_position : DataFrame
        :func:`~pmg_analysis.themes.scores.theme_scores` with ``by="positie"`` (``theme``,
        ``measure``, ``group``, ``estimate``, ``n_gemeenten``), or
        :func:`~pmg_analysis.themes.statements.statement_scores` (``stelling`` for ``theme``).
    tests : DataFrame
        :func:`~pmg_analysis.themes.compare.group_tests` (or ``statement_tests``) on the same
        data (``p_bh``).
    alpha : float
        A difference counts when ``p_bh < alpha`` (after the correction for many tests).

    Returns
    -------
    DataFrame
        One row per difference that holds (sorted by ``p_bh``, then theme and measure):
        ``subject`` (the theme code, or the stelling), ``measure``, ``group`` (the position
        furthest from the others together),
        ``estimate`` (its figure; for ``trekker`` the share willing to lead), ``n_gemeenten``,
        ``others`` (the figure of the other positions together), ``n_others``,
        ``other_groups`` and ``other_estimates`` (lists: the other positions, highest first,
        and their own figures), ``higher`` (whether ``group`` scores higher) and ``p_bh``.
        Empty (with these columns) when no difference holds.

    Examples
    --------
    >>> per = pd.DataFrame({"theme": "EF", "measure": "urgentie",
    ...                     "group": ["nabij_grotere_stad", "polycentrisch", "monocentrisch"],
    ...                     "estimate": [4.5, 3.5, 3.6], "n_gemeenten": [8, 13, 19]})
    >>> tests = pd.DataFrame({"theme": ["EF"], "measure": ["urgentie"], "p_bh": [0.03]})
    >>> row = position_contrasts(per, tests).iloc[0]
    >>> row["group"], round(float(row["others"]), 3), bool(row["higher"]), row["other_groups"]
    ('nabij_grotere_stad', 3.559, True, ['monocentrisch', 'polycentrisch'])
    """
    key = "theme" if "theme" in tests.columns else "stelling"
    hits = tests[tests["p_bh"].notna() & (tests["p_bh"].astype("float64") < alpha)]
    rows = []
    for test in hits.itertuples(index=False):
        theme, measure = str(getattr(test, key)), str(test.measure)
        part = per_position[(per_position[key].astype(str) == theme)
                            & (per_position["measure"].astype(str) == measure)
                            & (per_position["group"].astype(str) != UNKNOWN_GROUP)
                            & per_position["estimate"].notna()
                            & per_position["n_gemeenten"].fillna(0).gt(0)]
        if len(part) < 2:
            continue
        values = _shares(part, measure).to_numpy()
        sizes = part["n_gemeenten"].astype("float64").to_numpy()
        groups = part["group"].astype(str).to_list()
        total, weight = float((values * sizes).sum()), float(sizes.sum())
        others = np.array([(total - v * n) / (weight - n) for v, n in zip(values, sizes,
                                                                           strict=True)])
        gaps = np.abs(values - others)
        # the furthest position; on an exact tie the order of the positions decides
        best = int(np.flatnonzero(gaps == gaps.max())[0])
        rest = [i for i in range(len(groups)) if i != best]
        rest.sort(key=lambda i: (-values[i], i))
        rows.append({
            "subject": theme, "measure": measure, "group": groups[best],
            "estimate": float(values[best]), "n_gemeenten": int(sizes[best]),
            "others": float(others[best]), "n_others": int(weight - sizes[best]),
            "other_groups": [groups[i] for i in rest],
            "other_estimates": [float(values[i]) for i in rest],
            "higher": bool(values[best] > others[best]), "p_bh": float(test.p_bh)})
    out = pd.DataFrame(rows, columns=CONTRAST_COLUMNS)
    if out.empty:
        return out
    order = {t: i for i, t in enumerate(tests[key].astype(str).unique())}
    measures = {m: i for i, m in enumerate(tests["measure"].astype(str).unique())}
    out = out.assign(_t=out["subject"].map(order), _m=out["measure"].map(measures))
    return (out.sort_values(["p_bh", "_t", "_m"], kind="stable")
            .drop(columns=["_t", "_m"]).reset_index(drop=True))
