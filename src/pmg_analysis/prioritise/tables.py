"""The work programme for readers: Dutch column names, scores in points (0-100) and parts as
shares. No computation beyond formatting: the figures come from
:func:`~pmg_analysis.prioritise.work_programme`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis.prioritise.config import PARTS, PriorityConfig
from pmg_analysis.prioritise.sensitivity import BASIS, variants
from pmg_analysis.prioritise.sentences import DEEL_UITLEG

if TYPE_CHECKING:
    pass

PART_NAMES: dict[str, str] = {part: DEEL_UITLEG[part][0] for part in PARTS}
"""Part column -> its Dutch name (Vraag, Urgentie, Breedte, Trekker, Vorm)."""


def item_names(programme: pd.DataFrame) -> pd.Series:
    """What a reader sees for an item: its label in words with its rank within its kind,
    ``"3. Aansluiting onderwijs en arbeidsmarkt"`` (no ids)."""
    return (programme["rang"].astype("Int64").astype("string") + ". "
            + programme["label"].astype("string"))


def joined_names(members: pd.DataFrame, items: pd.Series, *, leads: bool = False,
                 column: str = "gemeente_naam", sep: str = "; ") -> pd.Series:
    """Per item in ``items``: the names (or another ``column``) of the municipalities behind
    it (:func:`~pmg_analysis.prioritise.score.programme_members`; only the candidate trekkers
    with ``leads``), joined by ``sep`` in the table's order; "" when none. For display only.

    Examples
    --------
    >>> m = pd.DataFrame({"item": ["EA", "EA", "LD"], "gemeente_code": ["GM1", "GM2", "GM3"],
    ...                   "gemeente_naam": ["Assen", "Ede", "Oss"],
    ...                   "trekker": [True, False, False]})
    >>> joined_names(m, pd.Series(["EA", "LD", "SV"])).tolist()
    ['Assen; Ede', 'Oss', '']
    >>> joined_names(m, pd.Series(["EA", "LD"]), leads=True).tolist()
    ['Assen', '']
    """
    rows = members[members["trekker"].astype(bool)] if leads else members
    joined = rows.groupby("item", sort=False)[column].agg(lambda v: sep.join(v.astype(str)))
    return pd.Series([joined.get(i, "") for i in items.astype(str)], index=items.index,
                     dtype="string")


def programme_table(programme: pd.DataFrame) -> pd.DataFrame:
    """The ranked programme with Dutch headers; parts as shares (format them as percent), the
    number of candidate trekkers (who they are and who is proposed: :mod:`.board`)."""
    out = pd.DataFrame({
        "rang": programme["rang"].to_numpy(),
        "onderwerp": programme["label"].astype("string").to_numpy(),
        "score": (programme["score"] * 100).to_numpy(),
        **{PART_NAMES[p]: programme[p].to_numpy() for p in PARTS},
        "gemeenten": programme["n_gemeenten"].to_numpy(),
        "voorgestelde vorm": programme["vorm"].astype("string").fillna("–").to_numpy(),
        "kandidaat-trekkers": programme["n_trekkers"].astype("int64").to_numpy(),
        "gevoelig": programme["gevoelig"].map({True: "ja", False: "nee"}).to_numpy(),
    })
    return out


def sensitivity_table(long: pd.DataFrame, programme: pd.DataFrame,
                      config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """Wide, one row per item that is in the top ``config.top_n`` of its kind under the base
    weights or any variant: its rank under each variant, then whether it always stays on top.
    ``long`` is the output of :func:`~pmg_analysis.prioritise.sensitivity`."""
    if long.empty:
        return pd.DataFrame()
    names = dict(zip(programme["item"], programme["label"].astype("string"), strict=True))
    in_top = long.loc[long["rang"] <= config.top_n, "item"].unique()
    order = [name for name, _, _ in variants(config)]
    wide = (long[long["item"].isin(in_top)]
            .pivot(index="item", columns="variant", values="rang").reindex(columns=order))
    wide.columns.name = None
    base = programme.set_index("item").loc[wide.index]
    wide = wide.rename(columns={BASIS: "rang"})
    wide.insert(0, "onderwerp", [names[i] for i in wide.index])
    wide[f"altijd top {config.top_n}"] = base["blijft_in_top"].map({True: "ja", False: "nee"})
    wide["gevoelig"] = base["gevoelig"].map({True: "ja", False: "nee"})
    return (wide.assign(_s=base["soort"], _r=base["rang"]).sort_values(["_s", "_r"])
            .drop(columns=["_s", "_r"]).reset_index(drop=True))
