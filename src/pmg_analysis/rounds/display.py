"""Tables and chart data of the comparison in Dutch, for notebook 06 (they only reshape
computed frames)."""

from __future__ import annotations

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.rounds.sentences import ITEM_MEASURE_NAMES, MEASURE_NAMES, item_label


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
        "groep": rows["group"].to_numpy(), "thema": rows["theme"].map(_theme_names()).to_numpy(),
        "gemeenten": rows["n"].to_numpy(), "vorige": rows["oud"].to_numpy(),
        "nieuwe": rows["nieuw"].to_numpy(), "verschil": rows["verschil"].to_numpy(),
        "95%-interval van": rows["ci_laag"].to_numpy(), "tot": rows["ci_hoog"].to_numpy(),
        "p-waarde": rows["p_waarde"].to_numpy(),
        "let op": ["minder dan 5 gemeenten" if k else "" for k in rows["klein"]],
    })


def estimates_table(estimates: pd.DataFrame, measure: str = "urgentie") -> pd.DataFrame:
    """Each round's own estimate (all its municipalities) with interval, per theme."""
    rows = estimates[estimates["measure"] == measure]
    return pd.DataFrame({
        "ronde": rows["ronde"].to_numpy(), "thema": rows["theme"].map(_theme_names()).to_numpy(),
        "gemeenten": rows["n"].to_numpy(), MEASURE_NAMES[measure]: rows["schatting"].to_numpy(),
        "95%-interval van": rows["ci_laag"].to_numpy(), "tot": rows["ci_hoog"].to_numpy()})


def effect_table(effect: pd.DataFrame, measure: str = "urgentie") -> pd.DataFrame:
    """The split of the total change into stayers, joiners and leavers, per theme."""
    rows = effect[effect["measure"] == measure]
    return pd.DataFrame({
        "thema": rows["theme"].map(_theme_names()).to_numpy(),
        "vorige (alle)": rows["oud_alle"].to_numpy(),
        "nieuwe (alle)": rows["nieuw_alle"].to_numpy(),
        "totaal": rows["totaal"].to_numpy(), "bij dezelfde gemeenten": rows["binnen"].to_numpy(),
        "door wie erbij kwam": rows["instroom"].to_numpy(),
        "door wie wegviel": rows["uitstroom"].to_numpy()})


def needs_table(needs: pd.DataFrame) -> pd.DataFrame:
    """Learning needs per round with what changed (codebook needs; suggestions apart)."""
    return pd.DataFrame({
        "leerbehoefte": needs["label"].to_numpy(), "thema": needs["theme"].to_numpy(),
        "gemeenten vorige": needs["n_oud"].to_numpy(),
        "gemeenten nieuwe": needs["n_nieuw"].to_numpy(), "status": needs["status"].to_numpy()})


def ranks_table(ranks: pd.DataFrame) -> pd.DataFrame:
    """The work programme's ranks in both rounds."""
    return pd.DataFrame({
        "soort": ranks["soort"].to_numpy(), "onderwerp": ranks["item"].to_numpy(),
        "plaats vorige": ranks["rang_oud"].to_numpy(),
        "plaats nieuwe": ranks["rang_nieuw"].to_numpy(),
        "gestegen (plaatsen)": ranks["stijging"].to_numpy()})


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
        "onderdeel": [item_label(kind, i, t, th) for (i, _), t, th in
                      zip(keys, pair["tekst"], pair["theme"], strict=True)],
        "maat": [ITEM_MEASURE_NAMES[m] for _, m in keys],
        "vorige ronde": col(rounds["vorige"], "schatting"),
        "vorige van": col(rounds["vorige"], "ci_laag"),
        "vorige tot": col(rounds["vorige"], "ci_hoog"),
        "nieuwe ronde": col(rounds["nieuwe"], "schatting"),
        "nieuwe van": col(rounds["nieuwe"], "ci_laag"),
        "nieuwe tot": col(rounds["nieuwe"], "ci_hoog"),
        "gemeenten in beide": pair["n"].to_numpy(),
        "verschil bij hen": pair["verschil"].to_numpy(),
        "95%-interval van": pair["ci_laag"].to_numpy(), "tot": pair["ci_hoog"].to_numpy(),
        "p-waarde": pair["p_waarde"].to_numpy()})
