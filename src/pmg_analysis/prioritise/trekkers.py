"""Who leads each item: one proposed trekker, the alternates apart, and why.

A candidate is a municipality behind the item that offered to lead the item's theme (the
survey asks "Bij welke thema's wil uw gemeente trekker zijn van een werkgroep of leerkring?").
The candidates are ordered by one rule, also used to hand out the trekkers of the leerkringen:

1. the municipality that finds the theme most urgent (its own urgency, 1-5): the item is most
   pressing for it, so it is the most likely to put in the work;
2. then the one that puts the theme highest in the ranking of the four themes (its mean place);
3. then the one that offers to lead fewer themes: its offer is the most focused, so it is the
   most likely to have the time (a municipality offering all four cannot lead them all);
4. then by name - a tie on all three, said as such.

For a learning question with proposed leerkringen the trekkers of its groups come first, in
group order, so the item's trekker is the trekker of its first group (a better candidate that is
already in the maximum of leerkringen stays an alternate). The table holds the choice and a
reason code (:data:`REASONS`); the Dutch reason is written where it is shown
(:func:`pmg_analysis.prioritise.sentences.trekker_reason`).
"""

from __future__ import annotations

import pandas as pd

# reason codes of ``trekker_reden`` (for the proposed trekker, keuze 1)
ENIGE = "enige_kandidaat"  # the only municipality that offered to lead
URGENTST = "urgentst"  # finds the theme more urgent than the next candidate
HOOGST = "hoogst_gerangschikt"  # as urgent as the next, but ranks the theme higher
GERICHTST = "minste_andere_themas"  # as urgent and as high, but offers to lead fewer themes
NAAM = "gelijk_op_naam"  # as urgent, as high and as focused as the next: chosen by name
LEERKRING = "trekker_eerste_leerkring"  # trekker of the item's first leerkring
REASONS = (ENIGE, URGENTST, HOOGST, GERICHTST, NAAM, LEERKRING)


def preference(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (``urgentie``, ``plaats``, ``n_thema_trekker``, ``gemeente_naam``,
    ``gemeente_code``) sorted by the rule of the module: most urgent first, then highest place,
    then fewest themes offered to lead, then name and code; a missing urgency or place goes
    last. Stable, so the same rows in any order give the same result.

    Examples
    --------
    >>> f = pd.DataFrame({"gemeente_code": ["GM1", "GM2", "GM3", "GM4"],
    ...                   "gemeente_naam": ["Assen", "Breda", "Cuijk", "Delft"],
    ...                   "urgentie": [4.0, 5.0, 5.0, 5.0], "plaats": [1.0, 2.0, 1.5, 1.5],
    ...                   "n_thema_trekker": [1, 1, 3, 2]})
    >>> preference(f)["gemeente_naam"].tolist()
    ['Delft', 'Cuijk', 'Breda', 'Assen']
    """
    keyed = frame.assign(
        _u=-frame["urgentie"].astype("Float64").fillna(0).astype(float).round(9),
        _p=frame["plaats"].astype("Float64").fillna(99).astype(float).round(9),
        _f=_focus(frame),
        _n=frame["gemeente_naam"].astype("string").str.casefold(),
        _c=frame["gemeente_code"].astype("string"))
    return (keyed.sort_values(["_u", "_p", "_f", "_n", "_c"], kind="stable")
            .drop(columns=["_u", "_p", "_f", "_n", "_c"]))


def _focus(frame: pd.DataFrame) -> pd.Series:
    if "n_thema_trekker" not in frame.columns:
        return pd.Series(0, index=frame.index)
    return frame["n_thema_trekker"].fillna(0).astype(int)


def _reason(first: pd.Series, second: pd.Series | None) -> str:
    if second is None:
        return ENIGE
    u1, u2 = (pd.to_numeric(x["urgentie"]) for x in (first, second))
    p1, p2 = (pd.to_numeric(x["plaats"]) for x in (first, second))
    u1, u2 = (-1.0 if pd.isna(u) else round(float(u), 9) for u in (u1, u2))
    p1, p2 = (99.0 if pd.isna(p) else round(float(p), 9) for p in (p1, p2))
    if u1 > u2:
        return URGENTST
    if p1 < p2:
        return HOOGST
    f1, f2 = (int(x.get("n_thema_trekker", 0) or 0) for x in (first, second))
    if f1 < f2:
        return GERICHTST
    return NAAM


def choose_trekkers(members: pd.DataFrame, leden: pd.DataFrame | None = None) -> pd.DataFrame:
    """``members`` (:func:`~pmg_analysis.prioritise.score.programme_members`) with
    ``trekker_keuze`` (Int64: 1 = the proposed trekker, 2, 3 ... the alternates in order of
    preference, NA for a municipality that did not offer) and ``trekker_reden`` (a code of
    :data:`REASONS` on the proposed trekker, NA elsewhere). ``leden``: the members of the
    leerkringen (``leerkring``, ``item``, ``gemeente_code``, ``rol``); their trekkers come
    first for their item.

    Examples
    --------
    >>> m = pd.DataFrame({"item": ["EA"] * 3, "gemeente_code": ["GM1", "GM2", "GM3"],
    ...                   "gemeente_naam": ["Assen", "Breda", "Cuijk"],
    ...                   "trekker": [True, True, False], "urgentie": [4.0, 5.0, 5.0],
    ...                   "plaats": [1.0, 2.0, 1.0]})
    >>> out = choose_trekkers(m)
    >>> out["trekker_keuze"].tolist(), out["trekker_reden"].tolist()
    ([2, 1, <NA>], [<NA>, 'urgentst', <NA>])
    """
    out = members.reset_index(drop=True).copy()
    keuze = pd.Series(pd.NA, index=out.index, dtype="Int64")
    reden = pd.Series(pd.NA, index=out.index, dtype="string")
    group_leads: dict[str, list[str]] = {}
    if leden is not None and len(leden):
        leads = leden[leden["rol"].astype("string") == "trekker"].sort_values(
            "leerkring", kind="stable")
        for item, code in zip(leads["item"].astype(str), leads["gemeente_code"].astype(str),
                              strict=True):
            group_leads.setdefault(item, []).append(code)
    willing = out[out["trekker"].astype(bool)]
    for item, group in willing.groupby(out["item"].astype("string"), sort=True):
        ordered = preference(group)
        first_groups = group_leads.get(str(item), [])
        codes = ordered["gemeente_code"].astype(str).tolist()
        front = [c for c in first_groups if c in codes]
        order = front + [c for c in codes if c not in front]
        index_of = dict(zip(codes, ordered.index, strict=True))
        for rank, code in enumerate(order, start=1):
            keuze[index_of[code]] = rank
        top = ordered.loc[index_of[order[0]]]
        if front and order[0] != codes[0]:
            reden[index_of[order[0]]] = LEERKRING
        else:
            nxt = ordered.loc[index_of[order[1]]] if len(order) > 1 else None
            reden[index_of[order[0]]] = _reason(top, nxt)
    out["trekker_keuze"] = keuze
    out["trekker_reden"] = reden
    return out
