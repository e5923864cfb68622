"""How much the ranking depends on the chosen weights.

Each weight in turn is made ``config.sensitivity_step`` (25%) smaller and larger while the
others stay as they are; the score is renormalised by the new sum of the weights and the items
are ranked again. An item whose rank differs in any of these variants is ``gevoelig``: its place
rests on the exact weights rather than on the answers.
"""

from __future__ import annotations

import pandas as pd

from pmg_analysis.prioritise.config import PARTS, PriorityConfig
from pmg_analysis.prioritise.score import ranks, weighted_score

BASIS = "basis"


def variants(config: PriorityConfig = PriorityConfig()) -> list[tuple[str, str, float]]:
    """(``variant`` name, part, factor): the base weights, then each part -step and +step."""
    step = config.sensitivity_step
    pct = round(step * 100)
    out = [(BASIS, "", 1.0)]
    for part in PARTS:
        name = part.removeprefix("deel_")
        out += [(f"{name} -{pct}%", part, 1 - step), (f"{name} +{pct}%", part, 1 + step)]
    return out


def sensitivity(parts: pd.DataFrame, config: PriorityConfig = PriorityConfig()
                ) -> pd.DataFrame:
    """The rank of every item under every weight variant (long).

    Parameters
    ----------
    parts : DataFrame
        Output of :func:`~pmg_analysis.prioritise.score.score_parts`.
    config : PriorityConfig
        The base weights and ``sensitivity_step``.

    Returns
    -------
    DataFrame
        ``variant``, ``deel`` (the varied part, "" for the base), ``factor``, ``soort``,
        ``item``, ``score``, ``rang`` - in variant order, then kind and rank.

    Examples
    --------
    >>> from pmg_analysis.prioritise.score import score_parts
    >>> long = sensitivity(score_parts(inputs))
    >>> list(long.columns)
    ['variant', 'deel', 'factor', 'soort', 'item', 'score', 'rang']
    >>> long.loc[long["variant"] == "vraag +25%", "factor"].unique().tolist()
    [1.25]
    """
    frames = []
    for i, (name, part, factor) in enumerate(variants(config)):
        weights = config.scaled(part, factor).weights if part else config.weights
        score = weighted_score(parts, weights)
        frames.append(pd.DataFrame({
            "variant": name, "deel": part, "factor": factor, "volgorde_variant": i,
            "soort": parts["soort"], "item": parts["item"], "score": score,
            "rang": ranks(parts, score)}))
    if not frames or parts.empty:
        cols = ["variant", "deel", "factor", "soort", "item", "score", "rang"]
        return pd.DataFrame(columns=cols)
    long = pd.concat(frames, ignore_index=True)
    return (long.sort_values(["volgorde_variant", "soort", "rang"], ignore_index=True)
            .drop(columns="volgorde_variant"))


def stability(parts: pd.DataFrame, config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """Per item (index ``item``): ``rang_min``, ``rang_max`` over all variants,
    ``blijft_in_top`` (in the top ``config.top_n`` of its kind under every variant) and
    ``gevoelig`` (its rank is not the same under every variant)."""
    long = sensitivity(parts, config)
    cols = ["rang_min", "rang_max", "blijft_in_top", "gevoelig"]
    if long.empty:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="item", dtype="string"))
    by = long.groupby("item")["rang"]
    out = pd.DataFrame({"rang_min": by.min(), "rang_max": by.max()}).astype("int64")
    out["blijft_in_top"] = out["rang_max"] <= config.top_n
    out["gevoelig"] = out["rang_min"] != out["rang_max"]
    return out

