"""The respondent side: derived vs ticked position, agreement, grouping, answer profiles.

Written against the documented columns of the cleaned tables (see ``clean``):

* ``responses``: response_id, gemeente_code (categorical of codes), gemeente_naam,
  positie_zelf (categorical nabij_grotere_stad/polycentrisch/monocentrisch/weet_niet, NA allowed).
* ``answers`` (long): response_id, question_id, theme (EA/LD/SV/EF or NA), item, value, label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from pmg_analysis.instrument import load_instrument
from pmg_analysis.reasons import setting
from pmg_analysis.regions.typology import POSITIE_TYPES, PositieDtype

BRON_AFGELEID = "cbs"
BRON_ZELF = "zelf"
BronDtype = pd.CategoricalDtype([BRON_AFGELEID, BRON_ZELF])


@dataclass(frozen=True)
class GroupingConfig:
    """Which position groups the analysis downstream.

    ``afgeleid`` (default): the CBS-derived ``positie_cbs`` where available, else the ticked
    ``positie_zelf``; ``zelf``: always what the respondent ticked. "Weet ik niet" is no group.
    """

    bron: Literal["afgeleid", "zelf"] = setting("afgeleid", reason=(
        "Derived by default: the CBS position is measured the same way for every municipality, "
        "while two respondents of one municipality can tick different positions."))


def add_positie_cbs(responses: pd.DataFrame, gemeenten: pd.DataFrame | None) -> pd.DataFrame:
    """``responses`` with ``positie_cbs`` (categorical of the three types; NA when unknown).

    ``gemeenten`` may be None (no CBS data): the column is then all NA.
    """
    out = responses.copy()
    codes = out["gemeente_code"].astype("string")
    if gemeenten is None or gemeenten.empty:
        values = pd.Series(pd.NA, index=out.index, dtype="string")
    else:
        lookup = pd.Series(gemeenten["positie_cbs"].astype("string").to_numpy(),
                           index=gemeenten["gemeente_code"].astype("string").to_numpy())
        values = codes.map(lookup)
    out["positie_cbs"] = pd.Categorical(values, dtype=PositieDtype)
    return out


def _known_zelf(responses: pd.DataFrame) -> pd.Series:
    """positie_zelf restricted to the three types (weet_niet and NA -> NA)."""
    values = responses["positie_zelf"].astype("string")
    values = values.where(values.isin(POSITIE_TYPES))
    return pd.Series(pd.Categorical(values, dtype=PositieDtype), index=responses.index)


@dataclass
class Agreement:
    crosstab: pd.DataFrame        # rows positie_zelf (incl. weet_niet/onbekend), cols positie_cbs
    kappa: float | None           # Cohen's kappa over responses with both positions known
    n: int                        # responses with both known
    verschillen: pd.DataFrame     # municipalities where ticked and derived differ


def agreement(responses: pd.DataFrame) -> Agreement:
    """Cross-table of ticked vs derived position, Cohen's kappa, and the differing municipalities.

    Needs ``positie_zelf`` and ``positie_cbs`` (see :func:`add_positie_cbs`). The unit is the
    response; a municipality with several respondents counts several times.
    """
    zelf_rows = responses["positie_zelf"].astype("string").fillna("onbekend")
    zelf_order = [*POSITIE_TYPES, "weet_niet", "onbekend"]
    crosstab = pd.crosstab(pd.Categorical(zelf_rows, categories=zelf_order),
                           responses["positie_cbs"], dropna=False,
                           rownames=["positie_zelf"], colnames=["positie_cbs"])
    zelf = _known_zelf(responses)
    both = zelf.notna() & responses["positie_cbs"].notna()
    n = int(both.sum())
    kappa: float | None = None
    if n >= 2:
        a = zelf[both].astype(str).to_numpy()
        b = responses.loc[both, "positie_cbs"].astype(str).to_numpy()
        value = cohen_kappa_score(a, b, labels=list(POSITIE_TYPES))
        kappa = None if np.isnan(value) else float(value)
    differ = both & (zelf.astype("string") != responses["positie_cbs"].astype("string"))
    verschillen = (responses.loc[differ, ["gemeente_code", "gemeente_naam", "positie_zelf",
                                          "positie_cbs"]]
                   .astype({"gemeente_code": "string", "gemeente_naam": "string",
                            "positie_zelf": "string", "positie_cbs": "string"})
                   .groupby(["gemeente_code", "gemeente_naam", "positie_zelf", "positie_cbs"],
                            observed=True, dropna=False)
                   .size().rename("n_respondenten").reset_index()
                   .sort_values(["gemeente_naam", "positie_zelf"], ignore_index=True))
    return Agreement(crosstab, kappa, n, verschillen)


def positie(responses: pd.DataFrame, config: GroupingConfig = GroupingConfig()) -> pd.Series:
    """The grouping column ``positie`` (categorical of the three types, NA = no group).

    See :class:`GroupingConfig`; ``positie_bron`` in :func:`positie_bron` says which was used.
    """
    zelf = _known_zelf(responses)
    if config.bron == "zelf" or "positie_cbs" not in responses.columns:
        result = zelf
    else:
        result = responses["positie_cbs"].astype(PositieDtype).fillna(zelf)
    return pd.Series(pd.Categorical(result, dtype=PositieDtype), index=responses.index,
                     name="positie")


def positie_bron(responses: pd.DataFrame, config: GroupingConfig = GroupingConfig()) -> pd.Series:
    """Per response where :func:`positie` came from: ``cbs``, ``zelf`` or NA."""
    zelf_known = _known_zelf(responses).notna()
    if config.bron == "zelf" or "positie_cbs" not in responses.columns:
        cbs_known = pd.Series(False, index=responses.index)
    else:
        cbs_known = responses["positie_cbs"].notna()
    labels = np.select([cbs_known.to_numpy(bool), zelf_known.to_numpy(bool)],
                       [BRON_AFGELEID, BRON_ZELF], default=None)
    return pd.Series(pd.Categorical(labels, dtype=BronDtype), index=responses.index,
                     name="positie_bron")


def answer_profiles(answers: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """One row per responding municipality: its answer profile, averaged over its respondents.

    Columns (Float64), index ``gemeente_code``:

    * ``n_respondenten``;
    * ``urgentie_<T>``: mean urgency (1..5) of theme T (question ``<T>_urgentie``);
    * ``opgave_<id>``: share of the municipality's respondents who answered ``<T>_opgaven``
      and chose opgave ``<id>``;
    * ``rang_<T>``: mean rank of theme T in ``prioriteit`` (1 = highest).
    """
    instrument = load_instrument()
    themes = list(instrument.theme_codes)
    opgave_question = {o.id: f"{t}_opgaven" for t in themes
                       for o in instrument[f"{t}_opgaven"].options}
    gem = responses[["response_id", "gemeente_code"]].astype(
        {"response_id": "string", "gemeente_code": "string"}).dropna()
    a = answers[["response_id", "question_id", "theme", "item", "value"]].astype(
        {"response_id": "string", "question_id": "string", "theme": "string", "item": "string",
         "value": "Float64"}).merge(gem, on="response_id", how="inner")
    municipalities = pd.Index(sorted(gem["gemeente_code"].unique()), name="gemeente_code")

    frames = [gem.groupby("gemeente_code").size().rename("n_respondenten")]
    urg = a[a["question_id"].isin([f"{t}_urgentie" for t in themes])]
    frames.append(urg.pivot_table(index="gemeente_code", columns="theme", values="value",
                                  aggfunc="mean")
                  .reindex(columns=themes).add_prefix("urgentie_"))

    # Opgaven: share of those who answered the theme's question that chose the opgave; a
    # municipality that answered the question but never chose an opgave gets 0, not NA.
    opg = a[a["question_id"].isin(set(opgave_question.values()))]
    answered = (opg.drop_duplicates(["response_id", "question_id"])
                .groupby(["gemeente_code", "question_id"]).size().rename("n_beantwoord")
                .reset_index())
    chosen = opg[opg["value"].fillna(1).gt(0) & opg["item"].isin(list(opgave_question))]
    counts = (chosen.drop_duplicates(["response_id", "item"])
              .groupby(["gemeente_code", "item"]).size().rename("n_gekozen").reset_index())
    grid = answered.merge(pd.DataFrame({"item": list(opgave_question),
                                        "question_id": list(opgave_question.values())}),
                          on="question_id")
    grid = grid.merge(counts, on=["gemeente_code", "item"], how="left")
    grid["share"] = grid["n_gekozen"].fillna(0) / grid["n_beantwoord"]
    frames.append(grid.pivot(index="gemeente_code", columns="item", values="share")
                  .reindex(columns=list(opgave_question)).add_prefix("opgave_"))

    rank = a[a["question_id"] == "prioriteit"]
    frames.append(rank.pivot_table(index="gemeente_code", columns="item", values="value",
                                   aggfunc="mean")
                  .reindex(columns=themes).add_prefix("rang_"))
    profile = pd.concat([f.reindex(municipalities) for f in frames], axis=1)
    profile.columns.name = None
    return profile.astype("Float64")
