"""Tables and chart data of the comparison in Dutch, for notebook 06 (they only reshape
computed frames)."""

from __future__ import annotations

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.rounds.sentences import (
    ITEM_MEASURE_NAMES,
    MEASURE_NAMES,
    item_label,
    rank_names,
)

GROUP_NAMES = {"Alle gemeenten": "Alle gemeenten",
               "nabij_grotere_stad": "Nabij een grotere stad",
               "polycentrisch": "Polycentrische regio", "monocentrisch": "Monocentrische regio",
               "onbekend": "Positie onbekend"}
"""The groups of the paired change in words (the position codes never reach a reader)."""

NEED_STATUS = {"nieuw": "nieuw gevraagd", "gestegen": "vaker gevraagd", "gelijk": "even vaak",
               "gedaald": "minder vaak gevraagd", "verdwenen": "niet meer gevraagd"}


def _theme_names() -> dict[str, str]:
    inst = load_instrument()
    return {t: inst.theme_name(t) for t in inst.theme_codes}


def dumbbell_data(paired: pd.DataFrame, measure: str = "urgentie") -> pd.DataFrame:
    """One row per theme: the paired municipalities' mean in each round (``thema``,
    ``vorige``, ``nieuwe``)."""
    rows = paired[(paired["measure"] == measure) & (paired["group"] == "Alle gemeenten")]
    return pd.DataFrame({"thema": rows["theme"].map(_theme_names()).to_numpy(),
                         "vorige": rows["oud"].to_numpy(), "nieuwe": rows["nieuw"].to_numpy()})


def change_table(paired: pd.DataFrame, measure: str = "urgentie") -> pd.DataFrame:
    """The paired change per group and theme for one measure, with Dutch headers."""
    rows = paired[paired["measure"] == measure]
    return pd.DataFrame({
        "Positie": rows["group"].astype(str).map(lambda g: GROUP_NAMES.get(g, g)).to_numpy(),
        "Thema": rows["theme"].map(_theme_names()).to_numpy(),
        "Gemeenten in beide rondes": rows["n"].to_numpy(),
        "Vorige ronde": rows["oud"].to_numpy(), "Nieuwe ronde": rows["nieuw"].to_numpy(),
        "Verschil": rows["verschil"].to_numpy(),
        "95%-interval van": rows["ci_laag"].to_numpy(), "tot": rows["ci_hoog"].to_numpy(),
        "p-waarde": rows["p_waarde"].to_numpy(),
        "Let op": ["minder dan 5 gemeenten" if k else "" for k in rows["klein"]],
    })


def estimates_table(estimates: pd.DataFrame, measure: str = "urgentie") -> pd.DataFrame:
    """Each round's own estimate (all its municipalities) with interval, per theme."""
    rows = estimates[estimates["measure"] == measure]
    name = MEASURE_NAMES[measure].removeprefix("de ").removeprefix("het ")
    return pd.DataFrame({
        "Ronde": rows["ronde"].map({"vorige": "vorige ronde", "nieuwe": "nieuwe ronde"})
        .to_numpy(),
        "Thema": rows["theme"].map(_theme_names()).to_numpy(),
        "Gemeenten": rows["n"].to_numpy(), name[:1].upper() + name[1:]: rows["schatting"]
        .to_numpy(),
        "95%-interval van": rows["ci_laag"].to_numpy(), "tot": rows["ci_hoog"].to_numpy()})


def effect_table(effect: pd.DataFrame, measure: str = "urgentie") -> pd.DataFrame:
    """The split of the total change into stayers, joiners and leavers, per theme."""
    rows = effect[effect["measure"] == measure]
    return pd.DataFrame({
        "Thema": rows["theme"].map(_theme_names()).to_numpy(),
        "Vorige ronde (alle gemeenten)": rows["oud_alle"].to_numpy(),
        "Nieuwe ronde (alle gemeenten)": rows["nieuw_alle"].to_numpy(),
        "Totale verandering": rows["totaal"].to_numpy(),
        "Bij dezelfde gemeenten": rows["binnen"].to_numpy(),
        "Door wie erbij kwam": rows["instroom"].to_numpy(),
        "Door wie wegviel": rows["uitstroom"].to_numpy()})


def needs_table(needs: pd.DataFrame) -> pd.DataFrame:
    """The codebook's learning needs per round with what changed, in words (the largest change
    first, needs asked in neither round left out); suggested needs are in
    :func:`suggestions_table`, once."""
    rows = needs[(needs["status"] != "voorstel") & ((needs["n_oud"] > 0) | (needs["n_nieuw"] > 0))]
    order = {s: i for i, s in enumerate(["nieuw", "gestegen", "gedaald", "verdwenen"])}
    rows = rows.assign(_o=rows["status"].astype(str).map(order).fillna(len(order)),
                       _d=-rows["verschil"].abs(), _n=-rows["n_nieuw"]).sort_values(
        ["_o", "_d", "_n"], kind="stable")
    return pd.DataFrame({
        "Leerbehoefte": rows["label"].astype("string").to_numpy(),
        "Thema": rows["theme"].astype(str).map(lambda t: _theme_names().get(t, "–")).to_numpy(),
        "Gemeenten vorige ronde": rows["n_oud"].astype("Int64").to_numpy(),
        "Gemeenten nieuwe ronde": rows["n_nieuw"].astype("Int64").to_numpy(),
        "Verandering": rows["status"].astype(str).map(lambda s: NEED_STATUS.get(s, s))
        .to_numpy()})


def suggestions_table(needs: pd.DataFrame) -> pd.DataFrame:
    """The suggested new needs (not in the codebook), each once: the same suggestion in both
    rounds is one row with its count in each; not compared, since suggestions are numbered
    per round."""
    rows = needs[needs["status"] == "voorstel"]
    if rows.empty:
        return pd.DataFrame(columns=["Voorgestelde behoefte (kernwoorden)", "Thema",
                                     "Gemeenten vorige ronde", "Gemeenten nieuwe ronde"])
    grouped = (rows.assign(theme=rows["theme"].astype("string").fillna(""))
               .groupby(["label", "theme"], sort=False, dropna=False)
               [["n_oud", "n_nieuw"]].sum().reset_index()
               .sort_values(["n_nieuw", "n_oud", "label"], ascending=[False, False, True],
                            kind="stable"))
    return pd.DataFrame({
        "Voorgestelde behoefte (kernwoorden)": grouped["label"].astype("string").to_numpy(),
        "Thema": grouped["theme"].astype(str).map(lambda t: _theme_names().get(t, "–"))
        .to_numpy(),
        "Gemeenten vorige ronde": grouped["n_oud"].astype("Int64").to_numpy(),
        "Gemeenten nieuwe ronde": grouped["n_nieuw"].astype("Int64").to_numpy()})


def _place(value: object) -> str:
    return "–" if pd.isna(value) else str(int(value))


def _move(rise: object, old: object, new: object) -> str:
    if pd.isna(old):
        return "nieuw"
    if pd.isna(new):
        return "niet meer in het programma"
    rise = int(rise)
    if rise == 0:
        return "gelijk"
    steps = f"{abs(rise)} plaats{'en' if abs(rise) != 1 else ''}"
    return f"{steps} {'hoger' if rise > 0 else 'lager'}"


def ranks_table(ranks: pd.DataFrame, needs: pd.DataFrame | None = None,
                top: int = 10) -> pd.DataFrame:
    """The programme's places in both rounds, in words: every theme, and the learning needs in
    the top ``top`` of either round (suggested needs are numbered per round and left out; they
    are in :func:`suggestions_table`). Places are whole numbers."""
    names = rank_names(ranks, needs)
    suggestion = ranks["item"].astype(str).str.contains(" (", regex=False)
    in_top = ranks["rang_oud"].le(top).fillna(False) | ranks["rang_nieuw"].le(top).fillna(False)
    keep = (ranks["soort"] == "thema") | (~suggestion & in_top)
    rows = ranks[keep].assign(_t=ranks["soort"].ne("thema")).sort_values(
        ["_t", "rang_nieuw", "rang_oud"], na_position="last", kind="stable")
    return pd.DataFrame({
        "Soort": rows["soort"].astype("string").to_numpy(),
        "Onderwerp": names[rows.index].to_numpy(),
        "Plaats vorige ronde": [_place(v) for v in rows["rang_oud"]],
        "Plaats nieuwe ronde": [_place(v) for v in rows["rang_nieuw"]],
        "Verschuiving": [_move(r, o, n) for r, o, n in zip(
            rows["stijging"], rows["rang_oud"], rows["rang_nieuw"], strict=True)]})


def item_table(item_estimates: pd.DataFrame, item_paired: pd.DataFrame, kind: str
               ) -> pd.DataFrame:
    """Per opgave (``kind="opgave"``) or stelling and measure: each round's estimate over all
    its municipalities with its 95% interval, and the paired change among the municipalities
    that answered both rounds with interval and p-value."""
    est = item_estimates[item_estimates["soort"] == kind]
    pair = item_paired[item_paired["soort"] == kind].set_index(["item", "measure"])
    rounds = {r: est[est["ronde"] == r].set_index(["item", "measure"])
              for r in ("vorige", "nieuwe")}
    keys = list(pair.index)

    def col(frame: pd.DataFrame, name: str) -> list:
        return [frame[name].get(k, float("nan")) for k in keys]

    return pd.DataFrame({
        "Onderdeel": [item_label(kind, i, t, th) for (i, _), t, th in
                      zip(keys, pair["tekst"], pair["theme"], strict=True)],
        "Maat": [ITEM_MEASURE_NAMES[m] for _, m in keys],
        "Vorige ronde": col(rounds["vorige"], "schatting"),
        "Vorige: 95%-interval van": col(rounds["vorige"], "ci_laag"),
        "Vorige: tot": col(rounds["vorige"], "ci_hoog"),
        "Nieuwe ronde": col(rounds["nieuwe"], "schatting"),
        "Nieuwe: 95%-interval van": col(rounds["nieuwe"], "ci_laag"),
        "Nieuwe: tot": col(rounds["nieuwe"], "ci_hoog"),
        "Gemeenten in beide rondes": pair["n"].to_numpy(),
        "Verschil bij hen": pair["verschil"].to_numpy(),
        "Verschil: 95%-interval van": pair["ci_laag"].to_numpy(),
        "Verschil: tot": pair["ci_hoog"].to_numpy(),
        "p-waarde": pair["p_waarde"].to_numpy()})
