"""Learning needs and the work programme across two rounds.

Both rounds must be coded with the same codebook (:func:`pmg_analysis.text.learning_needs`
with the same ``codebook``): then a need id means the same in both. Suggested new needs
(``bron == "voorstel"``, ids ``nieuw_1`` ...) are numbered per run and cannot be matched
between rounds; they are listed apart with that reason, never dropped.
"""

from __future__ import annotations

import pandas as pd

STATUS_ORDER = ("nieuw", "gestegen", "gelijk", "gedaald", "verdwenen", "voorstel")


def need_changes(needs_old: pd.DataFrame, needs_new: pd.DataFrame) -> pd.DataFrame:
    """The number of municipalities per learning need in each round, and what changed.

    Parameters
    ----------
    needs_old, needs_new : DataFrame
        ``LearningNeeds.needs`` of each round (``need``, ``bron``, ``label``, ``theme``,
        ``n_gemeenten``).

    Returns
    -------
    DataFrame
        ``need``, ``label``, ``theme``, ``n_oud``, ``n_nieuw``, ``verschil``, ``status`` (nieuw:
        asked only now; verdwenen: asked only before; gestegen, gedaald, gelijk; voorstel: a
        suggested need of one round, not comparable), ``ronde`` (for suggestions: the round),
        sorted by status and the largest change first.
    """
    def codebook(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["bron"] == "codeboek"].set_index("need")

    old, new = codebook(needs_old), codebook(needs_new)
    ids = sorted(set(old.index) | set(new.index))
    n_old = old["n_gemeenten"].reindex(ids).fillna(0).astype("int64")
    n_new = new["n_gemeenten"].reindex(ids).fillna(0).astype("int64")
    label = new["label"].reindex(ids).fillna(old["label"].reindex(ids))
    theme = new["theme"].reindex(ids).fillna(old["theme"].reindex(ids))
    diff = n_new - n_old
    status = pd.Series("gelijk", index=ids, dtype="string")
    status[diff > 0], status[diff < 0] = "gestegen", "gedaald"
    status[(n_old == 0) & (n_new > 0)] = "nieuw"
    status[(n_old > 0) & (n_new == 0)] = "verdwenen"
    out = pd.DataFrame({"need": ids, "label": label.to_numpy(), "theme": theme.to_numpy(),
                        "n_oud": n_old.to_numpy(), "n_nieuw": n_new.to_numpy(),
                        "verschil": diff.to_numpy(), "status": status.to_numpy(),
                        "ronde": pd.NA})
    parts = [out]
    for ronde, frame, column in (("vorige", needs_old, "n_oud"), ("nieuwe", needs_new, "n_nieuw")):
        sug = frame[frame["bron"] != "codeboek"]
        if sug.empty:
            continue
        parts.append(pd.DataFrame({
            "need": sug["need"].to_numpy(), "label": sug["label"].to_numpy(),
            "theme": sug["theme"].to_numpy(),
            "n_oud": sug["n_gemeenten"].to_numpy() if column == "n_oud" else 0,
            "n_nieuw": sug["n_gemeenten"].to_numpy() if column == "n_nieuw" else 0,
            "verschil": 0, "status": "voorstel", "ronde": ronde}))
    out = pd.concat(parts, ignore_index=True)
    out["_o"] = out["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
    out["_d"] = -out["verschil"].abs()
    out = out.sort_values(["_o", "_d", "need"], kind="stable").drop(columns=["_o", "_d"])
    return out.reset_index(drop=True).astype(
        {"need": "string", "label": "string", "theme": "string", "n_oud": "int64",
         "n_nieuw": "int64", "verschil": "int64", "status": "string", "ronde": "string"})


def rank_changes(programme_old: pd.DataFrame, programme_new: pd.DataFrame) -> pd.DataFrame:
    """How the work programme's ranks moved between the rounds.

    Parameters
    ----------
    programme_old, programme_new : DataFrame
        ``WorkProgramme.programma`` of each round (``rang``, ``soort``, ``item``, ``score``).

    Returns
    -------
    DataFrame
        ``soort``, ``item``, ``rang_oud``, ``rang_nieuw`` (Int64, NA when the item is not in
        that round's programme), ``stijging`` (old rank - new rank: positive = moved up),
        ``score_oud``, ``score_nieuw``; sorted by the new rank, then items that dropped out.
    """
    keep = ["soort", "item", "rang", "score"]
    old = programme_old[keep].astype({"soort": "string", "item": "string"})
    new = programme_new[keep].astype({"soort": "string", "item": "string"})
    out = new.merge(old, on=["soort", "item"], how="outer", suffixes=("_nieuw", "_oud"))
    out = out.astype({"rang_oud": "Int64", "rang_nieuw": "Int64"})
    out["stijging"] = (out["rang_oud"] - out["rang_nieuw"]).astype("Int64")
    out = out.sort_values(["rang_nieuw", "rang_oud", "item"], na_position="last")
    return out[["soort", "item", "rang_oud", "rang_nieuw", "stijging", "score_oud",
                "score_nieuw"]].reset_index(drop=True)
