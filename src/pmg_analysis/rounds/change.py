"""Honest statistics of change between two rounds, per theme and measure.

Three separate questions, three separate tables:

* :func:`round_estimates`: each round's own estimate with its 95% bootstrap interval
  (municipalities resampled, as in report 03);
* :func:`paired_change`: the change among the municipalities that answered both rounds: the
  mean of their differences (new - old, each municipality's value by the one-value rule), a
  percentile bootstrap interval of that mean (municipality as unit, fixed seed) and a sign-flip
  permutation p-value (under "no change" each difference is as likely +d as -d);
* :func:`membership_effect`: what the change of membership does: the total change of the
  headline figure split exactly into the change among the stayers, the effect of who joined and
  the effect of who left.

Inputs are :func:`pmg_analysis.themes.gemeente_scores` frames of both rounds, the older one
computed on responses mapped to the newer round's municipalities
(:func:`pmg_analysis.rounds.map_municipalities`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmg_analysis.rounds.config import RoundsConfig
from pmg_analysis.themes.bootstrap import estimate, interval

ALL = "Alle gemeenten"


def _long(scores: pd.DataFrame, measures: tuple[str, ...], key: str = "theme") -> pd.DataFrame:
    keep = ["gemeente_code", key, *measures]
    frame = scores[keep].copy()
    frame[key] = frame[key].astype("string")
    out = frame.melt(id_vars=["gemeente_code", key], var_name="measure", value_name="value")
    return out.astype({"gemeente_code": "string", key: "string", "measure": "string",
                       "value": float})


def _matrix(long: pd.DataFrame, units: list[str], columns: list[tuple[str, str]],
            key: str = "theme") -> np.ndarray:
    wide = long.pivot_table(index="gemeente_code", columns=[key, "measure"], values="value",
                            aggfunc="first", observed=True)
    wide = wide.reindex(index=units, columns=pd.MultiIndex.from_tuples(
        columns, names=[key, "measure"]))
    return wide.to_numpy(float, na_value=np.nan)


def _columns(scores: pd.DataFrame, measures: tuple[str, ...], key: str = "theme"
             ) -> list[tuple[str, str]]:
    keys = [str(t) for t in pd.unique(scores[key].astype("string").dropna())]
    if isinstance(scores[key].dtype, pd.CategoricalDtype):
        keys = [str(t) for t in scores[key].cat.categories]
    return [(t, m) for t in keys for m in measures]


def round_estimates(scores: pd.DataFrame, *, label: str,
                    config: RoundsConfig = RoundsConfig(), key: str = "theme",
                    measures: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One round's estimate per theme and measure with its percentile bootstrap interval.

    ``key`` is the column that names what is measured (``theme``; ``item`` for the opgaven
    and stellingen of :mod:`pmg_analysis.rounds.items`), ``measures`` its value columns
    (default ``config.measures``).

    Returns ``ronde`` (``label``), ``theme`` (``key``), ``measure``, ``n`` (municipalities with
    a value), ``schatting``, ``ci_laag``, ``ci_hoog``.
    """
    measures = config.measures if measures is None else measures
    cols = _columns(scores, measures, key)
    units = sorted(scores["gemeente_code"].astype("string").dropna().unique())
    values = _matrix(_long(scores, measures, key), units, cols, key)
    lower, upper = interval(values, "mean", config.bootstrap_config())
    return pd.DataFrame({
        "ronde": label, key: [c[0] for c in cols], "measure": [c[1] for c in cols],
        "n": (~np.isnan(values)).sum(axis=0).astype("int64"),
        "schatting": estimate(values, "mean"), "ci_laag": lower, "ci_hoog": upper,
    }).astype({"ronde": "string", key: "string", "measure": "string"})


def sign_flip_pvalue(differences: np.ndarray, config: RoundsConfig = RoundsConfig()
                     ) -> np.ndarray:
    """Two-sided sign-flip permutation p-value of the mean difference, per column.

    ``differences`` is units x columns with NaN where a unit has no pair. Each draw flips the
    sign of every unit's difference at random (seeded); p = (1 + draws with |mean| at least the
    observed |mean|) / (1 + draws). NaN for a column without pairs.
    """
    n_units, n_cols = differences.shape
    out = np.full(n_cols, np.nan)
    paired = ~np.isnan(differences)
    n = paired.sum(axis=0)
    if n_units == 0 or not (n > 0).any():
        return out
    d = np.where(paired, differences, 0.0)
    rng = np.random.default_rng(config.seed)
    signs = rng.choice(np.array([-1.0, 1.0]), size=(config.n_permutations, n_units))
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = np.abs(d.sum(axis=0) / n)
        flipped = np.abs((signs @ d) / n)
    tolerance = 1e-12  # equal means must count as "at least as large" despite rounding
    hits = (flipped >= observed - tolerance).sum(axis=0)
    usable = n > 0
    out[usable] = (1 + hits[usable]) / (1 + config.n_permutations)
    return out


def _groups(scores_new: pd.DataFrame, by: str | None) -> pd.Series:
    per = scores_new.drop_duplicates("gemeente_code").set_index("gemeente_code")
    if by is None:
        return pd.Series(ALL, index=per.index, dtype="string")
    return per[by].astype("string").fillna("onbekend")


def paired_change(scores_old: pd.DataFrame, scores_new: pd.DataFrame, *, by: str | None = None,
                  config: RoundsConfig = RoundsConfig(), key: str = "theme",
                  measures: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The change among the municipalities that answered both rounds, per theme and measure.

    Parameters
    ----------
    scores_old, scores_new : DataFrame
        :func:`pmg_analysis.themes.gemeente_scores` of the older round (on mapped
        municipalities) and of the newer round.
    by : str, optional
        ``"positie"``: per position type, taken from the newer round (positions are taken per
        round; a municipality is grouped by where it stands now).
    config : RoundsConfig
    key, measures : str, tuple of str, optional
        As in :func:`round_estimates` (default: ``theme`` and ``config.measures``).

    Returns
    -------
    DataFrame
        ``group``, ``theme`` (``key``), ``measure``, ``n`` (paired municipalities with a
        value in both),
        ``oud`` and ``nieuw`` (their means in each round), ``verschil`` (mean of new - old),
        ``ci_laag``, ``ci_hoog`` (bootstrap interval of that mean), ``p_waarde`` (sign flip),
        ``klein`` (fewer than ``config.min_group`` municipalities).
    """
    measures = config.measures if measures is None else measures
    cols = _columns(scores_new, measures, key)
    common = sorted(set(scores_old["gemeente_code"].dropna().astype(str))
                    & set(scores_new["gemeente_code"].dropna().astype(str)))
    groups = _groups(scores_new, by).reindex(common)
    old_all = _matrix(_long(scores_old, measures, key), common, cols, key)
    new_all = _matrix(_long(scores_new, measures, key), common, cols, key)
    frames = []
    for group in sorted(groups.unique()) if len(groups) else []:
        rows = (groups == group).to_numpy()
        old, new = old_all[rows], new_all[rows]
        both = ~np.isnan(old) & ~np.isnan(new)
        old, new = np.where(both, old, np.nan), np.where(both, new, np.nan)
        diff = new - old
        lower, upper = interval(diff, "mean", config.bootstrap_config())
        n = both.sum(axis=0).astype("int64")
        frames.append(pd.DataFrame({
            "group": group, key: [c[0] for c in cols], "measure": [c[1] for c in cols],
            "n": n, "oud": estimate(old, "mean"), "nieuw": estimate(new, "mean"),
            "verschil": estimate(diff, "mean"), "ci_laag": lower, "ci_hoog": upper,
            "p_waarde": sign_flip_pvalue(diff, config),
            "klein": int(rows.sum()) < config.min_group,
        }))
    columns = ["group", key, "measure", "n", "oud", "nieuw", "verschil", "ci_laag",
               "ci_hoog", "p_waarde", "klein"]
    if not frames:
        return pd.DataFrame(columns=columns).astype({"n": "int64", "klein": bool})
    return pd.concat(frames, ignore_index=True)[columns].astype(
        {"group": "string", key: "string", "measure": "string"})


def membership(scores_old: pd.DataFrame, scores_new: pd.DataFrame,
               names: pd.Series | None = None) -> pd.DataFrame:
    """Who answered which round: ``gemeente_code``, ``gemeente_naam`` (from ``names``, a
    code -> name series, else the code), ``status`` (beide, nieuw, vertrokken), sorted by
    status and name."""
    old = set(scores_old["gemeente_code"].dropna().astype(str))
    new = set(scores_new["gemeente_code"].dropna().astype(str))
    rows = ([(c, "beide") for c in old & new] + [(c, "nieuw") for c in new - old]
            + [(c, "vertrokken") for c in old - new])
    out = pd.DataFrame(rows, columns=["gemeente_code", "status"])
    lookup = names if names is not None else pd.Series(dtype="string")
    out["gemeente_naam"] = [str(lookup.get(c, c)) for c in out["gemeente_code"]]
    order = {"beide": 0, "nieuw": 1, "vertrokken": 2}
    out = out.assign(_o=out["status"].map(order)).sort_values(["_o", "gemeente_naam"])
    return out[["gemeente_code", "gemeente_naam", "status"]].reset_index(drop=True).astype(
        "string")


def membership_effect(scores_old: pd.DataFrame, scores_new: pd.DataFrame, *,
                      config: RoundsConfig = RoundsConfig()) -> pd.DataFrame:
    """What the change of membership does to each headline figure.

    The total change of a round's mean (all municipalities of round 2 minus all of round 1)
    splits exactly into three parts: ``binnen`` (the stayers' change: their round-2 mean minus
    their round-1 mean), ``instroom`` (round-2 mean of all minus that of the stayers: what
    joining municipalities add) and ``uitstroom`` (round-1 mean of the stayers minus that of all:
    what leaving municipalities took away). ``binnen + instroom + uitstroom == totaal``.

    Returns ``theme``, ``measure``, ``oud_alle``, ``nieuw_alle``, ``oud_blijvers``,
    ``nieuw_blijvers``, ``totaal``, ``binnen``, ``instroom``, ``uitstroom``, ``n_oud``,
    ``n_nieuw``, ``n_blijvers``.
    """
    cols = _columns(scores_new, config.measures)
    old_units = sorted(set(scores_old["gemeente_code"].dropna().astype(str)))
    new_units = sorted(set(scores_new["gemeente_code"].dropna().astype(str)))
    stay = sorted(set(old_units) & set(new_units))
    o_all = estimate(_matrix(_long(scores_old, config.measures), old_units, cols), "mean")
    n_all = estimate(_matrix(_long(scores_new, config.measures), new_units, cols), "mean")
    o_stay = estimate(_matrix(_long(scores_old, config.measures), stay, cols), "mean")
    n_stay = estimate(_matrix(_long(scores_new, config.measures), stay, cols), "mean")
    return pd.DataFrame({
        "theme": [c[0] for c in cols], "measure": [c[1] for c in cols],
        "oud_alle": o_all, "nieuw_alle": n_all, "oud_blijvers": o_stay,
        "nieuw_blijvers": n_stay, "totaal": n_all - o_all, "binnen": n_stay - o_stay,
        "instroom": n_all - n_stay, "uitstroom": o_stay - o_all,
        "n_oud": len(old_units), "n_nieuw": len(new_units), "n_blijvers": len(stay),
    }).astype({"theme": "string", "measure": "string"})
