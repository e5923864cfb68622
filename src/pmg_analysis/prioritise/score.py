"""The transparent score: five parts in 0..1, a weighted mean, a rank per kind of item.

How each part is normalised (the municipality is the unit; "interested" as in :mod:`.inputs`):

* ``deel_vraag`` (demand): interested municipalities divided by those of the most asked item of
  the same kind (themes with themes, learning questions with learning questions), so the most
  asked item scores 1 and an item nobody asks scores 0;
* ``deel_urgentie`` (urgency): the mean urgency (1-5) the interested municipalities give the
  item's theme, mapped linearly to 0..1 (1 "niet urgent" -> 0, 5 "zeer urgent" -> 1);
  municipalities that did not rate the theme are left out, 0 when none rated it;
* ``deel_breedte`` (breadth): the number of position types (of three) among the interested
  municipalities, divided by three; municipalities of unknown position do not count;
* ``deel_trekker`` (willingness to lead): interested municipalities that want to lead the
  item's theme, divided by ``config.enough_leads`` and capped at 1;
* ``deel_vorm`` (agreement on the form): the share of interested municipalities that chose the
  suggested form - the form chosen most often among them (ties: questionnaire order).

``score = sum(weight * part) / sum(weights)``; rank 1 = highest score within the kind, ties
broken by more interested municipalities, then the item's order (instrument, cluster number).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmg_analysis.prioritise.config import PARTS, PriorityConfig
from pmg_analysis.prioritise.inputs import PriorityInputs, form_labels
from pmg_analysis.regions.typology import POSITIE_TYPES

SCALE_MIN, SCALE_MAX = 1.0, 5.0  # the urgency scale of the questionnaire


def _suggested_forms(interest: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """Per item: ``vorm`` (Dutch text of the most chosen form) and ``n_vorm``."""
    order = {code: i for i, code in enumerate(form_labels())}
    chosen = interest.merge(forms.astype("string"), on="gemeente_code")
    counts = chosen.groupby(["item", "vorm"]).size().rename("n_vorm").reset_index()
    counts["order"] = counts["vorm"].map(order)
    best = (counts.sort_values(["item", "n_vorm", "order"], ascending=[True, False, True])
            .drop_duplicates("item").set_index("item"))
    return pd.DataFrame({"vorm": best["vorm"].map(form_labels()).astype("string"),
                         "n_vorm": best["n_vorm"].astype("int64")})


def _interested(inputs: PriorityInputs) -> pd.DataFrame:
    """One row per item and interested municipality, with its name, urgency, position and
    whether it offers to lead the item's theme."""
    items = inputs.items.set_index("item")
    interest = inputs.interest[["item", "gemeente_code"]].astype("string").drop_duplicates()
    interest = interest[interest["item"].isin(items.index)]
    long = (interest.merge(items[["theme"]].reset_index(), on="item")
            .merge(inputs.municipalities.astype({"gemeente_code": "string"}),
                   on="gemeente_code", how="left")
            .merge(inputs.municipality_themes.astype({"gemeente_code": "string",
                                                       "theme": "string"}),
                   on=["gemeente_code", "theme"], how="left"))
    long["gemeente_naam"] = long["gemeente_naam"].astype("string").fillna(long["gemeente_code"])
    long["trekker"] = long["trekker"].astype("boolean").fillna(False).astype(bool)
    return long


def programme_members(inputs: PriorityInputs) -> pd.DataFrame:
    """The municipalities behind each item of the programme, a tidy long table: ``item``,
    ``gemeente_code``, ``gemeente_naam`` and ``trekker`` (offers to lead), sorted by item and
    name (case-insensitive), so a display joins them in a stable order.

    Examples
    --------
    >>> members = programme_members(inputs)
    >>> list(members.columns)
    ['item', 'gemeente_code', 'gemeente_naam', 'trekker']
    """
    long = _interested(inputs)
    out = long.assign(_k=long["gemeente_naam"].astype("string").str.casefold()).sort_values(
        ["item", "_k", "gemeente_naam"], kind="stable")
    return out[["item", "gemeente_code", "gemeente_naam", "trekker"]].astype(
        {"item": "string", "gemeente_code": "string", "gemeente_naam": "string",
         "trekker": bool}).reset_index(drop=True)


def score_parts(inputs: PriorityInputs, config: PriorityConfig = PriorityConfig()
                ) -> pd.DataFrame:
    """One row per item with its five parts (0..1) and the facts behind them.

    Parameters
    ----------
    inputs : PriorityInputs
        See :class:`~pmg_analysis.prioritise.inputs.PriorityInputs`.
    config : PriorityConfig
        ``enough_leads`` caps the lead part.

    Returns
    -------
    DataFrame
        The columns of ``inputs.items`` plus ``n_gemeenten``, ``vorm``, ``n_vorm``,
        ``n_trekkers``, ``n_posities`` and the parts ``deel_vraag`` ... ``deel_vorm``; which
        municipalities they are: :func:`programme_members`.

    Examples
    --------
    >>> parts = score_parts(inputs)
    >>> bool(parts[["deel_vraag", "deel_urgentie"]].stack().between(0, 1).all())
    True
    >>> float(parts.loc[parts["soort"] == "thema", "deel_vraag"].max())  # the most asked-for
    1.0
    """
    items = inputs.items.set_index("item")
    interest = inputs.interest[["item", "gemeente_code"]].astype("string").drop_duplicates()
    interest = interest[interest["item"].isin(items.index)]
    long = _interested(inputs)
    by_item = long.groupby("item")

    out = items.copy()
    out["n_gemeenten"] = by_item.size().reindex(items.index, fill_value=0).astype("int64")
    leads = long[long["trekker"]]
    out["n_trekkers"] = leads.groupby("item").size().reindex(items.index, fill_value=0)
    known = long.dropna(subset=["positie"]).astype({"positie": "string"})
    out["n_posities"] = known.groupby("item")["positie"].nunique().reindex(
        items.index, fill_value=0)
    out = out.join(_suggested_forms(interest, inputs.forms))
    out["n_vorm"] = out["n_vorm"].fillna(0)

    most = out.groupby("soort", observed=True)["n_gemeenten"].transform("max")
    out["deel_vraag"] = (out["n_gemeenten"] / most.where(most > 0)).fillna(0.0)
    urgency = long["urgentie"].astype("Float64")
    long["u01"] = ((urgency - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)).clip(0, 1).astype(float)
    out["deel_urgentie"] = long.groupby("item")["u01"].mean().reindex(items.index).fillna(0.0)
    out["deel_breedte"] = out["n_posities"] / len(POSITIE_TYPES)
    out["deel_trekker"] = (out["n_trekkers"] / config.enough_leads).clip(upper=1.0)
    out["deel_vorm"] = (out["n_vorm"] / out["n_gemeenten"].where(out["n_gemeenten"] > 0)
                        ).fillna(0.0)
    out = out.reset_index()
    ints = ["n_gemeenten", "n_trekkers", "n_posities", "n_vorm"]
    return out.astype({**{c: "int64" for c in ints}, **{p: "float64" for p in PARTS}})


def weighted_score(parts: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """``sum(weight * part) / sum(weights)`` per row (0..1).

    Examples
    --------
    >>> frame = pd.DataFrame({"deel_vraag": [1.0], "deel_urgentie": [0.0]})
    >>> float(weighted_score(frame, {"deel_vraag": 3, "deel_urgentie": 1}).iloc[0])
    0.75
    """
    w = pd.Series(dict(weights), dtype="float64")
    return parts[list(w.index)].mul(w).sum(axis=1) / w.sum()


def ranks(parts: pd.DataFrame, score: pd.Series) -> pd.Series:
    """Rank 1..n within ``soort``: higher score first, then more municipalities, then
    ``volgorde``. Scores are compared to 12 decimals, so float noise never breaks a tie."""
    keyed = parts[["soort", "n_gemeenten", "volgorde"]].assign(_s=score.round(12))
    ordered = keyed.sort_values(["soort", "_s", "n_gemeenten", "volgorde"],
                                ascending=[True, False, False, True], kind="stable")
    rang = ordered.groupby("soort", observed=True).cumcount() + 1
    return rang.reindex(parts.index).astype("int64").rename("rang")


def rank_items(parts: pd.DataFrame, config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """``parts`` with ``score`` and ``rang``, sorted by kind and rank."""
    out = parts.copy()
    out["score"] = weighted_score(out, config.weights)
    out["rang"] = ranks(out, out["score"])
    return out.sort_values(["soort", "rang"], ignore_index=True)
