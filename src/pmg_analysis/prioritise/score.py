"""The transparent score: six parts in 0..1, a weighted mean, a rank per kind of item.

How each part is normalised (the municipality is the unit; "interested" as in :mod:`.inputs`):

* ``deel_vraag`` (demand): interested municipalities divided by those of the most asked item of
  the same kind (themes with themes, learning questions with learning questions), so the most
  asked item scores 1 and an item nobody asks scores 0;
* ``deel_urgentie`` (urgency): the mean urgency (1-5) the interested municipalities give the
  item's theme, mapped linearly to 0..1 (1 "niet urgent" -> 0, 5 "zeer urgent" -> 1);
  municipalities that did not rate the theme are left out, 0 when none rated it;
* ``deel_rangschikking`` (the members' ranking of the four themes, ``prioriteit``): Borda
  points per municipality (each municipality once: the mean over its respondents who ranked,
  :func:`pmg_analysis.themes.gemeente_scores`), divided by the most a theme can get (number
  of themes ranked - 1), so always first -> 1 and always last -> 0. A theme: the mean over
  all municipalities that ranked. A learning question: its theme's value among the
  municipalities that asked it (``config.question_ranking = "askers"``; those that did not
  rank take the members' value of the theme), or among all members (``"members"``);
* ``deel_breedte`` (breadth): the number of position types (of three) among the interested
  municipalities, divided by three; municipalities of unknown position do not count;
* ``deel_trekker`` (willingness to lead): interested municipalities that want to lead the
  item's theme, divided by ``config.enough_leads`` and capped at 1;
* ``deel_vorm`` (agreement on the form): the share of interested municipalities that chose the
  suggested form - the form chosen most often among them (ties: questionnaire order).

``score = sum(weight * part) / sum(weights)`` over the parts that separate the items of the
kind (:func:`constant_parts`: a part with one value for all of them is left out, so it does not
lift every score alike; it could not change their order anyway); rank 1 = highest score within
the kind, ties broken by more interested municipalities, then the item's order (instrument,
cluster number).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmg_analysis.prioritise.config import PARTS, PriorityConfig
from pmg_analysis.prioritise.inputs import THEMA, PriorityInputs, form_labels
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
    ``gemeente_code``, ``gemeente_naam``, ``trekker`` (offers to lead the item's theme),
    ``urgentie`` (its urgency of the item's theme, 1-5, NA = not rated), ``plaats`` (the
    place it gives the theme in the ranking, 1 = first, NA = not ranked) and
    ``n_thema_trekker`` (how many themes it offers to lead), sorted by item and name
    (case-insensitive), so a display joins them in a stable order. Which of the willing
    ones is proposed: :func:`pmg_analysis.prioritise.trekkers.choose_trekkers`.

    Examples
    --------
    >>> members = programme_members(inputs)
    >>> list(members.columns)
    ['item', 'gemeente_code', 'gemeente_naam', 'trekker', 'urgentie', 'plaats', 'n_thema_trekker']
    """
    long = _interested(inputs)
    k = _ranked_themes(inputs)
    borda = long["borda"].astype("Float64") if "borda" in long.columns else pd.Series(
        pd.NA, index=long.index, dtype="Float64")
    long["plaats"] = (k - borda) if k >= 2 else pd.Series(pd.NA, index=long.index,
                                                          dtype="Float64")
    long["n_thema_trekker"] = long["gemeente_code"].map(lead_counts(inputs)).fillna(0)
    out = long.assign(_k=long["gemeente_naam"].astype("string").str.casefold()).sort_values(
        ["item", "_k", "gemeente_naam"], kind="stable")
    cols = ["item", "gemeente_code", "gemeente_naam", "trekker", "urgentie", "plaats",
            "n_thema_trekker"]
    return out[cols].astype(
        {"item": "string", "gemeente_code": "string", "gemeente_naam": "string",
         "trekker": bool, "urgentie": "Float64", "plaats": "Float64",
         "n_thema_trekker": "int64"}).reset_index(drop=True)


def lead_counts(inputs: PriorityInputs) -> pd.Series:
    """Per municipality (index ``gemeente_code``): how many themes it offers to lead."""
    mt = inputs.municipality_themes
    willing = mt[mt["trekker"].astype("boolean").fillna(False).astype(bool)]
    return willing.groupby(willing["gemeente_code"].astype("string"))["theme"].nunique()


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
        ``n_trekkers``, ``n_posities``, ``plaats_rangschikking`` (the mean place, 1 = first,
        that the municipalities of the ranking part give the item's theme; NA when nobody
        ranked) and the parts ``deel_vraag`` ... ``deel_vorm``; which municipalities they are:
        :func:`programme_members`.

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
    out["deel_rangschikking"] = _ranking_part(inputs, long, items, config)
    out["plaats_rangschikking"] = _mean_place(out["deel_rangschikking"], inputs)
    out["deel_breedte"] = out["n_posities"] / len(POSITIE_TYPES)
    out["deel_trekker"] = (out["n_trekkers"] / config.enough_leads).clip(upper=1.0)
    out["deel_vorm"] = (out["n_vorm"] / out["n_gemeenten"].where(out["n_gemeenten"] > 0)
                        ).fillna(0.0)
    out = out.reset_index()
    ints = ["n_gemeenten", "n_trekkers", "n_posities", "n_vorm"]
    return out.astype({**{c: "int64" for c in ints}, **{p: "float64" for p in PARTS},
                       "plaats_rangschikking": "Float64"})


def _ranked_themes(inputs: PriorityInputs) -> int:
    """How many themes the round's ranking held (those with any Borda value)."""
    mt = inputs.municipality_themes
    if "borda" not in mt.columns:
        return 0
    return int(mt.loc[mt["borda"].astype("Float64").notna(), "theme"].nunique())


def _borda01(inputs: PriorityInputs) -> pd.DataFrame:
    """``gemeente_code``, ``theme``, ``b01``: a municipality's Borda points of a theme as a
    share of the most possible (first = 1, last = 0); only municipalities that ranked."""
    mt = inputs.municipality_themes
    k = _ranked_themes(inputs)
    if k < 2:
        return pd.DataFrame({"gemeente_code": pd.Series(dtype="string"),
                             "theme": pd.Series(dtype="string"),
                             "b01": pd.Series(dtype="float64")})
    out = mt[["gemeente_code", "theme"]].astype("string").assign(
        b01=(mt["borda"].astype("Float64") / (k - 1)).clip(0, 1).astype("float64"))
    return out.dropna(subset=["b01"])


def _ranking_part(inputs: PriorityInputs, long: pd.DataFrame, items: pd.DataFrame,
                  config: PriorityConfig) -> pd.Series:
    """``deel_rangschikking`` per item (index of ``items``); see the module docstring."""
    b01 = _borda01(inputs)
    members = b01.groupby("theme")["b01"].mean()
    theme = items["theme"].astype("string")
    value = pd.Series(theme.map(members).to_numpy(), index=items.index, dtype="Float64")
    questions = items["soort"].astype("string") != THEMA
    if config.question_ranking == "askers" and questions.any():
        askers = long[["item", "gemeente_code", "theme"]].astype("string").merge(
            b01, on=["gemeente_code", "theme"], how="inner")
        own = askers.groupby("item")["b01"].mean().reindex(items.index).astype("Float64")
        value = value.mask(questions & own.notna(), own)
    return value.fillna(0.0).astype("float64")


def _mean_place(part: pd.Series, inputs: PriorityInputs) -> pd.Series:
    """The mean place (1 = first .. k = last) that a ranking part stands for; NA without a
    ranking."""
    k = _ranked_themes(inputs)
    if k < 2:
        return pd.Series(pd.NA, index=part.index, dtype="Float64")
    return (k - part * (k - 1)).astype("Float64")


def constant_parts(parts: pd.DataFrame) -> dict[str, list[str]]:
    """Per kind (``soort``) with at least two items: the parts that have the same value for
    every item of the kind (compared to 12 decimals, so float noise never makes a part count).
    Such a part cannot change the order; :func:`weighted_score` leaves it out.

    Examples
    --------
    >>> frame = pd.DataFrame({"soort": ["thema"] * 2, "deel_vraag": [1.0, 0.5],
    ...                       "deel_breedte": [1.0, 1.0]})
    >>> constant_parts(frame)
    {'thema': ['deel_breedte']}
    """
    present = [p for p in PARTS if p in parts.columns]
    out: dict[str, list[str]] = {}
    for soort, group in parts.groupby(parts["soort"].astype("string"), sort=True):
        if len(group) < 2:
            continue
        same = [p for p in present if group[p].round(12).nunique(dropna=False) == 1]
        if same and len(same) < len(present):
            out[str(soort)] = same
    return out


def effective_weights(parts: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """The weight of every part for every row: ``weights``, with 0 for a part that is constant
    within the row's kind (:func:`constant_parts`). Without a ``soort`` column: ``weights``."""
    w = pd.DataFrame({p: float(v) for p, v in weights.items()}, index=parts.index,
                     columns=list(weights), dtype="float64")
    if "soort" not in parts.columns:
        return w
    kinds = parts["soort"].astype("string")
    for soort, dropped in constant_parts(parts).items():
        keep = [p for p in w.columns if p not in dropped]
        if sum(weights[p] for p in keep) > 0:  # never drop to nothing
            w.loc[kinds == soort, dropped] = 0.0
    return w


def weighted_score(parts: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """``sum(weight * part) / sum(weights)`` per row (0..1), with the weights of
    :func:`effective_weights` (a part constant within a kind left out).

    Examples
    --------
    >>> frame = pd.DataFrame({"deel_vraag": [1.0], "deel_urgentie": [0.0]})
    >>> float(weighted_score(frame, {"deel_vraag": 3, "deel_urgentie": 1}).iloc[0])
    0.75
    """
    w = effective_weights(parts, weights)
    return parts[list(w.columns)].mul(w).sum(axis=1) / w.sum(axis=1)


def ranks(parts: pd.DataFrame, score: pd.Series) -> pd.Series:
    """Rank 1..n within ``soort``: higher score first, then more municipalities, then
    ``volgorde``. Scores are compared to 12 decimals, so float noise never breaks a tie."""
    keyed = parts[["soort", "n_gemeenten", "volgorde"]].assign(_s=score.round(12))
    ordered = keyed.sort_values(["soort", "_s", "n_gemeenten", "volgorde"],
                                ascending=[True, False, False, True], kind="stable")
    rang = ordered.groupby("soort", observed=True).cumcount() + 1
    return rang.reindex(parts.index).astype("int64").rename("rang")


def members_rank(parts: pd.DataFrame) -> pd.Series:
    """``rang_leden``: the place of each theme in the members' own ranking (by
    ``deel_rangschikking``; equal values share the better place); NA for learning questions
    and when nobody ranked."""
    themes = parts["soort"].astype("string") == THEMA
    value = parts["deel_rangschikking"].round(12).where(themes & parts["plaats_rangschikking"]
                                                        .notna())
    return value.rank(method="min", ascending=False).astype("Int64").rename("rang_leden")


def rank_items(parts: pd.DataFrame, config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """``parts`` with ``score``, ``rang`` and ``rang_leden``, sorted by kind and rank."""
    out = parts.copy()
    out["score"] = weighted_score(out, config.weights)
    out["rang"] = ranks(out, out["score"])
    out["rang_leden"] = members_rank(out)
    return out.sort_values(["soort", "rang"], ignore_index=True)
